// SPDX-License-Identifier: MIT
#include "coordination/meetings.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>

#include "access/audit.hpp"
#include "access/permissions.hpp"
#include "coordination/bodies.hpp"
#include "coordination/meeting_support.hpp"
#include "coordination/store_support.hpp"
#include "core/date.hpp"

namespace metropoli::coordination {

using nlohmann::json;

namespace {

using detail::blank;

constexpr const char* k_meeting_columns =
    "id, body_id, title, starts_at, ends_at, mode, place, link, state, example, version, created_at, "
    "updated_at FROM meetings";

Meeting meeting_from_row(const soci::row& row) {
    Meeting m;
    m.id = storage::get_int64(row, 0);
    m.body = storage::get_int64(row, 1);
    m.title = row.get<std::string>(2);
    m.starts_at = row.get<std::string>(3);
    m.ends_at = row.get<std::string>(4);
    m.mode = row.get<std::string>(5);
    m.place = row.get<std::string>(6);
    m.link = row.get<std::string>(7);
    m.state = row.get<std::string>(8);
    m.example = storage::get_int64(row, 9) != 0;
    m.version = storage::get_int64(row, 10);
    m.created_at = row.get<std::string>(11);
    m.updated_at = row.get<std::string>(12);
    return m;
}

// Checks the fields of a meeting and writes its times in canonical form.
Status validate(MeetingFields& f) {
    if (blank(f.title)) return detail::invalid("title", "es obligatorio / is required");
    if (f.title.size() > 300) return detail::invalid("title", "más de 300 bytes / longer than 300 bytes");
    const auto starts = canonical_utc(f.starts_at);
    if (!starts)
        return detail::invalid("starts_at",
                               "fecha y hora UTC como 2020-05-04T16:00:00Z / a UTC time like "
                               "2020-05-04T16:00:00Z");
    const auto ends = canonical_utc(f.ends_at);
    if (!ends)
        return detail::invalid("ends_at",
                               "fecha y hora UTC como 2020-05-04T18:00:00Z / a UTC time like "
                               "2020-05-04T18:00:00Z");
    if (utc_seconds(*ends) <= utc_seconds(*starts))
        return detail::invalid("ends_at", "debe ser posterior al inicio / must be after the start");
    f.starts_at = *starts;
    f.ends_at = *ends;
    const auto& modes = meeting_modes();
    if (std::find(modes.begin(), modes.end(), f.mode) == modes.end())
        return detail::invalid("mode", "in_person, online o hybrid / in_person, online or hybrid");
    if (f.mode != "online" && blank(f.place))
        return detail::invalid(
            "place", "obligatorio en una reunión presencial o híbrida / required in person or hybrid");
    if (f.mode != "in_person" && blank(f.link))
        return detail::invalid("link",
                               "obligatorio en una reunión en línea o híbrida / required online or hybrid");
    if (!blank(f.link) && f.link.rfind("https://", 0) != 0 && f.link.rfind("http://", 0) != 0)
        return detail::invalid("link", "debe empezar con https:// / must start with https://");
    if (f.place.size() > 300) return detail::invalid("place", "más de 300 bytes / longer than 300 bytes");
    if (f.link.size() > 500) return detail::invalid("link", "más de 500 bytes / longer than 500 bytes");
    return ok_status();
}

json audited(const Meeting& m) {
    json out = meeting_json(m);
    for (const char* k : {"id", "version", "created_at", "updated_at"}) out.erase(k);
    return out;
}

long long agenda_minutes(soci::session& sql, long long meeting) {
    long long total = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT SUM(duration_minutes) FROM agenda_items WHERE meeting_id = :m AND parent_id IS NULL",
        soci::use(meeting), soci::into(total, ind);
    return ind == soci::i_ok ? total : 0;
}

Result<Meeting> insert_meeting(storage::Database& db, const Clock& clock, const access::Actor& who,
                               const std::string& request_id, int64_t body, MeetingFields f, bool example,
                               const std::string& state) {
    TRY(validate(f));
    auto& sql = db.session();
    const std::string now = clock.now_iso();
    long long b = body, id = 0;
    sql << "INSERT INTO meetings (body_id, title, starts_at, ends_at, mode, place, link, state, example, "
           "created_at, updated_at) VALUES (:b, :t, :s, :e, :m, :p, :l, :st, :x, :c, :u) RETURNING id",
        soci::use(b), soci::use(f.title), soci::use(f.starts_at), soci::use(f.ends_at), soci::use(f.mode),
        soci::use(f.place), soci::use(f.link), soci::use(state), soci::use(example ? 1 : 0), soci::use(now),
        soci::use(now), soci::into(id);
    // Every active seat is invited: the body meets as a whole unless the convener says otherwise.
    sql << "INSERT INTO invitations (meeting_id, seat_id, created_at) SELECT :m, id, :c FROM seats WHERE "
           "body_id = :b AND active = 1",
        soci::use(id), soci::use(now), soci::use(b);
    auto stored = detail::select_meeting(sql, id);
    if (!stored) return make_error(ErrorCode::internal, "an inserted meeting is missing");
    TRY(access::audit(db, clock, who, request_id,
                      {"meeting.convene", "meeting", std::to_string(id),
                       access::diff_of(json::object(), audited(*stored))}));
    return *stored;
}

template <class F>
Result<Meeting> in_transaction(storage::Database& db, F&& write) {
    Result<Meeting> out = make_error(ErrorCode::internal, "not written");
    const Status written = db.transaction([&]() -> Status {
        out = write();
        return out ? ok_status() : Status(out.error());
    });
    if (!written) return written.error();
    return out;
}

}  // namespace

const std::vector<std::string>& meeting_modes() {
    static const std::vector<std::string> modes{"in_person", "online", "hybrid"};
    return modes;
}

const std::vector<std::string>& meeting_states() {
    static const std::vector<std::string> states{"convened", "held", "cancelled"};
    return states;
}

json meeting_json(const Meeting& m) {
    return {{"id", m.id},
            {"body", m.body},
            {"title", m.title},
            {"starts_at", m.starts_at},
            {"ends_at", m.ends_at},
            {"mode", m.mode},
            {"place", m.place},
            {"link", m.link},
            {"state", m.state},
            {"example", m.example},
            {"version", m.version},
            {"created_at", m.created_at},
            {"updated_at", m.updated_at}};
}

std::optional<std::string> canonical_utc(std::string_view t) {
    auto digits = [&](std::size_t at, std::size_t n) {
        if (at + n > t.size()) return false;
        for (std::size_t i = at; i < at + n; ++i)
            if (t[i] < '0' || t[i] > '9') return false;
        return true;
    };
    if (t.size() < 17 || t.back() != 'Z' || !digits(0, 4) || t[10] != 'T' || !digits(11, 2) || t[13] != ':' ||
        !digits(14, 2))
        return std::nullopt;
    if (!Date::parse_iso(t.substr(0, 10))) return std::nullopt;
    std::string seconds = "00";
    std::size_t at = 16;
    if (t[at] == ':') {
        if (!digits(at + 1, 2)) return std::nullopt;
        seconds = std::string(t.substr(at + 1, 2));
        at += 3;
        if (t[at] == '.') {
            ++at;
            const std::size_t from = at;
            while (at < t.size() && t[at] >= '0' && t[at] <= '9') ++at;
            if (at == from) return std::nullopt;
        }
    }
    if (at != t.size() - 1) return std::nullopt;
    const int hour = (t[11] - '0') * 10 + (t[12] - '0');
    const int minute = (t[14] - '0') * 10 + (t[15] - '0');
    const int second = (seconds[0] - '0') * 10 + (seconds[1] - '0');
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
    return fmt::format("{}T{}:{}Z", t.substr(0, 10), t.substr(11, 5), seconds);
}

int64_t utc_seconds(const std::string& c) {
    const auto day = Date::parse_iso(std::string_view(c).substr(0, 10));
    const auto number = [&](std::size_t at) { return (c[at] - '0') * 10 + (c[at + 1] - '0'); };
    return static_cast<int64_t>(day ? day->days() : 0) * 86400 + number(11) * 3600 + number(14) * 60 +
           number(17);
}

namespace detail {

std::optional<Meeting> select_meeting(soci::session& sql, long long id) {
    soci::rowset<soci::row> rows =
        (sql.prepare << fmt::format("SELECT {} WHERE id = :id", k_meeting_columns), soci::use(id));
    for (const auto& row : rows) return meeting_from_row(row);
    return std::nullopt;
}

Result<Meeting> meeting_for_edit(soci::session& sql, const access::Actor& who, long long id,
                                 std::optional<int64_t> expected_version) {
    auto m = select_meeting(sql, id);
    if (!m) return make_error(ErrorCode::not_found, fmt::format("no hay reunión {} / no meeting {}", id, id));
    if (!access::permits(who, "meeting.edit", {.body = m->body})) return refused(who, "meeting.edit");
    if (expected_version && *expected_version != m->version) {
        return make_error(ErrorCode::precondition_failed,
                          fmt::format("la reunión {} cambió (versión {}, no {}): léala de nuevo / meeting {} "
                                      "changed (version {}, not {}): read it again",
                                      id, m->version, *expected_version, id, m->version, *expected_version));
    }
    return *m;
}

void touch_meeting(soci::session& sql, long long id, const std::string& now) {
    sql << "UPDATE meetings SET version = version + 1, updated_at = :u WHERE id = :id", soci::use(now),
        soci::use(id);
}

int64_t meeting_minutes(const Meeting& m) {
    return (utc_seconds(m.ends_at) - utc_seconds(m.starts_at)) / 60;
}

}  // namespace detail

Result<Meeting> convene_meeting(storage::Database& db, const Clock& clock, const access::Actor& who,
                                const std::string& request_id, int64_t body, const MeetingFields& fields) {
    if (!access::permits(who, "meeting.edit", {.body = body})) return detail::refused(who, "meeting.edit");
    TRY(get_body(db, who, body));
    return in_transaction(
        db, [&] { return insert_meeting(db, clock, who, request_id, body, fields, false, "convened"); });
}

Result<Meeting> update_meeting(storage::Database& db, const Clock& clock, const access::Actor& who,
                               const std::string& request_id, int64_t id, int64_t expected_version,
                               const MeetingEdit& edit) {
    return in_transaction(db, [&]() -> Result<Meeting> {
        auto& sql = db.session();
        TRY_ASSIGN(before, detail::meeting_for_edit(sql, who, id, expected_version));
        if (before.state != "convened")
            return make_error(ErrorCode::conflict,
                              fmt::format("la reunión está {}: ya no se edita / the meeting is {}: it is no "
                                          "longer edited",
                                          before.state, before.state));
        MeetingFields f{edit.title.value_or(before.title),     edit.starts_at.value_or(before.starts_at),
                        edit.ends_at.value_or(before.ends_at), edit.mode.value_or(before.mode),
                        edit.place.value_or(before.place),     edit.link.value_or(before.link)};
        TRY(validate(f));
        Meeting after = before;
        after.title = f.title;
        after.starts_at = f.starts_at;
        after.ends_at = f.ends_at;
        after.mode = f.mode;
        after.place = f.place;
        after.link = f.link;
        long long m = id;
        const long long planned = agenda_minutes(sql, m);
        if (planned > detail::meeting_minutes(after))
            return detail::invalid(
                "ends_at", fmt::format("el orden del día dura {} minutos y la reunión {} / the agenda "
                                       "takes {} minutes and the meeting {}",
                                       planned, detail::meeting_minutes(after), planned,
                                       detail::meeting_minutes(after)));
        const std::string now = clock.now_iso();
        sql << "UPDATE meetings SET title = :t, starts_at = :s, ends_at = :e, mode = :m, place = :p, link = "
               ":l, "
               "version = version + 1, updated_at = :u WHERE id = :id",
            soci::use(f.title), soci::use(f.starts_at), soci::use(f.ends_at), soci::use(f.mode),
            soci::use(f.place), soci::use(f.link), soci::use(now), soci::use(m);
        auto stored = detail::select_meeting(sql, m);
        TRY(access::audit(db, clock, who, request_id,
                          {"meeting.update", "meeting", std::to_string(id),
                           access::diff_of(audited(before), audited(*stored))}));
        return *stored;
    });
}

Result<Meeting> set_meeting_state(storage::Database& db, const Clock& clock, const access::Actor& who,
                                  const std::string& request_id, int64_t id,
                                  std::optional<int64_t> expected_version, const std::string& state) {
    if (state != "held" && state != "cancelled")
        return detail::invalid("state", "held o cancelled / held or cancelled");
    return in_transaction(db, [&]() -> Result<Meeting> {
        auto& sql = db.session();
        TRY_ASSIGN(before, detail::meeting_for_edit(sql, who, id, expected_version));
        if (before.state != "convened")
            return make_error(
                ErrorCode::conflict,
                fmt::format("la reunión ya está {} / the meeting is already {}", before.state, before.state));
        const std::string now = clock.now_iso();
        long long m = id;
        sql << "UPDATE meetings SET state = :s, version = version + 1, updated_at = :u WHERE id = :id",
            soci::use(state), soci::use(now), soci::use(m);
        auto stored = detail::select_meeting(sql, m);
        TRY(access::audit(db, clock, who, request_id,
                          {"meeting.state", "meeting", std::to_string(id),
                           access::diff_of(audited(before), audited(*stored))}));
        return *stored;
    });
}

Result<std::vector<Meeting>> body_meetings(storage::Database& db, const access::Actor& who, int64_t body) {
    TRY(get_body(db, who, body));
    return detail::reading(db, [&]() -> Result<std::vector<Meeting>> {
        std::vector<Meeting> out;
        long long b = body;
        soci::rowset<soci::row> rows =
            (db.session().prepare << fmt::format("SELECT {} WHERE body_id = :b ORDER BY starts_at, id",
                                                 k_meeting_columns),
             soci::use(b));
        for (const auto& row : rows) out.push_back(meeting_from_row(row));
        return out;
    });
}

Result<Meeting> get_meeting(storage::Database& db, const access::Actor& who, int64_t id) {
    TRY_ASSIGN(found, detail::reading(db, [&]() -> Result<std::optional<Meeting>> {
                   return detail::select_meeting(db.session(), id);
               }));
    const auto missing =
        make_error(ErrorCode::not_found, fmt::format("no hay reunión {} / no meeting {}", id, id));
    if (!found) return missing;
    if (!get_body(db, who, found->body)) return missing;
    return *found;
}

Result<std::optional<Meeting>> find_example_meeting(storage::Database& db) {
    return detail::reading(db, [&]() -> Result<std::optional<Meeting>> {
        std::optional<Meeting> out;
        soci::rowset<soci::row> rows =
            (db.session().prepare << fmt::format(
                 "SELECT {} WHERE example = 1 AND body_id IN (SELECT id FROM bodies WHERE seed_key = "
                 "'laguna-mesa-salud') ORDER BY id",
                 k_meeting_columns));
        for (const auto& row : rows) {
            out = meeting_from_row(row);
            break;
        }
        return out;
    });
}

}  // namespace metropoli::coordination
