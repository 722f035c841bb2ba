// SPDX-License-Identifier: MIT
// `metropoli agreement create|list|show|progress|import|export|overdue|scorecard`: agreements (acuerdos) and
// their follow-up, written as the command-line actor.
#include <fmt/format.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "access/organisations.hpp"
#include "app/context.hpp"
#include "cli/cli_support.hpp"
#include "coordination/agreements.hpp"
#include "core/text.hpp"

namespace metropoli::cli {

namespace {

using nlohmann::json;
namespace co = coordination;

int64_t organisation_id(storage::Database& db, const std::string& id_or_short_name) {
    return value_or_throw(access::find_organisation(db, id_or_short_name)).id;
}

Date today_or(const std::string& text, const char* name) {
    if (auto d = date_option(text, name)) return *d;
    return today_utc();
}

std::string join(const std::vector<std::string>& list) {
    std::string out;
    for (const auto& s : list) out += (out.empty() ? "" : ";") + s;
    return out;
}

void print_list(const std::vector<co::Agreement>& list, const GlobalOptions& global) {
    if (global.format == "json") {
        json out = json::array();
        for (const auto& a : list) out.push_back(co::agreement_json(a));
        fmt::print("{}\n", out.dump(2));
        return;
    }
    fmt::print("id,reference,title,responsible,status,progress,due_date,jurisdictions,version\n");
    for (const auto& a : list)
        fmt::print("{},{},{},{},{},{},{},{},{}\n", a.id, csv_field(a.reference), csv_field(a.title),
                   csv_field(a.responsible.name), a.status.key, number(a.progress),
                   a.due_date ? a.due_date->iso() : "", join(a.jurisdictions), a.version);
}

struct CreateArgs {
    std::string reference, title, text, responsible, parent, status = "not_started", start, due;
    int64_t meeting = 0;
    double weight = -1;
    std::vector<std::string> coresponsibles, jurisdictions;
};

struct ListArgs {
    std::string organisation, status, municipality, overdue;
    int64_t meeting = 0;
};

struct ProgressArgs {
    std::string reference, on, status, text, evidence_url, document, media_type;
    double progress = -1;
};

void add_create(CLI::App& agreement, GlobalOptions& global) {
    auto args = std::make_shared<CreateArgs>();
    auto* create = agreement.add_subcommand("create", "Record an agreement decided in a meeting");
    create->add_option("--reference", args->reference, "Unique reference, e.g. MSL-2020-05-04-01")
        ->required();
    create->add_option("--meeting", args->meeting, "The meeting that decided it (id)")->required();
    create->add_option("--title", args->title, "What was agreed, in one line")->required();
    create->add_option("--text", args->text, "The agreement's text");
    create->add_option("--responsible", args->responsible, "Responsible organisation (id or short name)")
        ->required();
    create->add_option("--coresponsible", args->coresponsibles, "A co-responsible organisation (repeatable)");
    create->add_option("--jurisdiction", args->jurisdictions, "An INEGI municipality code (repeatable)");
    create->add_option("--parent", args->parent, "The parent agreement's reference");
    create->add_option("--weight", args->weight, "Its weight among the parent's children");
    create->add_option("--status", args->status, "A status key (default not_started)");
    create->add_option("--start", args->start, "Start date YYYY-MM-DD");
    create->add_option("--due", args->due, "Due date YYYY-MM-DD");
    create->callback([&global, args]() {
        auto db = open_for_writing(global);
        co::NewAgreement a;
        a.reference = args->reference;
        a.meeting = args->meeting;
        a.title = args->title;
        a.text = args->text;
        a.responsible = organisation_id(*db, args->responsible);
        for (const auto& c : args->coresponsibles) a.coresponsibles.push_back(organisation_id(*db, c));
        a.jurisdictions = args->jurisdictions;
        const auto actor = cli_attribution(global).actor;
        if (!args->parent.empty()) a.parent = value_or_throw(co::find_agreement(*db, actor, args->parent)).id;
        if (args->weight >= 0) a.weight = args->weight;
        a.status = args->status;
        a.start_date = date_option(args->start, "--start");
        a.due_date = date_option(args->due, "--due");
        const auto made = value_or_throw(co::create_agreement(*db, system_clock(), actor, "", a));
        fmt::print("acuerdo registrado / agreement recorded: {} (id {}, versión {})\n", made.reference,
                   made.id, made.version);
    });
}

void add_list_and_show(CLI::App& agreement, GlobalOptions& global) {
    auto args = std::make_shared<ListArgs>();
    auto* list = agreement.add_subcommand("list", "The agreements with their progress, by reference");
    list->add_option("--organisation", args->organisation,
                     "Responsible or co-responsible (id or short name)");
    list->add_option("--status", args->status, "A status key");
    list->add_option("--municipality", args->municipality, "An INEGI municipality code");
    list->add_option("--meeting", args->meeting, "The meeting that decided them (id)");
    list->add_option("--overdue", args->overdue, "Only those late on that day (YYYY-MM-DD)");
    list->callback([&global, args]() {
        auto context = open_or_throw(global);
        co::AgreementFilter f;
        if (!args->organisation.empty()) f.organisation = organisation_id(*context.db, args->organisation);
        if (!args->status.empty()) f.status = args->status;
        if (!args->municipality.empty()) f.municipality = args->municipality;
        if (args->meeting > 0) f.meeting = args->meeting;
        f.overdue_as_of = date_option(args->overdue, "--overdue");
        print_list(value_or_throw(co::list_agreements(*context.db, cli_attribution(global).actor, f)),
                   global);
    });

    auto reference = std::make_shared<std::string>();
    auto* show = agreement.add_subcommand("show", "One agreement as JSON: its links and its timeline");
    show->add_option("REFERENCE", *reference, "The agreement's reference")->required();
    show->callback([&global, reference]() {
        auto context = open_or_throw(global);
        const auto actor = cli_attribution(global).actor;
        const auto a = value_or_throw(co::find_agreement(*context.db, actor, *reference));
        json out = value_or_throw(co::agreement_detail_json(*context.db, actor, a.id));
        out["timeline"] = co::timeline_json(value_or_throw(co::agreement_timeline(*context.db, actor, a.id)));
        fmt::print("{}\n", out.dump(2));
    });
}

void add_progress(CLI::App& agreement, GlobalOptions& global) {
    auto args = std::make_shared<ProgressArgs>();
    auto* progress = agreement.add_subcommand("progress", "Report progress on an agreement, with evidence");
    progress->add_option("REFERENCE", args->reference, "The agreement's reference")->required();
    progress->add_option("--progress", args->progress, "0 to 100")->required();
    progress->add_option("--on", args->on, "The day reported (default today)");
    progress->add_option("--status", args->status,
                         "A status key (default: done at 100, in_progress once begun)");
    progress->add_option("--text", args->text, "What was done");
    progress->add_option("--evidence-url", args->evidence_url, "A link to the evidence (http or https)");
    progress->add_option("--document", args->document, "A file to attach as evidence (at most 10 MiB)");
    progress->add_option("--media-type", args->media_type,
                         "The document's media type (application/pdf, ...)");
    progress->callback([&global, args]() {
        auto db = open_for_writing(global);
        const auto actor = cli_attribution(global).actor;
        const auto a = value_or_throw(co::find_agreement(*db, actor, args->reference));
        co::NewProgress p;
        p.reported_on = today_or(args->on, "--on");
        p.progress = args->progress;
        if (!args->status.empty()) p.status = args->status;
        p.text = args->text;
        p.evidence_url = args->evidence_url;
        if (!args->document.empty()) {
            if (args->media_type.empty())
                throw CLI::ValidationError("--media-type", "required with --document");
            const auto slash = args->document.find_last_of('/');
            p.document = co::NewDocument{
                slash == std::string::npos ? args->document : args->document.substr(slash + 1),
                args->media_type, value_or_throw(metropoli::read_file(args->document))};
        }
        const auto made = value_or_throw(co::report_progress(*db, system_clock(), actor, "", a.id, p));
        const auto after = value_or_throw(co::get_agreement(*db, actor, a.id));
        fmt::print("avance registrado / progress reported: {} al {} % ({}){}\n", a.reference,
                   number(made.progress), after.status.key,
                   made.document
                       ? fmt::format(", documento {} sha256 {}", made.document->id, made.document->sha256)
                       : "");
    });
}

void add_import_export(CLI::App& agreement, GlobalOptions& global) {
    struct ImportArgs {
        std::string file;
        bool progress = false;
    };
    auto in = std::make_shared<ImportArgs>();
    auto* import = agreement.add_subcommand(
        "import",
        "Import agreements (or --progress updates) from CSV: every row, or none and each bad row named");
    import->add_option("FILE", in->file, "The CSV file")->required()->check(CLI::ExistingFile);
    import->add_flag("--progress", in->progress, "The file holds progress updates");
    import->callback([&global, in]() {
        auto db = open_for_writing(global);
    const std::string csv = value_or_throw(metropoli::read_file(in->file));
    const auto actor = cli_attribution(global).actor;
    const auto report =
        value_or_throw(in->progress ? co::import_progress_csv(*db, system_clock(), actor, "", csv)
                                    : co::import_agreements_csv(*db, system_clock(), actor, "", csv));
    if (global.format == "json") fmt::print("{}\n", co::import_report_json(report).dump(2));
    if (!report.ok()) {
        for (const auto& p : report.problems)
            fmt::print(stderr, "{}:{}: {}: {}\n", in->file, p.line, p.column.empty() ? "-" : p.column, p.why);
        fmt::print(stderr, "nada importado / nothing imported: {} fila(s) con errores / bad row(s)\n",
                   report.problems.size());
        throw CLI::RuntimeError(1);
    }
    if (global.format != "json")
        fmt::print("importado / imported: {} acuerdo(s), {} avance(s)\n", report.agreements, report.progress);
});

struct ExportArgs {
    std::string to = "csv", output;
};
auto out = std::make_shared<ExportArgs>();
auto* exporter = agreement.add_subcommand("export", "Export the agreements as CSV, JSON or XLSX");
exporter->add_option("--to", out->to, "csv, json or xlsx")->check(CLI::IsMember({"csv", "json", "xlsx"}));
exporter->add_option("--output", out->output, "Write to FILE (required for xlsx; default standard output)");
exporter->callback([&global, out]() {
    auto context = open_or_throw(global);
    const auto list = value_or_throw(co::list_agreements(*context.db, cli_attribution(global).actor));
    std::string bytes;
    if (out->to == "csv") bytes = co::agreements_csv(list);
    if (out->to == "json") bytes = co::agreements_export_json(list).dump(2) + "\n";
    if (out->to == "xlsx") {
        if (out->output.empty()) throw CLI::ValidationError("--output", "required for xlsx");
        bytes = value_or_throw(co::agreements_xlsx(list));
    }
    if (out->output.empty()) {
        fmt::print("{}", bytes);
        return;
    }
    std::ofstream file(out->output, std::ios::binary);
    file << bytes;
    if (!file)
        throw CLI::RuntimeError(report_error(make_error(ErrorCode::io_error, "cannot write " + out->output)));
    fmt::print(stderr, "{} acuerdos escritos en / agreements written to {}\n", list.size(), out->output);
});
}  // namespace

void add_follow_up(CLI::App& agreement, GlobalOptions& global) {
    struct Args {
        std::string as_of;
        int within = 14;
    };
    auto args = std::make_shared<Args>();
    auto* overdue =
        agreement.add_subcommand("overdue", "Per organisation: what is due soon and what is late");
    overdue->add_option("--as-of", args->as_of, "The day (default today)");
    overdue->add_option("--within", args->within, "Days ahead that count as due (default 14)");
    overdue->callback([&global, args]() {
        auto context = open_or_throw(global);
        const Date as_of = today_or(args->as_of, "--as-of");
        const auto o =
            value_or_throw(co::overdue(*context.db, cli_attribution(global).actor, as_of, args->within));
        if (global.format == "json") {
            fmt::print("{}\n", co::overdue_json(o, as_of, args->within).dump(2));
            return;
        }
        fmt::print("organisation,state,reference,title,due_date,progress\n");
        for (const auto& entry : o) {
            for (const auto* list : {&entry.late, &entry.due})
                for (const auto& a : *list)
                    fmt::print("{},{},{},{},{},{}\n", csv_field(entry.organisation.name),
                               list == &entry.late ? "late" : "due", csv_field(a.reference),
                               csv_field(a.title), a.due_date->iso(), number(a.progress));
        }
    });
    auto card_args = std::make_shared<Args>();
    auto* scorecard = agreement.add_subcommand("scorecard", "Per organisation: owed, done, on time, late");
    scorecard->add_option("--as-of", card_args->as_of, "The day (default today)");
    scorecard->callback([&global, card_args]() {
        auto context = open_or_throw(global);
        const Date as_of = today_or(card_args->as_of, "--as-of");
        const auto cards = value_or_throw(co::scorecards(*context.db, cli_attribution(global).actor, as_of));
        if (global.format == "json") {
            fmt::print("{}\n", co::scorecards_json(cards, as_of).dump(2));
            return;
        }
        fmt::print("organisation,owed,done,done_on_time,late,open_on_time\n");
        for (const auto& c : cards)
            fmt::print("{},{},{},{},{},{}\n", csv_field(c.organisation.name), c.owed, c.done, c.done_on_time,
                       c.late, c.open_on_time);
    });
}

}  // namespace metropoli::cli

void add_agreement_commands(CLI::App& app, GlobalOptions& global) {
    auto* agreement = app.add_subcommand("agreement", "Agreements (acuerdos) and their follow-up");
    agreement->require_subcommand(1);
    add_create(*agreement, global);
    add_list_and_show(*agreement, global);
    add_progress(*agreement, global);
    add_import_export(*agreement, global);
    add_follow_up(*agreement, global);
}

}  // namespace metropoli::cli
