// SPDX-License-Identifier: MIT
// Indicators, Rt, risk levels and the metro picture of a place, read from the stored releases and feeds: the
// one service the command line and the HTTP API call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/indicators/indicator_query.hpp"
#include "analysis/risk/metro_picture.hpp"
#include "analysis/risk/risk.hpp"
#include "app/context.hpp"

namespace metropoli::app {

struct AssessmentRequest {
    std::string jurisdiction;
    std::optional<Date> date;  // default: the last complete day of the newest confirmed-case release
    analysis::InputSelection selection;
    analysis::IndicatorOptions options = analysis::default_indicator_options();
};

struct DayIndicators {
    const Jurisdiction* jurisdiction = nullptr;
    Date date;
    analysis::IndicatorInputs inputs;
    analysis::IndicatorTable table;
    std::vector<analysis::IndicatorValue> values;
};

Result<DayIndicators> indicators_for(Context& context, const AssessmentRequest& request);

// Every indicator of a place on every day of [from, to], computed once over the whole run (as indicators_for
// would give each day). Default axis: from the place's first confirmed case to the newest release of any
// input. invalid_argument when from > to or the run is longer than k_max_series_days; not_found without
// confirmed cases.
inline constexpr int k_max_series_days = 3660;
struct IndicatorSeries {
    const Jurisdiction* jurisdiction = nullptr;
    Date from, to;
    int incomplete_days = 0;
    analysis::IndicatorInputs inputs;
    std::vector<std::vector<analysis::IndicatorValue>> days;  // days[i]: the indicators of from + i
};
Result<IndicatorSeries> indicator_series_for(Context& context, const AssessmentRequest& request,
                                             std::optional<Date> from, std::optional<Date> to);

// The Red IRAG occupancy of a jurisdiction, day by day, as the indicators read it (`context` and `j` must
// outlive it).
analysis::BedLookup bed_lookup(Context& context, const Jurisdiction& j);

struct DayRisk {
    DayIndicators indicators;
    analysis::RiskScheme scheme;
    analysis::RiskAssessment risk;  // points into `scheme`: keep them together
};
// `scheme`: the id of a bundled scheme (never a path).
Result<DayRisk> risk_for(Context& context, const AssessmentRequest& request, const std::string& scheme);
Result<DayRisk> risk_for(Context& context, const AssessmentRequest& request, analysis::RiskScheme scheme);

// Rt for the jurisdiction over its confirmed cases by onset, the incomplete days left out.
struct RtRun {
    const Jurisdiction* jurisdiction = nullptr;
    analysis::StoredRelease release;
    Date first;   // day 1 of the incidence
    Date cutoff;  // its last day: the release date minus the incomplete days
    std::vector<double> incidence;
    analysis::RtEstimate estimate;
};
Result<RtRun> rt_for(Context& context, const AssessmentRequest& request);

// Every municipality of a metro zone, and the zone itself, assessed by one scheme on one day.
struct MetroView {
    analysis::RiskScheme scheme;
    Date date;
    std::vector<DayIndicators> indicators;  // the zone first, then its municipalities
    analysis::MetroPicture picture;
};
Result<MetroView> metro_view(Context& context, const AssessmentRequest& request, const std::string& scheme);
Result<MetroView> metro_view(Context& context, const AssessmentRequest& request, analysis::RiskScheme scheme);

}  // namespace metropoli::app
