// SPDX-License-Identifier: MIT
// `metropoli semaforo declared`: each authority's declared semáforo colour (the federal colour of a state
// from both compilations, a state's own, a region's) with its source; `metropoli semaforo reconcile`: for a
// place and a week, those colours beside the colour each risk scheme computes from the stored data, the
// releases it read, and why they differ.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "app/semaforo_reconciliation.hpp"
#include "cli/cli_support.hpp"

namespace metropoli::cli {

namespace {

struct SemaforoArgs {
    std::string jurisdiction, week, release;
};

void print_declared(const GlobalOptions& global, const app::DeclaredView& view) {
    if (global.format == "json") {
        fmt::print("{}\n", app::declared_view_json(view).dump(2));
        return;
    }
    fmt::print(
        "scope,declared_by,jurisdiction,area,week,valid_from,valid_to,colour,source,unverified,note\n");
    for (const auto& c : view.colours)
        fmt::print("{},{},{},{},{},{},{},{},{},{},{}\n", c.scope, c.declared_by, c.jurisdiction,
                   csv_field(c.area), c.week, c.valid_from.iso(), c.valid_to.iso(), c.colour, c.source,
                   c.unverified ? "unverified" : "", csv_field(c.note));
    for (const auto& w : view.disagreements) {
        std::string other;
        for (const auto& c : w.claudiodanielpc) other += (other.empty() ? "" : "|") + c;
        fmt::print(stderr, "compilations disagree: {} {}: bisaloo {}, claudiodanielpc {}\n", w.state, w.week,
                   w.bisaloo, other);
    }
}

void print_reconciliation(const GlobalOptions& global, const app::Reconciliation& r) {
    if (global.format == "json") {
        fmt::print("{}\n", app::reconciliation_json(r).dump(2));
        return;
    }
    // One CSV of every colour, declared and computed; the explanations follow on stderr.
    fmt::print("jurisdiction,week,kind,by,colour,assessed_on,releases,source,unverified,comparison\n");
    for (const auto& c : r.declared.colours)
        fmt::print("{},{},declared_{},{},{},{}…{},,{},{},\n", r.jurisdiction->code, r.week, c.scope,
                   c.scope == "federal" ? "00" : c.declared_by, c.colour, c.valid_from.iso(),
                   c.valid_to.iso(), c.source, c.unverified ? "unverified" : "");
    auto computed_row = [&](const app::ComputedColour& c, const char* kind) {
        std::string releases;
        for (const auto& rel : c.releases)
            if (rel.source != "red_irag")
                releases += fmt::format("{}{} {}", releases.empty() ? "" : ";", rel.kind, rel.date.iso());
        const std::string level = !c.level.empty()       ? c.level
                                  : !c.level_min.empty() ? c.level_min + ".." + c.level_max
                                                         : "";
        fmt::print("{},{},{},{},{},{},{},,,{}\n", r.jurisdiction->code, r.week, kind, c.scheme, level,
                   c.assessed_on.iso(), csv_field(releases), c.comparison);
    };
    for (const auto& c : r.computed) computed_row(c, "computed");
    if (r.before_week) computed_row(*r.before_week, "computed_before_week");
    for (const auto& e : r.explanations) fmt::print(stderr, "{}\n", e.joined());
}

}  // namespace

void add_semaforo_commands(CLI::App& app, GlobalOptions& global) {
    auto* semaforo = app.add_subcommand("semaforo",
                                        "Declared semáforo colours (federal, state, regional) and their "
                                        "reconciliation with the computed ones");
    semaforo->require_subcommand(1);
    auto args = std::make_shared<SemaforoArgs>();

    auto* declared = semaforo->add_subcommand(
        "declared", "Each authority's declared colour with its source; compilation disagreements on stderr");
    declared->add_option("--jurisdiction", args->jurisdiction,
                         "Only what applies to this place: 05, 10, 05035, zm-laguna");
    declared->add_option("--week", args->week, "Only this %W week (2020-W45 is 9-15 November 2020)");
    declared->callback([&global, args]() {
        auto context = open_or_throw(global);
        print_declared(global,
                       value_or_throw(app::declared_colours_for(context, {args->jurisdiction, args->week})));
    });

    auto* reconcile = semaforo->add_subcommand(
        "reconcile",
        "A place's declared colours for a week beside each scheme's computed colour, and why they differ");
    reconcile->add_option("--jurisdiction", args->jurisdiction, "05, 10, a municipality or the metro zone")
        ->required();
    reconcile->add_option("--week", args->week, "A %W week: 2020-W45 is 9-15 November 2020")->required();
    reconcile->add_option("--release", args->release,
                          "Read every input from the release of this date (YYYY-MM-DD)");
    reconcile->callback([&global, args]() {
        auto context = open_or_throw(global);
        print_reconciliation(global,
                             value_or_throw(app::reconcile_colours(context, args->jurisdiction, args->week,
                                                                   date_option(args->release, "--release"))));
    });
}

}  // namespace metropoli::cli
