// SPDX-License-Identifier: MIT
// One meeting as its page and its API show it: the meeting, its body's name, the agenda, the invitations,
// the attendance seat by seat and the quorum, all computed here so that every client shows the same figures.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "coordination/agenda.hpp"
#include "coordination/attendance.hpp"
#include "coordination/invitations.hpp"
#include "coordination/meetings.hpp"

namespace metropoli::coordination {

struct MeetingDetail {
    Meeting meeting;
    std::string body_name;
    std::vector<AgendaItem> agenda;
    int agenda_minutes = 0;  // the top-level items' minutes
    int meeting_minutes = 0;
    std::vector<Invitation> invitations;
    std::vector<Attendance> attendance;
    Quorum quorum;
};
nlohmann::json meeting_detail_json(const MeetingDetail& detail);

// The meeting `id` with everything above; not_found when missing or of a body `who` may not see.
Result<MeetingDetail> meeting_detail(storage::Database& db, const access::Actor& who, int64_t id);

}  // namespace metropoli::coordination
