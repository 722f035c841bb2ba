// SPDX-License-Identifier: MIT
// The votes of a body's seats in a meeting, whatever is voted: minutes (minutes.hpp) or a harmonised decision
// (homologation/decisions.hpp), told apart by the `votes` table's subject_type. One set of rules for both:
// who attended for each seat (the holder present, or the alternate when the holder was absent), which seat an
// account votes for, one vote per seat, and the tally by the body's quorum and majority (README "Approval by
// vote"). These functions run on the caller's session inside the caller's transaction and audit nothing: the
// caller checks its permission and writes its own audit entry.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "core/date.hpp"
#include "core/result.hpp"

namespace metropoli::coordination {

struct Vote {
    int64_t seat = 0;
    std::string seat_name, choice;  // for | against | abstain
    std::string person;             // who voted for the seat (empty when nobody was designated)
    bool by_alternate = false;
    std::string cast_by, cast_at;
};
nlohmann::json vote_json(const Vote& v);

// The count of a vote as the body's rules read it (README "Approval by vote").
struct Tally {
    std::string quorum_rule, majority_rule;
    int voting_seats = 0;   // the body's active voting seats
    int attending = 0;      // of them, those present or with their alternate present at the meeting
    int quorum_needed = 0;  // attending seats the quorum rule needs
    bool quorum = false;
    int for_votes = 0, against = 0, abstain = 0, not_voted = 0;
    int needed = 0;  // votes for the rule needs (given the votes against for a simple majority)
    bool carried = false;
};
nlohmann::json tally_json(const Tally& t);

// What is voted: `type` is the votes table's subject_type ("minutes", "decision").
struct VoteSubject {
    std::string type;
    int64_t id = 0;
    int64_t body = 0;     // the body whose seats vote
    int64_t meeting = 0;  // the meeting the vote is taken in
    Date meeting_date;    // the UTC date of its start: whose terms are in force
};

// A seat that attended a meeting: who sat in it (the term's holder when present, the alternate when the
// alternate was present, or the person the attendance row names).
struct SeatAttendance {
    int64_t seat = 0;
    std::string seat_name, organisation_name;
    bool voting = false, alternate = false;
    std::optional<int64_t> person;
    std::string person_name;
};

// The seats recorded present or alternate_present at `meeting`, in the body's order, with who sat in each
// on `on`.
std::vector<SeatAttendance> attended_seats(soci::session& sql, int64_t meeting, Date on);

// The person (people.id) of `who`'s account, if any.
std::optional<int64_t> account_person(soci::session& sql, const access::Actor& who);

// The person's name, or empty.
std::string person_name(soci::session& sql, int64_t person);

// The tally of `subject`'s votes by its body's quorum and majority rules.
Tally count_votes(soci::session& sql, const VoteSubject& subject);

// The votes cast on `subject`, in the body's seat order.
std::vector<Vote> subject_votes(soci::session& sql, const VoteSubject& subject);

// Records one seat's vote on `subject`: an account votes for the seat its person attended the meeting for
// (forbidden when it attended for no voting seat; invalid_argument on /seat when `seat` names another), the
// command line and the system name the seat (invalid_argument on /seat when it did not attend as a voting
// seat); invalid_argument on /choice unless for, against or abstain; conflict when the seat has voted.
// Returns the seat as it attended. Writes only the vote: the caller checks its permission and audits.
Result<SeatAttendance> record_seat_vote(soci::session& sql, const Clock& clock, const access::Actor& who,
                                        const VoteSubject& subject, std::optional<int64_t> seat,
                                        const std::string& choice);

}  // namespace metropoli::coordination
