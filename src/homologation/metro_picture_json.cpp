// SPDX-License-Identifier: MIT
// The metro picture, a municipality's effective days and the metro summary as JSON; the summary's month.
#include <fmt/format.h>
#include <soci/soci.h>

#include "homologation/activity_rule_support.hpp"
#include "homologation/codebook.hpp"
#include "homologation/metro_picture.hpp"
#include "homologation/observation_review.hpp"
#include "homologation/observations.hpp"

namespace metropoli::homologation {

using nlohmann::json;

namespace {

json opt(const std::optional<int>& v) {
    return v ? json(*v) : json(nullptr);
}

json bilingual(const Bilingual& b) {
    return {{"es", b.es}, {"en", b.en}};
}

json set_by_json(const std::optional<SetByObservation>& s) {
    if (!s) return nullptr;
    return {{"jurisdiction", s->jurisdiction},
            {"level", s->level},
            {"observation", s->observation},
            {"extensions", extensions_json(s->extensions)},
            {"unverified", s->unverified}};
}

json index_json(const MetroIndexValue& v) {
    return {{"value", v.cents ? json(cents_text(*v.cents)) : json(nullptr)}, {"components", v.components}};
}

json indicator_json(const std::string& code) {
    const IndicatorDef* def = find_indicator(code);
    json labels = json::array();
    if (def)
        for (const auto& l : def->labels) labels.push_back({{"value", l.value}, {"es", l.es}, {"en", l.en}});
    return {{"code", code},
            {"name", {{"es", def ? def->name_es : ""}, {"en", def ? def->name_en : ""}}},
            {"max", def ? def->max_value : 0},
            {"labels", labels}};
}

}  // namespace

json effective_day_json(const std::string& indicator, const EffectiveDay& d) {
    Bilingual detail;
    if (d.set_by)
        detail = {describe_extensions_es(d.set_by->extensions), describe_extensions_en(d.set_by->extensions)};
    return {{"date", d.day.iso()}, {"indicator", indicator},          {"value", opt(d.value)},
            {"flag", opt(d.flag)}, {"set_by", set_by_json(d.set_by)}, {"detail", bilingual(detail)}};
}

json metro_picture_json(const MetroPicture& p) {
    json members = json::array(), indicators = json::array(), rows = json::array(), indices = json::array();
    for (const auto& m : p.members) members.push_back({{"code", m.code}, {"name", m.name}});
    for (const auto& code : p.indicators) indicators.push_back(indicator_json(code));
    for (const auto& r : p.rows) {
        json cells = json::array();
        for (const auto& c : r.cells) {
            json cell = effective_day_json(r.indicator, c.effective);
            cell.erase("date");
            cell.erase("indicator");
            cell["municipality"] = c.municipality;
            cells.push_back(std::move(cell));
        }
        json metro = nullptr;
        if (r.metro_effective)
            metro = {{"value", r.metro_effective->value}, {"flag", opt(r.metro_effective->flag)}};
        rows.push_back({{"indicator", r.indicator},
                        {"date", r.day.iso()},
                        {"cells", cells},
                        {"strictest", opt(r.strictest)},
                        {"most_lenient", opt(r.most_lenient)},
                        {"spread", r.spread},
                        {"strictest_in", r.strictest_in},
                        {"most_lenient_in", r.most_lenient_in},
                        {"metro_effective", metro},
                        {"diverges", r.diverges},
                        {"values_differ", r.values_differ},
                        {"divergence", r.diverges ? bilingual(r.divergence) : json(nullptr)}});
    }
    for (const auto& d : p.indices) {
        json metro = json::object(), municipalities = json::object();
        for (const auto& [code, v] : d.metro) metro[code] = index_json(v);
        for (const auto& [place, values] : d.municipalities) {
            json one = json::object();
            for (const auto& [code, v] : values) one[code] = index_json(v);
            municipalities[place] = one;
        }
        indices.push_back({{"date", d.day.iso()}, {"metro", metro}, {"municipalities", municipalities}});
    }
    return {{"body", p.body},
            {"from", p.from.iso()},
            {"to", p.to.iso()},
            {"members", members},
            {"indicators", indicators},
            {"rows", rows},
            {"indices", indices},
            {"divergent_days", p.divergent_days},
            {"metro_rule",
             {{"es", "el valor más estricto en vigor en algún municipio; bandera 1 sólo si rige en todos"},
              {"en", "the strictest value in force in any member; flag 1 only when it applies in all"}}},
            {"index_rule",
             {{"es",
               "índices de OxCGRT sobre la política metropolitana; un indicador no codificado cuenta como 0"},
              {"en", "OxCGRT's indices over the metro-effective policy; an uncoded indicator counts as 0"}}}};
}

Result<std::optional<MetroSummary>> metro_summary(storage::Database& db, const std::string& body) {
    // The span of the approved region observations that concern the body's members.
    auto span = detail::reading(db, [&]() -> Result<std::optional<std::pair<Date, Date>>> {
        std::string first, last;
        const std::string open_end = k_open_end;
        soci::indicator fi = soci::i_null, li = soci::i_null;
        db.session() << "SELECT MIN(o.start_date), MAX(CASE WHEN o.end_date = :open THEN o.start_date ELSE "
                        "o.end_date END) FROM policy_observations o JOIN policy_jurisdictions j ON j.code = "
                        "o.jurisdiction WHERE j.kind <> 'oxcgrt' AND " +
                            counted_observations_sql("o"),
            soci::use(open_end), soci::into(first, fi), soci::into(last, li);
        if (fi != soci::i_ok || li != soci::i_ok) return std::optional<std::pair<Date, Date>>{};
        auto a = Date::parse_iso(first), b = Date::parse_iso(last);
        if (!a || !b) return std::optional<std::pair<Date, Date>>{};
        return std::optional<std::pair<Date, Date>>{std::pair{*a, *b}};
    });
    if (!span) return span.error();
    if (!*span) return std::optional<MetroSummary>{};
    auto [first, last] = **span;
    if (last - first > k_max_effective_days - 1) first = last - (k_max_effective_days - 1);
    TRY_ASSIGN(picture, metro_picture(db, body, first, last));
    // Per month: divergent indicator-days.
    std::map<std::string, int> per_month;
    for (const auto& r : picture.rows)
        if (r.diverges) ++per_month[r.day.iso().substr(0, 7)];
    if (per_month.empty()) return std::optional<MetroSummary>{};
    std::string month = per_month.begin()->first;
    for (const auto& [m, n] : per_month)
        if (n > per_month[month]) month = m;
    MetroSummary s;
    s.body = body;
    s.from = *Date::parse_iso(month + "-01");
    Date end = s.from;
    while ((end + 1).iso().substr(0, 7) == month) end = end + 1;
    s.to = end;
    s.divergent_indicator_days = per_month[month];
    std::map<std::string, MetroSummaryIndicator> by_indicator;
    std::map<std::string, int> widest;
    for (const auto& r : picture.rows) {
        if (!r.diverges || r.day.iso().substr(0, 7) != month) continue;
        auto& one = by_indicator[r.indicator];
        one.indicator = r.indicator;
        ++one.days;
        if (r.values_differ) ++one.value_days;
        auto w = widest.find(r.indicator);
        if (w == widest.end() || r.spread > w->second) {
            widest[r.indicator] = r.spread;
            one.example = r.day;
            one.text = r.divergence;
        }
    }
    for (auto& [code, one] : by_indicator) s.indicators.push_back(std::move(one));
    std::stable_sort(s.indicators.begin(), s.indicators.end(), [](const auto& a, const auto& b) {
        return a.value_days != b.value_days ? a.value_days > b.value_days : a.days > b.days;
    });
    return std::optional<MetroSummary>{std::move(s)};
}

json metro_summary_json(const std::optional<MetroSummary>& s) {
    if (!s) return {{"summary", nullptr}};
    json indicators = json::array();
    for (const auto& i : s->indicators) {
        const IndicatorDef* def = find_indicator(i.indicator);
        indicators.push_back({{"code", i.indicator},
                              {"name", {{"es", def ? def->name_es : ""}, {"en", def ? def->name_en : ""}}},
                              {"days", i.days},
                              {"value_days", i.value_days},
                              {"example_date", i.example.iso()},
                              {"divergence", bilingual(i.text)}});
    }
    return {{"summary",
             {{"body", s->body},
              {"from", s->from.iso()},
              {"to", s->to.iso()},
              {"divergent_indicator_days", s->divergent_indicator_days},
              {"indicators", indicators}}}};
}

}  // namespace metropoli::homologation
