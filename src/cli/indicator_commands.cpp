// SPDX-License-Identifier: MIT
// `metropoli indicators`, `metropoli rt`, `metropoli risk`, `metropoli metro`.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/assessment.hpp"
#include "app/json_views.hpp"
#include "app/parameters.hpp"
#include "cli/cli_support.hpp"

namespace metropoli::cli {

namespace {

using app::level_name;
using nlohmann::json;

struct AssessmentArgs {
    std::string jurisdiction, date, release, source, scheme = std::string(analysis::k_default_scheme),
                                                     si_distribution;
    int incomplete_days = analysis::k_default_incomplete_days;
    double si_mean = analysis::k_default_si_mean, si_sd = analysis::k_default_si_sd, prior_mean = 5,
           prior_std = 5;
    int window = 7;
};

void add_place_options(CLI::App* cmd, AssessmentArgs& a, bool with_date) {
    cmd->add_option("--jurisdiction,-j", a.jurisdiction, "INEGI code, state code, metro zone id or name")
        ->required();
    if (with_date)
        cmd->add_option("--date", a.date,
                        "Day YYYY-MM-DD (default: the last complete day of the newest release)");
    cmd->add_option("--release", a.release, "Read every input from the release of this date");
    cmd->add_option("--source", a.source, "Only releases of this source")
        ->check(CLI::IsMember({"ssa", "municipal"}));
    cmd->add_option("--incomplete-days", a.incomplete_days, "Days before a release still being reported")
        ->check(CLI::Range(0, 60))
        ->capture_default_str();
}

void add_rt_options(CLI::App* cmd, AssessmentArgs& a) {
    cmd->add_option("--si-mean", a.si_mean, "Serial interval mean, days (parametric_si)")
        ->capture_default_str();
    cmd->add_option("--si-sd", a.si_sd, "Serial interval standard deviation, days")->capture_default_str();
    cmd->add_option("--si-distr", a.si_distribution,
                    "A serial interval distribution w0,w1,... (non_parametric_si; w0 = 0, sums to 1)");
    cmd->add_option("--window", a.window, "Sliding window, days")
        ->check(CLI::Range(1, 365))
        ->capture_default_str();
    cmd->add_option("--prior-mean", a.prior_mean, "Mean of the gamma prior of R")->capture_default_str();
    cmd->add_option("--prior-std", a.prior_std, "Std of the gamma prior of R")->capture_default_str();
}

app::AssessmentRequest request_of(const AssessmentArgs& a) {
    app::AssessmentRequest r;
    r.jurisdiction = a.jurisdiction;
    r.date = date_option(a.date, "--date");
    r.selection.release = date_option(a.release, "--release");
    r.selection.source = a.source;
    r.options.incomplete_days = a.incomplete_days;
    r.options.rt.window = a.window;
    r.options.rt.mean_prior = a.prior_mean;
    r.options.rt.std_prior = a.prior_std;
    if (!a.si_distribution.empty()) {
        analysis::SerialInterval si;
        size_t start = 0;
        const std::string& t = a.si_distribution;
        while (start <= t.size()) {
            const size_t end = std::min(t.find(',', start), t.size());
            try {
                si.distribution.push_back(std::stod(t.substr(start, end - start)));
            } catch (const std::exception&) {
                throw CLI::ValidationError("--si-distr",
                                           "'" + t.substr(start, end - start) + "' is not a number");
            }
            start = end + 1;
        }
        r.options.si = si;
    } else {
        r.options.si = analysis::SerialInterval{a.si_mean, a.si_sd, {}};
    }
    // The same ranges as the API's: a value out of range is a usage error here as there.
    if (auto ok = app::resolve_options(r.options); !ok) throw CLI::RuntimeError(report_error(ok.error()));
    return r;
}

// A bundled scheme by id, or a scheme file the operator names.
analysis::RiskScheme scheme_of(const std::string& id_or_file) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(id_or_file, ec))
        return value_or_throw(analysis::load_risk_scheme_file(id_or_file));
    return value_or_throw(analysis::load_risk_scheme(app::data_paths(), id_or_file));
}

// The bundled schemes by id ("covid-act-now, harvard, ..."), for the help texts.
std::string scheme_list() {
    std::string out;
    for (const auto& id : analysis::risk_scheme_ids(app::data_paths())) out += (out.empty() ? "" : ", ") + id;
    return out;
}

void print(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
}

// A Spanish summary on stderr, so the table on stdout stays machine-readable.
void summarise_risk(const analysis::RiskScheme& scheme, const analysis::RiskAssessment& r,
                    const std::string& place) {
    std::string level =
        r.level
            ? r.level->label_es
            : (r.level_min && r.level_max
                   ? fmt::format("indeterminado: entre {} y {}", r.level_min->label_es, r.level_max->label_es)
                   : "indeterminado");
    fmt::print(
        stderr, "{} — {} ({}), {}: nivel {}; puntaje {}{}\n", place, scheme.name_es, scheme.version,
        r.date.iso(), level,
        r.score ? number(*r.score) : fmt::format("entre {} y {}", number(r.score_min), number(r.score_max)),
        scheme.verified ? ""
                        : "; puntos de corte no verificados en su totalidad (ver el archivo del esquema)");
    if (!r.missing.empty()) {
        std::string list;
        for (const auto& m : r.missing) list += (list.empty() ? "" : ", ") + m;
        fmt::print(stderr, "faltan {} de {} componentes: {}\n", r.missing.size(), r.components.size(), list);
    }
}

}  // namespace

void add_indicator_commands(CLI::App& app, GlobalOptions& global) {
    auto ind = std::make_shared<AssessmentArgs>();
    auto* indicators = app.add_subcommand("indicators", "Every indicator for one place and day");
    add_place_options(indicators, *ind, true);
    add_rt_options(indicators, *ind);
    indicators->callback([&global, ind]() {
        auto context = open_or_throw(global);
        auto day = value_or_throw(app::indicators_for(context, request_of(*ind)));
        if (global.format == "json") {
            fmt::print("{}\n", app::indicators_json(day, ind->incomplete_days).dump(2));
            return;
        }
        std::string text =
            "jurisdiction,date,indicator,value,unit,window_from,window_to,complete,release,note\n";
        for (const auto& v : day.values) {
            std::string release;
            for (const auto& r : v.releases)
                release += (release.empty() ? "" : "; ") + analysis::release_text(r);
            text +=
                fmt::format("{},{},{},{},{},{},{},{},{},{}\n", day.jurisdiction->code, day.date.iso(),
                            v.def->id, number(v.value), v.def->unit, v.window_from.iso(), v.window_to.iso(),
                            v.complete ? "true" : "false", csv_field(release), csv_field(v.note.joined()));
        }
        print(text);
    });

    auto rta = std::make_shared<AssessmentArgs>();
    auto* rt = app.add_subcommand(
        "rt", "Rt by Cori et al. (2013), as EpiEstim computes it, on confirmed cases by onset");
    add_place_options(rt, *rta, false);
    add_rt_options(rt, *rta);
    rt->callback([&global, rta]() {
        auto context = open_or_throw(global);
        auto run = value_or_throw(app::rt_for(context, request_of(*rta)));
        fmt::print(stderr,
                   "Rt {} ({}): entrega {} {}, casos confirmados por inicio de síntomas del {} al {} (sin "
                   "los últimos {} "
                   "días); intervalo serial discretizado: media {:.4f}, de {:.4f}; {} ventanas\n",
                   run.jurisdiction->name, run.jurisdiction->code, run.release.info.source,
                   run.release.info.release_date.iso(), run.first.iso(), run.cutoff.iso(),
                   rta->incomplete_days, run.estimate.si_mean, run.estimate.si_std,
                   run.estimate.windows.size());
        auto day = [&run](int t) { return (run.first + (t - 1)).iso(); };
        if (global.format == "json") {
            fmt::print("{}\n", app::rt_json(run).dump(2));
            return;
        }
        std::string text = "date_start,date_end,mean,std,p2.5,p5,p25,p50,p75,p95,p97.5,cases,cv_ok\n";
        for (const auto& w : run.estimate.windows) {
            text += fmt::format("{},{},{},{}", day(w.t_start), day(w.t_end), number(w.mean), number(w.std));
            for (double q : w.quantiles) text += "," + number(q);
            text += fmt::format(",{},{}\n", number(w.cases), w.cv_ok ? "true" : "false");
        }
        print(text);
    });

    auto ra = std::make_shared<AssessmentArgs>();
    auto* risk = app.add_subcommand("risk", "Risk level by a scheme, with each component's value and points");
    add_place_options(risk, *ra, true);
    add_rt_options(risk, *ra);
    risk->add_option("--scheme", ra->scheme, scheme_list() + ", or a scheme file")->capture_default_str();
    risk->callback([&global, ra]() {
        auto context = open_or_throw(global);
        auto day = value_or_throw(app::risk_for(context, request_of(*ra), scheme_of(ra->scheme)));
        const auto& r = day.risk;
        summarise_risk(day.scheme, r, day.indicators.jurisdiction->name);
        if (global.format == "json") {
            json out = app::risk_json(day.scheme, r);
            out["jurisdiction"] = day.indicators.jurisdiction->code;
            out["name"] = day.indicators.jurisdiction->name;
            fmt::print("{}\n", out.dump(2));
            return;
        }
        std::string text =
            "jurisdiction,date,scheme,component,indicator,value,points,band,complete,verified,release,"
            "missing\n";
        const std::string head =
            fmt::format("{},{},{}", day.indicators.jurisdiction->code, r.date.iso(), day.scheme.id);
        for (const auto& c : r.components) {
            std::string release;
            for (const auto& x : c.releases)
                release += (release.empty() ? "" : "; ") + analysis::release_text(x);
            text += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", head, c.component->id,
                                c.component->indicator, number(c.value), number(c.points),
                                c.band ? csv_field(analysis::band_text(day.scheme, *c.band)) : "",
                                c.complete ? "true" : "false", c.component->verified ? "true" : "false",
                                csv_field(release), csv_field(c.missing.joined()));
        }
        std::string missing;
        for (const auto& m : r.missing) missing += (missing.empty() ? "" : " ") + m;
        // The total row: the level in the indicator column, the score (or its range) in the value column.
        text += fmt::format("{},total,{},{},,,{},{},,{}\n", head, level_name(r),
                            r.score ? number(*r.score) : number(r.score_min) + ".." + number(r.score_max),
                            r.complete ? "true" : "false", day.scheme.verified ? "true" : "false",
                            missing.empty() ? "" : csv_field("faltan / missing: " + missing));
        print(text);
    });

    auto ma = std::make_shared<AssessmentArgs>();
    ma->jurisdiction = "zm-laguna";
    auto* metro = app.add_subcommand(
        "metro", "The metro picture: every municipality's level side by side, divergences named");
    metro->add_option("--zone,-z", ma->jurisdiction, "Metro zone id")->capture_default_str();
    metro->add_option("--date", ma->date,
                      "Day YYYY-MM-DD (default: the last complete day of the newest release)");
    metro->add_option("--scheme", ma->scheme, "Risk scheme: " + scheme_list())->capture_default_str();
    metro->add_option("--release", ma->release, "Read every input from the release of this date");
    metro->add_option("--incomplete-days", ma->incomplete_days, "Days before a release still being reported")
        ->capture_default_str();
    add_rt_options(metro, *ma);
    metro->callback([&global, ma]() {
        auto context = open_or_throw(global);
        auto view = value_or_throw(app::metro_view(context, request_of(*ma), scheme_of(ma->scheme)));
        const auto& pic = view.picture;
        std::vector<const analysis::PlaceAssessment*> rows{&pic.whole};
        for (const auto& p : pic.places) rows.push_back(&p);
        if (global.format == "json") {
            fmt::print("{}\n", app::metro_json(view).dump(2));
            return;
        }
        std::string text =
            "jurisdiction,name,state,date,scheme,level,score,score_min,score_max,complete,missing";
        for (const auto& c : view.scheme.components) text += "," + c.id;
        text += "\n";
        for (const auto* p : rows) {
            const auto& r = p->risk;
            std::string missing;
            for (const auto& m : r.missing) missing += (missing.empty() ? "" : " ") + m;
            text +=
                fmt::format("{},{},{},{},{},{},{},{},{},{},{}", p->jurisdiction->code,
                            csv_field(p->jurisdiction->name), p->jurisdiction->state_code, view.date.iso(),
                            view.scheme.id, level_name(r), r.score ? number(*r.score) : "",
                            number(r.score_min), number(r.score_max), r.complete ? "true" : "false", missing);
            for (const auto& c : r.components) text += "," + number(c.points);
            text += "\n";
        }
        print(text);
        for (const auto& d : pic.divergences) fmt::print(stderr, "divergencia: {}\n", d.text_es);
        if (pic.divergences.empty())
            fmt::print(stderr, "sin divergencias: todos los municipios en el mismo nivel\n");
    });
}

}  // namespace metropoli::cli
