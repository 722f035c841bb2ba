// SPDX-License-Identifier: MIT
// Small helpers shared by the query commands: opening the context, date options, CSV fields, numbers.
#pragma once

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <memory>
#include <optional>
#include <string>

#include "app/context.hpp"
#include "cli/commands.hpp"
#include "core/date.hpp"

namespace metropoli::cli {

// Opens the database of a read command: never created, never written when its schema is current.
inline app::Context open_or_throw(const GlobalOptions& global) {
    auto context = app::open_context(global.database, storage::Access::read);
    if (!context) throw CLI::RuntimeError(report_error(context.error()));
    return std::move(*context);
}

inline std::optional<Date> date_option(const std::string& text, const char* name) {
    if (text.empty()) return std::nullopt;
    auto d = Date::parse_iso(text);
    if (!d) throw CLI::ValidationError(name, "'" + text + "' is not a YYYY-MM-DD date");
    return d;
}

inline std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    return out + "\"";
}

// The shortest text that reads back as the same double ("53.66", "322", "-7"; never "-0"); empty when
// missing.
inline std::string number(std::optional<double> v) {
    if (!v || std::isnan(*v)) return "";
    if (*v == 0) return "0";
    return fmt::format("{}", *v);
}

template <class T>
T value_or_throw(Result<T> result) {
    if (!result) throw CLI::RuntimeError(report_error(result.error()));
    return std::move(*result);
}

// Opens the database of a write command: never created (that is `metropoli init`), migrated when behind.
inline std::unique_ptr<storage::Database> open_for_writing(const GlobalOptions& global) {
    return value_or_throw(app::open_database(global.database, storage::Access::write));
}

}  // namespace metropoli::cli
