// SPDX-License-Identifier: MIT
#include "app/first_screen.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "analysis/risk/risk.hpp"
#include "analysis/risk/risk_scheme.hpp"
#include "app/json_views.hpp"
#include "app/official_semaforo.hpp"
#include "app/web_inputs.hpp"
#include "app/web_views.hpp"

namespace metropoli::app {

using nlohmann::json;

namespace {

// One place's indicators over the zone's axis, each day's list computed once, when first asked for.
struct PlaceDays {
    const Jurisdiction* place = nullptr;
    analysis::IndicatorInputs inputs;
    analysis::IndicatorTable table;
    Date from;
    std::vector<std::optional<std::vector<analysis::IndicatorValue>>> days;

    const std::vector<analysis::IndicatorValue>& on(Date d, const analysis::IndicatorOptions& options) {
        auto& slot = days[static_cast<size_t>(d - from)];
        if (!slot) slot = analysis::indicators_on(inputs, table, d, options);
        return *slot;
    }
};

struct ZoneDays {
    const Jurisdiction* zone = nullptr;
    Date from, to;
    analysis::IndicatorOptions options = web_options();
    std::vector<PlaceDays> places;  // the zone, its municipalities, then (when asked) their states
    size_t decisive = 0;            // the first `decisive` places decide the default view
    std::vector<analysis::RiskScheme> schemes;  // the default first, then the others as listed
};

Result<ZoneDays> load_zone(Context& context, const std::string& zone_id, bool with_states) {
    auto zone = zone_of(context, zone_id);
    if (!zone) return zone.error();
    ZoneDays out;
    out.zone = *zone;
    std::vector<const Jurisdiction*> places = zone_places(context, **zone);
    out.decisive = places.size();
    if (with_states) {
        for (size_t i = 1; i < out.decisive; ++i) {
            const auto* s = context.region.find(places[i]->state_code);
            if (s && std::find(places.begin(), places.end(), s) == places.end()) places.push_back(s);
        }
    }
    const auto hospital = hospital_days(context);
    for (const auto* j : places) {
        auto inputs = load_place(context, *j, hospital);
        if (!inputs) return inputs.error();
        out.places.push_back({j, std::move(*inputs), {}, {}, {}});
    }
    const auto axis = axis_of(out.places.front().inputs);
    if (!axis)
        return make_error(ErrorCode::not_found,
                          fmt::format("no confirmed cases stored for {}", out.zone->name));
    std::tie(out.from, out.to) = *axis;
    for (auto& p : out.places) {
        p.table = analysis::compute_indicators(p.inputs, out.from, out.to, out.options);
        p.from = out.from;
        p.days.resize(static_cast<size_t>(out.to - out.from) + 1);
    }
    auto ids = analysis::risk_scheme_ids(data_paths());
    std::stable_partition(ids.begin(), ids.end(),
                          [](const std::string& id) { return id == analysis::k_default_scheme; });
    for (const auto& id : ids) {
        auto s = analysis::load_risk_scheme(data_paths(), id);
        if (!s) return s.error();
        out.schemes.push_back(std::move(*s));
    }
    return out;
}

// The newest day on which `scheme` gives every deciding place one level from complete data.
std::optional<Date> newest_decided(ZoneDays& z, const analysis::RiskScheme& scheme) {
    for (Date d = z.to; d >= z.from; d = d - 1) {
        bool all = true;
        for (size_t i = 0; i < z.decisive && all; ++i) {
            const auto a = analysis::assess_risk(scheme, z.places[i].on(d, z.options), d);
            all = a.level != nullptr && a.complete;
        }
        if (all) return d;
    }
    return std::nullopt;
}

DefaultView choose(Context& context, ZoneDays& z) {
    DefaultView view;
    view.scheme = std::string(analysis::k_default_scheme);
    for (const auto& s : z.schemes) {
        const auto d = newest_decided(z, s);
        if (s.id == analysis::k_default_scheme) view.default_date = d;
        if (d && (!view.decided || *d > view.date)) {
            view.scheme = s.id;
            view.date = *d;
            view.decided = true;
        }
    }
    if (!view.decided) {
        const auto day = default_day(context);
        view.date = day ? std::clamp(*day, z.from, z.to) : z.to;
    }
    return view;
}

// A value of `c`'s indicator that falls in its highest-scoring band, or nullopt.
std::optional<double> highest_value(const analysis::RiskScheme& scheme, const analysis::RiskComponent& c) {
    const analysis::RiskBand* top = nullptr;
    for (const auto& b : c.bands) {
        if (!top || b.points > top->points) top = &b;
    }
    if (!top || c.scale == 0) return std::nullopt;
    double v = 0;
    if (top->from && top->to)
        v = (*top->from + *top->to) / 2;
    else if (top->from)
        v = *top->from + std::max(1.0, std::abs(*top->from));
    else if (top->to)
        v = *top->to - std::max(1.0, std::abs(*top->to));
    if (analysis::band_of(scheme, c, v) != top) return std::nullopt;
    return v / c.scale;
}

// How far one missing component could move the level: the level with it at its highest points and every other
// missing component at its lowest (the low end of the range being all of them at their lowest).
const analysis::RiskLevel* up_to(const analysis::RiskScheme& scheme,
                                 const std::vector<analysis::IndicatorValue>& values, Date d,
                                 const analysis::RiskComponent& c) {
    const auto v = highest_value(scheme, c);
    if (!v) return nullptr;
    auto changed = values;
    auto it = std::find_if(changed.begin(), changed.end(), [&](const analysis::IndicatorValue& x) {
        return x.def && x.def->id == c.indicator;
    });
    if (it == changed.end()) return nullptr;
    it->value = *v;
    return analysis::assess_risk(scheme, changed, d).level_min;
}

json assessment_json(const analysis::RiskScheme& scheme, const std::vector<analysis::IndicatorValue>& values,
                     Date d) {
    const auto a = analysis::assess_risk(scheme, values, d);
    json missing = json::array();
    if (!a.level) {
        for (const auto& s : a.components) {
            if (s.points || !s.component->in_overall) continue;
            const auto* top = up_to(scheme, values, d, *s.component);
            missing.push_back({{"id", s.component->id},
                               {"label", text_json({s.component->label_es, s.component->label_en})},
                               {"up_to", top ? json(top->id) : json()}});
        }
    }
    return {{"scheme", scheme.id},
            {"level", level_range_json(a)},
            {"complete", a.complete},
            {"missing", missing}};
}

const analysis::IndicatorValue* find_value(const std::vector<analysis::IndicatorValue>& values,
                                           std::string_view id) {
    for (const auto& v : values) {
        if (v.def && v.def->id == id) return &v;
    }
    return nullptr;
}

json rounded(const std::optional<double>& v) {
    return v && std::isfinite(*v) ? json(std::round(*v * 1e4) / 1e4) : json();
}

// "up", "flat" or "down" against the value seven days before; null when either is unknown.
// gcc 12 takes `*before` for uninitialised once the caller's optional is inlined (gcc bug 80635: a false
// positive of -Wmaybe-uninitialized on std::optional); the checks before each read make it well-defined.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
json trend(const std::optional<double>& now, const std::optional<double>& before) {
    if (!now || !before || !std::isfinite(*now) || !std::isfinite(*before)) return json();
    const double base = std::abs(*before);
    const double change = *now - *before;
    if (base == 0) return change == 0 ? "flat" : (change > 0 ? "up" : "down");
    if (std::abs(change) / base < k_trend_flat) return "flat";
    return change > 0 ? "up" : "down";
}
#pragma GCC diagnostic pop

json indicators_json(PlaceDays& p, Date d, const ZoneDays& z) {
    json out = json::array();
    const auto& now = p.on(d, z.options);
    const std::vector<analysis::IndicatorValue>* before = d - 7 >= z.from ? &p.on(d - 7, z.options) : nullptr;
    for (const char* id : {"rt", "incidence_7d_per_100k", "mortality_14d_per_100k"}) {
        const auto* v = find_value(now, id);
        if (!v) continue;
        const auto* b = before ? find_value(*before, id) : nullptr;
        const std::optional<double> prev = b ? b->value : std::nullopt;
        json entry = {{"id", id},
                      {"label", text_json({std::string(v->def->label_es), std::string(v->def->label_en)})},
                      {"unit", v->def->unit},
                      {"value", rounded(v->value)},
                      {"week_before", rounded(prev)},
                      {"trend", trend(v->value, prev)},
                      {"complete", v->complete},
                      {"window_from", v->window_from.iso()},
                      {"window_to", v->window_to.iso()}};
        if (v->lower && v->upper) entry["interval"] = {rounded(v->lower), rounded(v->upper)};
        out.push_back(std::move(entry));
    }
    return out;
}

// Cumulative counts up to `d` (by onset for cases, by date of death for deaths), with the release they read.
json totals_json(const analysis::IndicatorInputs& in, Date d) {
    json out = json::array();
    for (auto [input, id] :
         {std::pair{analysis::Input::confirmed, "confirmed"}, std::pair{analysis::Input::deaths, "deaths"}}) {
        const auto& s = in[input];
        if (!s.present) continue;
        double sum = 0;
        for (size_t i = 0; i < s.values.size() && s.first + static_cast<int>(i) <= d; ++i) sum += s.values[i];
        out.push_back(
            {{"id", id},
             {"value", sum},
             {"release", release_json({s.source, s.release, std::string(analysis::input_name(input)), {}})}});
    }
    return out;
}

json place_json(PlaceDays& p, Date d, const ZoneDays& z) {
    json assessments = json::array();
    const auto& values = p.on(d, z.options);
    for (const auto& s : z.schemes) assessments.push_back(assessment_json(s, values, d));
    return {{"code", p.place->code},
            {"name", p.place->name},
            {"kind", kind_name(p.place->kind)},
            {"state", p.place->state_code},
            {"population", p.inputs.population},
            {"assessments", assessments},
            {"indicators", indicators_json(p, d, z)},
            {"totals", totals_json(p.inputs, d)}};
}

// The sources of the zone's inputs, one entry per release with the inputs it gives, and the Red IRAG feed's
// end.
json data_cut_json(Context& context, const analysis::IndicatorInputs& in) {
    std::map<std::pair<std::string, int32_t>, std::vector<std::string>> by_release;
    for (int i = 0; i < analysis::k_input_count; ++i) {
        const auto& s = in.series[static_cast<size_t>(i)];
        if (s.present)
            by_release[{s.source, s.release.days()}].emplace_back(
                analysis::input_name(static_cast<analysis::Input>(i)));
    }
    json out = json::array();
    for (auto it = by_release.rbegin(); it != by_release.rend(); ++it) {
        out.push_back({{"source", it->first.first},
                       {"date", Date::from_days(it->first.second).iso()},
                       {"kinds", it->second}});
    }
    if (const auto hospital = hospital_days(context))
        out.push_back({{"source", "red_irag"}, {"date", hospital->second.iso()}, {"kinds", {"occupancy"}}});
    return out;
}

}  // namespace

Result<DefaultView> default_view(Context& context, const std::string& zone) {
    auto z = load_zone(context, zone, false);
    if (!z) return z.error();
    return choose(context, *z);
}

Result<json> first_screen_json(Context& context, const std::string& zone) {
    auto loaded = load_zone(context, zone, true);
    if (!loaded) return loaded.error();
    auto& z = *loaded;
    const auto view = choose(context, z);
    json schemes = json::array();
    for (const auto& s : z.schemes) schemes.push_back(scheme_json(s));
    json places = json::array(), states = json::array();
    for (size_t i = 0; i < z.places.size(); ++i) {
        auto entry = place_json(z.places[i], view.date, z);
        if (i < z.decisive) {
            places.push_back(std::move(entry));
            continue;
        }
        // The official federal colour of the state that week, beside the levels computed here.
        auto colour = official_colour(data_paths(), z.places[i].place->name, view.date);
        if (!colour) return colour.error();
        entry["official_semaforo"] = *colour ? json{{"colour", (*colour)->colour},
                                                    {"week", (*colour)->week},
                                                    {"monday", (*colour)->monday.iso()}}
                                             : json();
        states.push_back(std::move(entry));
    }
    const auto& conf = z.places.front().inputs[analysis::Input::confirmed];
    // Why this view, as a message code and its parameters: the page words it in its language.
    json choice = {{"code", !view.decided                               ? "undecided"
                            : view.scheme == analysis::k_default_scheme ? "default_scheme"
                                                                        : "other_scheme"},
                   {"scheme", view.scheme},
                   {"default_scheme", analysis::k_default_scheme},
                   {"default_decided_on", view.default_date ? json(view.default_date->iso()) : json()}};
    return json{{"zone", {{"code", z.zone->code}, {"name", z.zone->name}}},
                {"date", view.date.iso()},
                {"scheme", view.scheme},
                {"choice", choice},
                {"axis", {{"from", z.from.iso()}, {"to", z.to.iso()}}},
                {"incomplete_from",
                 conf.present ? json((conf.release - z.options.incomplete_days + 1).iso()) : json()},
                {"trend_flat", k_trend_flat},
                {"schemes", schemes},
                {"data_cut", data_cut_json(context, z.places.front().inputs)},
                {"places", places},
                {"states", states}};
}

}  // namespace metropoli::app
