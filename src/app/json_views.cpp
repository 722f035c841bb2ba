// SPDX-License-Identifier: MIT
#include "app/json_views.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace metropoli::app {

using nlohmann::json;

namespace {

json optional_number(const std::optional<double>& v) {
    return v ? json(*v) : json();
}

json level_json(const analysis::RiskLevel* l) {
    return l ? json{{"id", l->id},
                    {"label", text_json({l->label_es, l->label_en})},
                    {"color", l->color},
                    {"verified", l->verified}}
             : json();
}

}  // namespace

json text_json(const Bilingual& text) {
    json out = {{"es", text.es}, {"en", text.en}};
    if (!text.code.empty()) {
        out["code"] = text.code;
        json params = json::object();
        for (const auto& [name, values] : text.params) params[name] = values;
        out["params"] = params;
    }
    return out;
}

json release_json(const analysis::ReleaseRef& r) {
    json out = {{"source", r.source}, {"date", r.date.iso()}, {"kind", r.kind}};
    if (!r.detail.empty()) out["detail"] = r.detail;
    return out;
}

json releases_json(const std::vector<analysis::ReleaseRef>& releases) {
    json out = json::array();
    for (const auto& r : releases) out.push_back(release_json(r));
    return out;
}

json level_range_json(const analysis::RiskAssessment& r) {
    if (r.level) return r.level->id;
    if (r.level_min && r.level_max) return {{"min", r.level_min->id}, {"max", r.level_max->id}};
    return nullptr;
}

std::string level_name(const analysis::RiskAssessment& r) {
    if (r.level) return r.level->id;
    if (r.level_min && r.level_max) return r.level_min->id + ".." + r.level_max->id;
    return "";
}

json indicator_json(const analysis::IndicatorValue& v) {
    json j = {{"id", v.def->id},
              {"label", text_json({std::string(v.def->label_es), std::string(v.def->label_en)})},
              {"value", optional_number(v.value)},
              {"unit", v.def->unit},
              {"window_from", v.window_from.iso()},
              {"window_to", v.window_to.iso()},
              {"releases", releases_json(v.releases)},
              {"complete", v.complete}};
    if (v.lower) j["p2.5"] = *v.lower;
    if (v.upper) j["p97.5"] = *v.upper;
    if (!v.note.empty()) j["note"] = text_json(v.note);
    return j;
}

json indicators_json(const DayIndicators& day, int incomplete_days) {
    json list = json::array();
    for (const auto& v : day.values) list.push_back(indicator_json(v));
    return {{"jurisdiction", day.jurisdiction->code},
            {"name", day.jurisdiction->name},
            {"date", day.date.iso()},
            {"population", day.inputs.population},
            {"incomplete_days", incomplete_days},
            {"indicators", list}};
}

namespace {

json number_or_null(const std::optional<double>& v) {
    return v && std::isfinite(*v) ? json(*v) : json();
}

// A run of days whose indicator shares everything but its value. Each end of the window is kept relative to
// the day (the 7 days ending on it) while that holds, else as a fixed day (a cumulative start, Rt's last
// window).
struct Span {
    Date first, last;
    Date window_from, window_to;  // of the first day
    bool from_relative = true, from_fixed = true, to_relative = true, to_fixed = true;
    const analysis::IndicatorValue* sample = nullptr;

    bool extend(Date day, const analysis::IndicatorValue& v) {
        if (v.complete != sample->complete || v.note != sample->note || v.releases != sample->releases)
            return false;
        const bool fr = from_relative && v.window_from - day == window_from - first,
                   ff = from_fixed && v.window_from == window_from;
        const bool tr = to_relative && v.window_to - day == window_to - first,
                   tf = to_fixed && v.window_to == window_to;
        if (!(fr || ff) || !(tr || tf)) return false;
        from_relative = fr, from_fixed = ff, to_relative = tr, to_fixed = tf, last = day;
        return true;
    }

    // `releases`: the document's table of releases, which the span refers to by index.
    json to_json(std::vector<analysis::ReleaseRef>& releases) const {
        auto end = [&](Date d, bool relative) { return relative ? json(d - first) : json(d.iso()); };
        json refs = json::array();
        for (const auto& r : sample->releases) {
            auto it = std::find(releases.begin(), releases.end(), r);
            if (it == releases.end()) it = releases.insert(releases.end(), r);
            refs.push_back(it - releases.begin());
        }
        json out = {{"from", first.iso()},
                    {"to", last.iso()},
                    {"window_from", end(window_from, from_relative)},
                    {"window_to", end(window_to, to_relative)},
                    {"complete", sample->complete},
                    {"releases", std::move(refs)}};
        if (!sample->note.empty()) out["note"] = text_json(sample->note);
        return out;
    }
};

}  // namespace

json indicator_series_json(const IndicatorSeries& series) {
    const auto& j = *series.jurisdiction;
    json dates = json::array();
    for (Date d = series.from; d <= series.to; d = d + 1) dates.push_back(d.iso());
    json indicators = json::array();
    std::vector<analysis::ReleaseRef> releases;
    const size_t count = series.days.empty() ? 0 : series.days.front().size();
    for (size_t k = 0; k < count; ++k) {
        const auto* def = series.days.front()[k].def;
        json values = json::array(), lower = json::array(), upper = json::array(), spans = json::array();
        std::optional<Span> span;
        for (size_t i = 0; i < series.days.size(); ++i) {
            const Date day = series.from + static_cast<int32_t>(i);
            const auto& v = series.days[i][k];
            values.push_back(number_or_null(v.value));
            lower.push_back(number_or_null(v.lower));
            upper.push_back(number_or_null(v.upper));
            if (span && span->extend(day, v)) continue;
            if (span) spans.push_back(span->to_json(releases));
            span = Span{day, day, v.window_from, v.window_to};
            span->sample = &v;
        }
        if (span) spans.push_back(span->to_json(releases));
        json out = {{"id", def->id},
                    {"label", text_json({std::string(def->label_es), std::string(def->label_en)})},
                    {"unit", def->unit},
                    {"values", std::move(values)}};
        if (def->id == "rt") {
            out["p2.5"] = std::move(lower);
            out["p97.5"] = std::move(upper);
        }
        out["spans"] = std::move(spans);
        indicators.push_back(std::move(out));
    }
    return {{"jurisdiction",
             {{"code", j.code},
              {"name", j.name},
              {"kind", kind_name(j.kind)},
              {"state", j.state_code},
              {"population", series.inputs.population}}},
            {"dates", std::move(dates)},
            {"incomplete_days", series.incomplete_days},
            {"indicators", std::move(indicators)},
            {"releases", releases_json(releases)}};
}

json risk_json(const analysis::RiskScheme& scheme, const analysis::RiskAssessment& r) {
    json components = json::array();
    for (const auto& c : r.components) {
        json j = {{"id", c.component->id},
                  {"indicator", c.component->indicator},
                  {"label", text_json({c.component->label_es, c.component->label_en})},
                  {"value", optional_number(c.value)},
                  {"points", optional_number(c.points)},
                  {"band", c.band ? analysis::band_text(scheme, *c.band) : ""},
                  {"window_from", c.window_from.iso()},
                  {"window_to", c.window_to.iso()},
                  {"releases", releases_json(c.releases)},
                  {"complete", c.complete},
                  {"in_overall", c.component->in_overall},
                  {"verified", c.component->verified}};
        if (!c.missing.empty()) j["missing"] = text_json(c.missing);
        components.push_back(std::move(j));
    }
    return {{"scheme", scheme.id},
            {"version", scheme.version},
            {"verified", scheme.verified},
            {"date", r.date.iso()},
            {"score", optional_number(r.score)},
            {"score_min", r.score_min},
            {"score_max", r.score_max},
            {"level", level_json(r.level)},
            {"level_min", level_json(r.level_min)},
            {"level_max", level_json(r.level_max)},
            {"missing", r.missing},
            {"complete", r.complete},
            {"components", components}};
}

json rt_json(const RtRun& run) {
    static constexpr const char* names[] = {"p2.5", "p5", "p25", "p50", "p75", "p95", "p97.5"};
    json windows = json::array();
    for (const auto& w : run.estimate.windows) {
        json j = {{"date_start", (run.first + (w.t_start - 1)).iso()},
                  {"date_end", (run.first + (w.t_end - 1)).iso()},
                  {"t_start", w.t_start},
                  {"t_end", w.t_end},
                  {"mean", w.mean},
                  {"std", w.std},
                  {"cases", w.cases},
                  {"cv_ok", w.cv_ok},
                  {"shape", w.shape},
                  {"scale", w.scale}};
        for (size_t k = 0; k < 7; ++k) j[names[k]] = w.quantiles[k];
        windows.push_back(std::move(j));
    }
    return {{"jurisdiction", run.jurisdiction->code},
            {"name", run.jurisdiction->name},
            {"release", run.release.info.release_date.iso()},
            {"source", run.release.info.source},
            {"first", run.first.iso()},
            {"cutoff", run.cutoff.iso()},
            {"si_mean", run.estimate.si_mean},
            {"si_std", run.estimate.si_std},
            {"min_cases_for_cv", run.estimate.min_cases_for_cv},
            {"windows", windows}};
}

json metro_json(const MetroView& view) {
    const auto& pic = view.picture;
    json places = json::array();
    auto add = [&](const analysis::PlaceAssessment& p) {
        json j = risk_json(view.scheme, p.risk);
        j["jurisdiction"] = p.jurisdiction->code;
        j["name"] = p.jurisdiction->name;
        j["state"] = p.jurisdiction->state_code;
        places.push_back(std::move(j));
    };
    add(pic.whole);
    for (const auto& p : pic.places) add(p);
    json divergences = json::array();
    for (const auto& d : pic.divergences) {
        divergences.push_back(
            {{"kind", d.kind}, {"component", d.component}, {"text", text_json({d.text_es, d.text_en})}});
    }
    return {{"zone", pic.zone->code},
            {"date", view.date.iso()},
            {"scheme", view.scheme.id},
            {"places", places},
            {"divergences", divergences}};
}

json scheme_json(const analysis::RiskScheme& scheme) {
    json levels = json::array();
    for (const auto& l : scheme.levels) levels.push_back(level_json(&l));
    return {{"id", scheme.id},
            {"version", scheme.version},
            {"name", text_json({scheme.name_es, scheme.name_en})},
            {"source", scheme.source},
            {"verified", scheme.verified},
            {"note", scheme.note},
            {"levels", levels}};
}

json jurisdiction_json(const Jurisdiction& j, bool with_geometry) {
    json out = {
        {"code", j.code},
        {"kind", kind_name(j.kind)},
        {"name", j.name},
        {"state", j.state_code},
        {"population_census_2020", j.population_census_2020 ? json(*j.population_census_2020) : json()},
        {"population_conapo_2020", j.population_conapo_2020 ? json(*j.population_conapo_2020) : json()},
        {"members", j.members}};
    if (with_geometry) out["geometry"] = j.geometry.empty() ? json() : json::parse(j.geometry);
    return out;
}

}  // namespace metropoli::app
