// SPDX-License-Identifier: MIT
// `metropoli demo`: initialise, load the bundled real La Laguna data, print the metro's confirmed cases, and
// make one demo account per role.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "analysis/feeds/feed_ingest.hpp"
#include "analysis/ingest/municipal_ingest.hpp"
#include "analysis/ingest/ssa_ingest.hpp"
#include "analysis/releases/series_query.hpp"
#include "app/assessment.hpp"
#include "app/context.hpp"
#include "app/web_views.hpp"
#include "cli/commands.hpp"
#include "cli/demo_accounts.hpp"
#include "cli/ingest_summary.hpp"
#include "cli/serve.hpp"
#include "core/text.hpp"

namespace metropoli::cli {

namespace {

uint64_t total_of(analysis::ReleaseStore& store, const Region& region, const std::string& code,
                  analysis::Measure m, const std::string& source) {
    analysis::SeriesQuery q;
    q.jurisdiction = code;
    q.measure = m;
    q.source = source;
    auto r = analysis::query_series(store, region, q);
    if (!r) return 0;
    uint64_t t = 0;
    for (const auto& [d, v] : r->points) t += v;
    return t;
}

// Pads by characters, not bytes, so accented names and dashes line up.
std::string pad(const std::string& text, size_t width, bool right = false) {
    size_t chars = 0;
    for (char c : text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    const std::string fill(chars < width ? width - chars : 0, ' ');
    return right ? fill + text : text + fill;
}

void print_metro_picture(app::Context& context, Date day) {
    app::AssessmentRequest request;
    request.jurisdiction = "zm-laguna";
    request.date = day;
    auto si = analysis::parametric_si(analysis::k_default_si_mean, analysis::k_default_si_sd);
    if (si) request.options.si = *si;
    fmt::print(
        "\nSemáforo federal v2 y Harvard, {} — la zona y cada municipio / the zone and each municipality\n\n",
        day.iso());
    fmt::print("{} {} {} {} {} {}\n", pad("código", 7), pad("municipio", 22), pad("Rt", 7, true),
               pad("casos/100k", 10, true), pad("semáforo v2", 22, true), pad("Harvard", 10, true));
    auto v2 = app::metro_view(context, request, "semaforo-v2");
    auto harvard = app::metro_view(context, request, "harvard");
    if (!v2 || !harvard) {
        report_error(!v2 ? v2.error() : harvard.error());
        return;
    }
    for (size_t i = 0; i < v2->indicators.size(); ++i) {
        const auto& day_values = v2->indicators[i];
        auto value = [&](std::string_view id) -> std::optional<double> {
            for (const auto& v : day_values.values) {
                if (v.def->id == id) return v.value;
            }
            return std::nullopt;
        };
        const auto& risk = i == 0 ? v2->picture.whole.risk : v2->picture.places[i - 1].risk;
        const auto& h = i == 0 ? harvard->picture.whole.risk : harvard->picture.places[i - 1].risk;
        std::string level = risk.level ? risk.level->label_es
                                       : (risk.level_min && risk.level_max
                                              ? risk.level_min->label_es + "–" + risk.level_max->label_es
                                              : "?");
        if (!risk.score) level += fmt::format(" ({}–{})", risk.score_min, risk.score_max);
        const auto rt = value("rt");
        const auto incidence = value("incidence_7d_per_100k");
        const std::string code = day_values.jurisdiction->code;
        const std::string name = day_values.jurisdiction->kind == JurisdictionKind::metro_zone
                                     ? "Zona Metropolitana"
                                     : day_values.jurisdiction->name;
        fmt::print("{:<7} {} {} {} {} {}\n", code.size() > 5 ? "ZML" : code, pad(name, 22),
                   pad(rt ? fmt::format("{:.2f}", *rt) : "—", 7, true),
                   pad(incidence ? fmt::format("{:.1f}", *incidence) : "—", 10, true), pad(level, 22, true),
                   pad(h.level ? h.level->label_es.substr(0, h.level->label_es.find(':')) : "—", 10, true));
    }
    if (!v2->picture.whole.risk.missing.empty()) {
        std::string missing;
        for (const auto& m : v2->picture.whole.risk.missing) missing += (missing.empty() ? "" : ", ") + m;
        fmt::print(
            "Semáforo: faltan componentes sin fuente en los datos incluidos / components without a bundled "
            "source: {}\n",
            missing);
    }
    for (const auto& d : harvard->picture.divergences) fmt::print("Divergencia (Harvard): {}\n", d.text_es);
}

}  // namespace

void add_demo_command(CLI::App& app, GlobalOptions& global) {
    auto* cmd = app.add_subcommand(
        "demo", "Initialise, load the bundled La Laguna data, show the metro's figures and serve");
    auto serve = std::make_shared<ServeArgs>();
    auto no_serve = std::make_shared<bool>(false);
    cmd->add_flag("--no-serve", *no_serve, "Load and print, but do not serve");
    add_serve_options(cmd, *serve);
    cmd->callback([&global, serve, no_serve]() {
        const auto paths = app::data_paths();
        const auto by = cli_attribution(global);
        auto db = app::open_database(global.database, storage::Access::create);
        if (!db) throw CLI::RuntimeError(report_error(db.error()));
        auto region = app::initialise(**db, "laguna", by);
        if (!region) throw CLI::RuntimeError(report_error(region.error()));
        analysis::ReleaseStore store(**db);

        const std::string data = paths.data_dir();
        analysis::IngestReport ssa_report;
        analysis::SsaIngestOptions ssa_options;
        ssa_options.by = by;
        auto ssa = analysis::ingest_ssa(data + "/ssa/samples/datos_abiertos_20200430_coah_dgo.csv", *region,
                                        store, ssa_options, ssa_report);
        if (!ssa) throw CLI::RuntimeError(report_error(ssa.error()));
        fmt::print(stderr, "{}", format_summary(ssa_report));
        for (const char* file :
             {"/ssa_municipal/Casos_Diarios_Municipio_Confirmados_20220402_coah_dgo.csv",
              "/ssa_municipal/Casos_Diarios_Municipio_Defunciones_20210312_coah_dgo.csv"}) {
            analysis::IngestReport report;
            analysis::MunicipalIngestOptions options;
            options.by = by;
            auto r = analysis::ingest_municipal(data + file, *region, store, options, report);
            if (!r) throw CLI::RuntimeError(report_error(r.error()));
            fmt::print(stderr, "{}", format_summary(report));
        }
        // The context feeds: every CSV bundled in data/hospital, data/mobility and data/economy.
        analysis::FeedStore feeds(**db);
        for (const auto feed :
             {analysis::Feed::hospital, analysis::Feed::mobility, analysis::Feed::economy}) {
            const std::string folder = data + "/" + std::string(analysis::feed_name(feed));
            std::vector<std::string> files;
            std::error_code ec;
            for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end;
                 it.increment(ec)) {
                if (it->path().extension() == ".csv") files.push_back(it->path().string());
            }
            if (ec)
                throw CLI::RuntimeError(
                    report_error(make_error(ErrorCode::io_error, folder + ": " + ec.message())));
            std::sort(files.begin(), files.end());
            for (const auto& file : files) {
                auto r = analysis::ingest_feed(feed, file, *region, feeds, by);
                if (!r) throw CLI::RuntimeError(report_error(r.error()));
                fmt::print(stderr, "{}", analysis::format_feed_summary(*r));
            }
        }

        fmt::print("\nZona Metropolitana de La Laguna — casos confirmados / confirmed cases\n\n");
        fmt::print("{:<7} {:<34} {:>12} {:>15} {:>19} {:>23}\n", "código", "municipio / municipality",
                   "población", "SSA 2020-04-30", "oficial 2022-04-02", "defunciones 2021-03-12");
        std::vector<std::string> rows = region->find("zm-laguna")->members;
        rows.push_back("zm-laguna");
        for (const auto& code : rows) {
            const auto* j = region->find(code);
            const std::string name = j->name + (j->kind == JurisdictionKind::municipality
                                                    ? (j->state_code == "05" ? ", Coah." : ", Dgo.")
                                                    : "");
            fmt::print("{:<7} {} {:>12} {:>15} {:>19} {:>23}\n", code.size() > 5 ? "ZML" : code,
                       pad(name, 34), with_thousands(j->population_census_2020.value_or(0)),
                       with_thousands(static_cast<int64_t>(
                           total_of(store, *region, code, analysis::Measure::confirmed, "ssa"))),
                       with_thousands(static_cast<int64_t>(
                           total_of(store, *region, code, analysis::Measure::confirmed, "municipal"))),
                       with_thousands(static_cast<int64_t>(
                           total_of(store, *region, code, analysis::Measure::deaths, "municipal"))));
        }
        if (auto context = app::open_context(global.database, storage::Access::read); context) {
            if (auto day = app::default_day(*context)) print_metro_picture(*context, *day);
        }
        fmt::print(
            "\nSources: SSA Datos Abiertos release of 2020-04-30 (by residence, symptom onset); official "
            "municipal\n"
            "series (SSA/CONACYT) cut 2022-04-02 and 2021-03-12; Red IRAG occupancy by state. Population: "
            "INEGI Censo 2020.\n"
            "Database: {}\n",
            (*db)->display_url());
        if (auto made = create_demo_accounts(**db, by.actor); !made)
            throw CLI::RuntimeError(report_error(made.error()));
        if (*no_serve) return;
        db->reset();
        auto context = app::open_context(global.database, storage::Access::read);
        if (!context) throw CLI::RuntimeError(report_error(context.error()));
        if (const int code = run_server(std::move(*context), global.database, *serve))
            throw CLI::RuntimeError(code);
    });
}

}  // namespace metropoli::cli
