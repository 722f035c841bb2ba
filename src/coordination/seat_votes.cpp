// SPDX-License-Identifier: MIT
#include "coordination/seat_votes.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "coordination/attendance.hpp"
#include "coordination/store_support.hpp"

namespace metropoli::coordination {

using nlohmann::json;

namespace {

using detail::text_or_null;

struct Rules {
    std::string quorum, majority;
};

Rules rules_of(soci::session& sql, long long body) {
    Rules r;
    sql << "SELECT quorum, majority FROM bodies WHERE id = :b", soci::use(body), soci::into(r.quorum),
        soci::into(r.majority);
    return r;
}

}  // namespace

json vote_json(const Vote& v) {
    return {{"seat", v.seat},
            {"seat_name", v.seat_name},
            {"choice", v.choice},
            {"person", text_or_null(v.person)},
            {"by_alternate", v.by_alternate},
            {"cast_by", v.cast_by},
            {"cast_at", v.cast_at}};
}

json tally_json(const Tally& t) {
    return {{"quorum_rule", t.quorum_rule},
            {"majority_rule", t.majority_rule},
            {"voting_seats", t.voting_seats},
            {"attending", t.attending},
            {"quorum_needed", t.quorum_needed},
            {"quorum", t.quorum},
            {"for", t.for_votes},
            {"against", t.against},
            {"abstain", t.abstain},
            {"not_voted", t.not_voted},
            {"needed", t.needed},
            {"carried", t.carried}};
}

std::string person_name(soci::session& sql, int64_t person) {
    std::string name;
    long long id = person;
    soci::indicator ind = soci::i_null;
    sql << "SELECT name FROM people WHERE id = :p", soci::use(id), soci::into(name, ind);
    return sql.got_data() && ind == soci::i_ok ? name : std::string();
}

std::vector<SeatAttendance> attended_seats(soci::session& sql, int64_t meeting, Date on) {
    struct Row {
        long long seat = 0;
        std::string name, organisation, status;
        std::optional<int64_t> person;
        bool voting = false;
    };
    std::vector<Row> rows;
    {
        long long m = meeting;
        soci::rowset<soci::row> found =
            (sql.prepare
                 << "SELECT a.seat_id, s.name, o.name, a.status, a.person_id, s.voting FROM attendance a "
                    "JOIN seats s ON s.id = a.seat_id JOIN organisations o ON o.id = s.organisation_id "
                    "WHERE a.meeting_id = :m AND a.status IN ('present', 'alternate_present') "
                    "ORDER BY s.ordinal, s.id",
             soci::use(m));
        for (const auto& r : found) {
            rows.push_back({storage::get_int64(r, 0), r.get<std::string>(1), r.get<std::string>(2),
                            r.get<std::string>(3), detail::optional_id(r, 4), storage::get_int64(r, 5) != 0});
        }
    }
    const std::string day = on.iso();
    std::vector<SeatAttendance> out;
    for (const auto& r : rows) {
        SeatAttendance a;
        a.seat = r.seat;
        a.seat_name = r.name;
        a.organisation_name = r.organisation;
        a.voting = r.voting;
        a.alternate = r.status == "alternate_present";
        std::optional<int64_t> holder, alternate;
        soci::rowset<soci::row> terms =
            (sql.prepare << "SELECT person_id, alternate_person_id FROM seat_terms WHERE seat_id = :s AND "
                            "designated_on <= :d AND (ends_on IS NULL OR ends_on >= :d2) "
                            "ORDER BY designated_on DESC, id DESC",
             soci::use(r.seat), soci::use(day), soci::use(day));
        for (const auto& t : terms) {
            holder = detail::optional_id(t, 0);
            alternate = detail::optional_id(t, 1);
            break;
        }
        if (r.person) {
            a.person = r.person;
        } else if (!a.alternate) {
            a.person = holder;
        } else {
            a.person = alternate;
        }
        if (a.person) a.person_name = person_name(sql, *a.person);
        out.push_back(std::move(a));
    }
    return out;
}

std::optional<int64_t> account_person(soci::session& sql, const access::Actor& who) {
    if (!who.account) return std::nullopt;
    long long account = *who.account, person = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT person_id FROM accounts WHERE id = :a", soci::use(account), soci::into(person, ind);
    if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
    return person;
}

Tally count_votes(soci::session& sql, const VoteSubject& subject) {
    const Rules rules = rules_of(sql, subject.body);
    Tally t;
    t.quorum_rule = rules.quorum;
    t.majority_rule = rules.majority;
    long long body = subject.body, seats = 0;
    sql << "SELECT COUNT(*) FROM seats WHERE body_id = :b AND voting = 1 AND active = 1", soci::use(body),
        soci::into(seats);
    t.voting_seats = static_cast<int>(seats);
    for (const auto& a : attended_seats(sql, subject.meeting, subject.meeting_date)) {
        if (a.voting) ++t.attending;
    }
    const int n = t.voting_seats;
    t.quorum_needed = required_for_quorum(rules.quorum, n);
    t.quorum = n > 0 && t.attending >= t.quorum_needed;
    long long id = subject.id;
    soci::rowset<soci::row> choices =
        (sql.prepare << "SELECT choice, COUNT(*) FROM votes WHERE subject_type = :t AND subject_id = :m "
                        "GROUP BY choice",
         soci::use(subject.type), soci::use(id));
    for (const auto& c : choices) {
        const std::string choice = c.get<std::string>(0);
        const int count = static_cast<int>(storage::get_int64(c, 1));
        if (choice == "for") t.for_votes = count;
        if (choice == "against") t.against = count;
        if (choice == "abstain") t.abstain = count;
    }
    t.not_voted = std::max(0, t.attending - t.for_votes - t.against - t.abstain);
    if (rules.majority == "absolute") {
        t.needed = n / 2 + 1;
    } else if (rules.majority == "two_thirds") {
        t.needed = std::max(1, (2 * t.attending + 2) / 3);
    } else {
        t.needed = t.against + 1;
    }
    t.carried = t.quorum && t.for_votes >= t.needed;
    return t;
}

std::vector<Vote> subject_votes(soci::session& sql, const VoteSubject& subject) {
    std::vector<Vote> out;
    long long id = subject.id;
    soci::rowset<soci::row> rows =
        (sql.prepare
             << "SELECT v.seat_id, s.name, v.choice, p.name, v.by_alternate, v.cast_by, v.cast_at "
                "FROM votes v JOIN seats s ON s.id = v.seat_id LEFT JOIN people p ON p.id = "
                "v.person_id WHERE v.subject_type = :t AND v.subject_id = :m ORDER BY s.ordinal, s.id",
         soci::use(subject.type), soci::use(id));
    for (const auto& r : rows) {
        out.push_back({storage::get_int64(r, 0), r.get<std::string>(1), r.get<std::string>(2),
                       detail::text_or_empty(r, 3), storage::get_int64(r, 4) != 0, r.get<std::string>(5),
                       r.get<std::string>(6)});
    }
    return out;
}

Result<SeatAttendance> record_seat_vote(soci::session& sql, const Clock& clock, const access::Actor& who,
                                        const VoteSubject& subject, std::optional<int64_t> seat,
                                        const std::string& choice) {
    if (choice != "for" && choice != "against" && choice != "abstain")
        return detail::invalid("choice", "for, against o abstain / for, against or abstain");
    std::optional<SeatAttendance> voter;
    if (who.account) {
        if (const auto person = account_person(sql, who)) {
            for (auto& a : attended_seats(sql, subject.meeting, subject.meeting_date)) {
                if (a.person == person) voter = a;
            }
        }
        if (!voter || !voter->voting)
            return make_error(ErrorCode::forbidden,
                              fmt::format("{} no asistió a la reunión por un asiento con voto / {} did not "
                                          "attend the meeting for a voting seat",
                                          who.label, who.label));
        if (seat && *seat != voter->seat)
            return detail::invalid("seat", fmt::format("usted asistió por el asiento {} / you attended "
                                                       "for seat {}",
                                                       voter->seat, voter->seat));
    } else {
        if (!seat) return detail::invalid("seat", "es obligatorio / is required");
        for (auto& a : attended_seats(sql, subject.meeting, subject.meeting_date)) {
            if (a.seat == *seat) voter = a;
        }
        if (!voter || !voter->voting)
            return detail::invalid("seat", fmt::format("el asiento {} no asistió con voto / seat {} did not "
                                                       "attend as a voting seat",
                                                       *seat, *seat));
    }
    long long sid = voter->seat, mid = subject.id, meeting = subject.meeting, already = 0;
    sql << "SELECT COUNT(*) FROM votes WHERE subject_type = :t AND subject_id = :m AND seat_id = :s",
        soci::use(subject.type), soci::use(mid), soci::use(sid), soci::into(already);
    if (already > 0)
        return make_error(ErrorCode::conflict, fmt::format("el asiento {} ya votó / seat {} has voted",
                                                           voter->seat_name, voter->seat_name));
    const std::string now = clock.now_iso();
    long long person = voter->person.value_or(0);
    soci::indicator person_ind = voter->person ? soci::i_ok : soci::i_null;
    const int by_alternate = voter->alternate ? 1 : 0;
    sql << "INSERT INTO votes (subject_type, subject_id, meeting_id, seat_id, choice, person_id, "
           "by_alternate, cast_by, cast_at) VALUES (:ty, :m, :g, :s, :c, :p, :a, :by, :t)",
        soci::use(subject.type), soci::use(mid), soci::use(meeting), soci::use(sid), soci::use(choice),
        soci::use(person, person_ind), soci::use(by_alternate), soci::use(who.id), soci::use(now);
    return *voter;
}

}  // namespace metropoli::coordination
