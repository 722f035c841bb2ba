// SPDX-License-Identifier: MIT
// Bodies and their seats: the Mesa de Salud, its sub-committees or a Junta, each with its seats (the
// representation, the organisation that holds it, its position and whether it votes) and each seat's terms
// (who was designated, and the alternate, from when to when), so that who held a seat on any day can be
// answered. Public to read unless the body is private; written by a coordinator (permission "body.edit"),
// each write audited in its transaction.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "core/date.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::coordination {

// The stored keys of a body's settings.
const std::vector<std::string>& body_kinds();            // mesa, subcommittee, junta, working_group, other
const std::vector<std::string>& body_visibilities();     // private, transparent, public
const std::vector<std::string>& seat_representations();  // civil_society, state_executive, ...
const std::vector<std::string>& seat_positions();        // presidency, technical_secretariat, member

struct Body {
    int64_t id = 0;
    std::string name, short_name;
    std::string kind = "mesa";
    std::optional<int64_t> parent;          // the body it belongs to (a sub-committee's Mesa)
    std::string visibility = "public";      // public and transparent bodies publish approved minutes
    std::string minutes_approval = "vote";  // vote | coordinator
    std::string quorum = "more_than_half";  // more_than_half | two_thirds | all (of the voting seats)
    std::string majority = "simple";        // simple | absolute | two_thirds
    std::string region_id;
    std::string description;
    std::optional<Date> installed_on;
    bool seed = false;
    int64_t version = 1;
    std::string created_at, updated_at;
};
nlohmann::json body_json(const Body& body);

// Who held a seat from `designated_on` to `ends_on` (open: still holding it).
struct SeatTerm {
    int64_t id = 0;
    int64_t seat = 0;
    int64_t organisation = 0;
    std::optional<int64_t> person, alternate;  // people.id; empty: not designated yet
    std::string person_name, alternate_name;
    Date designated_on;
    std::optional<Date> ends_on;
    std::string note;
};
nlohmann::json seat_term_json(const SeatTerm& term);

struct Seat {
    int64_t id = 0;
    int64_t body = 0;
    std::string name;            // "Sociedad civil de La Laguna"
    std::string representation;  // one of seat_representations()
    int64_t organisation = 0;    // who holds the seat
    std::string organisation_name;
    std::string position = "member";
    bool voting = true;
    int ordinal = 0;  // the order the body lists its seats in
    bool active = true;
    int64_t version = 1;
    std::optional<SeatTerm> current;  // the term in force today (by the clock of the read), if any
};
nlohmann::json seat_json(const Seat& seat);

struct NewBody {
    std::string name, short_name, kind = "mesa", visibility = "public";
    std::optional<int64_t> parent;
    std::string minutes_approval = "vote", quorum = "more_than_half", majority = "simple";
    std::string region_id, description;
    std::optional<Date> installed_on;
};

struct NewSeat {
    std::string name, representation;
    int64_t organisation = 0;
    std::string position = "member";
    bool voting = true;
    std::optional<int> ordinal;  // default: after the last
};

// A designation: a person and optionally an alternate, from a day. Each is named (a new row in `people`) or
// given as an existing person (people.id: one with an account, who can then amend and vote for the seat).
struct Designation {
    std::string person_name;     // empty (and no person_id): the organisation has not named anyone yet
    std::string alternate_name;  // empty (and no alternate_id): no alternate
    Date designated_on;
    std::string note;
    std::optional<int64_t> person_id = std::nullopt, alternate_id = std::nullopt;
};

// The bodies visible to everyone (not private), or all of them for `who` with body.edit. Only reads.
Result<std::vector<Body>> list_bodies(storage::Database& db, const access::Actor& who);
// One body; not_found when missing or private and `who` may not see it. Only reads.
Result<Body> get_body(storage::Database& db, const access::Actor& who, int64_t id);

// Creates a body (body.edit): invalid_argument naming the field; conflict when the name is taken.
Result<Body> create_body(storage::Database& db, const Clock& clock, const access::Actor& who,
                         const std::string& request_id, const NewBody& body);

// The seats of `body` in their order, each with its term in force on `on`. Only reads.
Result<std::vector<Seat>> body_seats(storage::Database& db, const access::Actor& who, int64_t body, Date on);

// Adds a seat to a body (body.edit for that body).
Result<Seat> add_seat(storage::Database& db, const Clock& clock, const access::Actor& who,
                      const std::string& request_id, int64_t body, const NewSeat& seat);

// Designates who holds `seat` from `d.designated_on` (body.edit): the term in force ends the day before,
// a term may not start on or before the start of the seat's latest term (invalid_argument on /designated_on).
Result<SeatTerm> designate(storage::Database& db, const Clock& clock, const access::Actor& who,
                           const std::string& request_id, int64_t seat, const Designation& d);

// Every term of `seat`, oldest first: who held it when. Only reads.
Result<std::vector<SeatTerm>> seat_history(storage::Database& db, const access::Actor& who, int64_t seat);

// The Mesa de Salud of La Laguna as the source deck lists it on 4 May 2020, with its six seats held by the
// organisations access seeds (access::seed_organisations must have run), once, as `system`; returns how many
// bodies were added (0 for other regions or when already there).
Result<int> seed_bodies(storage::Database& db, const Clock& clock, std::string_view region_id);

}  // namespace metropoli::coordination
