// SPDX-License-Identifier: MIT
// Internal to the activity rules: what their files share (database errors, refusals, field errors, lists kept
// as ';'-separated text). Not part of the library's interface.
#pragma once

#include <fmt/format.h>

#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "access/actor.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::homologation::detail {

// Runs a read, turning a SOCI exception into ErrorCode::database naming the database.
template <class F>
auto reading(storage::Database& db, F&& read) -> decltype(read()) {
    try {
        return read();
    } catch (const std::exception& e) {
        return make_error(ErrorCode::database, fmt::format("database {}: {}", db.display_url(), e.what()));
    }
}

// The refusal of `action` to `who`: unauthenticated for anonymous, forbidden otherwise.
inline Error refused(const access::Actor& who, std::string_view action) {
    if (who.anonymous()) {
        return make_error(ErrorCode::unauthenticated,
                          fmt::format("inicie sesión para hacer esto / sign in to do this ({})", action));
    }
    return make_error(
        ErrorCode::forbidden,
        fmt::format("{} no tiene permiso para esto / {} may not do this ({})", who.label, who.label, action));
}

// A field error: "/field: why".
inline Error invalid(std::string_view field, std::string_view why) {
    return make_error(ErrorCode::invalid_argument, fmt::format("/{}: {}", field, why));
}

// "a;b" -> {"a", "b"}; "" -> {}.
inline std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = text.find(';', start);
        out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

inline std::string join_list(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ";") + item;
    return out;
}

}  // namespace metropoli::homologation::detail
