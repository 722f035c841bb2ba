// SPDX-License-Identifier: MIT
#include "coordination/body_edits.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>

#include "access/audit.hpp"
#include "access/permissions.hpp"
#include "coordination/store_support.hpp"

namespace metropoli::coordination {

using nlohmann::json;

namespace {

using detail::blank;
using detail::one_of;

Error stale(const char* what, int64_t id, int64_t stored, int64_t expected) {
    return make_error(ErrorCode::precondition_failed,
                      fmt::format("{} {} cambió (versión {}, no {}): léalo de nuevo / {} {} changed (version "
                                  "{}, not {}): read it again",
                                  what, id, stored, expected, what, id, stored, expected));
}

Status validate(const Body& b) {
    if (blank(b.name)) return detail::invalid("name", "es obligatorio / is required");
    if (b.name.size() > 200) return detail::invalid("name", "más de 200 bytes / longer than 200 bytes");
    if (blank(b.short_name)) return detail::invalid("short_name", "es obligatorio / is required");
    if (b.short_name.size() > 80)
        return detail::invalid("short_name", "más de 80 bytes / longer than 80 bytes");
    if (!one_of(body_kinds(), b.kind)) return detail::invalid("kind", "tipo desconocido / unknown kind");
    if (!one_of(body_visibilities(), b.visibility))
        return detail::invalid("visibility",
                               "private, transparent o public / private, transparent or public");
    if (b.minutes_approval != "vote" && b.minutes_approval != "coordinator")
        return detail::invalid("minutes_approval", "vote o coordinator / vote or coordinator");
    if (b.quorum != "more_than_half" && b.quorum != "two_thirds" && b.quorum != "all")
        return detail::invalid("quorum", "more_than_half, two_thirds o all / or all");
    if (b.majority != "simple" && b.majority != "absolute" && b.majority != "two_thirds")
        return detail::invalid("majority", "simple, absolute o two_thirds / or two_thirds");
    if (b.description.size() > 4000)
        return detail::invalid("description", "más de 4000 bytes / longer than 4000 bytes");
    return ok_status();
}

json audited_body(const Body& b) {
    json out = body_json(b);
    for (const char* k : {"id", "version", "created_at", "updated_at"}) out.erase(k);
    return out;
}

json audited_seat(const Seat& s) {
    json out = seat_json(s);
    for (const char* k : {"id", "version", "current", "organisation_name"}) out.erase(k);
    return out;
}

}  // namespace

Result<Body> update_body(storage::Database& db, const Clock& clock, const access::Actor& who,
                         const std::string& request_id, int64_t id, int64_t expected_version,
                         const BodyEdit& e) {
    if (!access::permits(who, "body.edit", {.body = id})) return detail::refused(who, "body.edit");
    Result<Body> out = make_error(ErrorCode::internal, "not written");
    const Status written = db.transaction([&]() -> Status {
        TRY_ASSIGN(before, get_body(db, who, id));
        if (before.version != expected_version)
            return stale("el órgano / body", id, before.version, expected_version);
        Body after = before;
        after.name = e.name.value_or(before.name);
        after.short_name = e.short_name.value_or(before.short_name);
        after.kind = e.kind.value_or(before.kind);
        after.visibility = e.visibility.value_or(before.visibility);
        after.minutes_approval = e.minutes_approval.value_or(before.minutes_approval);
        after.quorum = e.quorum.value_or(before.quorum);
        after.majority = e.majority.value_or(before.majority);
        after.description = e.description.value_or(before.description);
        TRY(validate(after));
        auto& sql = db.session();
        long long taken = 0, b = id;
        sql << "SELECT COUNT(*) FROM bodies WHERE (name = :n OR short_name = :s) AND id <> :id",
            soci::use(after.name), soci::use(after.short_name), soci::use(b), soci::into(taken);
        if (taken > 0)
            return make_error(
                ErrorCode::conflict,
                fmt::format("ya existe un órgano llamado '{}' o '{}' / a body with that name exists",
                            after.name, after.short_name));
        const std::string now = clock.now_iso();
        sql << "UPDATE bodies SET name = :n, short_name = :s, kind = :k, visibility = :v, minutes_approval = "
               ":a, "
               "quorum = :q, majority = :m, description = :d, version = version + 1, updated_at = :u WHERE "
               "id = "
               ":id",
            soci::use(after.name), soci::use(after.short_name), soci::use(after.kind),
            soci::use(after.visibility), soci::use(after.minutes_approval), soci::use(after.quorum),
            soci::use(after.majority), soci::use(after.description), soci::use(now), soci::use(b);
        TRY_ASSIGN(stored, get_body(db, access::system_actor(), id));
        TRY(access::audit(db, clock, who, request_id,
                          {"body.update", "body", std::to_string(id),
                           access::diff_of(audited_body(before), audited_body(stored))}));
        out = stored;
        return ok_status();
    });
    if (!written) return written.error();
    return out;
}

Result<Seat> get_seat(storage::Database& db, const access::Actor& who, int64_t id, Date on) {
    long long body = 0;
    soci::indicator ind = soci::i_null;
    TRY(detail::reading(db, [&]() -> Status {
        long long s = id;
        db.session() << "SELECT body_id FROM seats WHERE id = :id", soci::use(s), soci::into(body, ind);
        return ok_status();
    }));
    const auto missing =
        make_error(ErrorCode::not_found, fmt::format("no hay asiento {} / no seat {}", id, id));
    if (ind != soci::i_ok) return missing;
    auto seats = body_seats(db, who, body, on);
    if (!seats) return seats.error().code == ErrorCode::not_found ? missing : seats.error();
    for (const auto& s : *seats)
        if (s.id == id) return s;
    return missing;
}

Result<Seat> update_seat(storage::Database& db, const Clock& clock, const access::Actor& who,
                         const std::string& request_id, int64_t id, int64_t expected_version,
                         const SeatEdit& e) {
    Result<Seat> out = make_error(ErrorCode::internal, "not written");
    const Date today = *Date::parse_iso(clock.now_iso().substr(0, 10));
    const Status written = db.transaction([&]() -> Status {
        TRY_ASSIGN(before, get_seat(db, access::system_actor(), id, today));
        if (!access::permits(who, "body.edit", {.body = before.body}))
            return detail::refused(who, "body.edit");
        if (before.version != expected_version)
            return stale("el asiento / seat", id, before.version, expected_version);
        Seat after = before;
        after.name = e.name.value_or(before.name);
        after.representation = e.representation.value_or(before.representation);
        after.position = e.position.value_or(before.position);
        after.organisation = e.organisation.value_or(before.organisation);
        after.voting = e.voting.value_or(before.voting);
        after.active = e.active.value_or(before.active);
        after.ordinal = e.ordinal.value_or(before.ordinal);
        if (blank(after.name)) return detail::invalid("name", "es obligatorio / is required");
        if (after.name.size() > 200)
            return detail::invalid("name", "más de 200 bytes / longer than 200 bytes");
        if (!one_of(seat_representations(), after.representation))
            return detail::invalid("representation", "representación desconocida / unknown representation");
        if (!one_of(seat_positions(), after.position))
            return detail::invalid("position", "presidency, technical_secretariat o member / or member");
        auto& sql = db.session();
        long long org = after.organisation, known = 0, same = 0, s = id, b = before.body;
        sql << "SELECT COUNT(*) FROM organisations WHERE id = :o", soci::use(org), soci::into(known);
        if (known == 0)
            return detail::invalid("organisation",
                                   fmt::format("no hay organización {} / no organisation {}", org, org));
        sql << "SELECT COUNT(*) FROM seats WHERE body_id = :b AND name = :n AND id <> :id", soci::use(b),
            soci::use(after.name), soci::use(s), soci::into(same);
        if (same > 0)
            return make_error(
                ErrorCode::conflict,
                fmt::format("el órgano ya tiene el asiento '{}' / the body has that seat", after.name));
        const std::string now = clock.now_iso();
        sql << "UPDATE seats SET name = :n, representation = :r, position = :p, organisation_id = :o, voting "
               "= :v, "
               "active = :a, ordinal = :ord, version = version + 1, updated_at = :u WHERE id = :id",
            soci::use(after.name), soci::use(after.representation), soci::use(after.position), soci::use(org),
            soci::use(after.voting ? 1 : 0), soci::use(after.active ? 1 : 0), soci::use(after.ordinal),
            soci::use(now), soci::use(s);
        TRY_ASSIGN(stored, get_seat(db, access::system_actor(), id, today));
        TRY(access::audit(db, clock, who, request_id,
                          {"seat.update", "seat", std::to_string(id),
                           access::diff_of(audited_seat(before), audited_seat(stored))}));
        out = stored;
        return ok_status();
    });
    if (!written) return written.error();
    return out;
}

}  // namespace metropoli::coordination
