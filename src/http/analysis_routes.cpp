// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include "analysis/releases/series_query.hpp"
#include "app/assessment.hpp"
#include "app/json_views.hpp"
#include "app/parameters.hpp"
#include "http/handler_support.hpp"
#include "http/route_modules.hpp"

namespace metropoli::http {

using nlohmann::json;

namespace {

const ParamSpec k_jurisdiction{
    "jurisdiction", ParamType::text,
    "INEGI code (05035), state (05), metro zone id (zm-laguna) or unambiguous name", "zm-laguna", true};
const ParamSpec k_date{"date", ParamType::date,
                       "Day YYYY-MM-DD (default: the last complete day of the newest release)", "2020-11-15"};
const ParamSpec k_release{"release", ParamType::date,
                          "Read every input from the release of this date (YYYY-MM-DD)"};
const ParamSpec k_source{"source", ParamType::text, "Only releases of this source: ssa or municipal"};

// The parameters of an assessment after `first`: release, source, and the numeric options with their ranges.
std::vector<ParamSpec> assessment_params(std::vector<ParamSpec> first) {
    for (auto p :
         {k_release, k_source,
          ParamSpec{"incomplete_days", ParamType::integer,
                    fmt::format("Days before a release still being reported (default {})",
                                analysis::k_default_incomplete_days),
                    "", false, &app::k_incomplete_days},
          ParamSpec{"si_mean", ParamType::number,
                    fmt::format("Serial interval mean in days (default {})", analysis::k_default_si_mean), "",
                    false, &app::k_si_mean},
          ParamSpec{"si_sd", ParamType::number,
                    fmt::format("Serial interval sd in days (default {})", analysis::k_default_si_sd), "",
                    false, &app::k_si_sd},
          ParamSpec{"window", ParamType::integer, "Sliding window in days (default 7)", "", false,
                    &app::k_window}}) {
        first.push_back(std::move(p));
    }
    return first;
}

Status number_into(const RoutedRequest& r, const app::NumberLimit& limit, double& into) {
    const auto text = param(r, std::string(limit.name));
    if (text.empty()) return ok_status();
    auto v = app::parse_number(limit, text);
    if (!v) return v.error();
    into = *v;
    return ok_status();
}

Result<app::AssessmentRequest> assessment_request(const RoutedRequest& r, const std::string& jurisdiction,
                                                  std::optional<Date> date) {
    app::AssessmentRequest a;
    a.jurisdiction = jurisdiction;
    if (a.jurisdiction.empty()) return make_error(ErrorCode::invalid_argument, "jurisdiction is required");
    a.date = date;
    a.selection.release = date_param(r, "release");
    a.selection.source = param(r, "source");
    if (!a.selection.source.empty() && a.selection.source != "ssa" && a.selection.source != "municipal") {
        return make_error(ErrorCode::invalid_argument, "source: use ssa or municipal");
    }
    double incomplete = a.options.incomplete_days, window = a.options.rt.window;
    double mean = a.options.si.mean.value_or(analysis::k_default_si_mean),
           sd = a.options.si.sd.value_or(analysis::k_default_si_sd);
    for (auto [limit, into] :
         {std::pair{&app::k_incomplete_days, &incomplete}, std::pair{&app::k_window, &window},
          std::pair{&app::k_si_mean, &mean}, std::pair{&app::k_si_sd, &sd}}) {
        if (auto ok = number_into(r, *limit, *into); !ok) return ok.error();
    }
    a.options.incomplete_days = static_cast<int>(incomplete);
    a.options.rt.window = static_cast<int>(window);
    a.options.si = analysis::SerialInterval{mean, sd, {}};
    if (auto ok = app::resolve_options(a.options); !ok) return ok.error();
    return a;
}

Response releases(const RoutedRequest& r, RequestContext& ctx) {
    analysis::ReleaseStore store(*ctx.app.db);
    return respond(store.list(), r.path, [](const std::vector<analysis::StoredRelease>& l) {
        json out = json::array();
        for (const auto& x : l) {
            out.push_back({{"source", x.info.source},
                           {"release", x.info.release_date.iso()},
                           {"schema", x.info.schema},
                           {"scope", x.info.scope},
                           {"ingested_at", x.ingested_at},
                           {"rows_read", x.info.rows_read},
                           {"rows_kept", x.info.rows_kept},
                           {"rows_rejected", x.info.rows_rejected},
                           {"series", x.series},
                           {"measures", x.measures}});
        }
        return out;
    });
}

Response series(const RoutedRequest& r, RequestContext& ctx) {
    analysis::SeriesQuery q;
    q.jurisdiction = param(r, "jurisdiction");
    if (q.jurisdiction.empty()) return problem(400, "", "jurisdiction is required", r.path);
    auto m = analysis::parse_measure(param(r, "measure", "confirmed"));
    if (!m) return problem(400, "", "measure: unknown measure", r.path);
    q.measure = *m;
    if (const auto by = param(r, "by"); !by.empty()) {
        q.basis = analysis::parse_basis(by);
        if (!q.basis) return problem(400, "", "by: onset, admission or death", r.path);
    }
    q.release = date_param(r, "release");
    q.from = date_param(r, "from");
    q.to = date_param(r, "to");
    q.source = param(r, "source");
    analysis::ReleaseStore store(*ctx.app.db);
    return respond(analysis::query_series(store, ctx.app.region, q), r.path,
                   [](const analysis::SeriesResult& s) {
                       json points = json::array();
                       for (const auto& [d, v] : s.points)
                           points.push_back({{"date", d.iso()}, {"value", v}});
                       return json{{"jurisdiction", s.jurisdiction->code},
                                   {"name", s.jurisdiction->name},
                                   {"measure", analysis::measure_name(s.measure)},
                                   {"basis", analysis::basis_name(s.basis)},
                                   {"release", s.release.info.release_date.iso()},
                                   {"source", s.release.info.source},
                                   {"points", points}};
                   });
}

Response indicators(const RoutedRequest& r, RequestContext& ctx) {
    const bool path_form = r.args.size() == 2;
    auto a = path_form ? assessment_request(r, r.args[0], Date::parse_iso(r.args[1]))
                       : assessment_request(r, param(r, "jurisdiction"), date_param(r, "date"));
    if (!a) return problem_of(a.error(), r.path);
    return respond(app::indicators_for(ctx.app, *a), r.path, [&](const app::DayIndicators& d) {
        return app::indicators_json(d, a->options.incomplete_days);
    });
}

Response indicator_series(const RoutedRequest& r, RequestContext& ctx) {
    auto a = assessment_request(r, r.args.at(0), std::nullopt);
    if (!a) return problem_of(a.error(), r.path);
    return respond(app::indicator_series_for(ctx.app, *a, date_param(r, "from"), date_param(r, "to")), r.path,
                   [](const app::IndicatorSeries& s) { return app::indicator_series_json(s); });
}

// The bundled schemes by id, for the parameter's description.
std::string scheme_ids() {
    std::string out;
    for (const auto& id : analysis::risk_scheme_ids(app::data_paths())) out += (out.empty() ? "" : ", ") + id;
    return out;
}

Response rt(const RoutedRequest& r, RequestContext& ctx) {
    auto a = assessment_request(r, param(r, "jurisdiction"), std::nullopt);
    if (!a) return problem_of(a.error(), r.path);
    return respond(app::rt_for(ctx.app, *a), r.path, [](const app::RtRun& x) { return app::rt_json(x); });
}

Response risk(const RoutedRequest& r, RequestContext& ctx) {
    auto a = assessment_request(r, param(r, "jurisdiction"), date_param(r, "date"));
    if (!a) return problem_of(a.error(), r.path);
    return respond(app::risk_for(ctx.app, *a, param(r, "scheme", std::string(analysis::k_default_scheme))),
                   r.path, [](const app::DayRisk& d) {
                       json out = app::risk_json(d.scheme, d.risk);
                       out["jurisdiction"] = d.indicators.jurisdiction->code;
                       out["name"] = d.indicators.jurisdiction->name;
                       return out;
                   });
}

Response metro(const RoutedRequest& r, RequestContext& ctx) {
    const auto& zones = ctx.app.region.metro_zones;
    auto a =
        assessment_request(r, param(r, "zone", zones.empty() ? "" : zones.front()), date_param(r, "date"));
    if (!a) return problem_of(a.error(), r.path);
    return respond(app::metro_view(ctx.app, *a, param(r, "scheme", std::string(analysis::k_default_scheme))),
                   r.path, [](const app::MetroView& v) { return app::metro_json(v); });
}

Response schemes(const RoutedRequest& r, RequestContext&) {
    json out = json::array();
    for (const auto& id : analysis::risk_scheme_ids(app::data_paths())) {
        auto s = analysis::load_risk_scheme(app::data_paths(), id);
        if (!s) return problem_of(s.error(), r.path);
        out.push_back(app::scheme_json(*s));
    }
    return json_response(out);
}

}  // namespace

void add_analysis_routes(Router& router) {
    const char* tag = "Analizar";
    router.add({"GET", "/api/v1/releases", "Stored releases", tag, {}, {}, "public", true, releases});
    router.add({"GET",
                "/api/v1/series",
                "A daily series of a jurisdiction",
                tag,
                {},
                {k_jurisdiction,
                 {"measure", ParamType::text,
                  "confirmed, suspected, negative, tested, lab_positive, lab_negative, antigen_positive, "
                  "antigen_negative, hospitalized, "
                  "icu, intubated, deaths",
                  "confirmed"},
                 {"by", ParamType::text, "Date basis: onset, admission or death"},
                 k_release,
                 k_source,
                 {"from", ParamType::date, "First day YYYY-MM-DD"},
                 {"to", ParamType::date, "Last day YYYY-MM-DD"}},
                "public",
                true,
                series});
    router.add({"GET",
                "/api/v1/indicators",
                "Every indicator of a place on a day",
                tag,
                {},
                assessment_params({k_jurisdiction, k_date}),
                "public",
                true,
                indicators});
    router.add(
        {"GET",
         "/api/v1/indicators/{code}/{date}",
         "Every indicator of a place on a day (path form, a file of the static export for the default day)",
         tag,
         {{"code", ParamType::text, "Jurisdiction", "zm-laguna"},
          {"date", ParamType::date, "Day YYYY-MM-DD", "2020-11-15"}},
         assessment_params({}),
         "public",
         true,
         indicators});
    // Not under /indicators/: /indicators/{code}/{date} is registered first and would refuse a second segment
    // that is not a date.
    router.add(
        {"GET",
         "/api/v1/indicator-series/{code}",
         "Every indicator of a place on every day, as the web application and the static export read it",
         tag,
         {{"code", ParamType::text, "Jurisdiction", "05035"}},
         assessment_params(
             {{"from", ParamType::date, "First day YYYY-MM-DD (default: the place's first confirmed case)",
               "2020-11-01"},
              {"to", ParamType::date, "Last day YYYY-MM-DD (default: the newest release of any input)",
               "2020-11-15"}}),
         "public",
         true,
         indicator_series});
    router.add({"GET",
                "/api/v1/rt",
                "Rt by Cori et al. (2013), as EpiEstim computes it",
                tag,
                {},
                assessment_params({k_jurisdiction}),
                "public",
                true,
                rt});
    router.add({"GET",
                "/api/v1/risk",
                "Risk level of a place on a day by a scheme",
                tag,
                {},
                assessment_params(
                    {k_jurisdiction,
                     k_date,
                     {"scheme", ParamType::text, scheme_ids(), std::string(analysis::k_default_scheme)}}),
                "public",
                true,
                risk});
    router.add({"GET",
                "/api/v1/metro",
                "The metro picture: every municipality's level side by side, divergences named",
                tag,
                {},
                assessment_params({{"zone", ParamType::text, "Metro zone id", "zm-laguna"},
                                   k_date,
                                   {"scheme", ParamType::text, "Risk scheme: " + scheme_ids(),
                                    std::string(analysis::k_default_scheme)}}),
                "public",
                true,
                metro});
    router.add({"GET",
                "/api/v1/schemes",
                "The risk schemes with their levels and colours",
                tag,
                {},
                {},
                "public",
                true,
                schemes});
}

}  // namespace metropoli::http
