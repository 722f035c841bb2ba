// SPDX-License-Identifier: MIT
// `metropoli releases`, `metropoli series`, `metropoli jurisdictions`.
#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>

#include "analysis/feeds/feed_query.hpp"
#include "analysis/releases/series_query.hpp"
#include "app/context.hpp"
#include "app/json_views.hpp"
#include "cli/cli_support.hpp"

namespace metropoli::cli {

namespace {

using nlohmann::json;

struct SeriesArgs {
    std::string jurisdiction, measure, by, release, source, from, to, age_band, sex, hospital;
};

// Whole figures as JSON integers, the rest as decimals.
json number_json(double v) {
    if (std::floor(v) == v && std::fabs(v) < 9e15) return json(static_cast<int64_t>(v));
    return json(v);
}

// `series` for a feed metric: the place's (or hospital's) stored figures.
void print_feed_series(const GlobalOptions& global, const SeriesArgs& args) {
    const std::pair<const std::string*, const char*> case_only[] = {{&args.by, "--by"},
                                                                    {&args.release, "--release"},
                                                                    {&args.source, "--source"},
                                                                    {&args.age_band, "--age-band"},
                                                                    {&args.sex, "--sex"}};
    for (const auto& [value, option] : case_only) {
        if (!value->empty())
            throw CLI::ValidationError(option, "does not apply to the feed metric " + args.measure);
    }
    if (args.jurisdiction.empty() == args.hospital.empty()) {
        throw CLI::ValidationError("--jurisdiction",
                                   "give either --jurisdiction or --hospital CLUES for " + args.measure);
    }
    analysis::FeedSeriesQuery q;
    q.jurisdiction = args.jurisdiction;
    q.hospital = args.hospital;
    q.metric = args.measure;
    q.from = date_option(args.from, "--from");
    q.to = date_option(args.to, "--to");
    auto context = open_or_throw(global);
    analysis::FeedStore store(*context.db);
    auto result = analysis::query_feed_series(store, context.region, q);
    if (!result) throw CLI::RuntimeError(report_error(result.error()));
    const std::string code = result->hospital ? result->hospital->code : result->jurisdiction->code;
    if (global.format == "json") {
        json points = json::array();
        for (const auto& [d, v] : result->points) {
            points.push_back({{"jurisdiction", code},
                              {"date", d.iso()},
                              {"measure", args.measure},
                              {"value", number_json(v)}});
        }
        json out = {{"jurisdiction", code},
                    {"name", result->hospital ? result->hospital->name : result->jurisdiction->name},
                    {"measure", args.measure},
                    {"feed", std::string(analysis::feed_name(result->metric->feed))},
                    {"unit", std::string(result->metric->unit)},
                    {"points", points}};
        if (result->hospital) {
            out["hospital"] = {{"clues", result->hospital->code},
                               {"name", result->hospital->name},
                               {"institution", result->hospital->institution},
                               {"state", result->hospital->jurisdiction}};
        }
        fmt::print("{}\n", out.dump(2));
        return;
    }
    std::string text = "jurisdiction,date,measure,value\n";
    for (const auto& [d, v] : result->points)
        text += fmt::format("{},{},{},{}\n", code, d.iso(), args.measure, number(v));
    std::fwrite(text.data(), 1, text.size(), stdout);
}

}  // namespace

void add_query_commands(CLI::App& app, GlobalOptions& global) {
    auto* releases = app.add_subcommand("releases", "Stored releases with their row counts and rejects");
    releases->callback([&global]() {
        auto context = open_or_throw(global);
        analysis::ReleaseStore store(*context.db);
        auto list = store.list();
        if (!list) throw CLI::RuntimeError(report_error(list.error()));
        if (global.format == "json") {
            json out = json::array();
            for (const auto& r : *list) {
                out.push_back({{"source", r.info.source},
                               {"release", r.info.release_date.iso()},
                               {"schema", r.info.schema},
                               {"scope", r.info.scope},
                               {"files", r.info.files},
                               {"ingested_at", r.ingested_at},
                               {"rows_read", r.info.rows_read},
                               {"rows_kept", r.info.rows_kept},
                               {"rows_out_of_scope", r.info.rows_out_of_scope},
                               {"rows_rejected", r.info.rows_rejected},
                               {"fields_set_aside", r.info.fields_set_aside},
                               {"series", r.series},
                               {"measures", r.measures}});
            }
            fmt::print("{}\n", out.dump(2));
            return;
        }
        fmt::print(
            "release,source,schema,scope,rows_read,rows_kept,rows_out_of_scope,rows_rejected,fields_set_"
            "aside,series,measures,ingested_at,files\n");
        for (const auto& r : *list) {
            std::string measures;
            for (const auto& m : r.measures) measures += (measures.empty() ? "" : " ") + m;
            fmt::print("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", r.info.release_date.iso(), r.info.source,
                       r.info.schema, r.info.scope, r.info.rows_read, r.info.rows_kept,
                       r.info.rows_out_of_scope, r.info.rows_rejected, r.info.fields_set_aside, r.series,
                       measures, r.ingested_at, csv_field(r.info.files));
        }
    });

    auto args = std::make_shared<SeriesArgs>();
    auto* series =
        app.add_subcommand("series", "A daily series for a jurisdiction (metro zones and states are sums)");
    series->add_option("--jurisdiction,-j", args->jurisdiction,
                       "INEGI code, state code, metro zone id or name");
    series
        ->add_option(
            "--measure,-m", args->measure,
            "confirmed, suspected, negative, tested, lab_positive, lab_negative, antigen_positive, "
            "antigen_negative, hospitalized, icu, intubated, deaths; or a feed metric: irag_general_pct, "
            "irag_icu_pct, irag_ventilator_pct, irag_general_occupied, irag_general_available, "
            "irag_general_total, irag_ventilator_occupied, irag_ventilator_available, irag_ventilator_total, "
            "mobility_retail_and_recreation, mobility_grocery_and_pharmacy, mobility_parks, "
            "mobility_transit_stations, mobility_workplaces, mobility_residential, imss_insured")
        ->required();
    series->add_option("--hospital", args->hospital,
                       "A hospital's CLUES, for irag_*_pct (instead of --jurisdiction)");
    series
        ->add_option("--by", args->by,
                     "Date basis: onset, admission or death (default: death for deaths, else onset)")
        ->check(CLI::IsMember({"onset", "admission", "death"}));
    series->add_option("--release", args->release,
                       "Release date YYYY-MM-DD (default: the newest holding the measure)");
    series->add_option("--source", args->source, "Only releases of this source")
        ->check(CLI::IsMember({"ssa", "municipal"}));
    series->add_option("--from", args->from, "First date YYYY-MM-DD");
    series->add_option("--to", args->to, "Last date YYYY-MM-DD");
    series->add_option("--age-band", args->age_band, "Only one age band: 0-9 ... 70-79, 80+, unknown");
    series->add_option("--sex", args->sex, "Only one sex: mujer, hombre, no_especificado");
    series->callback([&global, args]() {
        if (analysis::find_feed_metric(args->measure)) {
            print_feed_series(global, *args);
            return;
        }
        analysis::SeriesQuery q;
        q.jurisdiction = args->jurisdiction;
        auto m = analysis::parse_measure(args->measure);
        if (!m)
            throw CLI::ValidationError("--measure", "unknown measure '" + args->measure + "' (see --help)");
        if (!args->hospital.empty()) {
            throw CLI::ValidationError("--hospital",
                                       "only for irag_general_pct, irag_icu_pct and irag_ventilator_pct");
        }
        if (args->jurisdiction.empty())
            throw CLI::ValidationError("--jurisdiction", "is required for " + args->measure);
        q.measure = *m;
        if (!args->by.empty()) q.basis = analysis::parse_basis(args->by);
        q.release = date_option(args->release, "--release");
        q.from = date_option(args->from, "--from");
        q.to = date_option(args->to, "--to");
        q.source = args->source;
        if (!args->age_band.empty()) {
            q.age_band = analysis::parse_age_band(args->age_band);
            if (!q.age_band)
                throw CLI::ValidationError("--age-band", "unknown age band '" + args->age_band + "'");
        }
        if (!args->sex.empty()) {
            q.sex = analysis::parse_sex(args->sex);
            if (!q.sex) throw CLI::ValidationError("--sex", "unknown sex '" + args->sex + "'");
        }
        auto context = open_or_throw(global);
        analysis::ReleaseStore store(*context.db);
        auto result = analysis::query_series(store, context.region, q);
        if (!result) throw CLI::RuntimeError(report_error(result.error()));
        const std::string code = result->jurisdiction->code;
        const std::string measure(analysis::measure_name(result->measure));
        if (global.format == "json") {
            json points = json::array();
            for (const auto& [d, v] : result->points) {
                points.push_back(
                    {{"jurisdiction", code}, {"date", d.iso()}, {"measure", measure}, {"value", v}});
            }
            json out = {{"jurisdiction", code},
                        {"name", result->jurisdiction->name},
                        {"measure", measure},
                        {"basis", std::string(analysis::basis_name(result->basis))},
                        {"release", result->release.info.release_date.iso()},
                        {"source", result->release.info.source},
                        {"points", points}};
            fmt::print("{}\n", out.dump(2));
            return;
        }
        std::string text = "jurisdiction,date,measure,value\n";
        for (const auto& [d, v] : result->points)
            text += fmt::format("{},{},{},{}\n", code, d.iso(), measure, v);
        std::fwrite(text.data(), 1, text.size(), stdout);
    });

    auto* jurisdictions = app.add_subcommand("jurisdictions", "Places known to the database");
    auto kind = std::make_shared<std::string>();
    jurisdictions->add_option("--kind", *kind, "Only one kind")
        ->check(CLI::IsMember({"nation", "state", "municipality", "metro_zone"}));
    auto region_only = std::make_shared<bool>(false);
    jurisdictions->add_flag("--region-only", *region_only,
                            "Only the region's states, their municipalities and metro zones");
    jurisdictions->callback([&global, kind, region_only]() {
        auto context = open_or_throw(global);
        const auto& region = context.region;
        json out = json::array();
        std::string text = "code,kind,name,state,population_census_2020,population_conapo_2020\n";
        for (const auto& j : region.jurisdictions) {
            if (!kind->empty() && *kind != kind_name(j.kind)) continue;
            if (*region_only && j.kind != JurisdictionKind::metro_zone &&
                std::find(region.states.begin(), region.states.end(), j.state_code) == region.states.end()) {
                continue;
            }
            auto pop = [](const std::optional<int64_t>& p) { return p ? std::to_string(*p) : std::string(); };
            text += fmt::format("{},{},{},{},{},{}\n", j.code, kind_name(j.kind), csv_field(j.name),
                                j.state_code, pop(j.population_census_2020), pop(j.population_conapo_2020));
            out.push_back(app::jurisdiction_json(j, false));
        }
        if (global.format == "json") {
            fmt::print("{}\n", out.dump(2));
        } else {
            std::fwrite(text.data(), 1, text.size(), stdout);
        }
    });
}

}  // namespace metropoli::cli
