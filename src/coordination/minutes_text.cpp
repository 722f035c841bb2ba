// SPDX-License-Identifier: MIT
// The minutes' canonical text (what approval hashes and verify recomputes) and their JSON forms.
#include <fmt/format.h>

#include "coordination/minutes.hpp"
#include "coordination/store_support.hpp"

namespace metropoli::coordination {

using nlohmann::json;

namespace {

using detail::optional_json;
using detail::text_or_null;

}  // namespace

std::string normalised_minutes_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 1);
    std::string line;
    auto flush = [&]() {
        const auto end = line.find_last_not_of(" \t");
        line.erase(end == std::string::npos ? 0 : end + 1);
        out += line;
        out += '\n';
        line.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
            flush();
        } else if (c == '\n') {
            flush();
        } else {
            line += c;
        }
    }
    if (!line.empty()) flush();
    while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
    if (out == "\n") out.clear();
    return out;
}

std::string canonical_minutes_text(const Minutes& m) {
    std::string out = "Metrópoli acta / minutes\n";
    out += fmt::format("minutes: {}\n", m.id);
    out += fmt::format("body: {}\n", m.body);
    out += fmt::format("meeting: {}\n", m.meeting);
    out += fmt::format("date: {}\n", m.meeting_date.iso());
    if (m.corrects) out += fmt::format("corrects: {}\n", *m.corrects);
    out += '\n';
    out += normalised_minutes_text(m.text);
    return out;
}

json minutes_json(const Minutes& m) {
    json signatories = json::array();
    for (const auto& s : m.signatories) {
        signatories.push_back({{"seat", s.seat},
                               {"seat_name", s.seat_name},
                               {"organisation_name", s.organisation_name},
                               {"person", text_or_null(s.person)},
                               {"alternate", s.alternate}});
    }
    return {{"id", m.id},
            {"meeting", m.meeting},
            {"meeting_title", m.meeting_title},
            {"meeting_date", m.meeting_date.iso()},
            {"body", m.body},
            {"body_name", m.body_name},
            {"corrects", optional_json(m.corrects)},
            {"corrected_by", optional_json(m.corrected_by)},
            {"state", m.state},
            {"text", m.text},
            {"approval_method", text_or_null(m.approval_method)},
            {"approved_at", text_or_null(m.approved_at)},
            {"approved_by", text_or_null(m.approved_by)},
            {"text_sha256", text_or_null(m.text_sha256)},
            {"signatories", signatories},
            {"published", m.published},
            {"example", m.example},
            {"version", m.version},
            {"created_at", m.created_at},
            {"updated_at", m.updated_at}};
}

json amendment_json(const Amendment& a) {
    return {{"id", a.id},
            {"minutes", a.minutes},
            {"author", a.author},
            {"person", text_or_null(a.person_name)},
            {"seat", optional_json(a.seat)},
            {"seat_name", text_or_null(a.seat_name)},
            {"replaces", a.replaces},
            {"text", a.text},
            {"state", a.state},
            {"created_at", a.created_at},
            {"decided_at", text_or_null(a.decided_at)},
            {"decided_by", text_or_null(a.decided_by)}};
}

}  // namespace metropoli::coordination
