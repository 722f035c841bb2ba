// SPDX-License-Identifier: MIT
// Filling IndicatorInputs for one jurisdiction from the stored releases (and the Red IRAG feed), so that the
// command line, the HTTP API and the risk engine all compute indicators from the same inputs.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "analysis/indicators.hpp"
#include "analysis/release_store.hpp"
#include "core/region.hpp"

namespace metropoli::analysis {

struct InputSelection {
    std::optional<Date> release;  // read every input from the release of this date (missing where it lacks one)
    std::string source;           // "", "ssa" or "municipal"
};

// Bed occupancy of the jurisdiction on a day; nullopt when the feed has nothing for it.
using BedLookup = std::function<Result<std::optional<BedOccupancyDay>>(Date)>;

// Each input from the newest release holding it for the jurisdiction's municipalities (or the selected one).
// The population is the 2020 census, summed over the municipalities. With `beds`, the occupancy of every day in
// [beds_from, beds_to] is looked up.
Result<IndicatorInputs> load_indicator_inputs(ReleaseStore& store, const Region& region, const Jurisdiction& jurisdiction,
                                              const InputSelection& selection, const BedLookup& beds = {},
                                              Date beds_from = {}, Date beds_to = {});

}  // namespace metropoli::analysis
