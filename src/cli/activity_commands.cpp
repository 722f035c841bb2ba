// SPDX-License-Identifier: MIT
// `metropoli activity`: who does what where (3W). Add an activity, list them with filters, the sector x
// municipality matrix with its gaps and overlaps, and HXL-tagged CSV export and import (all rows or none).
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "access/organisations.hpp"
#include "app/context.hpp"
#include "cli/cli_support.hpp"
#include "coordination/activities.hpp"
#include "coordination/hxl.hpp"

namespace metropoli::cli {

namespace {

using nlohmann::json;

struct ActivityArgs {
    std::string org, programming, funding, sector, activity, adm1, adm2, start, end, status = "ongoing",
                                                                                     notes, file, output;
    std::optional<int64_t> reached, targeted;
    std::optional<double> lat, lon;
};

coordination::ActivityFilter filter_of(storage::Database& db, const ActivityArgs& a) {
    coordination::ActivityFilter f;
    if (!a.sector.empty()) f.sector = a.sector;
    if (!a.adm1.empty()) f.adm1 = a.adm1;
    if (!a.adm2.empty()) f.adm2 = a.adm2;
    if (!a.status.empty()) f.status = a.status;
    if (!a.org.empty()) f.organisation = value_or_throw(access::find_organisation(db, a.org)).id;
    return f;
}

}  // namespace

void add_activity_commands(CLI::App& app, GlobalOptions& global) {
    auto* activity =
        app.add_subcommand("activity", "Who does what where (3W): add, list, matrix, export, import");
    activity->require_subcommand(1);
    auto args = std::make_shared<ActivityArgs>();

    auto* add = activity->add_subcommand("add", "Record an activity of an organisation");
    add->add_option("--org", args->org, "The implementing organisation (id or short name)")->required();
    add->add_option("--programming", args->programming, "The programming organisation");
    add->add_option("--funding", args->funding, "The funding organisation");
    add->add_option("--sector", args->sector, "Sector (cluster): Salud, Alimentación ...")->required();
    add->add_option("--activity", args->activity, "What it does")->required();
    add->add_option("--adm1", args->adm1, "INEGI state code (05, 10); default: the municipality's state");
    add->add_option("--adm2", args->adm2, "INEGI municipality code (05035)");
    add->add_option("--lat", args->lat, "A point instead of (or besides) the municipality: latitude");
    add->add_option("--lon", args->lon, "longitude");
    add->add_option("--start", args->start, "Start (YYYY-MM-DD)")->required();
    add->add_option("--end", args->end, "End (YYYY-MM-DD)");
    add->add_option("--status", args->status, "planned, ongoing, completed or suspended")
        ->capture_default_str();
    add->add_option("--reached", args->reached, "People reached");
    add->add_option("--targeted", args->targeted, "People targeted");
    add->add_option("--notes", args->notes, "Notes");
    add->callback([&global, args]() {
        auto db = open_for_writing(global);
        coordination::ActivityFields f;
        f.organisation = value_or_throw(access::find_organisation(*db, args->org)).id;
        if (!args->programming.empty())
            f.programming = value_or_throw(access::find_organisation(*db, args->programming)).id;
        if (!args->funding.empty())
            f.funding = value_or_throw(access::find_organisation(*db, args->funding)).id;
        f.sector = args->sector;
        f.activity = args->activity;
        f.adm1 =
            !args->adm1.empty() ? args->adm1 : args->adm2.substr(0, std::min<size_t>(2, args->adm2.size()));
        if (!args->adm2.empty()) f.adm2 = args->adm2;
        f.latitude = args->lat;
        f.longitude = args->lon;
        f.start_date = date_option(args->start, "--start");
        f.end_date = date_option(args->end, "--end");
        f.status = args->status;
        f.reached = args->reached;
        f.targeted = args->targeted;
        f.notes = args->notes;
        const auto made = value_or_throw(
            coordination::create_activity(*db, system_clock(), cli_attribution(global).actor, "", f));
        if (global.format == "json") {
            fmt::print("{}\n", coordination::activity_json(made).dump(2));
            return;
        }
        fmt::print("actividad registrada / activity recorded: {} ({} en / in {}, {})\n", made.id, made.sector,
                   made.adm2.value_or(made.adm1), made.organisation_name);
    });

    auto list_args = std::make_shared<ActivityArgs>();
    list_args->status.clear();
    auto* list = activity->add_subcommand("list", "The activities, filtered");
    list->add_option("--sector", list_args->sector, "Only this sector");
    list->add_option("--adm2", list_args->adm2, "Only this municipality (INEGI code)");
    list->add_option("--org", list_args->org,
                     "Only this organisation (implementing, programming or funding)");
    list->add_option("--status", list_args->status, "Only this status");
    list->callback([&global, list_args]() {
        auto context = open_or_throw(global);
        const auto all =
            value_or_throw(coordination::list_activities(*context.db, filter_of(*context.db, *list_args)));
        if (global.format == "json") {
            json out = json::array();
            for (const auto& a : all) out.push_back(coordination::activity_json(a));
            fmt::print("{}\n", out.dump(2));
            return;
        }
        fmt::print("id,organisation,sector,activity,adm1,adm2,start,end,status,reached,targeted\n");
        for (const auto& a : all) {
            fmt::print("{},{},{},{},{},{},{},{},{},{},{}\n", a.id, csv_field(a.organisation_name),
                       csv_field(a.sector), csv_field(a.activity), a.adm1, a.adm2.value_or(""),
                       a.start_date.iso(), a.end_date ? a.end_date->iso() : "", a.status,
                       a.reached ? std::to_string(*a.reached) : "",
                       a.targeted ? std::to_string(*a.targeted) : "");
        }
    });

    auto matrix_args = std::make_shared<ActivityArgs>();
    matrix_args->status.clear();
    auto* matrix = activity->add_subcommand("matrix",
                                            "Sector x municipality: activities, people reached, gaps "
                                            "and overlaps");
    matrix->add_option("--sector", matrix_args->sector, "Only this sector");
    matrix->add_option("--status", matrix_args->status, "Only this status");
    matrix->callback([&global, matrix_args]() {
        auto context = open_or_throw(global);
        const auto m = value_or_throw(coordination::activity_matrix(
            *context.db, coordination::region_places(context.region), filter_of(*context.db, *matrix_args)));
        const json j = coordination::matrix_json(m);
        if (global.format == "json") {
            fmt::print("{}\n", j.dump(2));
            return;
        }
        fmt::print("sector,adm2,municipality,activities,reached,organisations,gap,overlap\n");
        for (const auto& c : m.cells) {
            std::string name = c.adm2, orgs;
            for (const auto& p : m.places)
                if (p.code == c.adm2) name = p.name;
            for (const auto& o : c.organisations) orgs += (orgs.empty() ? "" : "; ") + o;
            fmt::print("{},{},{},{},{},{},{},{}\n", csv_field(c.sector), c.adm2, csv_field(name),
                       c.activities, c.reached, csv_field(orgs), c.gap ? "gap" : "",
                       c.overlap ? "overlap" : "");
        }
        for (const auto& g : j["gaps"]) fmt::print(stderr, "hueco / gap: {}\n", g["text"].get<std::string>());
        for (const auto& o : j["overlaps"])
            fmt::print(stderr, "traslape / overlap: {}\n", o["text"].get<std::string>());
    });

    auto export_args = std::make_shared<ActivityArgs>();
    export_args->status.clear();
    auto* exporting = activity->add_subcommand("export", "The activities as HXL-tagged CSV");
    exporting->add_option("--output", export_args->output, "Write to FILE (default: standard output)");
    exporting->add_option("--sector", export_args->sector, "Only this sector");
    exporting->callback([&global, export_args]() {
        auto context = open_or_throw(global);
        const auto csv = value_or_throw(
            coordination::export_activities_hxl(*context.db, filter_of(*context.db, *export_args)));
        if (export_args->output.empty()) {
            fmt::print("{}", csv);
            return;
        }
        std::ofstream out(export_args->output, std::ios::binary);
        out << csv;
        if (!out)
            throw CLI::RuntimeError(report_error(
                make_error(ErrorCode::io_error, fmt::format("cannot write {}", export_args->output))));
    });

    auto import_file = std::make_shared<std::string>();
    auto* importing = activity->add_subcommand("import", "Import HXL-tagged CSV: every row or none");
    importing->add_option("FILE", *import_file, "The CSV file ('-': standard input)")->required();
    importing->callback([&global, import_file]() {
        std::stringstream text;
        if (*import_file == "-") {
            text << std::cin.rdbuf();
        } else {
            std::ifstream in(*import_file, std::ios::binary);
            if (!in)
                throw CLI::RuntimeError(report_error(
                    make_error(ErrorCode::io_error, fmt::format("cannot read {}", *import_file))));
            text << in.rdbuf();
        }
        auto db = open_for_writing(global);
        const auto report = value_or_throw(coordination::import_activities_hxl(
            *db, system_clock(), cli_attribution(global).actor, "", text.str()));
        if (global.format == "json") fmt::print("{}\n", coordination::hxl_import_json(report).dump(2));
        if (!report.problems.empty()) {
            for (const auto& p : report.problems)
                fmt::print(stderr, "error: fila / row {}, columna / column {}: {}\n", p.row, p.column,
                           p.message);
            fmt::print(stderr, "nada importado / nothing imported\n");
            throw CLI::RuntimeError(1);
        }
        if (global.format != "json")
            fmt::print("importadas / imported: {} actividades / activities\n", report.imported);
    });
}

}  // namespace metropoli::cli
