// SPDX-License-Identifier: MIT
// Internal to coordination: what its stores share (database errors, refusals, optional columns). Not part of
// the library's interface.
#pragma once

#include <fmt/format.h>
#include <soci/soci.h>

#include <exception>
#include <optional>
#include <string>
#include <string_view>

#include "access/actor.hpp"
#include "core/date.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::coordination::detail {

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

inline std::string text_or_empty(const soci::row& row, std::size_t column) {
    return row.get_indicator(column) == soci::i_ok ? row.get<std::string>(column) : std::string();
}

inline std::optional<int64_t> optional_id(const soci::row& row, std::size_t column) {
    if (row.get_indicator(column) != soci::i_ok) return std::nullopt;
    return storage::get_int64(row, column);
}

inline std::optional<Date> optional_date(const soci::row& row, std::size_t column) {
    if (row.get_indicator(column) != soci::i_ok) return std::nullopt;
    return Date::parse_iso(row.get<std::string>(column));
}

}  // namespace metropoli::coordination::detail
