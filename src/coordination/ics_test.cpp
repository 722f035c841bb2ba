// SPDX-License-Identifier: MIT
// The iCalendar writer: escaping, folding at 75 octets without splitting UTF-8, and a calendar parsed back
// line by line (CRLF, unfolded, each property where RFC 5545 wants it).
#include "coordination/ics.hpp"

#include <gtest/gtest.h>

#include <map>

namespace metropoli::coordination {
namespace {

// The content lines of `ics`: split at CRLF (a bare LF fails), continuation lines joined.
std::vector<std::string> unfold(const std::string& ics) {
    std::vector<std::string> physical;
    std::size_t from = 0;
    while (from < ics.size()) {
        const auto end = ics.find("\r\n", from);
        EXPECT_NE(end, std::string::npos) << "a line without CRLF";
        if (end == std::string::npos) break;
        physical.push_back(ics.substr(from, end - from));
        from = end + 2;
    }
    std::vector<std::string> lines;
    for (const auto& p : physical) {
        EXPECT_LE(p.size(), 75u) << p;
        EXPECT_EQ(p.find('\n'), std::string::npos);
        if (!p.empty() && p[0] == ' ' && !lines.empty())
            lines.back() += p.substr(1);
        else
            lines.push_back(p);
    }
    return lines;
}

TEST(Ics, EscapesBackslashCommaSemicolonAndNewlines) {
    EXPECT_EQ(ics_escape("Torreón, Coahuila; sala 2\\B\nsegunda\r\nlínea"),
              "Torreón\\, Coahuila\\; sala 2\\\\B\\nsegunda\\nlínea");
}

TEST(Ics, FoldsAtSeventyFiveOctetsWithoutSplittingACharacter) {
    const std::string line = "DESCRIPTION:" + std::string(100, 'a');
    const std::string folded = ics_fold(line);
    EXPECT_EQ(folded.substr(0, 75), line.substr(0, 75));
    EXPECT_EQ(folded.substr(75, 3), "\r\n ");
    EXPECT_EQ(folded.size(), line.size() + 3 + 2);
    std::string accents = "SUMMARY:";
    for (int i = 0; i < 60; ++i) accents += "ó";  // two octets each
    const auto lines = unfold(ics_fold(accents));
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0], accents);
    // No physical line starts inside a character: every continuation begins with a whole "ó".
    const std::string f = ics_fold(accents);
    for (std::size_t at = f.find("\r\n "); at != std::string::npos; at = f.find("\r\n ", at + 1)) {
        if (at + 3 < f.size()) {
            EXPECT_EQ(static_cast<unsigned char>(f[at + 3]), 0xC3u);
        }
    }
    EXPECT_EQ(ics_fold("SHORT:x"), "SHORT:x\r\n");
}

TEST(Ics, ACalendarParsesBackWithOneEventPerMeeting) {
    MeetingDetail held;
    held.meeting.id = 7;
    held.meeting.title = "Instalación de la Mesa de Salud de La Laguna";
    held.meeting.starts_at = "2020-05-04T16:00:00Z";
    held.meeting.ends_at = "2020-05-04T18:00:00Z";
    held.meeting.place = "Torreón, Coahuila";
    held.meeting.updated_at = "2020-05-04T19:00:00Z";
    held.meeting.state = "held";
    held.meeting.version = 3;
    held.body_name = "Mesa de Salud de La Laguna";
    AgendaItem item;
    item.title = "Situación sanitaria; informe";
    item.duration_minutes = 45;
    AgendaItem child;
    child.title = "Gómez Palacio";
    child.duration_minutes = 20;
    item.children.push_back(child);
    held.agenda.push_back(item);
    MeetingDetail cancelled = held;
    cancelled.meeting.id = 8;
    cancelled.meeting.state = "cancelled";
    cancelled.meeting.mode = "online";
    cancelled.meeting.place = "";
    cancelled.meeting.link = "https://meet.example.org/mesa";
    cancelled.agenda.clear();
    const auto lines = unfold(meetings_ics({held, cancelled}, "Mesa de Salud"));
    ASSERT_GE(lines.size(), 4u);
    EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
    EXPECT_EQ(lines[1], "VERSION:2.0");
    EXPECT_EQ(lines.back(), "END:VCALENDAR");
    std::vector<std::map<std::string, std::string>> events;
    for (const auto& l : lines) {
        const auto colon = l.find(':');
        ASSERT_NE(colon, std::string::npos) << l;
        const auto name = l.substr(0, colon), value = l.substr(colon + 1);
        if (name == "BEGIN" && value == "VEVENT")
            events.emplace_back();
        else if (!events.empty() && name != "END")
            events.back()[name] = value;
    }
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0]["UID"], "meeting-7@metropoli");
    EXPECT_EQ(events[0]["DTSTART"], "20200504T160000Z");
    EXPECT_EQ(events[0]["DTEND"], "20200504T180000Z");
    EXPECT_EQ(events[0]["DTSTAMP"], "20200504T190000Z");
    EXPECT_EQ(events[0]["SUMMARY"], "Instalación de la Mesa de Salud de La Laguna");
    EXPECT_EQ(events[0]["LOCATION"], "Torreón\\, Coahuila");
    EXPECT_EQ(events[0]["STATUS"], "CONFIRMED");
    EXPECT_EQ(events[0]["SEQUENCE"], "2");
    EXPECT_NE(events[0]["DESCRIPTION"].find("1. Situación sanitaria\\; informe (45 min)\\n"),
              std::string::npos)
        << events[0]["DESCRIPTION"];
    EXPECT_NE(events[0]["DESCRIPTION"].find("1.1. Gómez Palacio (20 min)"), std::string::npos);
    EXPECT_EQ(events[1]["UID"], "meeting-8@metropoli");
    EXPECT_EQ(events[1]["STATUS"], "CANCELLED");
    EXPECT_EQ(events[1]["URL"], "https://meet.example.org/mesa");
    EXPECT_EQ(events[1].count("LOCATION"), 0u);
}

}  // namespace
}  // namespace metropoli::coordination
