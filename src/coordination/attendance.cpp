// SPDX-License-Identifier: MIT
#include "coordination/attendance.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>

#include "access/audit.hpp"
#include "coordination/bodies.hpp"
#include "coordination/meeting_support.hpp"
#include "coordination/store_support.hpp"

namespace metropoli::coordination {

using nlohmann::json;

namespace {

std::vector<Attendance> select_attendance(soci::session& sql, const Meeting& m) {
    std::vector<Attendance> out;
    long long meeting = m.id, body = m.body;
    soci::rowset<soci::row> rows =
        (sql.prepare
             << "SELECT s.id, s.name, o.name, s.voting, a.status, a.person_id, p.name, a.recorded_at "
                "FROM seats s JOIN organisations o ON o.id = s.organisation_id LEFT JOIN attendance a "
                "ON a.seat_id = s.id AND a.meeting_id = :m LEFT JOIN people p ON p.id = a.person_id "
                "WHERE s.body_id = :b AND s.active = 1 ORDER BY s.ordinal, s.id",
         soci::use(meeting), soci::use(body));
    for (const auto& row : rows) {
        Attendance a;
        a.seat = storage::get_int64(row, 0);
        a.seat_name = row.get<std::string>(1);
        a.organisation_name = row.get<std::string>(2);
        a.voting = storage::get_int64(row, 3) != 0;
        a.status = detail::text_or_empty(row, 4);
        a.person = detail::optional_id(row, 5);
        a.person_name = detail::text_or_empty(row, 6);
        a.recorded_at = detail::text_or_empty(row, 7);
        out.push_back(std::move(a));
    }
    return out;
}

Quorum quorum_of(const std::vector<Attendance>& attendance, const std::string& rule) {
    Quorum q;
    q.rule = rule;
    for (const auto& a : attendance) {
        if (!a.voting) continue;
        ++q.voting_seats;
        if (a.status == "present" || a.status == "alternate_present") ++q.present_voting;
    }
    q.required = required_for_quorum(rule, q.voting_seats);
    q.quorum = q.voting_seats > 0 && q.present_voting >= q.required;
    return q;
}

}  // namespace

const std::vector<std::string>& attendance_statuses() {
    static const std::vector<std::string> statuses{"present", "alternate_present", "absent", "excused"};
    return statuses;
}

json attendance_json(const Attendance& a) {
    return {{"seat", a.seat},
            {"seat_name", a.seat_name},
            {"organisation_name", a.organisation_name},
            {"voting", a.voting},
            {"status", a.status.empty() ? json(nullptr) : json(a.status)},
            {"person", a.person ? json(a.person_name) : json(nullptr)},
            {"recorded_at", a.recorded_at.empty() ? json(nullptr) : json(a.recorded_at)}};
}

json quorum_json(const Quorum& q) {
    return {{"rule", q.rule},
            {"voting_seats", q.voting_seats},
            {"present_voting", q.present_voting},
            {"required", q.required},
            {"quorum", q.quorum}};
}

int required_for_quorum(const std::string& rule, int n) {
    if (rule == "all") return n;
    if (rule == "two_thirds") return (2 * n + 2) / 3;
    return n / 2 + 1;
}

Result<std::vector<Attendance>> meeting_attendance(storage::Database& db, const access::Actor& who,
                                                   int64_t meeting) {
    TRY_ASSIGN(m, get_meeting(db, who, meeting));
    return detail::reading(
        db, [&]() -> Result<std::vector<Attendance>> { return select_attendance(db.session(), m); });
}

Result<Quorum> meeting_quorum(storage::Database& db, const access::Actor& who, int64_t meeting) {
    TRY_ASSIGN(m, get_meeting(db, who, meeting));
    TRY_ASSIGN(body, get_body(db, who, m.body));
    return detail::reading(
        db, [&]() -> Result<Quorum> { return quorum_of(select_attendance(db.session(), m), body.quorum); });
}

Result<std::vector<Attendance>> record_attendance(storage::Database& db, const Clock& clock,
                                                  const access::Actor& who, const std::string& request_id,
                                                  int64_t meeting, std::optional<int64_t> expected_version,
                                                  const std::vector<AttendanceMark>& marks) {
    Result<std::vector<Attendance>> out = make_error(ErrorCode::internal, "not written");
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        TRY_ASSIGN(m, detail::meeting_for_edit(sql, who, meeting, expected_version));
        if (m.state == "cancelled")
            return make_error(ErrorCode::conflict, "la reunión está cancelada / the meeting is cancelled");
        if (marks.empty()) return detail::invalid("attendance", "ningún asiento / no seat");
        const auto before = select_attendance(sql, m);
        const auto day = Date::parse_iso(std::string_view(m.starts_at).substr(0, 10));
        const std::string now = clock.now_iso();
        const auto& statuses = attendance_statuses();
        long long mid = meeting;
        json diff = json::object();
        for (std::size_t k = 0; k < marks.size(); ++k) {
            const auto& mark = marks[k];
            const auto seat = std::find_if(before.begin(), before.end(),
                                           [&](const Attendance& a) { return a.seat == mark.seat; });
            if (seat == before.end())
                return detail::invalid(
                    fmt::format("attendance/{}/seat", k),
                    fmt::format("el asiento {} no es de este órgano / seat {} is not of this "
                                "body",
                                mark.seat, mark.seat));
            if (std::find(statuses.begin(), statuses.end(), mark.status) == statuses.end())
                return detail::invalid(fmt::format("attendance/{}/status", k),
                                       "present, alternate_present, absent o excused / or excused");
            TRY_ASSIGN(terms, seat_history(db, access::system_actor(), mark.seat));
            std::optional<SeatTerm> term;
            for (const auto& t : terms)
                if (t.designated_on <= *day && (!t.ends_on || *t.ends_on >= *day)) term = t;
            std::optional<int64_t> person;
            if (mark.status == "present" && term) person = term->person;
            if (mark.status == "alternate_present") {
                if (!term || !term->alternate)
                    return detail::invalid(
                        fmt::format("attendance/{}/status", k),
                        fmt::format("'{}' no tiene suplente designado el {} / has no alternate on {}",
                                    seat->seat_name, day->iso(), day->iso()));
                person = term->alternate;
            }
            long long s = mark.seat, p = person.value_or(0);
            soci::indicator p_ind = person ? soci::i_ok : soci::i_null;
            sql << "DELETE FROM attendance WHERE meeting_id = :m AND seat_id = :s", soci::use(mid),
                soci::use(s);
            sql << "INSERT INTO attendance (meeting_id, seat_id, status, person_id, recorded_at) VALUES (:m, "
                   ":s, "
                   ":st, :p, :r)",
                soci::use(mid), soci::use(s), soci::use(mark.status), soci::use(p, p_ind), soci::use(now);
            diff[fmt::format("seat_{}", mark.seat)] = {
                {"before", seat->status.empty() ? json(nullptr) : json(seat->status)},
                {"after", mark.status}};
        }
        detail::touch_meeting(sql, mid, now);
        TRY(access::audit(db, clock, who, request_id,
                          {"attendance.record", "meeting", std::to_string(meeting), diff}));
        out = select_attendance(sql, m);
        return ok_status();
    });
    if (!written) return written.error();
    return out;
}

}  // namespace metropoli::coordination
