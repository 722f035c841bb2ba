// SPDX-License-Identifier: MIT
// Meetings of a body: convened in person, online or hybrid (a place, a link or both), from a UTC start to a
// UTC end, then held or cancelled; each write checks "meeting.edit" for the body, bumps the meeting's version
// (the If-Match of every edit of it, its agenda and its attendance included) and is audited in its
// transaction. Read like their body: public unless the body is private.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::coordination {

const std::vector<std::string>& meeting_modes();   // in_person, online, hybrid
const std::vector<std::string>& meeting_states();  // convened, held, cancelled

struct Meeting {
    int64_t id = 0;
    int64_t body = 0;
    std::string title;
    std::string starts_at, ends_at;  // UTC, "2020-05-04T16:00:00Z"
    std::string mode = "in_person";
    std::string place, link;
    std::string state = "convened";
    bool example = false;  // seeded by a region preset as an example, not a record of a real meeting
    int64_t version = 1;
    std::string created_at, updated_at;
};
nlohmann::json meeting_json(const Meeting& meeting);

struct MeetingFields {
    std::string title, starts_at, ends_at, mode = "in_person", place, link;
};

// The fields an edit changes; the others stay.
struct MeetingEdit {
    std::optional<std::string> title, starts_at, ends_at, mode, place, link;
};

// A UTC timestamp in canonical form ("2020-05-04T16:00:00Z") from "YYYY-MM-DDTHH:MM[:SS[.fff]]Z"; nullopt
// when it is not one.
std::optional<std::string> canonical_utc(std::string_view text);
// Seconds since 1970 of a canonical UTC timestamp.
int64_t utc_seconds(const std::string& canonical);

// Convenes a meeting of `body` (meeting.edit for it) and invites every active seat of the body:
// invalid_argument naming the field (/title, /starts_at, /ends_at after the start, /mode, /place required in
// person and hybrid, /link required online and hybrid).
Result<Meeting> convene_meeting(storage::Database& db, const Clock& clock, const access::Actor& who,
                                const std::string& request_id, int64_t body, const MeetingFields& fields);

// Edits a convened meeting read at `expected_version` (precondition_failed otherwise); the agenda must still
// fit when the times change.
Result<Meeting> update_meeting(storage::Database& db, const Clock& clock, const access::Actor& who,
                               const std::string& request_id, int64_t id, int64_t expected_version,
                               const MeetingEdit& edit);

// Marks a convened meeting "held" or "cancelled" (conflict from any other state).
Result<Meeting> set_meeting_state(storage::Database& db, const Clock& clock, const access::Actor& who,
                                  const std::string& request_id, int64_t id,
                                  std::optional<int64_t> expected_version, const std::string& state);

// A body's meetings, by start. Only reads; not_found for a body `who` may not see.
Result<std::vector<Meeting>> body_meetings(storage::Database& db, const access::Actor& who, int64_t body);
// One meeting; not_found when missing or of a body `who` may not see.
Result<Meeting> get_meeting(storage::Database& db, const access::Actor& who, int64_t id);

// The La Laguna example meeting: the installation of the Mesa de Salud on 4 May 2020 (example = 1), with a
// short agenda and the six seats present, held, as `system`, once; seed_bodies must have run. Returns how
// many meetings were added (0 for other regions or when already there).
Result<int> seed_meetings(storage::Database& db, const Clock& clock, std::string_view region_id);
// The example meeting seed_meetings made, for the helpers that attach its minutes and agreements; nullopt
// when the region has none.
Result<std::optional<Meeting>> find_example_meeting(storage::Database& db);
// Convenes an example meeting of `body` (example = 1) with `f`, inviting its active seats, as `system`,
// audited as meeting.convene: for a preset's seeds (seed_meetings; homologation's example decision). Joins
// the caller's transaction when there is one.
Result<Meeting> convene_example_meeting(storage::Database& db, const Clock& clock, int64_t body,
                                        const MeetingFields& f);

}  // namespace metropoli::coordination
