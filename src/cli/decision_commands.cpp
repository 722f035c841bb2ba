// SPDX-License-Identifier: MIT
// `metropoli decision`: propose, vote, close, show, list and compliance of harmonised decisions, as the
// command-line actor (trusted as a coordinator: the owner of the database). A vote from the command line
// records the vote of a named seat that attended the meeting.
#include <fmt/format.h>

#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/decision_compliance_service.hpp"
#include "cli/cli_support.hpp"
#include "core/text.hpp"
#include "homologation/decision_compliance.hpp"
#include "homologation/decisions.hpp"

namespace metropoli::cli {

namespace {

using nlohmann::json;

void print_tally(const coordination::Tally& t) {
    fmt::print(
        "a favor / for {}, en contra / against {}, abstenciones / abstaining {}, sin votar / not voted {}\n",
        t.for_votes, t.against, t.abstain, t.not_voted);
    fmt::print("quórum / quorum: {} de {} asientos con voto, se necesitan {} ({}): {}\n", t.attending,
               t.voting_seats, t.quorum_needed, t.quorum_rule, t.quorum ? "sí / yes" : "no");
    fmt::print("mayoría / majority {}: se necesitan {} a favor / {} for needed: {}\n", t.majority_rule,
               t.needed, t.needed, t.carried ? "aprobada / carried" : "no aprobada / not carried");
}

void print_decision(storage::Database& db, const access::Actor& who, const homologation::Decision& d,
                    const GlobalOptions& global) {
    const auto votes = value_or_throw(homologation::decision_votes(db, who, d.id));
    const auto tally = value_or_throw(homologation::decision_tally(db, who, d.id));
    if (global.format == "json") {
        json out = homologation::decision_json(d);
        out["votes"] = json::array();
        for (const auto& v : votes) out["votes"].push_back(coordination::vote_json(v));
        out["tally"] = coordination::tally_json(tally);
        fmt::print("{}\n", out.dump(2));
        return;
    }
    const Bilingual measure = homologation::describe_measure(d.measure);
    fmt::print("decisión / decision {} {} ({}{}), versión / version {}\n", d.id, d.reference, d.state,
               d.example ? ", ejemplo / example" : "", d.version);
    fmt::print("{}\n", d.title);
    fmt::print("reunión / meeting {} del {}: {} — {}\n", d.meeting, d.meeting_date.iso(), d.meeting_title,
               d.body_name);
    fmt::print("medida / measure: {} / {}\n", measure.es, measure.en);
    fmt::print("aplica desde / applies from: {}\n", d.applies_from.iso());
    for (const auto& j : d.jurisdictions)
        fmt::print("municipio / municipality: {} {} — {}\n", j.code, j.name, j.owner_name);
    for (const auto& v : votes)
        fmt::print("voto / vote: {} — {}{}\n", v.seat_name, v.choice,
                   v.by_alternate ? " (suplente / alternate)" : "");
    print_tally(tally);
    for (const int64_t a : d.agreements) fmt::print("acuerdo / agreement: {}\n", a);
}

struct DecisionArgs {
    int64_t id = 0, seat = 0, version = 0, meeting = 0;
    std::string file, choice, from, to;
    bool summary = false;
};

}  // namespace

void add_decision_commands(CLI::App& app, GlobalOptions& global) {
    auto* decision = app.add_subcommand(
        "decision", "Harmonised decisions voted by the Mesa: propose, vote, close, show, list, compliance");
    decision->require_subcommand(1);
    auto args = std::make_shared<DecisionArgs>();

    auto* propose = decision->add_subcommand(
        "propose",
        "Propose a decision from a JSON file ('-': standard input), the body POST /api/v1/decisions takes");
    propose->add_option("FILE", args->file, "The proposal as JSON")->required();
    propose->callback([&global, args]() {
        const std::string text = args->file == "-" ? std::string(std::istreambuf_iterator<char>(std::cin), {})
                                                   : value_or_throw(read_file(args->file));
        const json body = json::parse(text, nullptr, false);
        if (body.is_discarded()) throw CLI::ValidationError("FILE", args->file + " is not JSON");
        const auto n = value_or_throw(homologation::new_decision_from_json(body));
        auto db = open_for_writing(global);
        const auto by = cli_attribution(global);
        const auto d = value_or_throw(homologation::propose_decision(*db, system_clock(), by.actor, "", n));
        if (global.format == "json") {
            fmt::print("{}\n", homologation::decision_json(d).dump(2));
            return;
        }
        fmt::print("propuesta / proposed: decisión / decision {} {} (versión / version {})\n", d.id,
                   d.reference, d.version);
    });

    auto* vote = decision->add_subcommand("vote", "Record the vote of a seat that attended the meeting");
    vote->add_option("ID", args->id, "The decision's id")->required();
    vote->add_option("--seat", args->seat, "The seat's id")->required();
    vote->add_option("--choice", args->choice, "for, against or abstain")->required();
    vote->callback([&global, args]() {
        auto db = open_for_writing(global);
        const auto by = cli_attribution(global);
        print_tally(value_or_throw(homologation::vote_on_decision(*db, system_clock(), by.actor, "", args->id,
                                                                  args->seat, args->choice)));
    });

    auto* close = decision->add_subcommand(
        "close", "Close the vote: the result is recorded and a carried decision creates its agreements");
    close->add_option("ID", args->id, "The decision's id")->required();
    close->add_option("--version", args->version, "The version read (default: the stored one)");
    close->callback([&global, args]() {
        auto db = open_for_writing(global);
        const auto by = cli_attribution(global);
        const int64_t version =
            args->version > 0 ? args->version
                              : value_or_throw(homologation::get_decision(*db, by.actor, args->id)).version;
        const auto d = value_or_throw(
            homologation::close_decision(*db, system_clock(), by.actor, "", args->id, version));
        print_decision(*db, by.actor, d, global);
    });

    auto* show = decision->add_subcommand(
        "show", "One decision: the measure, the votes by seat, the tally, the agreements");
    show->add_option("ID", args->id, "The decision's id")->required();
    show->callback([&global, args]() {
        auto context = open_or_throw(global);
        const auto who = cli_attribution(global).actor;
        print_decision(*context.db, who,
                       value_or_throw(homologation::get_decision(*context.db, who, args->id)), global);
    });

    auto* list = decision->add_subcommand("list", "Decisions, newest meeting first");
    list->add_option("--meeting", args->meeting, "Only this meeting's");
    list->callback([&global, args]() {
        auto context = open_or_throw(global);
        homologation::DecisionFilter filter;
        if (args->meeting > 0) filter.meeting = args->meeting;
        const auto found =
            value_or_throw(homologation::list_decisions(*context.db, cli_attribution(global).actor, filter));
        if (global.format == "json") {
            json out = json::array();
            for (const auto& d : found) out.push_back(homologation::decision_json(d));
            fmt::print("{}\n", out.dump(2));
            return;
        }
        fmt::print("id,reference,meeting,date,state,applies_from,example,title\n");
        for (const auto& d : found)
            fmt::print("{},{},{},{},{},{},{},{}\n", d.id, d.reference, d.meeting, d.meeting_date.iso(),
                       d.state, d.applies_from.iso(), d.example ? "yes" : "no", csv_field(d.title));
    });

    auto* compliance = decision->add_subcommand(
        "compliance",
        "Each municipality's compliance day by day (CSV jurisdiction,date,status,in_force) or, "
        "with --summary, its days per status and the lag from the agreed date");
    compliance->add_option("ID", args->id, "The decision's id")->required();
    compliance->add_option("--from", args->from, "The first day (default: 7 days before the agreed date)");
    compliance->add_option("--to", args->to, "The last day (default: 30 days after the agreed date)");
    compliance->add_flag("--summary", args->summary, "One line per municipality");
    compliance->callback([&global, args]() {
        auto context = open_or_throw(global);
        const auto who = cli_attribution(global).actor;
        const auto d = value_or_throw(homologation::get_decision(*context.db, who, args->id));
        const Date from = date_option(args->from, "--from").value_or(d.applies_from - 7);
        const Date to = date_option(args->to, "--to").value_or(d.applies_from + 30);
        const auto c =
            value_or_throw(app::decision_compliance_for(*context.db, context.region, who, d.id, from, to));
        if (global.format == "json") {
            fmt::print("{}\n", homologation::decision_compliance_json(c).dump(2));
            return;
        }
        if (args->summary) {
            fmt::print("jurisdiction,name,complies,stricter,laxer,not_yet,first_met,lag_days\n");
            for (const auto& j : c.jurisdictions) {
                auto n = [&](const char* s) { return j.counts.count(s) ? j.counts.at(s) : 0; };
                fmt::print("{},{},{},{},{},{},{},{}\n", j.place.code, csv_field(j.place.name), n("complies"),
                           n("stricter"), n("laxer"), n("not_yet"), j.first_met ? j.first_met->iso() : "",
                           j.lag_days ? std::to_string(*j.lag_days) : "");
            }
            return;
        }
        fmt::print("jurisdiction,date,status,in_force\n");
        for (const auto& j : c.jurisdictions)
            for (const auto& day : j.days)
                fmt::print("{},{},{},{}\n", j.place.code, day.day.iso(), day.status,
                           csv_field(day.in_force.text.joined()));
    });
}

}  // namespace metropoli::cli
