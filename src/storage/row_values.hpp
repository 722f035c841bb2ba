// SPDX-License-Identifier: MIT
// Reading nullable columns of a SOCI row, the same way on both engines.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>

#include "core/date.hpp"
#include "storage/database.hpp"

namespace metropoli::storage {

// A text column, or "" for NULL.
inline std::string text_or_empty(const soci::row& row, std::size_t column) {
    return row.get_indicator(column) == soci::i_ok ? row.get<std::string>(column) : std::string();
}

// A text column, or nullopt for NULL.
inline std::optional<std::string> optional_text(const soci::row& row, std::size_t column) {
    if (row.get_indicator(column) != soci::i_ok) return std::nullopt;
    return row.get<std::string>(column);
}

// An integer column (whatever type the engine reports), or nullopt for NULL.
inline std::optional<int64_t> optional_id(const soci::row& row, std::size_t column) {
    if (row.get_indicator(column) != soci::i_ok) return std::nullopt;
    return get_int64(row, column);
}

// A small integer column (a level, a percentage, a count of people), or nullopt for NULL.
inline std::optional<int> optional_int(const soci::row& row, std::size_t column) {
    if (row.get_indicator(column) != soci::i_ok) return std::nullopt;
    return static_cast<int>(get_int64(row, column));
}

// An ISO date column, or nullopt for NULL or a text that is not a date.
inline std::optional<Date> optional_date(const soci::row& row, std::size_t column) {
    auto text = optional_text(row, column);
    return text ? Date::parse_iso(*text) : std::nullopt;
}

}  // namespace metropoli::storage
