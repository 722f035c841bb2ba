// SPDX-License-Identifier: MIT
// Harmonised decisions: a metro measure — an observation on the OxCGRT scale (indicator, value, flag, local
// extensions such as curfew hours) or an activity rule — proposed for several municipalities, each with the
// organisation that owes it there, with the date from which it should apply, put to a vote of the seats of a
// body (the Mesa) in one of its meetings. The seats vote as they vote on minutes
// (coordination/seat_votes.hpp: the holder present or the alternate, one vote per seat, quorum and majority
// by the body's rules). Closing records the result with the meeting (carried, rejected, or no_quorum) and,
// when carried, creates one agreement per owner to implement it, linked to the decision and the meeting.
// Proposing and closing need decision.edit (coordinators), voting decision.vote for the body (its members);
// every write audited in its transaction; closing names the version read. Reads are public unless the body is
// private.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "access/actor.hpp"
#include "coordination/seat_votes.hpp"
#include "core/bilingual.hpp"
#include "core/clock.hpp"
#include "core/date.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"

namespace metropoli::homologation {

// Migrations 530 and 531 (decision_schema.cpp); applied with every other module's by app::open_database.
std::vector<storage::Migration> decision_migrations();

const std::vector<std::string>& decision_states();  // proposed, carried, rejected, no_quorum

// What was agreed. kind "observation": indicator, value, flag (for an indicator with a flag) and the local
// extensions (an object: curfew_from, curfew_to, capacity_pct, closing_time, alcohol_sales, alcohol_until,
// max_group_size). kind "activity_rule": the activity of the catalogue and the rule's figures.
struct Measure {
    std::string kind;  // observation | activity_rule
    // observation
    std::string indicator;
    int value = 0;
    std::optional<int> flag;
    nlohmann::json extensions = nlohmann::json::object();
    // activity_rule
    std::string activity, allowed;
    std::optional<int> capacity_pct, max_people, max_stay_minutes;
    std::optional<std::string> opens, closes;
};
nlohmann::json measure_json(const Measure& m);
// Reads the body's "measure" object for `kind`; invalid_argument naming the field ("/measure/value: …").
// An activity must be in the catalogue (checked by propose_decision, which has the database).
Result<Measure> measure_from_json(const std::string& kind, const nlohmann::json& j);
// "C6 2 general, toque de queda 22:00–05:00" / "C6 2 general, curfew 22:00–05:00".
Bilingual describe_measure(const Measure& m);

struct DecisionJurisdiction {
    std::string code, name;  // "05035", "Torreón" (the code when the region does not name it)
    int64_t owner = 0;       // the organisation that owes the measure there
    std::string owner_name;
};

struct Decision {
    int64_t id = 0;
    std::string reference;  // "DA-2020-11-09-01"
    int64_t body = 0, meeting = 0;
    std::string body_name, body_visibility, meeting_title;
    Date meeting_date;
    std::string title, text;
    Measure measure;
    Date applies_from;
    std::string state = "proposed";
    std::optional<coordination::Tally> tally;  // stored at closing
    std::string closed_at, closed_by, proposed_by;
    std::vector<DecisionJurisdiction> jurisdictions;
    std::vector<int64_t> agreements;  // created when carried, in the owners' order
    bool example = false;             // seeded by a region preset (decision_seed.cpp), not a real vote
    int64_t version = 1;
    std::string created_at, updated_at;
};
nlohmann::json decision_json(const Decision& d);

struct NewDecision {
    int64_t meeting = 0;
    std::string title, text;
    Measure measure;
    std::optional<Date> applies_from;
    std::vector<std::pair<std::string, int64_t>> jurisdictions;  // municipality code, owner organisation
    // A preset's example (seed_example_decision); never read from a request body. The agreements a carried
    // example creates are examples too.
    bool example = false;
};
// Reads a POST body {meeting, title, text, measure_kind, measure, applies_from, jurisdictions: [{code,
// owner}]}; invalid_argument naming the field.
Result<NewDecision> new_decision_from_json(const nlohmann::json& body);

// Proposes a decision in a meeting of its body (decision.edit for the body): not_found for an unknown
// meeting; conflict when it was cancelled; invalid_argument naming the field (/title, /applies_from,
// /measure/…, an activity not in the catalogue, /jurisdictions/<i>/code not a municipality code or given
// twice, /jurisdictions/<i>/owner not an organisation). Audited as decision.propose.
Result<Decision> propose_decision(storage::Database& db, const Clock& clock, const access::Actor& who,
                                  const std::string& request_id, const NewDecision& d);

// Casts a seat's vote (decision.vote for the body; the seat rules of seat_votes.hpp): conflict once the
// decision is closed or when the seat has voted. Raises the decision's version; audited as decision.vote.
Result<coordination::Tally> vote_on_decision(storage::Database& db, const Clock& clock,
                                             const access::Actor& who, const std::string& request_id,
                                             int64_t id, std::optional<int64_t> seat,
                                             const std::string& choice);

// Closes the vote at `expected_version` (decision.edit; precondition_failed when it changed): stores the
// tally and the state (no_quorum without quorum, carried or rejected by the majority); when carried, creates
// one agreement per owner (reference "<decision>-<n>", the owner responsible, its municipalities, started
// on the meeting's day and due on applies_from; an example when the decision is one) and links it. Conflict
// when already closed. Audited as decision.close (and each agreement as agreement.create) in one transaction.
Result<Decision> close_decision(storage::Database& db, const Clock& clock, const access::Actor& who,
                                const std::string& request_id, int64_t id, int64_t expected_version);

struct DecisionFilter {
    std::optional<int64_t> meeting = std::nullopt, body = std::nullopt;
};
// The decisions `who` may read, newest meeting first. Only reads.
Result<std::vector<Decision>> list_decisions(storage::Database& db, const access::Actor& who,
                                             const DecisionFilter& filter = {});
// One decision; not_found when missing or not visible to `who`. Only reads.
Result<Decision> get_decision(storage::Database& db, const access::Actor& who, int64_t id);
// Its votes by seat, and the tally (the live count while proposed, the stored one once closed). Only reads.
Result<std::vector<coordination::Vote>> decision_votes(storage::Database& db, const access::Actor& who,
                                                       int64_t id);
Result<coordination::Tally> decision_tally(storage::Database& db, const access::Actor& who, int64_t id);

// The La Laguna preset's example decision (decision_seed.cpp): the Mesa's metropolitan curfew of November
// 2020 (C6 2 general, 22:00–05:00, from 12 November, for the five municipalities), proposed, voted seat by
// seat and carried in an example meeting of 10 November 2020, through propose_decision, vote_on_decision
// and close_decision as `system`, each audited, in one transaction, once. Needs the Mesa, its organisations
// and the region's jurisdictions seeded. Returns how many decisions were added (0 for other regions or when
// the example is there).
Result<int> seed_example_decision(storage::Database& db, const Clock& clock, std::string_view region_id);

}  // namespace metropoli::homologation
