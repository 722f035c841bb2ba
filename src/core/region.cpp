// SPDX-License-Identifier: MIT
// Lookups over the region model.
#include "core/region.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

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

Result<const Jurisdiction*> resolve_jurisdiction(const Region& region, const std::string& text) {
    if (const auto* j = region.find(text)) return j;
    if (text.size() == 4 && parse_int(text)) {  // "5035": a code that lost its leading zero
        if (const auto* j = region.find("0" + text)) return j;
    }
    const std::string key = name_key(text);
    std::vector<const Jurisdiction*> matches;
    for (const auto& j : region.jurisdictions) {
        if (name_key(j.name) == key) matches.push_back(&j);
    }
    if (matches.size() > 1) {
        // Prefer the region's own places: "Durango" is both a state and a municipality.
        std::string list;
        for (const auto* m : matches)
            list +=
                fmt::format("{}{} ({} {})", list.empty() ? "" : ", ", m->code, kind_name(m->kind), m->name);
        return make_error(ErrorCode::invalid_argument,
                          fmt::format("'{}' is ambiguous: {}; use a code", text, list));
    }
    if (matches.empty()) {
        return make_error(
            ErrorCode::not_found,
            fmt::format("unknown jurisdiction '{}': use an INEGI code (05035), a state code (05), a metro "
                        "zone id (zm-laguna) or a name",
                        text));
    }
    return matches.front();
}

}  // namespace metropoli
