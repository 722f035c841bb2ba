// SPDX-License-Identifier: MIT
// `metropoli ingest ssa|municipal|hospital|mobility|economy FILE...`.
#include <fmt/format.h>

#include <cstdio>
#include <map>
#include <memory>

#include "analysis/feeds/feed_ingest.hpp"
#include "analysis/ingest/municipal_ingest.hpp"
#include "analysis/ingest/ssa_ingest.hpp"
#include "app/context.hpp"
#include "cli/commands.hpp"
#include "cli/ingest_summary.hpp"
#include "cli/progress_line.hpp"

namespace metropoli::cli {

namespace {

struct IngestArgs {
    std::vector<std::string> files;
    bool strict = false;
    std::string rejects;
    std::string scope = "region";
    unsigned threads = 0;
    size_t memory_mb = 128;
    std::string measure;
    std::string release;
    std::string member;
    bool replace = false;
};

void add_common(CLI::App* cmd, IngestArgs& args) {
    cmd->add_option("files", args.files, "Files to ingest (.csv or .zip)")
        ->required()
        ->check(CLI::ExistingFile);
    cmd->add_flag("--strict", args.strict, "Stop at the first rejected record and store nothing");
    cmd->add_option("--rejects", args.rejects,
                    "Write every rejected record (file, line, column, reason) to this CSV");
    cmd->add_option("--scope", args.scope, "Keep the region's states, or every municipality of Mexico")
        ->check(CLI::IsMember({"region", "national"}))
        ->capture_default_str();
    cmd->add_flag(
        "--replace", args.replace,
        "Replace a stored release of the same date even when it holds more (a wider scope, more rows "
        "or more series)");
}

// Runs `one` for each file; stops at the first failure. Earlier files stay stored (each is its own
// transaction).
template <class IngestOne>
void run_all(const GlobalOptions& global, IngestArgs& args, IngestOne one) {
    auto context = app::open_context(global.database, storage::Access::write);
    if (!context) throw CLI::RuntimeError(report_error(context.error()));
    analysis::ReleaseStore store(*context->db);
    std::vector<analysis::IngestReport> reports;
    int exit_code = 0;
    for (const auto& file : args.files) {
        analysis::IngestReport report;
        auto result = one(file, context->region, store, report);
        if (result) {
            fmt::print(stderr, "{}", format_summary(report));
        } else {
            if (report.rows_read > 0) fmt::print(stderr, "{}", format_summary(report));
            exit_code = report_error(result.error());
            if (result.error().code == ErrorCode::conflict)
                fmt::print(stderr, "hint: --replace replaces the stored release anyway\n");
            if (result.error().message.find("name the member to load") != std::string::npos)
                fmt::print(stderr, "hint: --member NAME picks the CSV to load\n");
        }
        reports.push_back(std::move(report));
        if (exit_code) break;
    }
    if (!args.rejects.empty()) {
        if (auto s = write_rejects_file(args.rejects, reports); !s)
            exit_code = report_error(s.error());
        else
            fmt::print(stderr, "rejects written to {}\n", args.rejects);
    }
    if (exit_code) throw CLI::RuntimeError(exit_code);
}

// Ingests feed files one by one, each in its own transaction; stops at the first failure (earlier files
// stay).
void ingest_feeds(const GlobalOptions& global, analysis::Feed feed, const std::vector<std::string>& files) {
    const auto by = cli_attribution(global);
    auto context = app::open_context(global.database, storage::Access::write);
    if (!context) throw CLI::RuntimeError(report_error(context.error()));
    analysis::FeedStore store(*context->db);
    for (const auto& file : files) {
        auto report = analysis::ingest_feed(feed, file, context->region, store, by);
        if (!report) throw CLI::RuntimeError(report_error(report.error()));
        fmt::print(stderr, "{}", analysis::format_feed_summary(*report));
    }
}

const char* feed_description(analysis::Feed feed) {
    switch (feed) {
        case analysis::Feed::hospital:
            return "Red IRAG bed occupancy: absolute beds by state, percent by state, or percent by hospital "
                   "(CLUES)";
        case analysis::Feed::mobility:
            return "Google COVID-19 Community Mobility Reports (Region_Mobility_Report CSV)";
        case analysis::Feed::economy:
            return "IMSS insured workers (fecha,region[,cvegeo],asegurados_totales)";
    }
    return "";
}

}  // namespace

void add_ingest_commands(CLI::App& app, GlobalOptions& global) {
    auto* ingest = app.add_subcommand("ingest",
                                      "Load data: the federal release (ssa), the official municipal series, "
                                      "or a feed (hospital, mobility, economy)");
    ingest->require_subcommand(1);

    auto ssa_args = std::make_shared<IngestArgs>();
    auto* ssa =
        ingest->add_subcommand("ssa", "Per-person federal release (Datos Abiertos COVID-19), .csv or .zip");
    add_common(ssa, *ssa_args);
    ssa->add_option("--threads", ssa_args->threads, "Parser threads (default: one per core)");
    ssa->add_option("--member", ssa_args->member, "The CSV to load from a zip that holds several");
    ssa->add_option("--memory-mb", ssa_args->memory_mb,
                    "Memory for counting before spilling to temporary files")
        ->capture_default_str();
    ssa->callback([&global, ssa_args]() {
        const auto by = cli_attribution(global);
        ProgressLine progress(stderr);
        std::map<Date, std::string> stored_by_this_run;
        run_all(global, *ssa_args,
                [&](const std::string& file, const Region& region, analysis::ReleaseStore& store,
                    analysis::IngestReport& report) {
                    analysis::SsaIngestOptions options;
                    options.scope =
                        ssa_args->scope == "national" ? analysis::Scope::national : analysis::Scope::region;
                    options.strict = ssa_args->strict;
                    options.threads = ssa_args->threads;
                    options.memory_budget_mb = ssa_args->memory_mb;
                    options.on_progress = [&progress](const analysis::IngestProgress& p) { progress(p); };
                    options.member = ssa_args->member;
                    options.replacement = ssa_args->replace ? analysis::Replacement::anyway
                                                            : analysis::Replacement::never_with_less;
                    options.by = by;
                    options.stored_by_this_run = &stored_by_this_run;
                    auto result = analysis::ingest_ssa(file, region, store, options, report);
                    if (result) {
                        if (auto d = Date::parse_iso(report.release_date))
                            stored_by_this_run[*d] = report.source;
                    }
                    return result;
                });
    });

    auto municipal_args = std::make_shared<IngestArgs>();
    auto* municipal = ingest->add_subcommand(
        "municipal", "Official daily series by municipality (Casos_Diarios_Municipio_*.csv)");
    add_common(municipal, *municipal_args);
    municipal->add_option("--measure", municipal_args->measure,
                          "Measure of the file (default: from its name)");
    municipal->add_option("--release", municipal_args->release,
                          "Cut-off date YYYY-MM-DD (default: from its name)");
    municipal->callback([&global, municipal_args]() {
        analysis::MunicipalIngestOptions options;
        options.by = cli_attribution(global);
        options.scope =
            municipal_args->scope == "national" ? analysis::Scope::national : analysis::Scope::region;
        options.strict = municipal_args->strict;
        options.replacement =
            municipal_args->replace ? analysis::Replacement::anyway : analysis::Replacement::never_with_less;
        if (!municipal_args->measure.empty()) {
            options.measure = analysis::parse_measure(municipal_args->measure);
            if (!options.measure)
                throw CLI::ValidationError("--measure", "unknown measure " + municipal_args->measure);
        }
        if (!municipal_args->release.empty()) {
            options.release_date = Date::parse_iso(municipal_args->release);
            if (!options.release_date) throw CLI::ValidationError("--release", "not a YYYY-MM-DD date");
        }
        run_all(global, *municipal_args,
                [&](const std::string& file, const Region& region, analysis::ReleaseStore& store,
                    analysis::IngestReport& report) {
                    return analysis::ingest_municipal(file, region, store, options, report);
                });
    });

    for (const auto feed : {analysis::Feed::hospital, analysis::Feed::mobility, analysis::Feed::economy}) {
        auto files = std::make_shared<std::vector<std::string>>();
        auto* cmd = ingest->add_subcommand(std::string(analysis::feed_name(feed)), feed_description(feed));
        cmd->add_option("files", *files,
                        "CSV files; each replaces what a file of the same name stored before")
            ->required()
            ->check(CLI::ExistingFile);
        cmd->callback([&global, files, feed]() { ingest_feeds(global, feed, *files); });
    }
}

}  // namespace metropoli::cli
