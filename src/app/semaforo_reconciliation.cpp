// SPDX-License-Identifier: MIT
#include "app/semaforo_reconciliation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "app/assessment.hpp"
#include "app/json_views.hpp"
#include "core/field_error.hpp"

namespace metropoli::app {

using homologation::DeclaredColour;
using nlohmann::json;

namespace {

const std::vector<std::string>& colours() {
    static const std::vector<std::string> c = {"verde", "amarillo", "naranja", "rojo"};
    return c;
}
int rank(const std::string& colour) {
    auto it = std::find(colours().begin(), colours().end(), colour);
    return it == colours().end() ? -1 : static_cast<int>(it - colours().begin());
}
std::string colour_en(const std::string& c) {
    if (c == "rojo") return "red";
    if (c == "naranja") return "orange";
    if (c == "amarillo") return "yellow";
    if (c == "verde") return "green";
    return c;
}

std::string day_es(Date d) {
    static const char* months[] = {"enero", "febrero", "marzo",      "abril",   "mayo",      "junio",
                                   "julio", "agosto",  "septiembre", "octubre", "noviembre", "diciembre"};
    return fmt::format("{} de {} de {}", d.day(), months[d.month() - 1], d.year());
}
std::string day_en(Date d) {
    static const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
    return fmt::format("{} {} {}", d.day(), months[d.month() - 1], d.year());
}

bool applies(const DeclaredColour& d, const Region& region, const Jurisdiction& j) {
    switch (j.kind) {
        case JurisdictionKind::nation:
            return true;
        case JurisdictionKind::state:
            return d.scope == "region" ? d.declared_by == j.code : d.jurisdiction == j.code;
        case JurisdictionKind::municipality:
            if (d.scope == "region")
                return std::find(d.municipalities.begin(), d.municipalities.end(), j.code) !=
                       d.municipalities.end();
            return d.jurisdiction == j.state_code;
        case JurisdictionKind::metro_zone:
            for (const auto& m : region.municipalities_of(j))
                if (const auto* member = region.find(m); member && applies(d, region, *member)) return true;
            return false;
    }
    return false;
}

Result<std::pair<Date, Date>> week_of(const std::string& week) {
    auto w = homologation::percent_w_week(week);
    if (!w)
        return invalid("week",
                       fmt::format("'{}' no es una semana AAAA-Wss / is not a week YYYY-Www (%W: weeks "
                                   "start on the year's first Monday; 2020-W45 is 9-15 November 2020)",
                                   week));
    return *w;
}

std::string state_name(const Region& region, const std::string& code) {
    const auto* j = region.find(code);
    return j ? j->name : code;
}

}  // namespace

Result<DeclaredView> declared_colours_for(Context& context, const DeclaredQuery& query) {
    DeclaredView view;
    if (!query.jurisdiction.empty()) {
        auto j = resolve_jurisdiction(context.region, query.jurisdiction);
        if (!j) return invalid("jurisdiction", j.error().message);
        view.jurisdiction = *j;
    }
    std::vector<DeclaredColour> stored;
    if (!query.week.empty()) {
        TRY_ASSIGN(days, week_of(query.week));
        view.week = query.week;
        view.from = days.first;
        view.to = days.second;
        TRY_ASSIGN(list, homologation::list_declared_colours(*context.db, days.first, days.second));
        stored = std::move(list);
    } else {
        TRY_ASSIGN(list, homologation::list_declared_colours(*context.db));
        stored = std::move(list);
    }
    std::set<std::string> cited;
    for (auto& d : stored) {
        if (view.jurisdiction && !applies(d, context.region, *view.jurisdiction)) continue;
        cited.insert(d.source);
        view.colours.push_back(std::move(d));
    }
    TRY_ASSIGN(sources, homologation::list_declared_colour_sources(*context.db));
    for (auto& s : sources)
        if (cited.count(s.key)) view.sources.push_back(std::move(s));
    // The comparison needs every period overlapping a Bisaloo week, which the colours of a week include.
    view.disagreements = homologation::compilation_disagreements(view.colours);
    return view;
}

namespace {

std::vector<analysis::ReleaseRef> releases_of(const analysis::RiskAssessment& risk) {
    std::vector<analysis::ReleaseRef> out;
    for (const auto& c : risk.components)
        for (const auto& r : c.releases)
            if (std::none_of(out.begin(), out.end(), [&](const auto& o) {
                    return o.source == r.source && o.date == r.date && o.kind == r.kind;
                }))
                out.push_back(analysis::ReleaseRef{r.source, r.date, r.kind, ""});
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.date != b.date ? a.date < b.date : a.kind < b.kind;
    });
    return out;
}

ComputedColour computed_of(const analysis::RiskScheme& scheme,
                           const std::vector<analysis::IndicatorValue>& values, Date date) {
    ComputedColour out;
    out.scheme = scheme.id;
    out.scheme_name = {scheme.name_es, scheme.name_en};
    out.assessed_on = date;
    out.semaforo_scale = std::all_of(scheme.levels.begin(), scheme.levels.end(),
                                     [](const auto& l) { return rank(l.id) >= 0; });
    const auto risk = analysis::assess_risk(scheme, values, date);
    if (risk.level) {
        out.level = risk.level->id;
        out.level_label = {risk.level->label_es, risk.level->label_en};
        out.level_hex = risk.level->color;
    }
    if (risk.level_min) out.level_min = risk.level_min->id;
    if (risk.level_max) out.level_max = risk.level_max->id;
    out.score = risk.score;
    out.missing = risk.missing;
    for (const auto& id : risk.missing) {
        const auto it = std::find_if(scheme.components.begin(), scheme.components.end(),
                                     [&](const auto& k) { return k.id == id; });
        out.missing_names.push_back(it == scheme.components.end() ? Bilingual{id, id}
                                                                  : Bilingual{it->label_es, it->label_en});
    }
    out.releases = releases_of(risk);
    double top = 0;
    for (const auto& c : risk.components)
        if (c.points && c.component->in_overall) top = std::max(top, *c.points);
    std::vector<const analysis::ComponentScore*> ranked;
    for (const auto& c : risk.components)
        if (c.points && c.component->in_overall && *c.points > 0) ranked.push_back(&c);
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto* a, const auto* b) { return *a->points > *b->points; });
    // The components at the top score, or for a sum the three that add the most.
    const bool additive =
        scheme.rule == analysis::CombineRule::sum || scheme.rule == analysis::CombineRule::weighted_mean;
    for (const auto* c : ranked) {
        if (additive ? out.drivers.size() >= 3 : *c->points < top) break;
        out.drivers.push_back({c->component->id,
                               {c->component->label_es, c->component->label_en},
                               c->value,
                               *c->points,
                               c->band ? analysis::band_text(scheme, *c->band) : ""});
    }
    return out;
}

std::string number(double v) {
    std::string s = fmt::format("{:.2f}", v);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

// A scheme by its name, and missing inputs by their indicators' names: never identifiers in the sentence.
std::string scheme_es(const ComputedColour& c) {
    return c.scheme_name.es.empty() ? c.scheme : c.scheme_name.es;
}
std::string scheme_en(const ComputedColour& c) {
    return c.scheme_name.en.empty() ? c.scheme : c.scheme_name.en;
}
// What a release counted, in words ("defunciones" for deaths).
Bilingual kind_text(const std::string& kind) {
    static const std::vector<std::pair<std::string, Bilingual>> k_names = {
        {"confirmed", {"casos confirmados", "confirmed cases"}},
        {"suspected", {"casos sospechosos", "suspected cases"}},
        {"negative", {"casos negativos", "negative cases"}},
        {"tested", {"personas con muestra", "people tested"}},
        {"lab_positive", {"positivos de laboratorio", "laboratory positives"}},
        {"lab_negative", {"negativos de laboratorio", "laboratory negatives"}},
        {"antigen_positive", {"positivos de antígeno", "antigen positives"}},
        {"antigen_negative", {"negativos de antígeno", "antigen negatives"}},
        {"hospitalized", {"hospitalizados", "hospitalised"}},
        {"icu", {"ingresos a UCI", "ICU admissions"}},
        {"intubated", {"intubados", "intubated"}},
        {"deaths", {"defunciones", "deaths"}}};
    for (const auto& [id, name] : k_names)
        if (id == kind) return name;
    return {kind, kind};
}

Bilingual missing_text(const std::vector<Bilingual>& names) {
    std::string es, en;
    for (const auto& n : names) {
        es += (es.empty() ? "" : "; ") + n.es;
        en += (en.empty() ? "" : "; ") + n.en;
    }
    return {es, en};
}

Bilingual drivers_text(const ComputedColour& c) {
    std::string es, en;
    for (const auto& d : c.drivers) {
        const std::string value = d.value ? number(*d.value) : "?";
        es += fmt::format("{}{} = {} ({} pts, banda {})", es.empty() ? "" : "; ", d.label.es, value,
                          number(d.points), d.band);
        en += fmt::format("{}{} = {} ({} pts, band {})", en.empty() ? "" : "; ", d.label.en, value,
                          number(d.points), d.band);
    }
    return {es, en};
}

// The federal colours of the week for one state, by compilation (Bisaloo's week, claudiodanielpc's periods).
std::vector<const DeclaredColour*> federal_of(const std::vector<DeclaredColour>& colours) {
    std::vector<const DeclaredColour*> out;
    for (const auto& d : colours)
        if (d.scope == "federal") out.push_back(&d);
    return out;
}

void compare(ComputedColour& c, const std::vector<const DeclaredColour*>& federal) {
    if (!c.semaforo_scale) {
        c.comparison = "not_comparable";
        return;
    }
    if (c.level.empty() || federal.empty()) {
        c.comparison = "undetermined";
        return;
    }
    bool equal = false, stricter = false, laxer = false;
    for (const auto* f : federal) {
        const int d = rank(c.level) - rank(f->colour);
        (d == 0 ? equal : d > 0 ? stricter : laxer) = true;
    }
    c.comparison = equal && !stricter && !laxer ? "agrees"
                   : equal                      ? "mixed"
                   : stricter && !laxer         ? "stricter"
                   : laxer && !stricter         ? "laxer"
                                                : "mixed";
}

void explain(Reconciliation& r, const Region& region) {
    auto& out = r.explanations;
    const auto federal = federal_of(r.declared.colours);
    // The compilations disagree.
    for (const auto& w : r.declared.disagreements) {
        std::string other;
        for (size_t i = 0; i < w.claudiodanielpc.size(); ++i)
            other += fmt::format("{}{} ({} … {})", i ? ", " : "", w.claudiodanielpc[i],
                                 w.periods[i].first.iso(), w.periods[i].second.iso());
        const std::string name = state_name(region, w.state);
        out.push_back(
            {fmt::format("Las dos compilaciones del semáforo federal no coinciden para {} en {}: Bisaloo "
                         "dice {}, claudiodanielpc {}. Estas fuentes no permiten decidir cuál es correcta; "
                         "se muestran ambas.",
                         name, w.week, w.bisaloo, other),
             fmt::format("The two compilations of the federal semáforo disagree for {} in {}: Bisaloo "
                         "says {}, claudiodanielpc {}. These sources cannot settle which is right; both "
                         "are shown.",
                         name, w.week, colour_en(w.bisaloo), other),
             "compilations_disagree",
             {{"state", {w.state}},
              {"week", {w.week}},
              {"bisaloo", {w.bisaloo}},
              {"claudiodanielpc", w.claudiodanielpc}}});
    }
    // A state's own colour, or its region's, beside the federal one.
    for (const auto& d : r.declared.colours) {
        if (d.scope == "federal") continue;
        std::set<std::string> fed;
        for (const auto* f : federal)
            if (f->jurisdiction == d.declared_by) fed.insert(f->colour);
        std::string fed_es, fed_en;
        for (const auto& f : fed) {
            fed_es += (fed_es.empty() ? "" : " o ") + f;
            fed_en += (fed_en.empty() ? "" : " or ") + colour_en(f);
        }
        const bool differs = !fed.empty() && (fed.size() > 1 || *fed.begin() != d.colour);
        const std::string who = state_name(region, d.declared_by);
        const std::string whom_es = d.scope == "region" ? d.area : who,
                          whom_en = d.scope == "region" ? d.area : who;
        const std::string when_es = fmt::format("del {} al {}", day_es(d.valid_from), day_es(d.valid_to)),
                          when_en = fmt::format("from {} to {}", day_en(d.valid_from), day_en(d.valid_to));
        const std::string unverified_es = d.unverified ? " (fechas sin verificar: " : "",
                          unverified_en = d.unverified ? " (dates unverified: " : "";
        out.push_back(
            {fmt::format(
                 "{} declaró {} su propio color, {}, {}{}{}{}. {}", who,
                 d.scope == "region" ? "para " + whom_es : "para sí", d.colour, when_es, unverified_es,
                 d.unverified ? "la fuente no da el día" : "", d.unverified ? ")" : "",
                 differs
                     ? fmt::format("Es una decisión del estado: el semáforo federal lo tenía en {}.", fed_es)
                 : fed.empty() ? "No hay color federal de esa semana."
                               : "Coincide con el semáforo federal."),
             fmt::format(
                 "{} declared its own colour {}, {}, {}{}{}{}. {}", who,
                 d.scope == "region" ? "for " + whom_en : "for itself", colour_en(d.colour), when_en,
                 unverified_en, d.unverified ? "the source gives no day" : "", d.unverified ? ")" : "",
                 differs ? fmt::format("It is the state's decision: the federal semáforo had it {}.", fed_en)
                 : fed.empty() ? "There is no federal colour for that week."
                               : "It matches the federal semáforo."),
             differs ? "state_declared_differs" : "state_declared",
             {{"declared_by", {d.declared_by}},
              {"jurisdiction", {d.jurisdiction}},
              {"colour", {d.colour}},
              {"from", {d.valid_from.iso()}},
              {"to", {d.valid_to.iso()}},
              {"unverified", {d.unverified ? "true" : "false"}}}});
    }
    // Each computed colour against the federal one: which indicators pushed it.
    std::set<std::string> fed_colours;
    for (const auto* f : federal) fed_colours.insert(f->colour);
    std::string fed_es, fed_en;
    for (const auto& f : fed_colours) {
        fed_es += (fed_es.empty() ? "" : " o ") + f;
        fed_en += (fed_en.empty() ? "" : " or ") + colour_en(f);
    }
    bool any_differs = false;
    for (const auto& c : r.computed) {
        if (c.error) continue;
        const Bilingual drivers = drivers_text(c);
        if (c.comparison == "not_comparable") {
            out.push_back(
                {fmt::format("{}: nivel {} ({}); sus niveles no son colores del semáforo, así que no se "
                             "compara.",
                             scheme_es(c), c.level.empty() ? "sin determinar" : c.level_label.es,
                             drivers.es.empty() ? "sin componentes con puntos" : drivers.es),
                 fmt::format("{}: level {} ({}); its levels are not semáforo colours, so it is not "
                             "compared.",
                             scheme_en(c), c.level.empty() ? "undetermined" : c.level_label.en,
                             drivers.en.empty() ? "no component with points" : drivers.en),
                 "not_semaforo_scale",
                 {{"scheme", {c.scheme}}, {"level", {c.level}}}});
            continue;
        }
        if (c.comparison == "undetermined") {
            const Bilingual missing = missing_text(c.missing_names);
            out.push_back(
                {fmt::format("{}: el color no queda determinado ({} … {}); faltan: {}.", scheme_es(c),
                             c.level_min, c.level_max, missing.es.empty() ? "el color federal" : missing.es),
                 fmt::format("{}: the colour is not determined ({} … {}); missing: {}.", scheme_en(c),
                             colour_en(c.level_min), colour_en(c.level_max),
                             missing.en.empty() ? "the federal colour" : missing.en),
                 "computed_undetermined",
                 {{"scheme", {c.scheme}}, {"missing", c.missing}}});
            continue;
        }
        const std::string score = c.score ? number(*c.score) : "?";
        if (c.comparison == "agrees") {
            out.push_back({fmt::format("{} calcula {} (puntuación {}), igual que el semáforo federal.",
                                       scheme_es(c), c.level, score),
                           fmt::format("{} computes {} (score {}), the same as the federal semáforo.",
                                       scheme_en(c), colour_en(c.level), score),
                           "computed_agrees",
                           {{"scheme", {c.scheme}}, {"computed", {c.level}}}});
            continue;
        }
        any_differs = true;
        const bool stricter = c.comparison == "stricter";
        out.push_back({fmt::format("{} calcula {} (puntuación {}), {} que el federal {}: lo empujan {}.",
                                   scheme_es(c), c.level, score,
                                   c.comparison == "mixed" ? "distinto"
                                   : stricter              ? "más estricto"
                                                           : "más laxo",
                                   fed_es, drivers.es.empty() ? "ningún componente con puntos" : drivers.es),
                       fmt::format("{} computes {} (score {}), {} the federal {}: pushed by {}.",
                                   scheme_en(c), colour_en(c.level), score,
                                   c.comparison == "mixed" ? "different from"
                                   : stricter              ? "stricter than"
                                                           : "laxer than",
                                   fed_en, drivers.en.empty() ? "no component with points" : drivers.en),
                       "computed_differs",
                       {{"scheme", {c.scheme}},
                        {"computed", {c.level}},
                        {"federal", std::vector<std::string>(fed_colours.begin(), fed_colours.end())},
                        {"comparison", {c.comparison}}}});
    }
    // The federal colour was decided before the week, on earlier data; Metrópoli reads a later vintage.
    if (any_differs) {
        std::string before_es = "", before_en = "";
        std::vector<std::string> params;
        if (r.before_week && !r.before_week->error && !r.before_week->level.empty()) {
            const auto& b = *r.before_week;
            const bool same = fed_colours.count(b.level) > 0;
            before_es = fmt::format(" Con los datos hasta el {}, {} da {}{}.", day_es(b.assessed_on),
                                    b.scheme, b.level, same ? ", como el federal" : "");
            before_en = fmt::format(" On the data up to {}, {} gives {}{}.", day_en(b.assessed_on), b.scheme,
                                    colour_en(b.level), same ? ", as the federal colour" : "");
            params = {b.assessed_on.iso(), b.level};
        }
        out.push_back(
            {fmt::format("El color federal de la semana se decidió antes de que empezara, con los datos de "
                         "semanas anteriores tal como se publicaban entonces; Metrópoli evalúa el {} con "
                         "las cifras de la semana.{}",
                         day_es(r.sunday), before_es),
             fmt::format("The federal colour of the week was decided before it began, on the data of "
                         "earlier weeks as published then; Metrópoli assesses {} with the figures of the "
                         "week itself.{}",
                         day_en(r.sunday), before_en),
             "federal_decided_earlier",
             {{"assessed_on", {r.sunday.iso()}}, {"before_week", params}}});
    }
    // The vintage: releases published after the week (the Red IRAG feed is dated by the day it describes).
    std::set<std::pair<std::string, std::string>> vintage;  // (date, input)
    Date newest = r.sunday;
    for (const auto& c : r.computed)
        for (const auto& rel : c.releases)
            if (rel.source != "red_irag") {
                vintage.insert({rel.date.iso(), rel.kind});
                newest = std::max(newest, rel.date);
            }
    if (r.sunday < newest) {
        std::string list_es, list_en;
        std::vector<std::string> dates;
        for (const auto& [date, kind] : vintage) {
            list_es += fmt::format("{}{} ({})", list_es.empty() ? "" : ", ", date, kind_text(kind).es);
            list_en += fmt::format("{}{} ({})", list_en.empty() ? "" : ", ", date, kind_text(kind).en);
            if (std::find(dates.begin(), dates.end(), date) == dates.end()) dates.push_back(date);
        }
        out.push_back(
            {fmt::format("Metrópoli calculó con las publicaciones del {}; la más reciente, {} días después "
                         "de la semana: cifras más completas que las que había al declarar el color.",
                         list_es, newest - r.sunday),
             fmt::format("Metrópoli computed with the releases of {}; the newest {} days after the week: "
                         "more complete figures than those at hand when the colour was declared.",
                         list_en, newest - r.sunday),
             "later_vintage",
             {{"releases", dates}, {"days_after", {std::to_string(newest - r.sunday)}}}});
    }
}

}  // namespace

Result<Reconciliation> reconcile_colours(Context& context, const std::string& jurisdiction,
                                         const std::string& week, std::optional<Date> release) {
    if (jurisdiction.empty()) return invalid("jurisdiction", "es obligatoria / is required");
    if (week.empty()) return invalid("week", "es obligatoria (AAAA-Wss) / is required (YYYY-Www)");
    Reconciliation r;
    TRY_ASSIGN(declared, declared_colours_for(context, {jurisdiction, week}));
    r.declared = std::move(declared);
    r.jurisdiction = r.declared.jurisdiction;
    r.week = r.declared.week;
    r.monday = r.declared.from;
    r.sunday = r.declared.to;

    std::vector<analysis::RiskScheme> schemes;
    for (const auto& id : analysis::risk_scheme_ids(data_paths())) {
        TRY_ASSIGN(scheme, analysis::load_risk_scheme(data_paths(), id));
        schemes.push_back(std::move(scheme));
    }
    const auto federal = federal_of(r.declared.colours);
    AssessmentRequest request;
    request.jurisdiction = r.jurisdiction->code;
    request.selection.release = release;
    request.date = r.sunday;
    auto week_data = indicators_for(context, request);
    for (const auto& scheme : schemes) {
        ComputedColour c;
        if (week_data) {
            c = computed_of(scheme, week_data->values, r.sunday);
            compare(c, federal);
        } else {
            c.scheme = scheme.id;
            c.scheme_name = {scheme.name_es, scheme.name_en};
            c.assessed_on = r.sunday;
            c.comparison = "undetermined";
            c.error = week_data.error();
        }
        r.computed.push_back(std::move(c));
    }
    request.date = r.monday - 1;
    auto before = indicators_for(context, request);
    for (const auto& scheme : schemes) {
        if (scheme.id != analysis::k_default_scheme) continue;
        if (before) {
            r.before_week = computed_of(scheme, before->values, r.monday - 1);
            compare(*r.before_week, federal);
        } else {
            ComputedColour c;
            c.scheme = scheme.id;
            c.assessed_on = r.monday - 1;
            c.comparison = "undetermined";
            c.error = before.error();
            r.before_week = std::move(c);
        }
    }
    explain(r, context.region);
    return r;
}

json declared_view_json(const DeclaredView& view) {
    json colours = json::array(), sources = json::array(), disagreements = json::array();
    for (const auto& c : view.colours) colours.push_back(homologation::declared_colour_json(c));
    for (const auto& s : view.sources) sources.push_back(homologation::declared_colour_source_json(s));
    for (const auto& w : view.disagreements) {
        json periods = json::array();
        for (const auto& [f, t] : w.periods) periods.push_back({{"from", f.iso()}, {"to", t.iso()}});
        disagreements.push_back({{"state", w.state},
                                 {"week", w.week},
                                 {"monday", w.monday.iso()},
                                 {"bisaloo", w.bisaloo},
                                 {"claudiodanielpc", w.claudiodanielpc},
                                 {"claudiodanielpc_periods", periods}});
    }
    return {{"jurisdiction", view.jurisdiction ? json(view.jurisdiction->code) : json()},
            {"week", view.week.empty() ? json() : json(view.week)},
            {"from", view.week.empty() ? json() : json(view.from.iso())},
            {"to", view.week.empty() ? json() : json(view.to.iso())},
            {"colours", colours},
            {"sources", sources},
            {"disagreements", disagreements}};
}

namespace {

json computed_json(const ComputedColour& c) {
    json drivers = json::array();
    for (const auto& d : c.drivers)
        drivers.push_back({{"component", d.component},
                           {"label", text_json(d.label)},
                           {"value", d.value ? json(*d.value) : json()},
                           {"points", d.points},
                           {"band", d.band}});
    return {{"scheme", c.scheme},
            {"scheme_name", text_json(c.scheme_name)},
            {"assessed_on", c.assessed_on.iso()},
            {"level", c.level.empty() ? json() : json(c.level)},
            {"level_min", c.level_min.empty() ? json() : json(c.level_min)},
            {"level_max", c.level_max.empty() ? json() : json(c.level_max)},
            {"level_label", c.level.empty() ? json() : text_json(c.level_label)},
            {"level_color", c.level_hex.empty() ? json() : json(c.level_hex)},
            {"semaforo_scale", c.semaforo_scale},
            {"score", c.score ? json(*c.score) : json()},
            {"missing", c.missing},
            {"releases", releases_json(c.releases)},
            {"drivers", drivers},
            {"comparison", c.comparison},
            {"error", c.error ? json(c.error->message) : json()}};
}

}  // namespace

json reconciliation_json(const Reconciliation& r) {
    json computed = json::array(), explanations = json::array();
    for (const auto& c : r.computed) computed.push_back(computed_json(c));
    for (const auto& e : r.explanations) explanations.push_back(text_json(e));
    return {{"jurisdiction", r.jurisdiction->code},
            {"name", r.jurisdiction->name},
            {"week", r.week},
            {"monday", r.monday.iso()},
            {"sunday", r.sunday.iso()},
            {"declared", declared_view_json(r.declared)},
            {"computed", computed},
            {"before_week", r.before_week ? computed_json(*r.before_week) : json()},
            {"explanations", explanations}};
}

}  // namespace metropoli::app
