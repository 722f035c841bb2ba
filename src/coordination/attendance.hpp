// SPDX-License-Identifier: MIT
// Attendance at a meeting, seat by seat (present, alternate_present, absent, excused), with who attended: the
// person of the seat's term on the day of the meeting (the UTC date of its start), or that term's alternate;
// and the quorum computed from the body's active voting seats by its rule (more_than_half, two_thirds, all).
// Recording is an edit of the meeting (meeting.edit, its version raised, audited in its transaction).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::coordination {

const std::vector<std::string>& attendance_statuses();  // present, alternate_present, absent, excused

// One seat of the meeting's body and what was recorded for it (status empty: nothing yet).
struct Attendance {
    int64_t seat = 0;
    std::string seat_name, organisation_name;
    bool voting = true;
    std::string status;
    std::optional<int64_t> person;  // who attended for the seat
    std::string person_name;
    std::string recorded_at;
};
nlohmann::json attendance_json(const Attendance& a);

struct Quorum {
    std::string rule;        // the body's: more_than_half, two_thirds, all
    int voting_seats = 0;    // active seats with a vote
    int present_voting = 0;  // of them, present or with their alternate present
    int required = 0;        // how many the rule asks for
    bool quorum = false;
};
nlohmann::json quorum_json(const Quorum& q);

// How many of `voting_seats` the rule asks for: more than half (n/2 + 1), two thirds (rounded up), or all.
int required_for_quorum(const std::string& rule, int voting_seats);

struct AttendanceMark {
    int64_t seat = 0;
    std::string status;
};

// Every active seat of the meeting's body, in order, with what was recorded. Only reads.
Result<std::vector<Attendance>> meeting_attendance(storage::Database& db, const access::Actor& who,
                                                   int64_t meeting);

// The quorum of the meeting from its recorded attendance. Only reads.
Result<Quorum> meeting_quorum(storage::Database& db, const access::Actor& who, int64_t meeting);

// Records the status of each seat marked (replacing what was recorded for it): invalid_argument naming
// /attendance/<i>/seat or /status (a seat of another body, an unknown status, an alternate present where the
// term has none); conflict for a cancelled meeting. `expected_version` is the meeting's.
Result<std::vector<Attendance>> record_attendance(storage::Database& db, const Clock& clock,
                                                  const access::Actor& who, const std::string& request_id,
                                                  int64_t meeting, std::optional<int64_t> expected_version,
                                                  const std::vector<AttendanceMark>& marks);

}  // namespace metropoli::coordination
