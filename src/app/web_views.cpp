// SPDX-License-Identifier: MIT
#include "app/web_views.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "analysis/feeds/feed_store.hpp"
#include "analysis/releases/series_query.hpp"
#include "app/assessment.hpp"
#include "app/first_screen.hpp"
#include "app/json_views.hpp"
#include "app/state_positivity.hpp"
#include "app/web_inputs.hpp"

namespace metropoli::app {

using nlohmann::json;

namespace {

constexpr const char* k_mobility[] = {"retail_and_recreation", "grocery_and_pharmacy", "parks",
                                      "transit_stations",      "workplaces",           "residential"};

// Four decimals are more than a chart or a card shows, and keep the documents small for phones.
json number_or_null(double v) {
    return std::isnan(v) ? json() : json(std::round(v * 1e4) / 1e4);
}

const analysis::IndicatorColumn* column(const analysis::IndicatorTable& t, std::string_view id) {
    for (const auto& c : t.columns) {
        if (c.def->id == id) return &c;
    }
    return nullptr;
}

json column_json(const analysis::IndicatorTable& t, std::string_view id) {
    json out = json::array();
    if (const auto* c = column(t, id)) {
        for (double v : c->values) out.push_back(number_or_null(v));
    }
    return out;
}

json rt_band_json(const analysis::IndicatorTable& t, bool upper) {
    json out = json::array();
    if (const auto* c = column(t, "rt")) {
        for (double v : upper ? c->upper : c->lower) out.push_back(number_or_null(v));
    }
    return out;
}

json dates_json(Date from, Date to) {
    json out = json::array();
    for (Date d = from; d <= to; d = d + 1) out.push_back(d.iso());
    return out;
}

json stored_releases_json(Context& context) {
    analysis::ReleaseStore store(*context.db);
    json out = json::array();
    if (auto list = store.list()) {
        for (const auto& r : *list) {
            out.push_back({{"source", r.info.source},
                           {"release", r.info.release_date.iso()},
                           {"measures", r.measures}});
        }
    }
    return out;
}

}  // namespace

std::optional<Date> default_day(Context& context) {
    std::optional<Date> day;
    auto take = [&day](Date d) { day = day ? std::min(*day, d) : d; };
    analysis::ReleaseStore store(*context.db);
    auto releases = store.list();
    if (!releases) return std::nullopt;
    for (const auto& r : *releases) {
        if (r.info.source == "municipal") take(r.info.release_date - analysis::k_default_incomplete_days);
    }
    if (auto hospital = hospital_days(context)) take(hospital->second);
    return day;
}

Result<json> overview_json(Context& context, const std::string& zone_id) {
    auto zone = zone_of(context, zone_id);
    if (!zone) return zone.error();
    const auto hospital = hospital_days(context);
    std::vector<std::pair<const Jurisdiction*, analysis::IndicatorInputs>> loaded;
    for (const auto* j : zone_places(context, **zone)) {
        auto inputs = load_place(context, *j, hospital);
        if (!inputs) return inputs.error();
        loaded.emplace_back(j, std::move(*inputs));
    }
    const auto axis = axis_of(loaded.front().second);
    if (!axis)
        return make_error(ErrorCode::not_found,
                          fmt::format("no confirmed cases stored for {}", (*zone)->name));
    const auto [from, to] = *axis;
    const auto options = web_options();
    std::vector<analysis::RiskScheme> schemes;
    json schemes_out = json::array();
    for (const auto& id : analysis::risk_scheme_ids(data_paths())) {
        auto s = analysis::load_risk_scheme(data_paths(), id);
        if (!s) return s.error();
        schemes_out.push_back(scheme_json(*s));
        schemes.push_back(std::move(*s));
    }
    json places = json::array();
    std::optional<Date> incomplete_from;
    for (const auto& [j, inputs] : loaded) {
        const auto table = analysis::compute_indicators(inputs, from, to, options);
        const auto& conf = inputs[analysis::Input::confirmed];
        if (conf.present && j == *zone) incomplete_from = conf.release - options.incomplete_days + 1;
        json levels = json::object();
        std::vector<json> per_scheme(schemes.size(), json::array());
        for (Date d = from; d <= to; d = d + 1) {
            const auto values = analysis::indicators_on(inputs, table, d, options);
            for (size_t s = 0; s < schemes.size(); ++s) {
                per_scheme[s].push_back(level_range_json(analysis::assess_risk(schemes[s], values, d)));
            }
        }
        for (size_t s = 0; s < schemes.size(); ++s) levels[schemes[s].id] = std::move(per_scheme[s]);
        places.push_back({{"code", j->code},
                          {"name", j->name},
                          {"kind", kind_name(j->kind)},
                          {"state", j->state_code},
                          {"population", inputs.population},
                          {"levels", levels},
                          {"incidence_7d_per_100k", column_json(table, "incidence_7d_per_100k")},
                          {"rt", column_json(table, "rt")},
                          {"rt_low", rt_band_json(table, false)},
                          {"rt_high", rt_band_json(table, true)},
                          {"mortality_14d_per_100k", column_json(table, "mortality_14d_per_100k")}});
    }
    // The server chooses the view the site opens on (app/first_screen): a day and a scheme that decide.
    auto view = default_view(context, zone_id);
    if (!view) return view.error();
    return json{{"zone",
                 {{"code", (*zone)->code},
                  {"name", (*zone)->name},
                  {"population", (*zone)->population_census_2020.value_or(0)}}},
                {"dates", dates_json(from, to)},
                {"default_date", std::clamp(view->date, from, to).iso()},
                {"incomplete_from", incomplete_from ? json(incomplete_from->iso()) : json()},
                {"incomplete_days", options.incomplete_days},
                {"default_scheme", view->scheme},
                {"schemes", schemes_out},
                {"places", places},
                {"releases", stored_releases_json(context)}};
}

Result<json> dashboard_json(Context& context, const std::string& code) {
    auto j = resolve_jurisdiction(context.region, code);
    if (!j) return j.error();
    auto loaded = load_place(context, **j, hospital_days(context));
    if (!loaded) return loaded.error();
    const auto axis = axis_of(*loaded);
    if (!axis)
        return make_error(ErrorCode::not_found, fmt::format("no confirmed cases stored for {}", (*j)->name));
    const auto [from, to] = *axis;
    const auto options = web_options();
    const auto table = analysis::compute_indicators(*loaded, from, to, options);
    json inputs = json::array();
    for (int i = 0; i < analysis::k_input_count; ++i) {
        const auto& s = loaded->series[static_cast<size_t>(i)];
        if (!s.present) continue;
        inputs.push_back(release_json(
            {s.source, s.release, std::string(analysis::input_name(static_cast<analysis::Input>(i))), {}}));
    }
    json series = json::object();
    for (const char* id :
         {"confirmed_daily", "confirmed_7d_mean", "deaths_daily", "incidence_7d_per_100k", "positivity_7d",
          "irag_general_pct", "irag_icu_pct", "irag_ventilator_pct", "rt"}) {
        std::string key = id;
        if (key == "confirmed_daily") key = "confirmed";
        if (key == "deaths_daily") key = "deaths";
        series[key] = column_json(table, id);
    }
    series["rt_low"] = rt_band_json(table, false);
    series["rt_high"] = rt_band_json(table, true);

    // Mobility of the state(s) the place lies in.
    std::vector<std::string> states;
    for (const auto& m : context.region.municipalities_of(**j)) {
        const auto* muni = context.region.find(m);
        if (muni && std::find(states.begin(), states.end(), muni->state_code) == states.end())
            states.push_back(muni->state_code);
    }
    if ((*j)->kind == JurisdictionKind::state) states = {(*j)->code};
    analysis::FeedStore feeds(*context.db);
    json mobility_states = json::array();
    for (const auto& state : states) {
        std::map<int32_t, std::map<std::string, double>> by_day;
        for (const char* metric : k_mobility) {
            auto values =
                feeds.load(std::string("mobility_") + metric, {state}, "", std::nullopt, std::nullopt);
            if (!values) return values.error();
            for (const auto& v : *values) by_day[v.date.days()][metric] = v.value;
        }
        if (by_day.empty()) continue;
        const auto* sj = context.region.find(state);
        json entry = {{"code", state}, {"name", sj ? sj->name : state}, {"dates", json::array()}};
        for (const char* metric : k_mobility) entry[metric] = json::array();
        for (const auto& [days, metrics] : by_day) {
            entry["dates"].push_back(Date::from_days(days).iso());
            for (const char* metric : k_mobility) {
                auto it = metrics.find(metric);
                entry[metric].push_back(it == metrics.end() ? json() : json(it->second));
            }
        }
        mobility_states.push_back(std::move(entry));
    }
    // The positivity of the same states, from the tablero's state series: the municipal series hold no tests.
    auto positivity =
        state_positivity_json(data_paths(), context.region, states, from, to, options.incomplete_days);
    if (!positivity) return positivity.error();
    const auto& conf = (*loaded)[analysis::Input::confirmed];
    return json{
        {"jurisdiction",
         {{"code", (*j)->code},
          {"name", (*j)->name},
          {"kind", kind_name((*j)->kind)},
          {"state", (*j)->state_code},
          {"population", loaded->population}}},
        {"dates", dates_json(from, to)},
        {"incomplete_from", conf.present ? json((conf.release - options.incomplete_days + 1).iso()) : json()},
        {"incomplete_days", options.incomplete_days},
        {"inputs", inputs},
        {"series", series},
        {"mobility", {{"states", mobility_states}}},
        {"state_positivity", std::move(*positivity)}};
}

Result<json> geo_json(Context& context, const std::string& zone_id) {
    auto zone = zone_of(context, zone_id);
    if (!zone) return zone.error();
    json features = json::array();
    std::vector<std::string> states;
    for (const auto& code : (*zone)->members) {
        const auto* m = context.region.find(code);
        if (!m || m->geometry.empty()) continue;
        features.push_back(
            {{"type", "Feature"},
             {"properties",
              {{"code", m->code}, {"name", m->name}, {"state", m->state_code}, {"kind", "municipality"}}},
             {"geometry", json::parse(m->geometry)}});
        if (std::find(states.begin(), states.end(), m->state_code) == states.end())
            states.push_back(m->state_code);
    }
    for (const auto& code : states) {
        const auto* s = context.region.find(code);
        if (!s || s->geometry.empty()) continue;
        features.push_back({{"type", "Feature"},
                            {"properties", {{"code", s->code}, {"name", s->name}, {"kind", "state"}}},
                            {"geometry", json::parse(s->geometry)}});
    }
    return json{{"type", "FeatureCollection"}, {"features", features}};
}

}  // namespace metropoli::app
