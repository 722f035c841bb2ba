// SPDX-License-Identifier: MIT
// Versioned edits of a body's settings and of a seat (body.edit): the caller names the version it read
// (precondition_failed when it changed since), the fields sent change, the version rises by one and the
// change is audited in its transaction with the fields before and after.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "coordination/bodies.hpp"

namespace metropoli::coordination {

struct BodyEdit {
    std::optional<std::string> name, short_name, kind, visibility, minutes_approval, quorum, majority,
        description;
};

struct SeatEdit {
    std::optional<std::string> name, representation, position;
    std::optional<int64_t> organisation;
    std::optional<bool> voting, active;
    std::optional<int> ordinal;
};

Result<Body> update_body(storage::Database& db, const Clock& clock, const access::Actor& who,
                         const std::string& request_id, int64_t id, int64_t expected_version,
                         const BodyEdit& edit);

// One seat, with its term in force on `on`; not_found when missing or of a body `who` may not see.
Result<Seat> get_seat(storage::Database& db, const access::Actor& who, int64_t id, Date on);

Result<Seat> update_seat(storage::Database& db, const Clock& clock, const access::Actor& who,
                         const std::string& request_id, int64_t id, int64_t expected_version,
                         const SeatEdit& edit);

}  // namespace metropoli::coordination
