// SPDX-License-Identifier: MIT
// Internal to access: what its stores share (database errors, JSON columns, permission refusals). Not part of
// the library's interface.
#pragma once

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "access/actor.hpp"
#include "access/refusal.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"
#include "storage/reading.hpp"

namespace metropoli::access::detail {

using access::refused;
using storage::reading;

inline std::string ascii_lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return out;
}

// A TEXT column holding a JSON array of strings; empty for anything else.
inline std::vector<std::string> string_list(const std::string& text) {
    std::vector<std::string> out;
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (!parsed.is_array()) return out;
    for (const auto& v : parsed) {
        if (v.is_string()) out.push_back(v.get<std::string>());
    }
    return out;
}

inline std::string list_text(const std::vector<std::string>& list) {
    return nlohmann::json(list).dump();
}

}  // namespace metropoli::access::detail
