// SPDX-License-Identifier: MIT
#include "coordination/meeting_detail.hpp"

#include "coordination/bodies.hpp"
#include "coordination/meeting_support.hpp"

namespace metropoli::coordination {

using nlohmann::json;

json meeting_detail_json(const MeetingDetail& d) {
    json out = meeting_json(d.meeting);
    out["body_name"] = d.body_name;
    out["agenda"] = agenda_json(d.agenda);
    out["agenda_minutes"] = d.agenda_minutes;
    out["meeting_minutes"] = d.meeting_minutes;
    json invitations = json::array(), attendance = json::array();
    for (const auto& i : d.invitations) invitations.push_back(invitation_json(i));
    for (const auto& a : d.attendance) attendance.push_back(attendance_json(a));
    out["invitations"] = invitations;
    out["attendance"] = attendance;
    out["quorum"] = quorum_json(d.quorum);
    return out;
}

Result<MeetingDetail> meeting_detail(storage::Database& db, const access::Actor& who, int64_t id) {
    MeetingDetail d;
    TRY_ASSIGN(meeting, get_meeting(db, who, id));
    d.meeting = meeting;
    TRY_ASSIGN(body, get_body(db, who, meeting.body));
    d.body_name = body.name;
    TRY_ASSIGN(agenda, meeting_agenda(db, who, id));
    d.agenda = agenda;
    for (const auto& i : d.agenda) d.agenda_minutes += i.duration_minutes;
    d.meeting_minutes = static_cast<int>(detail::meeting_minutes(meeting));
    TRY_ASSIGN(invitations, meeting_invitations(db, who, id));
    d.invitations = invitations;
    TRY_ASSIGN(attendance, meeting_attendance(db, who, id));
    d.attendance = attendance;
    TRY_ASSIGN(quorum, meeting_quorum(db, who, id));
    d.quorum = quorum;
    return d;
}

}  // namespace metropoli::coordination
