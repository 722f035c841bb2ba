// SPDX-License-Identifier: MIT
// `metropoli minutes`: draft, show, list, edit, amend, accept, reject, vote, approve, verify and correct the
// minutes (actas) of a body's meetings, as the command-line actor (trusted as a coordinator: the owner of
// the database). A vote from the command line records the vote of a named seat that attended.
#include <fmt/format.h>
#include <soci/soci.h>

#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/context.hpp"
#include "cli/cli_support.hpp"
#include "coordination/minutes.hpp"
#include "core/text.hpp"

namespace metropoli::cli {

namespace {

using nlohmann::json;

// The text of --text-file FILE ("-": standard input) or of --text.
std::string text_of(const std::string& file, const std::string& inline_text) {
    if (file.empty()) return inline_text;
    if (file == "-") return std::string(std::istreambuf_iterator<char>(std::cin), {});
    return value_or_throw(read_file(file));
}

void print_minutes(const coordination::Minutes& m, const GlobalOptions& global) {
    if (global.format == "json") {
        fmt::print("{}\n", coordination::minutes_json(m).dump(2));
        return;
    }
    fmt::print("acta / minutes {} ({}{}), versión / version {}\n", m.id, m.state,
               m.example ? ", ejemplo" : "", m.version);
    fmt::print("reunión / meeting {} del {}: {} — {}\n", m.meeting, m.meeting_date.iso(), m.meeting_title,
               m.body_name);
    if (m.corrects) fmt::print("corrige / corrects: {}\n", *m.corrects);
    if (m.corrected_by) fmt::print("corregida por / corrected by: {}\n", *m.corrected_by);
    if (m.state == "approved") {
        fmt::print("aprobada / approved {} por / by {} ({})\n", m.approved_at, m.approved_by,
                   m.approval_method);
        fmt::print("SHA-256: {}\n", m.text_sha256);
        fmt::print("publicada / published: {}\n", m.published ? "sí / yes" : "no");
        for (const auto& s : m.signatories) {
            fmt::print("firma / signs: {} — {}{}\n", s.seat_name,
                       s.person.empty() ? "(sin designar)" : s.person, s.alternate ? " (suplente)" : "");
        }
    }
    fmt::print("\n{}", m.text);
    if (!m.text.empty() && m.text.back() != '\n') fmt::print("\n");
}

void print_tally(const coordination::Tally& t) {
    fmt::print(
        "a favor / for {}, en contra / against {}, abstenciones / abstaining {}, sin votar / not voted {}\n",
        t.for_votes, t.against, t.abstain, t.not_voted);
    fmt::print("quórum / quorum: {} de {} asientos con voto, se necesitan {} ({}): {}\n", t.attending,
               t.voting_seats, t.quorum_needed, t.quorum_rule, t.quorum ? "sí / yes" : "no");
    fmt::print("mayoría / majority {}: se necesitan {} a favor / {} for needed: {}\n", t.majority_rule,
               t.needed, t.needed, t.carried ? "aprobada / carried" : "no aprobada / not carried");
}

// The version to write at: --version, or the stored one when not given.
int64_t version_or_current(storage::Database& db, const access::Actor& who, int64_t id, int64_t given) {
    if (given > 0) return given;
    return value_or_throw(coordination::get_minutes(db, who, id)).version;
}

struct MinutesArgs {
    int64_t id = 0, seat = 0, version = 0;
    std::string text, text_file, replaces, choice;
    bool all = false;
};

}  // namespace

void add_minutes_commands(CLI::App& app, GlobalOptions& global) {
    auto* minutes = app.add_subcommand(
        "minutes",
        "Minutes (actas): draft, show, list, edit, amend, accept, reject, vote, approve, verify, correct");
    minutes->require_subcommand(1);
    auto args = std::make_shared<MinutesArgs>();
    const auto text_options = [args](CLI::App* c) {
        c->add_option("--text-file", args->text_file,
                      "Read the Markdown text from FILE ('-': standard input)");
        c->add_option("--text", args->text, "The text itself");
    };

    auto* list = minutes->add_subcommand("list", "Approved, published minutes (--all: drafts too)");
    list->add_flag("--all", args->all, "Every minutes, drafts included");
    list->callback([&global, args]() {
        auto context = open_or_throw(global);
        coordination::MinutesFilter filter;
        filter.published_only = !args->all;
        const auto found =
            value_or_throw(coordination::list_minutes(*context.db, cli_attribution(global).actor, filter));
        if (global.format == "json") {
            json out = json::array();
            for (const auto& m : found) out.push_back(coordination::minutes_json(m));
            fmt::print("{}\n", out.dump(2));
            return;
        }
        fmt::print("id,meeting,date,body,state,version,corrects,corrected_by,sha256\n");
        for (const auto& m : found) {
            fmt::print("{},{},{},{},{},{},{},{},{}\n", m.id, m.meeting, m.meeting_date.iso(),
                       csv_field(m.body_name), m.state, m.version,
                       m.corrects ? std::to_string(*m.corrects) : "",
                       m.corrected_by ? std::to_string(*m.corrected_by) : "", m.text_sha256);
        }
    });

    auto* show =
        minutes->add_subcommand("show", "One minutes: text, hash, signatories, amendments and votes");
    show->add_option("ID", args->id, "The minutes' id")->required();
    show->callback([&global, args]() {
        auto context = open_or_throw(global);
        const auto who = cli_attribution(global).actor;
        const auto m = value_or_throw(coordination::get_minutes(*context.db, who, args->id));
        const auto amendments = value_or_throw(coordination::minutes_amendments(*context.db, who, args->id));
        const auto votes = value_or_throw(coordination::minutes_votes(*context.db, who, args->id));
        if (global.format == "json") {
            json out = coordination::minutes_json(m);
            out["amendments"] = json::array();
            for (const auto& a : amendments) out["amendments"].push_back(coordination::amendment_json(a));
            out["votes"] = json::array();
            for (const auto& v : votes) out["votes"].push_back(coordination::vote_json(v));
            fmt::print("{}\n", out.dump(2));
            return;
        }
        print_minutes(m, global);
        for (const auto& a : amendments) {
            fmt::print("\nenmienda / amendment {} ({}) de / by {}{}\n", a.id, a.state,
                       a.person_name.empty() ? a.author : a.person_name,
                       a.seat_name.empty() ? "" : " — " + a.seat_name);
            if (!a.replaces.empty()) fmt::print("  reemplaza / replaces: {}\n", a.replaces);
            fmt::print("  texto / text: {}\n", a.text);
        }
        for (const auto& v : votes)
            fmt::print("voto / vote: {} — {}{}\n", v.seat_name, v.choice,
                       v.by_alternate ? " (suplente)" : "");
    });

    auto* draft = minutes->add_subcommand("draft", "Draft the minutes of a meeting");
    draft->add_option("MEETING", args->id, "The meeting's id")->required();
    text_options(draft);
    draft->callback([&global, args]() {
        auto db = open_for_writing(global);
        const auto by = cli_attribution(global);
        const auto m = value_or_throw(coordination::draft_minutes(*db, system_clock(), by.actor, "", args->id,
                                                                  text_of(args->text_file, args->text)));
        fmt::print("borrador / draft: acta / minutes {} (versión / version {})\n", m.id, m.version);
    });

    auto* edit = minutes->add_subcommand("edit", "Replace a draft's text");
    edit->add_option("ID", args->id, "The minutes' id")->required();
    edit->add_option("--version", args->version, "The version read (default: the stored one)");
    text_options(edit);
    edit->callback([&global, args]() {
        auto db = open_for_writing(global);
        const auto by = cli_attribution(global);
        const auto m = value_or_throw(
            coordination::edit_minutes(*db, system_clock(), by.actor, "", args->id,
                                       version_or_current(*db, by.actor, args->id, args->version),
                                       text_of(args->text_file, args->text)));
        fmt::print("acta / minutes {}: versión / version {}\n", m.id, m.version);
    });

    auto* amend = minutes->add_subcommand("amend", "Propose an amendment to a draft");
    amend->add_option("ID", args->id, "The minutes' id")->required();
    amend->add_option("--replaces", args->replaces, "The passage it replaces (default: a paragraph added)");
    text_options(amend);
    amend->callback([&global, args]() {
        auto db = open_for_writing(global);
        const auto by = cli_attribution(global);
        const auto a = value_or_throw(coordination::propose_amendment(*db, system_clock(), by.actor, "",
                                                                      args->id, args->replaces,
                                                                      text_of(args->text_file, args->text)));
        fmt::print("enmienda / amendment {} propuesta / proposed\n", a.id);
    });

    for (const char* decision : {"accept", "reject"}) {
        const bool accept = std::string_view(decision) == "accept";
        auto* c = minutes->add_subcommand(
            decision, accept ? "Accept an amendment (applied to the draft)" : "Reject an amendment");
        c->add_option("AMENDMENT", args->id, "The amendment's id")->required();
        c->add_option("--version", args->version, "The draft's version read (default: the stored one)");
        c->callback([&global, args, accept]() {
            auto db = open_for_writing(global);
            const auto by = cli_attribution(global);
            int64_t version = args->version;
            if (version <= 0) {
                long long amendment = args->id, minutes_id = 0;
                db->session() << "SELECT minutes_id FROM minutes_amendments WHERE id = :a",
                    soci::use(amendment), soci::into(minutes_id);
                if (!db->session().got_data())
                    throw CLI::RuntimeError(report_error(
                        make_error(ErrorCode::not_found,
                                   fmt::format("no hay enmienda {} / no amendment {}", args->id, args->id))));
                version = version_or_current(*db, by.actor, minutes_id, 0);
            }
            const auto m = value_or_throw(
                coordination::decide_amendment(*db, system_clock(), by.actor, "", args->id, accept, version));
            fmt::print("enmienda / amendment {} {}; acta / minutes {} versión / version {}\n", args->id,
                       accept ? "aceptada / accepted" : "rechazada / rejected", m.id, m.version);
        });
    }

    auto* vote = minutes->add_subcommand("vote", "Record the vote of a seat that attended");
    vote->add_option("ID", args->id, "The minutes' id")->required();
    vote->add_option("--seat", args->seat, "The seat's id")->required();
    vote->add_option("--choice", args->choice, "for, against or abstain")->required();
    vote->callback([&global, args]() {
        auto db = open_for_writing(global);
        const auto by = cli_attribution(global);
        print_tally(value_or_throw(
            coordination::cast_vote(*db, system_clock(), by.actor, "", args->id, args->seat, args->choice)));
    });

    auto* approve =
        minutes->add_subcommand("approve", "Approve draft minutes (the act, or the close of the vote)");
    approve->add_option("ID", args->id, "The minutes' id")->required();
    approve->add_option("--version", args->version, "The version read (default: the stored one)");
    approve->callback([&global, args]() {
        auto db = open_for_writing(global);
        const auto by = cli_attribution(global);
        const auto m = value_or_throw(
            coordination::approve_minutes(*db, system_clock(), by.actor, "", args->id,
                                          version_or_current(*db, by.actor, args->id, args->version)));
        fmt::print("acta / minutes {} aprobada / approved; SHA-256 {}\n", m.id, m.text_sha256);
    });

    auto* verify = minutes->add_subcommand(
        "verify", "Recompute approved minutes' SHA-256 and compare (exit 1: differs)");
    verify->add_option("ID", args->id, "The minutes' id")->required();
    verify->callback([&global, args]() {
        auto context = open_or_throw(global);
        const auto v = value_or_throw(
            coordination::verify_minutes(*context.db, cli_attribution(global).actor, args->id));
        fmt::print("guardada / stored:    {}\ncalculada / computed: {}\n", v.stored, v.computed);
        if (!v.intact()) {
            fmt::print(stderr,
                       "error: el acta {} no coincide con su huella / minutes {} do not match their hash\n",
                       v.minutes, v.minutes);
            throw CLI::RuntimeError(1);
        }
        fmt::print("íntegra / intact\n");
    });

    auto* correct = minutes->add_subcommand("correct", "Open a correction of approved minutes (a new draft)");
    correct->add_option("ID", args->id, "The approved minutes' id")->required();
    text_options(correct);
    correct->callback([&global, args]() {
        auto db = open_for_writing(global);
        const auto by = cli_attribution(global);
        const auto m = value_or_throw(coordination::correct_minutes(
            *db, system_clock(), by.actor, "", args->id, text_of(args->text_file, args->text)));
        fmt::print("corrección / correction: acta / minutes {} (corrige / corrects {})\n", m.id, *m.corrects);
    });
}

}  // namespace metropoli::cli
