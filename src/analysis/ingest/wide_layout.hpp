// SPDX-License-Identifier: MIT
// The wide daily layout of the SSA tablero's downloads, by municipality (Casos_Diarios_Municipio_…) and by
// state (Casos_Diarios_Estado_Nacional_…): columns cve_ent, poblacion, nombre, then one column per
// consecutive day (dd-mm-yyyy as published, d/m/yyyy after a spreadsheet round-trip), one row per place.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.hpp"
#include "core/date.hpp"
#include "core/result.hpp"

namespace metropoli::analysis {

inline constexpr size_t k_wide_first_day_column = 3;

struct WideDates {
    std::vector<Date> dates;  // of columns 4, 5, ...
    std::string schema;       // "…-wide-dd-mm-yyyy" or "…-wide-d/m/yyyy", after `kind`
};

// "26-02-2020", "26/02/2020" or "1/3/2020" (day first, as the SSA writes them).
std::optional<Date> parse_day_first(std::string_view s);

// The days of a table in the wide layout: an error naming `path`, the line and the column when the first
// columns are not cve_ent,poblacion,nombre, a day column is not a date, or the days are not consecutive.
// `kind` ("municipal", "state") names the layout in the error and in the schema.
Result<WideDates> wide_dates(const CsvTable& table, const std::string& path, std::string_view kind);

}  // namespace metropoli::analysis
