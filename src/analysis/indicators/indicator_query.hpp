// SPDX-License-Identifier: MIT
// Filling IndicatorInputs for one jurisdiction from the stored releases (and the Red IRAG feed), so that the
// command line, the HTTP API and the risk engine all compute indicators from the same inputs.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "analysis/indicators/indicators.hpp"
#include "analysis/releases/release_store.hpp"
#include "core/region.hpp"

namespace metropoli::analysis {

struct InputSelection {
    std::optional<Date>
        release;         // read every input from the release of this date (missing where it lacks one)
    std::string source;  // "", "ssa" or "municipal"
};

// Bed occupancy of the jurisdiction for each day of [from, to] that has figures, read in one go.
using BedLookup = std::function<Result<std::vector<BedOccupancyDay>>(Date from, Date to)>;

// Each input from the newest release holding it for the jurisdiction's municipalities (or the selected one).
// The population is the 2020 census, summed over the municipalities. With `beds`, the occupancy of the days
// in [beds_from, beds_to] is read.
Result<IndicatorInputs> load_indicator_inputs(ReleaseStore& store, const Region& region,
                                              const Jurisdiction& jurisdiction,
                                              const InputSelection& selection, const BedLookup& beds = {},
                                              Date beds_from = {}, Date beds_to = {});

}  // namespace metropoli::analysis
