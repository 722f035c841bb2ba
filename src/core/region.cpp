// SPDX-License-Identifier: MIT
// Lookups over the region model.
#include "core/region.hpp"

namespace metropoli {

const char* kind_name(JurisdictionKind kind) {
    switch (kind) {
        case JurisdictionKind::nation:
            return "nation";
        case JurisdictionKind::state:
            return "state";
        case JurisdictionKind::municipality:
            return "municipality";
        case JurisdictionKind::metro_zone:
            return "metro_zone";
    }
    return "?";
}

std::optional<JurisdictionKind> parse_kind(std::string_view name) {
    if (name == "nation") return JurisdictionKind::nation;
    if (name == "state") return JurisdictionKind::state;
    if (name == "municipality") return JurisdictionKind::municipality;
    if (name == "metro_zone") return JurisdictionKind::metro_zone;
    return std::nullopt;
}

const Jurisdiction* Region::find(std::string_view code) const {
    auto it = m_index.find(std::string(code));
    return it == m_index.end() ? nullptr : &jurisdictions[it->second];
}

Jurisdiction* Region::find(std::string_view code) {
    auto it = m_index.find(std::string(code));
    return it == m_index.end() ? nullptr : &jurisdictions[it->second];
}

void Region::reindex() {
    m_index.clear();
    for (size_t i = 0; i < jurisdictions.size(); ++i) m_index[jurisdictions[i].code] = i;
}

std::vector<std::string> Region::municipalities_of(const Jurisdiction& j) const {
    switch (j.kind) {
        case JurisdictionKind::municipality:
            return {j.code};
        case JurisdictionKind::metro_zone:
            return j.members;
        case JurisdictionKind::state:
        case JurisdictionKind::nation: {
            std::vector<std::string> out;
            for (const auto& m : jurisdictions) {
                if (m.kind != JurisdictionKind::municipality) continue;
                if (j.kind == JurisdictionKind::nation || m.state_code == j.code) out.push_back(m.code);
            }
            return out;
        }
    }
    return {};
}

}  // namespace metropoli
