// SPDX-License-Identifier: MIT
// Summing stored municipal series into the series of a jurisdiction.
#include "analysis/releases/series_query.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace metropoli::analysis {

Result<SeriesResult> query_series(ReleaseStore& store, const Region& region, const SeriesQuery& q) {
    auto j = resolve_jurisdiction(region, q.jurisdiction);
    if (!j) return j.error();
    SeriesResult result;
    result.jurisdiction = *j;
    result.measure = q.measure;
    result.basis = q.basis.value_or(default_basis(q.measure));
    if (q.measure != Measure::deaths && result.basis == Basis::death) {
        return make_error(ErrorCode::invalid_argument,
                          "only deaths have a date of death; use the onset or admission basis");
    }
    const bool breakdown = q.age_band || q.sex;
    const auto municipalities = region.municipalities_of(**j);
    auto release = store.pick_release(q.measure, result.basis, q.release, q.source, municipalities);
    if (!release) return release.error();
    auto series = store.load(release->id, q.measure, result.basis, municipalities, breakdown);
    if (!series) return series.error();
    result.release = *release;
    if (breakdown && release->info.source != "ssa") {
        return make_error(ErrorCode::invalid_argument,
                          fmt::format("the {} release of {} has no breakdown by age or sex",
                                      release->info.source, release->info.release_date.iso()));
    }

    std::optional<Date> first, last;
    for (const auto& s : *series) {
        if (s.daily.empty()) continue;
        if (!first || s.first < *first) first = s.first;
        if (!last || s.last() > *last) last = s.last();
    }
    const Date from = q.from.value_or(first.value_or(Date{}));
    const Date to = q.to.value_or(last.value_or(Date{}));
    if ((!q.from && !first) || to < from) return result;  // nothing stored in range
    std::vector<uint64_t> sum(static_cast<size_t>(to - from + 1), 0);
    auto add = [&](Date d, uint64_t v) {
        if (d >= from && d <= to) sum[static_cast<size_t>(d - from)] += v;
    };
    for (const auto& s : *series) {
        if (!breakdown) {
            for (size_t i = 0; i < s.daily.size(); ++i) add(s.first + static_cast<int32_t>(i), s.daily[i]);
            continue;
        }
        for (const auto& c : s.cells) {
            if (q.age_band && c.age_band != *q.age_band) continue;
            if (q.sex && c.sex != *q.sex) continue;
            add(s.first + static_cast<int32_t>(c.offset), c.count);
        }
    }
    for (size_t i = 0; i < sum.size(); ++i)
        result.points.emplace_back(from + static_cast<int32_t>(i), sum[i]);
    return result;
}

}  // namespace metropoli::analysis
