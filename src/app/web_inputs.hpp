// SPDX-License-Identifier: MIT
// What the web documents (overview, dashboard, first screen) read the same way: a metro zone and its places,
// each place's inputs from the newest releases with its bed occupancy, its day axis, and the indicator
// options.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/indicators/indicator_query.hpp"
#include "app/context.hpp"
#include "core/date.hpp"

namespace metropoli::app {

// The hospital feed's stored days, so that occupancy is looked up only where it can exist.
std::optional<std::pair<Date, Date>> hospital_days(Context& context);

// The default options with the default parametric serial interval.
analysis::IndicatorOptions web_options();

// A place's inputs from the newest releases, with its bed occupancy over the days the hospital feed holds.
Result<analysis::IndicatorInputs> load_place(Context& context, const Jurisdiction& j,
                                             const std::optional<std::pair<Date, Date>>& hospital);

// The day axis of a place: from its first confirmed case to the newest release of any input.
std::optional<std::pair<Date, Date>> axis_of(const analysis::IndicatorInputs& inputs);

// invalid_argument when `zone` names no metro zone.
Result<const Jurisdiction*> zone_of(Context& context, const std::string& zone);
// The zone first, then its municipalities.
std::vector<const Jurisdiction*> zone_places(Context& context, const Jurisdiction& zone);

}  // namespace metropoli::app
