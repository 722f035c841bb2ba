// SPDX-License-Identifier: MIT
// Daily series for any jurisdiction: a municipality's own, or the sum of the municipalities of a state, a
// metro zone or the nation, from one stored release.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/releases/release_store.hpp"
#include "core/region.hpp"

namespace metropoli::analysis {

struct SeriesQuery {
    std::string jurisdiction;
    Measure measure = Measure::confirmed;
    std::optional<Basis> basis;  // default: default_basis(measure)
    std::optional<Date> release;
    std::string source;  // "", "ssa" or "municipal"
    std::optional<Date> from, to;
    std::optional<int> age_band, sex;  // restrict to one cell of the breakdown
};

struct SeriesResult {
    const Jurisdiction* jurisdiction = nullptr;
    StoredRelease release;
    Measure measure = Measure::confirmed;
    Basis basis = Basis::onset;
    std::vector<std::pair<Date, uint64_t>> points;  // every day of the range, zeros included
};

Result<SeriesResult> query_series(ReleaseStore& store, const Region& region, const SeriesQuery& query);

}  // namespace metropoli::analysis
