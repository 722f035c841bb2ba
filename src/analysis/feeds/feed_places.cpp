// SPDX-License-Identifier: MIT
// Name lookups of states and municipalities for the feeds.
#include "analysis/feeds/feed_places.hpp"

#include <algorithm>
#include <vector>

#include "core/text.hpp"

namespace metropoli::analysis {

namespace {

bool starts_with_words(const std::string& text, const std::string& prefix) {
    return text.size() > prefix.size() && text.compare(0, prefix.size(), prefix) == 0 &&
           text[prefix.size()] == ' ';
}

}  // namespace

const Jurisdiction* find_state_by_name(const Region& region, std::string_view name) {
    const std::string key = name_key(name);
    if (key.empty()) return nullptr;
    // Before the prefix rule: "mexico city" starts with the key of the state "México".
    static const std::vector<std::pair<std::string_view, std::string_view>> k_aliases = {
        {"mexico city", "09"},      {"cdmx", "09"}, {"distrito federal", "09"}, {"state of mexico", "15"},
        {"estado de mexico", "15"},
    };
    for (const auto& [alias, code] : k_aliases) {
        if (key == alias) return region.find(code);
    }
    const Jurisdiction* prefix_match = nullptr;
    int prefix_matches = 0;
    for (const auto& j : region.jurisdictions) {
        if (j.kind != JurisdictionKind::state) continue;
        const std::string state_key = name_key(j.name);
        if (state_key == key) return &j;
        if (starts_with_words(key, state_key) || starts_with_words(state_key, key)) {
            prefix_match = &j;
            ++prefix_matches;
        }
    }
    return prefix_matches == 1 ? prefix_match : nullptr;
}

const Jurisdiction* find_municipality_by_name(const Region& region, std::string_view state_code,
                                              std::string_view name) {
    const std::string key = name_key(name);
    for (const auto& j : region.jurisdictions) {
        if (j.kind == JurisdictionKind::municipality && j.state_code == state_code && name_key(j.name) == key)
            return &j;
    }
    return nullptr;
}

std::string pad_code(std::string_view code) {
    std::string out(trim(code));
    if (out.empty() || !std::all_of(out.begin(), out.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return out;
    if (out.size() == 1) return "0" + out;
    if (out.size() == 4) return "0" + out;
    return out;
}

bool in_region(const Region& region, const Jurisdiction& j) {
    const auto has = [](const std::vector<std::string>& v, const std::string& x) {
        return std::find(v.begin(), v.end(), x) != v.end();
    };
    switch (j.kind) {
        case JurisdictionKind::nation:
            return true;
        case JurisdictionKind::state:
        case JurisdictionKind::municipality:
            return has(region.states, j.state_code);
        case JurisdictionKind::metro_zone:
            return has(region.metro_zones, j.code);
    }
    return false;
}

}  // namespace metropoli::analysis
