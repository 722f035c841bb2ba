// SPDX-License-Identifier: MIT
#include "app/official_semaforo.hpp"

#include <fmt/format.h>

#include "core/csv.hpp"

namespace metropoli::app {

namespace {
constexpr const char* k_file = "/semaforo/semaforos_bisaloo_wide_2020W22_2023W24.csv";
}

std::pair<std::string, Date> monday_week(Date day) {
    const Date jan1 = *Date::from_ymd(day.year(), 1, 1);
    // 1970-01-01 was a Thursday: days since the epoch + 3, modulo 7, is 0 on Mondays.
    const int jan1_weekday = ((jan1.days() + 3) % 7 + 7) % 7;
    const Date first_monday = jan1 + (7 - jan1_weekday) % 7;
    const int week = day < first_monday ? 0 : (day - first_monday) / 7 + 1;
    const Date monday = week == 0 ? jan1 : first_monday + (week - 1) * 7;
    return {fmt::format("{:04}-W{:02}", day.year(), week), monday};
}

Result<std::optional<OfficialColour>> official_colour(const DataPaths& paths, const std::string& state_name,
                                                      Date day) {
    auto table = read_csv_file(paths.data_dir() + k_file);
    if (!table) return table.error();
    if (table->column("estado") != 0)
        return make_error(ErrorCode::invalid_argument,
                          fmt::format("{}: the first column is not 'estado'", paths.data_dir() + k_file));
    const auto [week, monday] = monday_week(day);
    const int column = table->column(week);
    if (column < 0) return std::optional<OfficialColour>{};
    for (const auto& row : table->rows) {
        if (row[0] != state_name) continue;
        const auto& colour = row[static_cast<size_t>(column)];
        if (colour != "rojo" && colour != "naranja" && colour != "amarillo" && colour != "verde")
            return make_error(ErrorCode::invalid_argument,
                              fmt::format("{}: '{}' in {} for {} is not a semáforo colour",
                                          paths.data_dir() + k_file, colour, week, state_name));
        return std::optional<OfficialColour>{OfficialColour{colour, week, monday}};
    }
    return std::optional<OfficialColour>{};
}

}  // namespace metropoli::app
