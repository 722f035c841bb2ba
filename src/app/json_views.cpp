// SPDX-License-Identifier: MIT
#include "app/json_views.hpp"

namespace metropoli::app {

using nlohmann::json;

namespace {

json optional_number(const std::optional<double>& v) { return v ? json(*v) : json(); }

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
    return out;
}

json level_json(const analysis::RiskLevel* l) {
    return l ? json{{"id", l->id}, {"label_es", l->label_es}, {"label_en", l->label_en}, {"color", l->color}, {"verified", l->verified}}
             : json();
}

}  // namespace

std::string level_name(const analysis::RiskAssessment& r) {
    if (r.level) return r.level->id;
    if (r.level_min && r.level_max) return r.level_min->id + ".." + r.level_max->id;
    return "";
}

json indicator_json(const analysis::IndicatorValue& v) {
    json j = {{"id", v.def->id},
              {"label_es", v.def->label_es},
              {"label_en", v.def->label_en},
              {"value", optional_number(v.value)},
              {"unit", v.def->unit},
              {"window_from", v.window_from.iso()},
              {"window_to", v.window_to.iso()},
              {"release", joined(v.releases)},
              {"releases", v.releases},
              {"complete", v.complete}};
    if (v.lower) j["p2.5"] = *v.lower;
    if (v.upper) j["p97.5"] = *v.upper;
    if (!v.note.empty()) j["note"] = v.note;
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

json risk_json(const analysis::RiskScheme& scheme, const analysis::RiskAssessment& r) {
    json components = json::array();
    for (const auto& c : r.components) {
        json j = {{"id", c.component->id},
                  {"indicator", c.component->indicator},
                  {"label_es", c.component->label_es},
                  {"label_en", c.component->label_en},
                  {"value", optional_number(c.value)},
                  {"points", optional_number(c.points)},
                  {"band", c.band ? analysis::band_text(scheme, *c.band) : ""},
                  {"window_from", c.window_from.iso()},
                  {"window_to", c.window_to.iso()},
                  {"releases", c.releases},
                  {"complete", c.complete},
                  {"in_overall", c.component->in_overall},
                  {"verified", c.component->verified}};
        if (!c.missing.empty()) j["missing"] = c.missing;
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
        divergences.push_back({{"kind", d.kind}, {"component", d.component}, {"text_es", d.text_es}, {"text_en", d.text_en}});
    }
    return {{"zone", pic.zone->code}, {"date", view.date.iso()}, {"scheme", view.scheme.id}, {"places", places},
            {"divergences", divergences}};
}

json scheme_json(const analysis::RiskScheme& scheme) {
    json levels = json::array();
    for (const auto& l : scheme.levels) levels.push_back(level_json(&l));
    return {{"id", scheme.id},     {"version", scheme.version}, {"name_es", scheme.name_es}, {"name_en", scheme.name_en},
            {"source", scheme.source}, {"verified", scheme.verified}, {"note", scheme.note}, {"levels", levels}};
}

json jurisdiction_json(const Jurisdiction& j, bool with_geometry) {
    json out = {{"code", j.code},
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
