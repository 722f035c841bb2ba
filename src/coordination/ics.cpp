// SPDX-License-Identifier: MIT
#include "coordination/ics.hpp"

#include <fmt/format.h>

#include "coordination/meetings.hpp"

namespace metropoli::coordination {

std::string ics_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out += "\\n";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string ics_fold(std::string_view line) {
    std::string out;
    std::size_t width = 0;  // octets on the current physical line
    std::size_t i = 0;
    while (i < line.size()) {
        // The whole UTF-8 sequence starting here goes on one line.
        std::size_t n = 1;
        const auto lead = static_cast<unsigned char>(line[i]);
        if (lead >= 0xF0)
            n = 4;
        else if (lead >= 0xE0)
            n = 3;
        else if (lead >= 0xC0)
            n = 2;
        n = std::min(n, line.size() - i);
        if (width + n > 75) {
            out += "\r\n ";
            width = 1;
        }
        out.append(line.substr(i, n));
        width += n;
        i += n;
    }
    out += "\r\n";
    return out;
}

std::string ics_utc(const std::string& c) {
    std::string out;
    for (char ch : c)
        if (ch != '-' && ch != ':') out += ch;
    return out;
}

namespace {

std::string agenda_text(const MeetingDetail& d) {
    std::string out;
    int n = 0;
    for (const auto& item : d.agenda) {
        ++n;
        out += fmt::format("{}. {} ({} min)\n", n, item.title, item.duration_minutes);
        int k = 0;
        for (const auto& c : item.children)
            out += fmt::format("   {}.{}. {} ({} min)\n", n, ++k, c.title, c.duration_minutes);
    }
    return out;
}

void add(std::string& out, std::string_view name, std::string_view value) {
    out += ics_fold(fmt::format("{}:{}", name, value));
}

}  // namespace

std::string meetings_ics(const std::vector<MeetingDetail>& meetings, const std::string& calendar_name) {
    std::string out;
    add(out, "BEGIN", "VCALENDAR");
    add(out, "VERSION", "2.0");
    add(out, "PRODID", "-//Metropoli//Coordinar//ES");
    add(out, "CALSCALE", "GREGORIAN");
    add(out, "X-WR-CALNAME", ics_escape(calendar_name));
    for (const auto& d : meetings) {
        const auto& m = d.meeting;
        add(out, "BEGIN", "VEVENT");
        add(out, "UID", fmt::format("meeting-{}@metropoli", m.id));
        add(out, "DTSTAMP",
            ics_utc(m.updated_at.size() >= 19 ? m.updated_at.substr(0, 19) + "Z" : m.starts_at));
        add(out, "DTSTART", ics_utc(m.starts_at));
        add(out, "DTEND", ics_utc(m.ends_at));
        add(out, "SUMMARY", ics_escape(m.example ? m.title + " (ejemplo / example)" : m.title));
        if (!m.place.empty()) add(out, "LOCATION", ics_escape(m.place));
        if (!m.link.empty()) add(out, "URL", m.link);
        std::string description = d.body_name + "\n";
        if (!m.link.empty()) description += fmt::format("En línea / Online: {}\n", m.link);
        if (!d.agenda.empty()) description += "Orden del día / Agenda:\n" + agenda_text(d);
        add(out, "DESCRIPTION", ics_escape(description));
        add(out, "STATUS", m.state == "cancelled" ? "CANCELLED" : "CONFIRMED");
        add(out, "SEQUENCE", std::to_string(m.version - 1));
        add(out, "END", "VEVENT");
    }
    add(out, "END", "VCALENDAR");
    return out;
}

}  // namespace metropoli::coordination
