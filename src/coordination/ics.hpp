// SPDX-License-Identifier: MIT
// RFC 5545 iCalendar of one meeting or of a body's calendar: a VCALENDAR with one VEVENT per meeting (UID
// "meeting-<id>@metropoli", stable; DTSTAMP the meeting's last change; DTSTART/DTEND in UTC; SUMMARY;
// LOCATION and URL; DESCRIPTION with the agenda; STATUS CONFIRMED, or CANCELLED), CRLF line endings, lines
// folded at 75 octets without splitting a UTF-8 sequence, and text escaped (backslash, comma, semicolon,
// newline).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "coordination/meeting_detail.hpp"

namespace metropoli::coordination {

// A TEXT value escaped: "\" → "\\", ";" → "\;", "," → "\,", newline → "\n".
std::string ics_escape(std::string_view text);

// One content line folded: at most 75 octets per physical line, continuation lines starting with a space,
// each ending in CRLF.
std::string ics_fold(std::string_view line);

// "2020-05-04T16:00:00Z" → "20200504T160000Z".
std::string ics_utc(const std::string& canonical);

// The calendar of the meetings given (one or a body's), named `calendar_name`.
std::string meetings_ics(const std::vector<MeetingDetail>& meetings, const std::string& calendar_name);

}  // namespace metropoli::coordination
