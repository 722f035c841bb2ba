// SPDX-License-Identifier: MIT
// `metropoli demo`: initialise, load the bundled real La Laguna data, and print the metro's confirmed cases.
#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "analysis/feed_ingest.hpp"
#include "analysis/municipal_ingest.hpp"
#include "analysis/series_query.hpp"
#include "analysis/ssa_ingest.hpp"
#include "app/context.hpp"
#include "cli/commands.hpp"
#include "core/text.hpp"

namespace metropoli::cli {

namespace {

uint64_t total_of(analysis::ReleaseStore& store, const Region& region, const std::string& code, analysis::Measure m,
                  const std::string& source) {
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

}  // namespace

void add_demo_command(CLI::App& app, GlobalOptions& global) {
    auto* cmd = app.add_subcommand("demo", "Initialise, load the bundled La Laguna data and show the metro's figures");
    cmd->callback([&global]() {
        const auto paths = app::data_paths();
        auto db = app::open_database(global.database);
        if (!db) throw CLI::RuntimeError(report_error(db.error()));
        auto region = app::initialise(**db, "laguna");
        if (!region) throw CLI::RuntimeError(report_error(region.error()));
        analysis::ReleaseStore store(**db);

        const std::string data = paths.data_dir();
        analysis::IngestReport ssa_report;
        auto ssa = analysis::ingest_ssa(data + "/ssa/samples/datos_abiertos_20200430_coah_dgo.csv", *region, store, {},
                                        ssa_report);
        if (!ssa) throw CLI::RuntimeError(report_error(ssa.error()));
        fmt::print(stderr, "{}", analysis::format_summary(ssa_report));
        for (const char* file : {"/ssa_municipal/Casos_Diarios_Municipio_Confirmados_20220402_coah_dgo.csv",
                                 "/ssa_municipal/Casos_Diarios_Municipio_Defunciones_20210312_coah_dgo.csv"}) {
            analysis::IngestReport report;
            auto r = analysis::ingest_municipal(data + file, *region, store, {}, report);
            if (!r) throw CLI::RuntimeError(report_error(r.error()));
            fmt::print(stderr, "{}", analysis::format_summary(report));
        }
        // The context feeds: every CSV bundled in data/hospital, data/mobility and data/economy.
        analysis::FeedStore feeds(**db);
        for (const auto feed : {analysis::Feed::hospital, analysis::Feed::mobility, analysis::Feed::economy}) {
            const std::string folder = data + "/" + std::string(analysis::feed_name(feed));
            std::vector<std::string> files;
            std::error_code ec;
            for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
                if (it->path().extension() == ".csv") files.push_back(it->path().string());
            }
            if (ec) throw CLI::RuntimeError(report_error(make_error(ErrorCode::io_error, folder + ": " + ec.message())));
            std::sort(files.begin(), files.end());
            for (const auto& file : files) {
                auto r = analysis::ingest_feed(feed, file, *region, feeds);
                if (!r) throw CLI::RuntimeError(report_error(r.error()));
                fmt::print(stderr, "{}", analysis::format_feed_summary(*r));
            }
        }

        fmt::print("\nZona Metropolitana de La Laguna — casos confirmados / confirmed cases\n\n");
        fmt::print("{:<7} {:<34} {:>12} {:>15} {:>19} {:>23}\n", "código", "municipio / municipality", "población",
                   "SSA 2020-04-30", "oficial 2022-04-02", "defunciones 2021-03-12");
        std::vector<std::string> rows = region->find("zm-laguna")->members;
        rows.push_back("zm-laguna");
        for (const auto& code : rows) {
            const auto* j = region->find(code);
            const std::string name = j->name + (j->kind == JurisdictionKind::municipality
                                                    ? (j->state_code == "05" ? ", Coah." : ", Dgo.")
                                                    : "");
            // Pad by characters, not bytes, so accented names line up.
            size_t chars = 0;
            for (char c : name) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
            fmt::print("{:<7} {}{} {:>12} {:>15} {:>19} {:>23}\n", code.size() > 5 ? "ZML" : code, name,
                       std::string(chars < 34 ? 34 - chars : 0, ' '),
                       with_thousands(j->population_census_2020.value_or(0)),
                       with_thousands(static_cast<int64_t>(total_of(store, *region, code, analysis::Measure::confirmed, "ssa"))),
                       with_thousands(static_cast<int64_t>(total_of(store, *region, code, analysis::Measure::confirmed, "municipal"))),
                       with_thousands(static_cast<int64_t>(total_of(store, *region, code, analysis::Measure::deaths, "municipal"))));
        }
        fmt::print("\nSources: SSA Datos Abiertos release of 2020-04-30 (by residence, symptom onset); official municipal\n"
                   "series (SSA/CONACYT) cut 2022-04-02 and 2021-03-12. Population: INEGI Censo 2020.\n"
                   "Database: {}\n", (*db)->display_url());
    });
}

}  // namespace metropoli::cli
