// SPDX-License-Identifier: MIT
#include "analysis/indicators/indicator_query.hpp"

#include "analysis/releases/series_query.hpp"

namespace metropoli::analysis {

Result<IndicatorInputs> load_indicator_inputs(ReleaseStore& store, const Region& region,
                                              const Jurisdiction& j, const InputSelection& selection,
                                              const BedLookup& beds, Date beds_from, Date beds_to) {
    IndicatorInputs in;
    in.jurisdiction = j.code;
    in.name = j.name;
    in.population =
        static_cast<double>(j.population_census_2020.value_or(j.population_conapo_2020.value_or(0)));
    for (int i = 0; i < k_input_count; ++i) {
        const auto input = static_cast<Input>(i);
        SeriesQuery q;
        q.jurisdiction = j.code;
        q.measure = input_measure(input);
        q.basis = input_basis(input);
        q.release = selection.release;
        q.source = selection.source;
        auto series = query_series(store, region, q);
        if (!series) {
            if (series.error().code == ErrorCode::not_found) continue;  // no release has this input
            return series.error();
        }
        auto& s = in[input];
        s.present = true;
        s.source = series->release.info.source;
        s.release = series->release.info.release_date;
        if (!series->points.empty())
            s.first = series->points.front().first;
        else
            s.first = s.release;
        s.values.reserve(series->points.size());
        for (const auto& [date, value] : series->points) s.values.push_back(static_cast<double>(value));
    }
    if (beds && beds_from <= beds_to) {
        auto days = beds(beds_from, beds_to);
        if (!days) return days.error();
        in.beds = std::move(*days);
    }
    return in;
}

}  // namespace metropoli::analysis
