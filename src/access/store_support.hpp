// SPDX-License-Identifier: MIT
// Internal to access: what its stores share (database errors, JSON columns, permission refusals). Not part of
// the library's interface.
#pragma once

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <exception>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "access/actor.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::access::detail {

inline Error db_error(storage::Database& db, const std::exception& e) {
    return make_error(ErrorCode::database, fmt::format("database {}: {}", db.display_url(), e.what()));
}

// Runs a read, turning a SOCI exception into ErrorCode::database.
template <class F>
auto reading(storage::Database& db, F&& read) -> decltype(read()) {
    try {
        return read();
    } catch (const std::exception& e) {
        return db_error(db, e);
    }
}

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

// The refusal of `action` to `who`: forbidden for an account or the command line, unauthenticated for
// anonymous.
inline Error refused(const Actor& who, std::string_view action) {
    if (who.anonymous()) {
        return make_error(ErrorCode::unauthenticated,
                          fmt::format("inicie sesión para hacer esto / sign in to do this ({})", action));
    }
    return make_error(
        ErrorCode::forbidden,
        fmt::format("{} no tiene permiso para esto / {} may not do this ({})", who.label, who.label, action));
}

inline std::string optional_text(const soci::row& row, std::size_t column) {
    return row.get_indicator(column) == soci::i_ok ? row.get<std::string>(column) : std::string();
}

}  // namespace metropoli::access::detail
