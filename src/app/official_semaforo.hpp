// SPDX-License-Identifier: MIT
// The official federal semáforo colour of a state in the week of a day, from the bundled compilation of the
// published colours (data/semaforo/, see its PROVENANCE.md). Shown beside the levels Metrópoli computes,
// never mixed with them.
#pragma once

#include <optional>
#include <string>

#include "core/date.hpp"
#include "core/region_loader.hpp"
#include "core/result.hpp"

namespace metropoli::app {

struct OfficialColour {
    std::string colour;  // "rojo", "naranja", "amarillo", "verde"
    std::string week;    // the compilation's column, "2021-W09" (%W: weeks start on the year's first Monday)
    Date monday;         // the first day of that week
};

// The %W week label of a day ("2020-W22" for 2020-06-01 … 2020-06-07) and its Monday.
std::pair<std::string, Date> monday_week(Date day);

// The colour of `state_name` ("Coahuila") in the week of `day`; nullopt when the file has no such week or
// state (2022-W01 is missing). An error when the file cannot be read or has an unexpected shape.
Result<std::optional<OfficialColour>> official_colour(const DataPaths& paths, const std::string& state_name,
                                                      Date day);

}  // namespace metropoli::app
