// SPDX-License-Identifier: MIT
#include "app/assessment.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "analysis/feeds/hospital_feed.hpp"
#include "analysis/releases/series_query.hpp"

namespace metropoli::app {

namespace {

// The last complete day of the newest release of confirmed cases for the jurisdiction.
Result<Date> default_date(Context& context, const Jurisdiction& j, const AssessmentRequest& request) {
    analysis::ReleaseStore store(*context.db);
    auto release =
        store.pick_release(analysis::Measure::confirmed, analysis::Basis::onset, request.selection.release,
                           request.selection.source, context.region.municipalities_of(j));
    if (!release) return release.error();
    return release->info.release_date - request.options.incomplete_days;
}

Result<DayIndicators> indicators_of(Context& context, const Jurisdiction& j, Date date,
                                    const AssessmentRequest& request) {
    analysis::ReleaseStore store(*context.db);
    DayIndicators out;
    out.jurisdiction = &j;
    out.date = date;
    auto inputs = analysis::load_indicator_inputs(store, context.region, j, request.selection,
                                                  bed_lookup(context, j), date, date);
    if (!inputs) return inputs.error();
    out.inputs = std::move(*inputs);
    out.table = analysis::compute_indicators(out.inputs, date, date, request.options);
    out.values = analysis::indicators_on(out.inputs, out.table, date, request.options);
    return out;
}

}  // namespace

analysis::BedLookup bed_lookup(Context& context, const Jurisdiction& j) {
    return [&context, &j](Date from, Date to) -> Result<std::vector<analysis::BedOccupancyDay>> {
        auto days = analysis::hospital_occupancy_range(*context.db, context.region, j, from, to);
        if (!days) return days.error();
        std::vector<analysis::BedOccupancyDay> out;
        out.reserve(days->size());
        for (auto& [day, o] : *days) {
            std::string detail =
                !o.detail.empty()
                    ? std::move(o.detail)
                    : fmt::format("{} ({})", o.date.iso(),
                                  o.method == "absolute" ? "camas sumadas" : "porcentaje publicado");
            out.push_back({day, o.general_pct, o.icu_pct, o.ventilator_pct, std::move(detail), o.date});
        }
        return out;
    };
}

Result<DayIndicators> indicators_for(Context& context, const AssessmentRequest& request) {
    auto j = resolve_jurisdiction(context.region, request.jurisdiction);
    if (!j) return j.error();
    Date date;
    if (request.date) {
        date = *request.date;
    } else {
        auto d = default_date(context, **j, request);
        if (!d) return d.error();
        date = *d;
    }
    return indicators_of(context, **j, date, request);
}

Result<IndicatorSeries> indicator_series_for(Context& context, const AssessmentRequest& request,
                                             std::optional<Date> from, std::optional<Date> to) {
    auto j = resolve_jurisdiction(context.region, request.jurisdiction);
    if (!j) return j.error();
    analysis::ReleaseStore store(*context.db);
    auto inputs = analysis::load_indicator_inputs(store, context.region, **j, request.selection);
    if (!inputs) return inputs.error();
    const auto& confirmed = (*inputs)[analysis::Input::confirmed];
    if (!from || !to) {
        if (!confirmed.present || confirmed.values.empty()) {
            return make_error(ErrorCode::not_found,
                              fmt::format("no confirmed cases stored for {}", (*j)->name));
        }
        Date last = confirmed.release;
        for (const auto& s : inputs->series) {
            if (s.present) last = std::max(last, s.release);
        }
        if (!from) from = confirmed.first;
        if (!to) to = last;
    }
    if (*from > *to)
        return make_error(ErrorCode::invalid_argument,
                          fmt::format("from {} is after to {}", from->iso(), to->iso()));
    if (*to - *from + 1 > k_max_series_days) {
        return make_error(
            ErrorCode::invalid_argument,
            fmt::format("from {} to {} is more than {} days", from->iso(), to->iso(), k_max_series_days));
    }
    auto beds = bed_lookup(context, **j)(*from, *to);
    if (!beds) return beds.error();
    inputs->beds = std::move(*beds);
    IndicatorSeries out;
    out.jurisdiction = *j;
    out.from = *from;
    out.to = *to;
    out.incomplete_days = request.options.incomplete_days;
    const auto table = analysis::compute_indicators(*inputs, *from, *to, request.options);
    for (Date d = *from; d <= *to; d = d + 1)
        out.days.push_back(analysis::indicators_on(*inputs, table, d, request.options));
    out.inputs = std::move(*inputs);
    return out;
}

Result<DayRisk> risk_for(Context& context, const AssessmentRequest& request, const std::string& scheme_id) {
    TRY_ASSIGN(scheme, analysis::load_risk_scheme(data_paths(), scheme_id));
    return risk_for(context, request, std::move(scheme));
}

Result<DayRisk> risk_for(Context& context, const AssessmentRequest& request, analysis::RiskScheme scheme) {
    TRY_ASSIGN(indicators, indicators_for(context, request));
    DayRisk out{std::move(indicators), std::move(scheme), {}};
    out.risk = analysis::assess_risk(out.scheme, out.indicators.values, out.indicators.date);
    return out;
}

Result<RtRun> rt_for(Context& context, const AssessmentRequest& request) {
    analysis::ReleaseStore store(*context.db);
    analysis::SeriesQuery q;
    q.jurisdiction = request.jurisdiction;
    q.measure = analysis::Measure::confirmed;
    q.basis = analysis::Basis::onset;
    q.release = request.selection.release;
    q.source = request.selection.source;
    auto series = analysis::query_series(store, context.region, q);
    if (!series) return series.error();
    RtRun run;
    run.jurisdiction = series->jurisdiction;
    run.release = series->release;
    run.cutoff = series->release.info.release_date - request.options.incomplete_days;
    if (series->points.empty()) {
        return make_error(
            ErrorCode::not_found,
            fmt::format("the {} release of {} has no confirmed cases for {}", run.release.info.source,
                        run.release.info.release_date.iso(), run.jurisdiction->name));
    }
    run.first = series->points.front().first;
    for (const auto& [d, v] : series->points) {
        if (d <= run.cutoff) run.incidence.push_back(static_cast<double>(v));
    }
    if (run.incidence.size() < 2) {
        return make_error(ErrorCode::invalid_argument,
                          fmt::format("fewer than 2 complete days of confirmed cases before {} (the release "
                                      "{} minus {} incomplete days)",
                                      run.cutoff.iso(), run.release.info.release_date.iso(),
                                      request.options.incomplete_days));
    }
    auto estimate = analysis::estimate_rt(run.incidence, request.options.si, request.options.rt);
    if (!estimate) return estimate.error();
    run.estimate = std::move(*estimate);
    return run;
}

Result<MetroView> metro_view(Context& context, const AssessmentRequest& request,
                             const std::string& scheme_id) {
    TRY_ASSIGN(scheme, analysis::load_risk_scheme(data_paths(), scheme_id));
    return metro_view(context, request, std::move(scheme));
}

Result<MetroView> metro_view(Context& context, const AssessmentRequest& request,
                             analysis::RiskScheme scheme) {
    auto zone = resolve_jurisdiction(context.region, request.jurisdiction);
    if (!zone) return zone.error();
    if ((*zone)->kind != JurisdictionKind::metro_zone) {
        return make_error(
            ErrorCode::invalid_argument,
            fmt::format("'{}' is not a metro zone (try {})", request.jurisdiction,
                        context.region.metro_zones.empty() ? "" : context.region.metro_zones.front()));
    }
    MetroView view;
    view.scheme = std::move(scheme);
    if (request.date) {
        view.date = *request.date;
    } else {
        auto d = default_date(context, **zone, request);
        if (!d) return d.error();
        view.date = *d;
    }
    std::vector<const Jurisdiction*> places{*zone};
    for (const auto& code : (*zone)->members) {
        if (const auto* m = context.region.find(code)) places.push_back(m);
    }
    for (const auto* p : places) {
        auto day = indicators_of(context, *p, view.date, request);
        if (!day) return day.error();
        view.indicators.push_back(std::move(*day));
    }
    view.picture.zone = *zone;
    for (size_t i = 0; i < view.indicators.size(); ++i) {
        analysis::PlaceAssessment a{view.indicators[i].jurisdiction,
                                    analysis::assess_risk(view.scheme, view.indicators[i].values, view.date)};
        if (i == 0)
            view.picture.whole = std::move(a);
        else
            view.picture.places.push_back(std::move(a));
    }
    view.picture.divergences = analysis::find_divergences(view.picture.places);
    return view;
}

}  // namespace metropoli::app
