// SPDX-License-Identifier: MIT
// The weekly positivity by classification of the states a place lies in, beside the place's own figures: from
// the bundled state series of the SSA tablero (data/ssa_state/, analysis/ingest/state_series), per day of the
// dashboard's axis, by the newest cut-off that covers the day.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/region.hpp"
#include "core/region_loader.hpp"
#include "core/result.hpp"

namespace metropoli::app {

// One entry per state of `states` that the series hold: its code and name, the cut-offs read, and per day of
// [from, to] the positivity, the share pending, the window's confirmed, negative and suspected people and the
// index of the cut-off read (all null on days no cut-off covers); `incomplete_from`, the first day the
// newest cut-off still completes. An error when the bundled files cannot be read.
Result<nlohmann::json> state_positivity_json(const DataPaths& paths, const Region& region,
                                             const std::vector<std::string>& states, Date from, Date to,
                                             int incomplete_days);

}  // namespace metropoli::app
