// SPDX-License-Identifier: MIT
// Internal to coordination: what the meeting stores (meetings, agenda, invitations, attendance) share — the
// meeting's row, the check that an edit names the version it read, and the version bump that every change of
// a meeting, its agenda or its attendance makes. Not part of the library's interface.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

#include "coordination/meetings.hpp"

namespace metropoli::coordination::detail {

// The meeting `id`, or nullopt.
std::optional<Meeting> select_meeting(soci::session& sql, long long id);

// The meeting `id` for a write by `who`: not_found when missing, refused without meeting.edit for its body,
// precondition_failed when `expected_version` is set and not the stored one.
Result<Meeting> meeting_for_edit(soci::session& sql, const access::Actor& who, long long id,
                                 std::optional<int64_t> expected_version);

// Raises the meeting's version and its updated_at: an edit of its agenda or attendance is an edit of it.
void touch_meeting(soci::session& sql, long long id, const std::string& now);

// The minutes the meeting lasts.
int64_t meeting_minutes(const Meeting& m);

}  // namespace metropoli::coordination::detail
