// SPDX-License-Identifier: MIT
#include "coordination/invitations.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include "access/audit.hpp"
#include "coordination/meeting_support.hpp"
#include "coordination/store_support.hpp"

namespace metropoli::coordination {

using nlohmann::json;

namespace {

std::vector<Invitation> select_invitations(soci::session& sql, long long meeting) {
    std::vector<Invitation> out;
    soci::rowset<soci::row> rows =
        (sql.prepare
             << "SELECT i.id, i.meeting_id, i.seat_id, s.name, i.guest_name, i.guest_organisation_id, "
                "o.name FROM invitations i LEFT JOIN seats s ON s.id = i.seat_id LEFT JOIN organisations "
                "o ON o.id = i.guest_organisation_id WHERE i.meeting_id = :m ORDER BY CASE WHEN "
                "i.seat_id IS NULL THEN 1 ELSE 0 END, s.ordinal, i.id",
         soci::use(meeting));
    for (const auto& row : rows) {
        Invitation i;
        i.id = storage::get_int64(row, 0);
        i.meeting = storage::get_int64(row, 1);
        i.seat = detail::optional_id(row, 2);
        i.seat_name = detail::text_or_empty(row, 3);
        i.guest_name = detail::text_or_empty(row, 4);
        i.guest_organisation = detail::optional_id(row, 5);
        i.guest_organisation_name = detail::text_or_empty(row, 6);
        out.push_back(std::move(i));
    }
    return out;
}

}  // namespace

json invitation_json(const Invitation& i) {
    return {
        {"id", i.id},
        {"meeting", i.meeting},
        {"seat", i.seat ? json(*i.seat) : json(nullptr)},
        {"seat_name", i.seat ? json(i.seat_name) : json(nullptr)},
        {"guest", i.seat ? json(nullptr) : json(i.guest_name)},
        {"guest_organisation", i.guest_organisation ? json(*i.guest_organisation) : json(nullptr)},
        {"guest_organisation_name", i.guest_organisation ? json(i.guest_organisation_name) : json(nullptr)}};
}

Result<std::vector<Invitation>> meeting_invitations(storage::Database& db, const access::Actor& who,
                                                    int64_t meeting) {
    TRY(get_meeting(db, who, meeting));
    return detail::reading(
        db, [&]() -> Result<std::vector<Invitation>> { return select_invitations(db.session(), meeting); });
}

Result<std::vector<Invitation>> invite(storage::Database& db, const Clock& clock, const access::Actor& who,
                                       const std::string& request_id, int64_t meeting,
                                       std::optional<int64_t> expected_version,
                                       const std::vector<int64_t>& seats, const std::vector<Guest>& guests) {
    Result<std::vector<Invitation>> out = make_error(ErrorCode::internal, "not written");
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        TRY_ASSIGN(m, detail::meeting_for_edit(sql, who, meeting, expected_version));
        if (m.state == "cancelled")
            return make_error(ErrorCode::conflict, "la reunión está cancelada / the meeting is cancelled");
        if (seats.empty() && guests.empty())
            return detail::invalid("seats", "nadie a quien invitar / nobody to invite");
        const std::string now = clock.now_iso();
        long long mid = meeting;
        json added = json::array();
        for (std::size_t k = 0; k < seats.size(); ++k) {
            long long seat = seats[k], of_body = 0, already = 0;
            sql << "SELECT COUNT(*) FROM seats WHERE id = :s AND body_id = :b", soci::use(seat),
                soci::use(static_cast<long long>(m.body)), soci::into(of_body);
            if (of_body == 0)
                return detail::invalid(
                    fmt::format("seats/{}", k),
                    fmt::format("el asiento {} no es de este órgano / seat {} is not of this "
                                "body",
                                seat, seat));
            sql << "SELECT COUNT(*) FROM invitations WHERE meeting_id = :m AND seat_id = :s", soci::use(mid),
                soci::use(seat), soci::into(already);
            if (already > 0) continue;
            sql << "INSERT INTO invitations (meeting_id, seat_id, created_at) VALUES (:m, :s, :c)",
                soci::use(mid), soci::use(seat), soci::use(now);
            added.push_back({{"seat", seat}});
        }
        for (std::size_t k = 0; k < guests.size(); ++k) {
            const auto& g = guests[k];
            if (g.name.find_first_not_of(" \t") == std::string::npos)
                return detail::invalid(fmt::format("guests/{}/name", k), "es obligatorio / is required");
            if (g.name.size() > 200)
                return detail::invalid(fmt::format("guests/{}/name", k),
                                       "más de 200 bytes / longer than 200 bytes");
            long long org = g.organisation.value_or(0), known = 0;
            soci::indicator org_ind = g.organisation ? soci::i_ok : soci::i_null;
            if (g.organisation) {
                sql << "SELECT COUNT(*) FROM organisations WHERE id = :o", soci::use(org), soci::into(known);
                if (known == 0)
                    return detail::invalid(
                        fmt::format("guests/{}/organisation", k),
                        fmt::format("no hay organización {} / no organisation {}", org, org));
            }
            sql << "INSERT INTO invitations (meeting_id, guest_name, guest_organisation_id, created_at) "
                   "VALUES "
                   "(:m, :n, :o, :c)",
                soci::use(mid), soci::use(g.name), soci::use(org, org_ind), soci::use(now);
            added.push_back({{"guest", g.name},
                             {"organisation", g.organisation ? json(*g.organisation) : json(nullptr)}});
        }
        detail::touch_meeting(sql, mid, now);
        TRY(access::audit(db, clock, who, request_id,
                          {"meeting.invite",
                           "meeting",
                           std::to_string(meeting),
                           {{"invitations", {{"before", nullptr}, {"after", added}}}}}));
        std::vector<Invitation> made;
        const auto all = select_invitations(sql, mid);
        for (const auto& i : all) {
            for (const auto& a : added) {
                if ((a.contains("seat") && i.seat && *i.seat == a["seat"].get<int64_t>()) ||
                    (a.contains("guest") && !i.seat && i.guest_name == a["guest"].get<std::string>()))
                    made.push_back(i);
            }
        }
        out = made;
        return ok_status();
    });
    if (!written) return written.error();
    return out;
}

}  // namespace metropoli::coordination
