// SPDX-License-Identifier: MIT
// Red IRAG bed occupancy of a jurisdiction on a day, for the risk engine: from the states it lies in,
// absolute counts summed when stored, else the published percentages.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/date.hpp"
#include "core/region.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::analysis {

struct BedOccupancy {
    Date date;                                                   // the day the figures are for
    std::optional<double> general_pct, icu_pct, ventilator_pct;  // 0..100
    std::string method;  // "absolute": summed occupied/total beds; "percent": published percent
    std::string detail;  // Spanish, e.g. "Coahuila 45.2 %, Durango 38.1 %; se toma la mayor"
};

// Red IRAG occupancy for a jurisdiction on `date`: the states it lies in (a municipality's state, a state,
// the member states of a metro zone). Absolute counts summed over those states when stored for that date;
// else the published state percentage (for several states, the highest, named in `detail`). Uses the latest
// stored day within 7 days up to `date`; nullopt when there is none.
//
// Precisely: the days from `date` - 6 to `date` are tried newest first. A day qualifies for "absolute" when
// every one of the states has general-bed occupied and total counts on it; general_pct is 100 × Σ occupied /
// Σ total and ventilator_pct likewise from the ventilator beds (when every state has them); icu_pct stays
// empty (the absolute extraction has no separate ICU count). Otherwise a day qualifies for "percent" when
// every state has a published percentage on it; each of the three figures is then the highest over the states
// that publish it. The nation spans all 32 states, so it qualifies only when all of them are stored.
Result<std::optional<BedOccupancy>> hospital_occupancy(storage::Database& db, const Region& region,
                                                       const Jurisdiction& jurisdiction, Date date);

// The same rule for every day of [from, to], reading the feed once: one entry per day that has figures,
// paired with that day (the figures' own `date` may be up to 6 days earlier).
Result<std::vector<std::pair<Date, BedOccupancy>>> hospital_occupancy_range(storage::Database& db,
                                                                            const Region& region,
                                                                            const Jurisdiction& jurisdiction,
                                                                            Date from, Date to);

}  // namespace metropoli::analysis
