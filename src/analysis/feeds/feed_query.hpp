// SPDX-License-Identifier: MIT
// Daily (or monthly) series of a feed metric for one jurisdiction or one hospital, as stored: feeds publish
// their own figures per place, so nothing is summed or carried over from another place.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/feeds/feed_store.hpp"
#include "core/region.hpp"

namespace metropoli::analysis {

struct FeedSeriesQuery {
    std::string jurisdiction;  // as core's resolve_jurisdiction takes it; empty with `hospital`
    std::string hospital;      // a CLUES, for the per-hospital percentages
    std::string metric;        // a name of feed_metrics()
    std::optional<Date> from, to;
};

struct FeedSeriesResult {
    const FeedMetric* metric = nullptr;
    const Jurisdiction* jurisdiction = nullptr;  // the place asked for, or the hospital's state
    std::optional<FeedUnit> hospital;
    std::vector<std::pair<Date, double>>
        points;  // stored days only: a day without a figure is absent, not zero
};

// The stored figures of a jurisdiction or hospital. not_found, saying which places hold the metric, when the
// jurisdiction (or hospital) has none at all; an empty result when it has some, none between from and to.
Result<FeedSeriesResult> query_feed_series(FeedStore& store, const Region& region,
                                           const FeedSeriesQuery& query);

}  // namespace metropoli::analysis
