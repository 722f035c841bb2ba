// SPDX-License-Identifier: MIT
// Internal to coordination: what its stores share (database errors, refusals, field errors, optional
// columns, nullable JSON members, blank text), taken from the layers that own them. Not part of the library's
// interface.
#pragma once

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "access/refusal.hpp"
#include "core/date.hpp"
#include "core/field_error.hpp"
#include "storage/reading.hpp"
#include "storage/row_values.hpp"

namespace metropoli::coordination::detail {

using access::refused;
using metropoli::invalid;
using storage::optional_date;
using storage::optional_id;
using storage::reading;
using storage::text_or_empty;

// A nullable JSON member: the value, or null when absent; dates as YYYY-MM-DD.
template <class T>
nlohmann::json optional_json(const std::optional<T>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
inline nlohmann::json optional_json(const std::optional<Date>& v) {
    return v ? nlohmann::json(v->iso()) : nlohmann::json(nullptr);
}

// A text member that is null when empty.
inline nlohmann::json text_or_null(const std::string& s) {
    return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

inline bool one_of(const std::vector<std::string>& keys, const std::string& key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// Empty or only spaces and tabs.
inline bool blank(const std::string& s) {
    return s.find_first_not_of(" \t") == std::string::npos;
}

}  // namespace metropoli::coordination::detail
