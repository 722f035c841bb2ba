// SPDX-License-Identifier: MIT
// Who is invited to a meeting: seats of its body (every active seat when it is convened) and named guests,
// with the organisation they come from when known. Each addition is an edit of the meeting (meeting.edit, its
// version raised, audited in its transaction).
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

struct Invitation {
    int64_t id = 0;
    int64_t meeting = 0;
    std::optional<int64_t> seat;  // a seat of the body, or else a guest
    std::string seat_name;
    std::string guest_name;
    std::optional<int64_t> guest_organisation;
    std::string guest_organisation_name;
};
nlohmann::json invitation_json(const Invitation& invitation);

// A guest: a person by name, and the organisation they come from when known.
struct Guest {
    std::string name;
    std::optional<int64_t> organisation;
};

// The invitations of a meeting `who` may see: seats in the body's order, then guests.
Result<std::vector<Invitation>> meeting_invitations(storage::Database& db, const access::Actor& who,
                                                    int64_t meeting);

// Invites seats of the meeting's body (each once: a seat already invited is left as it is) and guests;
// returns the invitations added. `expected_version`, when set, must be the meeting's.
Result<std::vector<Invitation>> invite(storage::Database& db, const Clock& clock, const access::Actor& who,
                                       const std::string& request_id, int64_t meeting,
                                       std::optional<int64_t> expected_version,
                                       const std::vector<int64_t>& seats, const std::vector<Guest>& guests);

}  // namespace metropoli::coordination
