// SPDX-License-Identifier: MIT
// `metropoli policy observe add|edit|submit|approve|reject|list`: observations entered by hand and their
// review, over the same library functions as the API (record_observation, the review steps, the listing), so
// the command line checks, refuses and audits exactly as the web does. The actor is the command-line user
// (`--as NAME`): a reviewer other than the coder must approve.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>

#include "app/context.hpp"
#include "cli/cli_support.hpp"
#include "homologation/observation_listing.hpp"
#include "homologation/observation_review.hpp"
#include "homologation/observations.hpp"

namespace metropoli::cli {

namespace {

namespace h = homologation;
using nlohmann::json;

struct ObserveArgs {
    std::string json_file, jurisdiction,
        scope = "GOV", indicator, segment = "E", value, flag, start, end, announced, implemented, notes,
        source_kind, source_title, source_issuer, source_date, source_url, curfew_from, curfew_to, closing,
        alcohol, alcohol_until, reason, state;
    int capacity = -1, group = -1;
    int64_t id = 0, supersedes = 0, version = 0;
};

std::string read_all(const std::string& file) {
    std::ostringstream text;
    if (file == "-") {
        text << std::cin.rdbuf();
        return text.str();
    }
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw CLI::RuntimeError(
            report_error(make_error(ErrorCode::io_error, file + ": no se puede leer / cannot read")));
    text << in.rdbuf();
    return text.str();
}

// The body the API takes, from --json or from the options.
json body_of(const ObserveArgs& a) {
    if (!a.json_file.empty()) {
        json body = json::parse(read_all(a.json_file), nullptr, false);
        if (body.is_discarded())
            throw CLI::RuntimeError(report_error(
                make_error(ErrorCode::invalid_argument, a.json_file + ": no es JSON / is not JSON")));
        return body;
    }
    json b = {{"jurisdiction", a.jurisdiction}, {"scope", a.scope}, {"indicator", a.indicator},
              {"segment", a.segment},           {"value", a.value}, {"notes", a.notes}};
    const auto set = [&](json& into, const char* key, const std::string& v) {
        if (!v.empty()) into[key] = v;
    };
    if (!a.flag.empty()) {
        if (a.flag != "0" && a.flag != "1") throw CLI::ValidationError("--flag", "0 or 1");
        b["flag"] = a.flag == "1" ? 1 : 0;
    }
    set(b, "start_date", a.start);
    set(b, "end_date", a.end);
    set(b, "announced_on", a.announced);
    set(b, "implemented_on", a.implemented);
    json s = {{"kind", a.source_kind},
              {"title", a.source_title},
              {"issuer", a.source_issuer},
              {"url", a.source_url}};
    set(s, "issued_on", a.source_date);
    b["source"] = s;
    json e = json::object();
    set(e, "curfew_from", a.curfew_from);
    set(e, "curfew_to", a.curfew_to);
    set(e, "closing_time", a.closing);
    set(e, "alcohol_sales", a.alcohol);
    set(e, "alcohol_until", a.alcohol_until);
    if (a.capacity >= 0) e["capacity_pct"] = a.capacity;
    if (a.group >= 0) e["max_group_size"] = a.group;
    b["extensions"] = e;
    if (a.supersedes > 0) b["supersedes"] = a.supersedes;
    return b;
}

void print_one(const GlobalOptions& global, const h::Observation& o, const char* done) {
    if (global.format == "json") {
        fmt::print("{}\n", h::observation_json(o).dump(2));
        return;
    }
    fmt::print("observación / observation {}: {} {} {} = {} ({}, v{}) {}\n", o.id, o.jurisdiction, o.scope,
               o.indicator, o.value, o.review_state, o.version, done);
}

// The version the step names: --version, else the one stored now.
int64_t version_of(storage::Database& db, const access::Actor& who, const ObserveArgs& a) {
    if (a.version > 0) return a.version;
    return value_or_throw(h::observation_for(db, who, a.id)).version;
}

using Step =
    std::function<Result<h::Observation>(storage::Database&, const access::Attribution&, int64_t, int64_t)>;

void add_step(CLI::App* observe, GlobalOptions& global, std::shared_ptr<ObserveArgs> args, const char* name,
              const char* help, const char* done, Step step) {
    auto* cmd = observe->add_subcommand(name, help);
    cmd->add_option("ID", args->id, "The observation's id")->required();
    cmd->add_option("--version", args->version, "The version read (default: the stored one)");
    if (std::string(name) == "reject")
        cmd->add_option("--reason", args->reason, "Why it is rejected")->required();
    cmd->callback([&global, args = std::move(args), step = std::move(step), done]() {
        auto db = open_for_writing(global);
        const auto who = cli_attribution(global);
        const auto o = value_or_throw(step(*db, who, args->id, version_of(*db, who.actor, *args)));
        print_one(global, o, done);
    });
}

void run_list(const GlobalOptions& global, const ObserveArgs& a) {
    auto context = open_or_throw(global);
    h::ObservationFilter f;
    if (!a.jurisdiction.empty()) f.jurisdiction = a.jurisdiction;
    if (!a.indicator.empty()) f.indicator = a.indicator;
    if (!a.state.empty()) f.state = a.state;
    f.from = date_option(a.start, "--from");
    f.to = date_option(a.end, "--to");
    const auto list = value_or_throw(h::list_observations_for(*context.db, cli_attribution(global).actor, f));
    if (global.format == "json") {
        json out = json::array();
        for (const auto& o : list) out.push_back(h::observation_json(o));
        fmt::print("{}\n", out.dump(2));
        return;
    }
    fmt::print(
        "id,jurisdiction,scope,indicator,segment,value,flag,start_date,end_date,review_state,coder,reviewer,"
        "version,"
        "supersedes,superseded_by,source\n");
    for (const auto& o : list)
        fmt::print("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", o.id, csv_field(o.jurisdiction),
                   o.scope, o.indicator, o.segment, csv_field(o.value), o.flag ? std::to_string(*o.flag) : "",
                   o.start_date.iso(), o.end_date ? o.end_date->iso() : "", o.review_state,
                   csv_field(o.coder), csv_field(o.reviewer), o.version,
                   o.supersedes ? std::to_string(*o.supersedes) : "",
                   o.superseded_by ? std::to_string(*o.superseded_by) : "", csv_field(o.source.title));
}

void add_fields(CLI::App* cmd, ObserveArgs& a) {
    cmd->add_option("--json", a.json_file, "The observation as the API's JSON body (a file, or - for stdin)");
    cmd->add_option("--jurisdiction,-j", a.jurisdiction,
                    "00, a state (10), a municipality (10007), zm-laguna");
    cmd->add_option("--scope", a.scope, "GOV (decreed by this level) or WIDE (this level and below)")
        ->capture_default_str();
    cmd->add_option("--indicator", a.indicator, "C1 … M1 (the OxCGRT codebook)");
    cmd->add_option("--segment", a.segment, "E, NV, V, M or EV")->capture_default_str();
    cmd->add_option("--value", a.value, "The ordinal (0 … N), an amount, or text for M1");
    cmd->add_option("--flag", a.flag, "0 targeted, 1 general");
    cmd->add_option("--start", a.start, "First day (YYYY-MM-DD)");
    cmd->add_option("--end", a.end, "Last day (YYYY-MM-DD; none: until further notice)");
    cmd->add_option("--announced", a.announced, "The day it was announced");
    cmd->add_option("--implemented", a.implemented, "The day it took effect (default: the start)");
    cmd->add_option("--notes", a.notes, "Notes");
    cmd->add_option("--source-kind", a.source_kind, "dof, periodico_oficial, cabildo, press_release, other");
    cmd->add_option("--source-title", a.source_title, "The source document's title");
    cmd->add_option("--source-issuer", a.source_issuer, "Who issued it");
    cmd->add_option("--source-date", a.source_date, "Its date (YYYY-MM-DD)");
    cmd->add_option("--source-url", a.source_url, "Its address (http or https)");
    cmd->add_option("--curfew-from", a.curfew_from, "Curfew from (HH:MM)");
    cmd->add_option("--curfew-to", a.curfew_to, "Curfew to (HH:MM)");
    cmd->add_option("--capacity", a.capacity, "Capacity allowed (0-100 %)");
    cmd->add_option("--closing", a.closing, "Closing time (HH:MM)");
    cmd->add_option("--alcohol", a.alcohol, "allowed, restricted_hours or ley_seca");
    cmd->add_option("--alcohol-until", a.alcohol_until, "With restricted_hours: sales end at (HH:MM)");
    cmd->add_option("--group", a.group, "Largest group allowed");
}

}  // namespace

void add_policy_observe_commands(CLI::App* policy, GlobalOptions& global) {
    auto* observe = policy->add_subcommand(
        "observe", "Observaciones capturadas y su revisión / Observations entered by hand and their review");
    observe->require_subcommand(1);
    auto args = std::make_shared<ObserveArgs>();

    auto* add = observe->add_subcommand("add", "Enter an observation with its source document (a draft)");
    add_fields(add, *args);
    add->add_option("--supersedes", args->supersedes, "A correction: the approved observation it replaces");
    add->callback([&global, args]() {
        auto db = open_for_writing(global);
        const auto who = cli_attribution(global);
        const auto in = value_or_throw(h::observation_input_from_json(body_of(*args)));
        const int64_t id = value_or_throw(h::record_observation(*db, system_clock(), who.actor, "", in));
        print_one(global, value_or_throw(h::get_observation(*db, id)), "registrada / recorded");
    });

    auto* edit = observe->add_subcommand("edit", "Replace every field of a draft or rejected observation");
    edit->add_option("ID", args->id, "The observation's id")->required();
    edit->add_option("--version", args->version, "The version read (default: the stored one)");
    add_fields(edit, *args);
    edit->callback([&global, args]() {
        auto db = open_for_writing(global);
        const auto who = cli_attribution(global);
        const auto in = value_or_throw(h::observation_input_from_json(body_of(*args)));
        const auto o = value_or_throw(h::update_observation(*db, system_clock(), who.actor, "", args->id,
                                                            version_of(*db, who.actor, *args), in));
        print_one(global, o, "editada / edited");
    });

    add_step(observe, global, args, "submit", "Submit a draft for review (its coder)", "enviada / submitted",
             [](storage::Database& db, const access::Attribution& who, int64_t id, int64_t version) {
                 return h::submit_observation(db, system_clock(), who.actor, "", id, version);
             });
    add_step(observe, global, args, "approve", "Approve a submitted observation (not its coder)",
             "aprobada / approved",
             [](storage::Database& db, const access::Attribution& who, int64_t id, int64_t version) {
                 return h::approve_observation(db, system_clock(), who.actor, "", id, version);
             });
    add_step(observe, global, args, "reject", "Reject a submitted observation, saying why (not its coder)",
             "rechazada / rejected",
             [args](storage::Database& db, const access::Attribution& who, int64_t id, int64_t version) {
                 return h::reject_observation(db, system_clock(), who.actor, "", id, version, args->reason);
             });

    auto* list = observe->add_subcommand("list", "The region's observations, newest first (CSV or JSON)");
    list->add_option("--jurisdiction,-j", args->jurisdiction, "Only this jurisdiction");
    list->add_option("--indicator", args->indicator, "Only this indicator");
    list->add_option("--state", args->state, "draft, submitted, approved or rejected");
    list->add_option("--from", args->start, "In force on this day or later");
    list->add_option("--to", args->end, "In force on this day or earlier");
    list->callback([&global, args]() { run_list(global, *args); });
}

}  // namespace metropoli::cli
