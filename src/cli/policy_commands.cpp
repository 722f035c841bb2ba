// SPDX-License-Identifier: MIT
// `metropoli policy`: OxCGRT-coded measures. Import OxCGRT's published CSV files (each all or nothing), print
// an index day by day, and compare the computed indices with the values OxCGRT published.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/context.hpp"
#include "cli/cli_support.hpp"
#include "homologation/compare.hpp"
#include "homologation/oxcgrt_export.hpp"
#include "homologation/policy_store.hpp"
#include "homologation/region_export.hpp"

namespace metropoli::cli {

// policy_metro_commands.cpp: `policy metro` and `policy effective`.
void add_policy_metro_commands(CLI::App* policy, GlobalOptions& global);
// policy_observe_commands.cpp: `policy observe`.
void add_policy_observe_commands(CLI::App* policy, GlobalOptions& global);

namespace {

namespace h = homologation;
using nlohmann::json;

struct PolicyArgs {
    std::vector<std::string> files;
    std::string jurisdiction, level, index = "SI", variant = "Average", from, to, k_rule = "backfilled",
                                     average_of = "rounded", recent_until, layout = "fullwithnotes";
    bool display = false;
};

h::IndexOptions options_of(const PolicyArgs& a) {
    h::IndexOptions o;
    o.k_rule = a.k_rule == "historical" ? h::KRule::historical : h::KRule::backfilled;
    o.average_of = a.average_of == "exact" ? h::AverageOf::exact_variants : h::AverageOf::rounded_variants;
    o.recent_until = date_option(a.recent_until, "--recent-until");
    return o;
}

// The level asked for, or the only stored one, or the TOTAL one among several.
std::string level_of(storage::Database& db, const PolicyArgs& a) {
    if (!a.level.empty()) return a.level;
    const auto levels = value_or_throw(h::stored_levels(db, a.jurisdiction));
    if (levels.empty())
        throw CLI::RuntimeError(report_error(
            make_error(ErrorCode::not_found,
                       fmt::format("no hay observaciones de {} / nothing stored for {} (policy import "
                                   "FILE first)",
                                   a.jurisdiction, a.jurisdiction))));
    if (levels.size() == 1) return levels.front();
    for (const auto& l : levels)
        if (l.ends_with("TOTAL")) return l;
    std::string all;
    for (const auto& l : levels) all += (all.empty() ? "" : ", ") + l;
    throw CLI::RuntimeError(report_error(make_error(
        ErrorCode::invalid_argument,
        fmt::format("{} tiene varios niveles / has several levels ({}): use --level", a.jurisdiction, all))));
}

void add_selection(CLI::App* cmd, PolicyArgs& a) {
    cmd->add_option("--jurisdiction,-j", a.jurisdiction, "OxCGRT code (MEX, GBR, UK_SCO) or the region's")
        ->required();
    cmd->add_option(
        "--level", a.level,
        "NAT_TOTAL, STATE_TOTAL, STATE_WIDE, NAT_GOV, … (default: the only one stored, or TOTAL)");
    cmd->add_option("--k-rule", a.k_rule, "backfilled (v1 files) or historical (H6/H7/H8 only once coded)")
        ->check(CLI::IsMember({"backfilled", "historical"}))
        ->capture_default_str();
    cmd->add_option("--average-of", a.average_of, "rounded (NV and V rounded first, as v1) or exact")
        ->check(CLI::IsMember({"rounded", "exact"}))
        ->capture_default_str();
    cmd->add_option("--recent-until", a.recent_until,
                    "Apply the rule of the last seven days ending on this date (YYYY-MM-DD)");
}

int run_import(const GlobalOptions& global, const PolicyArgs& a) {
    auto db = open_for_writing(global);
    const auto who = cli_attribution(global);
    for (const auto& file : a.files) {
        std::ifstream in(file, std::ios::binary);
        if (!in)
            return report_error(
                make_error(ErrorCode::io_error, fmt::format("{}: no se puede leer / cannot read", file)));
        std::ostringstream text;
        text << in.rdbuf();
        const auto report = h::import_oxcgrt_file(*db, system_clock(), who, file, text.str());
        if (!report) return report_error(report.error());
        if (report->already_imported) {
            fmt::print(
                "{}: ya importado como fuente {} / already imported as source {}; nada escrito / nothing "
                "written\n",
                file, report->source_id, report->source_id);
            continue;
        }
        std::string places;
        for (const auto& j : report->jurisdictions) places += (places.empty() ? "" : ", ") + j;
        fmt::print(
            "{}: {} ({} registros / records): {} observaciones / observations, {} notas / notes, {} índices "
            "publicados / published index values; fuente / source {}; {}\n",
            file, report->layout, report->records, report->observations, report->notes, report->published,
            report->source_id, places);
    }
    return 0;
}

int run_index(const GlobalOptions& global, const PolicyArgs& a) {
    const auto index = h::parse_index(a.index);
    const auto variant = h::parse_variant(a.variant);
    if (!index) throw CLI::ValidationError("--index", "SI, GRI, CHI, ESI or LSI");
    if (!variant)
        throw CLI::ValidationError("--variant",
                                   "NonVaccinated, Vaccinated, SimpleAverage, WeightedAverage or Average");
    const auto from = date_option(a.from, "--from");
    const auto to = date_option(a.to, "--to");
    auto context = open_or_throw(global);
    const std::string level = level_of(*context.db, a);
    const auto options = options_of(a);
    const auto days = value_or_throw(h::load_days(*context.db, a.jurisdiction, level));
    auto series = h::compute_series(days, *index, *variant, options);
    if (a.display && !series.empty())
        series = h::display_series(series, options.recent_until.value_or(series.back().date));
    std::map<int32_t, std::optional<h::IndexValue>> by_day;
    for (const auto& p : series) by_day[p.date.days()] = p.value;
    if (by_day.empty() && (!from || !to)) {
        fmt::print("jurisdiction,date,index,value\n");
        return 0;
    }
    const Date first = from.value_or(Date::from_days(by_day.begin()->first));
    const Date last = to.value_or(Date::from_days(by_day.rbegin()->first));
    const std::string code = std::string(h::index_code(*index));
    json rows = json::array();
    if (global.format == "csv") fmt::print("jurisdiction,date,index,value\n");
    for (Date d = first; d <= last; d = d + 1) {
        const auto found = by_day.find(d.days());
        const bool has = found != by_day.end() && found->second;
        const std::string value = has ? h::cents_text(found->second->cents) : "";
        if (global.format == "csv") {
            fmt::print("{},{},{},{}\n", csv_field(a.jurisdiction), d.iso(), code, value);
        } else {
            rows.push_back({{"jurisdiction", a.jurisdiction},
                            {"date", d.iso()},
                            {"index", code},
                            {"value", has ? json(value) : json(nullptr)}});
        }
    }
    if (global.format == "json") fmt::print("{}\n", rows.dump(2));
    return 0;
}

int run_compare(const GlobalOptions& global, const PolicyArgs& a) {
    auto context = open_or_throw(global);
    const std::string level = level_of(*context.db, a);
    const auto days = value_or_throw(h::load_days(*context.db, a.jurisdiction, level));
    const auto sets = value_or_throw(h::load_published(*context.db, a.jurisdiction, level));
    if (sets.empty())
        return report_error(make_error(
            ErrorCode::not_found,
            fmt::format("{} {}: no hay valores publicados / no published values", a.jurisdiction, level)));
    int mismatches = 0;
    json out = json::array();
    std::vector<std::pair<std::string, h::Comparison>> results;
    if (global.format == "csv")
        fmt::print(
            "source,jurisdiction,level,index,variant,display,equal,ties_rounded_other_way,mismatches,"
            "not_computed,no_observations\n");
    for (const auto& set : sets) {
        auto c = h::compare_published(days, set.values, options_of(a));
        mismatches += c.total_mismatches();
        for (const auto& r : c.rows) {
            if (global.format == "csv")
                fmt::print("{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(set.source), a.jurisdiction, level,
                           h::index_code(r.index), h::variant_code(r.variant), r.display ? 1 : 0, r.equal,
                           r.ties, r.mismatches, r.not_computed, r.no_observations);
        }
        results.emplace_back(set.source, std::move(c));
    }
    if (global.format == "csv") {
        fmt::print("\nsource,date,index,variant,display,published,computed,exact,outcome\n");
        for (const auto& [source, c] : results)
            for (const auto& d : c.differences)
                fmt::print(
                    "{},{},{},{},{},{},{},{},{}\n", csv_field(source), d.date.iso(), h::index_code(d.index),
                    h::variant_code(d.variant), d.display ? 1 : 0, d.published,
                    d.computed ? h::cents_text(d.computed->cents) : "",
                    d.computed ? fmt::format("{}/{}", d.computed->exact.num(), d.computed->exact.den()) : "",
                    h::outcome_name(d.outcome));
    } else {
        for (const auto& [source, c] : results) {
            json rows = json::array(), diffs = json::array();
            for (const auto& r : c.rows)
                rows.push_back({{"index", h::index_code(r.index)},
                                {"variant", h::variant_code(r.variant)},
                                {"display", r.display},
                                {"equal", r.equal},
                                {"ties_rounded_other_way", r.ties},
                                {"mismatches", r.mismatches},
                                {"not_computed", r.not_computed},
                                {"no_observations", r.no_observations}});
            for (const auto& d : c.differences)
                diffs.push_back(
                    {{"date", d.date.iso()},
                     {"index", h::index_code(d.index)},
                     {"variant", h::variant_code(d.variant)},
                     {"published", d.published},
                     {"computed", d.computed ? json(h::cents_text(d.computed->cents)) : json(nullptr)},
                     {"outcome", h::outcome_name(d.outcome)}});
            out.push_back({{"source", source},
                           {"jurisdiction", a.jurisdiction},
                           {"level", level},
                           {"rows", rows},
                           {"differences", diffs}});
        }
        fmt::print("{}\n", out.dump(2));
    }
    return mismatches == 0 ? 0 : 1;
}

// The records an export writes: a region jurisdiction's (GOV, WIDE or TOTAL, from --from, default 1 January
// 2020, to --to, default the latest day the region's observations name), or an OxCGRT jurisdiction's stored
// days.
std::vector<h::OxRecord> export_records(storage::Database& db, const PolicyArgs& a, Date& first, Date& last) {
    const std::string kind = value_or_throw(h::policy_jurisdiction_kind(db, a.jurisdiction));
    const auto from = date_option(a.from, "--from");
    const auto to = date_option(a.to, "--to");
    std::vector<h::OxRecord> records;
    const bool region_scope = a.level.empty() || a.level == "GOV" || a.level == "WIDE" || a.level == "TOTAL";
    if (kind == "oxcgrt" || !region_scope) {
        PolicyArgs chosen = a;
        chosen.level = level_of(db, a);
        records = value_or_throw(h::load_records(db, a.jurisdiction, chosen.level, to));
        std::erase_if(records, [&](const h::OxRecord& r) { return from && r.date < *from; });
    } else {
        const std::string scope = a.level.empty() ? (kind == "municipality" ? "TOTAL" : "GOV") : a.level;
        first = from.value_or(*Date::from_ymd(2020, 1, 1));
        last = to ? *to : value_or_throw(h::region_horizon(db)).value_or(first);
        return value_or_throw(h::region_records(db, a.jurisdiction, scope, first, last));
    }
    if (!records.empty()) {
        first = from.value_or(records.front().date);
        last = to.value_or(records.back().date);
    }
    return records;
}

int run_export(const GlobalOptions& global, const PolicyArgs& a, const std::string& output) {
    auto context = open_or_throw(global);
    Date first, last;
    const auto records = export_records(*context.db, a, first, last);
    std::string text;
    if (a.layout == "timeseries") {
        const auto index = h::parse_index(a.index);
        const auto variant = h::parse_variant(a.variant);
        if (!index) throw CLI::ValidationError("--index", "SI, GRI, CHI, ESI or LSI");
        if (!variant)
            throw CLI::ValidationError(
                "--variant", "NonVaccinated, Vaccinated, SimpleAverage, WeightedAverage or Average");
        text = h::export_timeseries(records, *index, *variant, first, last, options_of(a));
    } else {
        text = h::export_fullwithnotes(records, options_of(a));
    }
    if (output.empty() || output == "-") {
        std::cout << text;
        return 0;
    }
    std::ofstream out(output, std::ios::binary);
    out << text;
    if (!out)
        return report_error(
            make_error(ErrorCode::io_error, fmt::format("{}: no se puede escribir / cannot write", output)));
    fmt::print(stderr, "{}: {} registros / records ({}, {})\n", output, records.size(), a.jurisdiction,
               a.layout);
    return 0;
}

}  // namespace

void add_policy_commands(CLI::App& app, GlobalOptions& global) {
    auto* policy = app.add_subcommand("policy",
                                      "Medidas en la escala OxCGRT / OxCGRT-coded measures: import, index, "
                                      "compare, export, metro, effective");
    policy->require_subcommand(1);
    auto args = std::make_shared<PolicyArgs>();

    auto* import_files =
        policy->add_subcommand("import", "Import OxCGRT CSV files (fullwithnotes, raw, legacy, timeseries)");
    import_files->add_option("FILE", args->files, "OxCGRT CSV files, each imported all or nothing")
        ->required();
    import_files->callback([&global, args]() {
        if (const int code = run_import(global, *args)) throw CLI::RuntimeError(code);
    });

    auto* index = policy->add_subcommand("index", "An index day by day: CSV jurisdiction,date,index,value");
    add_selection(index, *args);
    index->add_option("--index", args->index, "SI, GRI, CHI, ESI or LSI")
        ->check(CLI::IsMember({"SI", "GRI", "CHI", "ESI", "LSI"}))
        ->capture_default_str();
    index
        ->add_option("--variant", args->variant,
                     "NonVaccinated, Vaccinated, SimpleAverage, WeightedAverage or Average")
        ->capture_default_str();
    index->add_option("--from", args->from, "First day (YYYY-MM-DD)");
    index->add_option("--to", args->to, "Last day (YYYY-MM-DD)");
    index->add_flag("--display", args->display,
                    "The display series: recent gaps take the last value (the …ForDisplay columns)");
    index->callback([&global, args]() {
        if (const int code = run_index(global, *args)) throw CLI::RuntimeError(code);
    });

    auto* compare = policy->add_subcommand(
        "compare", "Computed against published, per index: equal, ties rounded the other way, others listed");
    add_selection(compare, *args);
    compare->callback([&global, args]() {
        if (const int code = run_compare(global, *args)) throw CLI::RuntimeError(code);
    });

    auto* exported = policy->add_subcommand(
        "export",
        "A jurisdiction's days in OxCGRT's fullwithnotes or timeseries_<Index> layout (indices computed "
        "here); "
        "for the region's, its approved observations (GOV, WIDE) or the resident's TOTAL");
    add_selection(exported, *args);
    exported
        ->add_option("--layout", args->layout, "fullwithnotes, or timeseries (one row, one column per day)")
        ->check(CLI::IsMember({"fullwithnotes", "timeseries"}))
        ->capture_default_str();
    exported->add_option("--index", args->index, "With --layout timeseries: SI, GRI, CHI, ESI or LSI")
        ->check(CLI::IsMember({"SI", "GRI", "CHI", "ESI", "LSI"}))
        ->capture_default_str();
    exported->add_option("--variant", args->variant, "With --layout timeseries: the variant")
        ->capture_default_str();
    exported->add_option("--from", args->from, "First day (YYYY-MM-DD)");
    exported->add_option("--to", args->to, "Last day (YYYY-MM-DD)");
    auto output = std::make_shared<std::string>();
    exported->add_option("--output,-o", *output, "File to write (default: standard output)");
    exported->callback([&global, args, output]() {
        if (const int code = run_export(global, *args, *output)) throw CLI::RuntimeError(code);
    });
    add_policy_metro_commands(policy, global);
    add_policy_observe_commands(policy, global);
}

}  // namespace metropoli::cli
