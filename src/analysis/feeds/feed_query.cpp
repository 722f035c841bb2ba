// SPDX-License-Identifier: MIT
// Reading a feed metric back for the `series` command.
#include "analysis/feeds/feed_query.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace metropoli::analysis {

namespace {

std::string metric_list(bool per_hospital_only) {
    std::string out;
    for (const auto& m : feed_metrics()) {
        if (!per_hospital_only || m.per_hospital) out += (out.empty() ? "" : ", ") + std::string(m.name);
    }
    return out;
}

std::string places_text(const Region& region, const std::vector<std::string>& codes) {
    std::string out;
    for (const auto& c : codes) {
        const auto* j = region.find(c);
        out += fmt::format("{}{}{}", out.empty() ? "" : ", ", c, j ? " (" + j->name + ")" : std::string());
    }
    return out;
}

}  // namespace

Result<FeedSeriesResult> query_feed_series(FeedStore& store, const Region& region, const FeedSeriesQuery& q) {
    FeedSeriesResult result;
    result.metric = find_feed_metric(q.metric);
    if (!result.metric) {
        return make_error(
            ErrorCode::invalid_argument,
            fmt::format("unknown feed metric '{}'; feed metrics: {}", q.metric, metric_list(false)));
    }
    const std::string metric(result.metric->name);
    const std::string feed(feed_name(result.metric->feed));

    if (!q.hospital.empty()) {
        if (!result.metric->per_hospital) {
            return make_error(ErrorCode::invalid_argument,
                              fmt::format("hospitals publish only percentages ({}); {} is a state figure",
                                          metric_list(true), metric));
        }
        std::string clues = q.hospital;
        std::transform(clues.begin(), clues.end(), clues.begin(),
                       [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
        auto unit = store.unit(clues);
        if (!unit) return unit.error();
        if (!*unit) {
            return make_error(
                ErrorCode::not_found,
                fmt::format("no hospital with CLUES {} is stored; ingest the Red IRAG per-hospital file "
                            "(metropoli ingest hospital FILE)",
                            clues));
        }
        result.hospital = **unit;
        result.jurisdiction = region.find(result.hospital->jurisdiction);
        auto values = store.load(metric, {}, clues, q.from, q.to);
        if (!values) return values.error();
        for (const auto& v : *values) result.points.emplace_back(v.date, v.value);
        return result;
    }

    auto j = resolve_jurisdiction(region, q.jurisdiction);
    if (!j) return j.error();
    result.jurisdiction = *j;
    auto holders = store.holders(metric);
    if (!holders) return holders.error();
    if (holders->empty()) {
        return make_error(
            ErrorCode::not_found,
            fmt::format("no {} is stored: ingest the {} feed first (metropoli ingest {} FILE...)", metric,
                        feed, feed));
    }
    if (std::find(holders->begin(), holders->end(), (*j)->code) == holders->end()) {
        std::string hint;
        if (result.metric->feed == Feed::hospital) {
            const std::string state =
                (*j)->kind == JurisdictionKind::municipality ? (*j)->state_code : holders->front();
            hint = fmt::format(
                "; Red IRAG publishes by state and by hospital: ask for the state ({}) or a "
                "hospital (its CLUES)",
                state);
        }
        return make_error(ErrorCode::not_found,
                          fmt::format("the {} feed has no {} for {} ({}); it holds it for {}{}", feed, metric,
                                      (*j)->code, (*j)->name, places_text(region, *holders), hint));
    }
    auto values = store.load(metric, {(*j)->code}, "", q.from, q.to);
    if (!values) return values.error();
    for (const auto& v : *values) result.points.emplace_back(v.date, v.value);
    return result;
}

}  // namespace metropoli::analysis
