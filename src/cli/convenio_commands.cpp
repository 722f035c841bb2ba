// SPDX-License-Identifier: MIT
// `metropoli convenio`: show the coordination agreement (parties, signatures, clauses with their progress),
// and the coordinator's writes: add a party or a clause, link an agreement to a clause, record a signature,
// move its status. Written as the command-line actor; each write reads the current version first.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "access/organisations.hpp"
#include "app/context.hpp"
#include "cli/cli_support.hpp"
#include "coordination/convenio.hpp"

namespace metropoli::cli {

namespace {

using coordination::Convenio;
using nlohmann::json;

// The convenio named by `id`, or the newest one when 0.
Convenio convenio_or_throw(storage::Database& db, int64_t id) {
    if (id != 0) return value_or_throw(coordination::get_convenio(db, id));
    auto all = value_or_throw(coordination::list_convenios(db));
    if (all.empty())
        throw CLI::RuntimeError(
            report_error(make_error(ErrorCode::not_found, "no hay convenios / no convenio")));
    return all.front();
}

std::string percent(const std::optional<double>& p) {
    return p ? fmt::format("{:.1f} %", *p) : "sin acuerdos / no agreements";
}

void print(const GlobalOptions& global, const Convenio& c) {
    if (global.format == "json") {
        fmt::print("{}\n", coordination::convenio_json(c).dump(2));
        return;
    }
    fmt::print("{} (id {}, v{})\nestado / status: {}{}\nvigencia / valid: {} .. {}\navance / progress: {}\n",
               c.title, c.id, c.version, c.status, c.example ? " — borrador de ejemplo / draft example" : "",
               c.valid_from ? c.valid_from->iso() : "?", c.valid_to ? c.valid_to->iso() : "?",
               percent(c.progress));
    fmt::print("partes / parties ({} de {} firmaron / signed):\n", c.signed_parties, c.parties.size());
    for (const auto& p : c.parties) {
        fmt::print("  [{}] {} ({}): {}\n", p.id, p.organisation_name, p.kind,
                   p.signature
                       ? fmt::format("firmó / signed {} por / by {} ({}{})", p.signature->signed_on.iso(),
                                     p.signature->signed_by, p.signature->evidence,
                                     p.signature->evidence_url.empty() ? "" : " " + p.signature->evidence_url)
                       : "sin firma / not signed");
    }
    fmt::print("cláusulas / clauses:\n");
    for (const auto& k : c.clauses) {
        fmt::print("  [{}] {} {} ({}, v{}): {}\n", k.id, k.number, k.title, k.task.value_or("-"), k.version,
                   percent(k.progress));
        for (const auto& a : k.agreements)
            fmt::print("      acuerdo {} [{}] {}: {:.1f} %\n", a.reference, a.id, a.title, a.progress);
    }
}

struct ConvenioArgs {
    int64_t id = 0, clause = 0, agreement = 0, party = 0;
    std::string org, kind, number, title, text, task, by, signer_title, on, evidence = "original",
                                                                            evidence_url, status;
    bool unlink = false;
};

}  // namespace

void add_convenio_commands(CLI::App& app, GlobalOptions& global) {
    auto* convenio = app.add_subcommand("convenio",
                                        "The coordination agreement: show, party-add, clause-add, link, "
                                        "sign, status");
    convenio->require_subcommand(1);
    auto args = std::make_shared<ConvenioArgs>();

    auto* show =
        convenio->add_subcommand("show", "A convenio with its parties, signatures and clause progress");
    show->add_option("ID", args->id, "The convenio's id (default: the newest)");
    show->callback([&global, args]() {
        auto context = open_or_throw(global);
        print(global, convenio_or_throw(*context.db, args->id));
    });

    auto* party = convenio->add_subcommand("party-add", "Add a party to a draft convenio");
    party->add_option("ID", args->id, "The convenio's id")->required();
    party->add_option("--org", args->org, "The organisation (id or short name)")->required();
    party
        ->add_option("--kind", args->kind,
                     "state_government, municipal_government, federal_agency, civil_society or other")
        ->required();
    party->callback([&global, args]() {
        auto db = open_for_writing(global);
        const auto org = value_or_throw(access::find_organisation(*db, args->org));
        const auto c = convenio_or_throw(*db, args->id);
        print(global,
              value_or_throw(coordination::add_party(*db, system_clock(), cli_attribution(global).actor, "",
                                                     c.id, c.version, {org.id, args->kind})));
    });

    auto* clause = convenio->add_subcommand("clause-add", "Add a clause to a draft convenio");
    clause->add_option("ID", args->id, "The convenio's id")->required();
    clause->add_option("--number", args->number, "PRIMERA, 1, 3.2 ...")->required();
    clause->add_option("--title", args->title, "The clause's title")->required();
    clause->add_option("--text", args->text, "The clause's text")->required();
    clause->add_option("--task", args->task, "analizar, coordinar, homologar or comunicar");
    clause->callback([&global, args]() {
        auto db = open_for_writing(global);
        const auto c = convenio_or_throw(*db, args->id);
        coordination::ClauseFields f{args->number, std::nullopt, std::nullopt, args->title, args->text};
        if (!args->task.empty()) f.task = args->task;
        print(global, value_or_throw(coordination::add_clause(
                          *db, system_clock(), cli_attribution(global).actor, "", c.id, c.version, f)));
    });

    auto* link = convenio->add_subcommand("link", "Link an agreement to the clause it carries out");
    link->add_option("CLAUSE", args->clause, "The clause's id")->required();
    link->add_option("AGREEMENT", args->agreement, "The agreement's id")->required();
    link->add_flag("--unlink", args->unlink, "Remove the link instead");
    link->callback([&global, args]() {
        auto db = open_for_writing(global);
        print(global,
              value_or_throw(coordination::link_agreement(*db, system_clock(), cli_attribution(global).actor,
                                                          "", args->clause, args->agreement, !args->unlink)));
    });

    auto* sign =
        convenio->add_subcommand("sign", "Record a party's signature (the last one puts it in force)");
    sign->add_option("ID", args->id, "The convenio's id")->required();
    sign->add_option("--party", args->party, "The party's id (see `convenio show`)");
    sign->add_option("--org", args->org, "Or the party's organisation (id or short name)");
    sign->add_option("--by", args->by, "Who signed for the party")->required();
    sign->add_option("--signer-title", args->signer_title, "The signer's office");
    sign->add_option("--on", args->on, "The day of the signature (YYYY-MM-DD)")->required();
    sign->add_option("--evidence", args->evidence,
                     "original, scanned_copy, electronic_signature, public_act or other")
        ->capture_default_str();
    sign->add_option("--evidence-url", args->evidence_url, "A reference: a link, a document's SHA-256");
    sign->callback([&global, args]() {
        auto db = open_for_writing(global);
        const auto c = convenio_or_throw(*db, args->id);
        int64_t signing = args->party;
        if (signing == 0 && !args->org.empty()) {
            const auto org = value_or_throw(access::find_organisation(*db, args->org));
            for (const auto& p : c.parties)
                if (p.organisation == org.id) signing = p.id;
        }
        if (signing == 0)
            throw CLI::ValidationError("--party", "name a party of the convenio (--party or --org)");
        coordination::NewSignature s{
            signing,        args->by,          args->signer_title, *date_option(args->on, "--on"),
            args->evidence, args->evidence_url};
        print(global, value_or_throw(coordination::sign(*db, system_clock(), cli_attribution(global).actor,
                                                        "", c.id, c.version, s)));
    });

    auto* status =
        convenio->add_subcommand("status", "Move the convenio: in_signature, draft, in_force, expired");
    status->add_option("ID", args->id, "The convenio's id")->required();
    status->add_option("STATUS", args->status, "The new status")->required();
    status->callback([&global, args]() {
        auto db = open_for_writing(global);
        const auto c = convenio_or_throw(*db, args->id);
        print(global,
              value_or_throw(coordination::set_convenio_status(
                  *db, system_clock(), cli_attribution(global).actor, "", c.id, c.version, args->status)));
    });
}

}  // namespace metropoli::cli
