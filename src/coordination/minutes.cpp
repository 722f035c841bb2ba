// SPDX-License-Identifier: MIT
#include "coordination/minutes.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <map>

#include "access/audit.hpp"
#include "access/permissions.hpp"
#include "access/secrets.hpp"
#include "coordination/meetings.hpp"
#include "coordination/store_support.hpp"
#include "core/text.hpp"

namespace metropoli::coordination {

using nlohmann::json;

namespace {

constexpr std::size_t k_max_text = 200000;

constexpr const char* k_minutes_columns =
    "m.id, m.meeting_id, g.body_id, g.title, b.name, b.visibility, g.starts_at, m.corrects_id, "
    "(SELECT c.id FROM minutes c WHERE c.corrects_id = m.id), m.state, m.text, m.approval_method, "
    "m.approved_at, m.approved_by, m.text_sha256, m.signatories, m.published, m.example, m.version, "
    "m.created_at, m.updated_at FROM minutes m JOIN meetings g ON g.id = m.meeting_id "
    "JOIN bodies b ON b.id = g.body_id";

std::vector<Signatory> signatories_from(const std::string& stored) {
    std::vector<Signatory> out;
    const json parsed = json::parse(stored, nullptr, false);
    if (!parsed.is_array()) return out;
    for (const auto& s : parsed) {
        Signatory sig;
        sig.seat = s.value("seat", int64_t{0});
        sig.seat_name = s.value("seat_name", std::string());
        sig.organisation_name = s.value("organisation_name", std::string());
        sig.person = s.value("person", json()).is_string() ? s["person"].get<std::string>() : std::string();
        sig.alternate = s.value("alternate", false);
        out.push_back(std::move(sig));
    }
    return out;
}

std::string signatories_text(const std::vector<Signatory>& signatories) {
    Minutes m;
    m.signatories = signatories;
    return minutes_json(m)["signatories"].dump();
}

Minutes minutes_from_row(const soci::row& row) {
    Minutes m;
    m.id = storage::get_int64(row, 0);
    m.meeting = storage::get_int64(row, 1);
    m.body = storage::get_int64(row, 2);
    m.meeting_title = row.get<std::string>(3);
    m.body_name = row.get<std::string>(4);
    m.body_visibility = row.get<std::string>(5);
    const std::string starts = row.get<std::string>(6);
    m.meeting_date = Date::parse_iso(starts.substr(0, 10)).value_or(Date{});
    m.corrects = detail::optional_id(row, 7);
    m.corrected_by = detail::optional_id(row, 8);
    m.state = row.get<std::string>(9);
    m.text = row.get<std::string>(10);
    m.approval_method = detail::text_or_empty(row, 11);
    m.approved_at = detail::text_or_empty(row, 12);
    m.approved_by = detail::text_or_empty(row, 13);
    m.text_sha256 = detail::text_or_empty(row, 14);
    m.signatories = signatories_from(row.get<std::string>(15));
    m.published = storage::get_int64(row, 16) != 0;
    m.example = storage::get_int64(row, 17) != 0;
    m.version = storage::get_int64(row, 18);
    m.created_at = row.get<std::string>(19);
    m.updated_at = row.get<std::string>(20);
    return m;
}

std::optional<Minutes> select_minutes(soci::session& sql, long long id) {
    soci::rowset<soci::row> rows =
        (sql.prepare << fmt::format("SELECT {} WHERE m.id = :id", k_minutes_columns), soci::use(id));
    for (const auto& row : rows) return minutes_from_row(row);
    return std::nullopt;
}

bool readable(const access::Actor& who, const Minutes& m) {
    if (m.state == "approved" && m.published) return true;
    return access::permits(who, "minutes.read", {.body = m.body});
}

Error no_minutes(int64_t id) {
    return make_error(ErrorCode::not_found, fmt::format("no hay acta {} / no minutes {}", id, id));
}

Error immutable() {
    return make_error(ErrorCode::conflict,
                      "el acta aprobada es inmutable; registre una corrección / approved minutes are "
                      "immutable; file a correction");
}

Error stale(const Minutes& m, int64_t expected) {
    return make_error(
        ErrorCode::precondition_failed,
        fmt::format("el acta {} cambió (versión {}, no {}); vuelva a leerla / minutes {} changed "
                    "(version {}, not {}): read them again",
                    m.id, m.version, expected, m.id, m.version, expected));
}

Status check_text(const std::string& text) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        return detail::invalid("text", "es obligatorio / is required");
    if (text.size() > k_max_text)
        return detail::invalid("text", "más de 200 000 bytes / longer than 200 000 bytes");
    if (!is_valid_utf8(text)) return detail::invalid("text", "no es UTF-8 válido / is not valid UTF-8");
    return ok_status();
}

// Loads minutes for a write by `who` holding `permission` on its body: not_found, then the refusal.
Result<Minutes> for_write(soci::session& sql, const access::Actor& who, int64_t id,
                          std::string_view permission) {
    auto m = select_minutes(sql, id);
    if (!m) return no_minutes(id);
    if (!access::permits(who, permission, {.body = m->body})) {
        if (!readable(who, *m)) return who.anonymous() ? detail::refused(who, permission) : no_minutes(id);
        return detail::refused(who, permission);
    }
    return *m;
}

long long votes_cast(soci::session& sql, long long minutes) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM votes WHERE subject_type = 'minutes' AND subject_id = :m",
        soci::use(minutes), soci::into(n);
    return n;
}

Error voting_started() {
    return make_error(ErrorCode::conflict,
                      "la votación del acta ya empezó: su texto no cambia / the vote on these minutes has "
                      "started: their text no longer changes");
}

using Attended = SeatAttendance;

VoteSubject subject_of(const Minutes& m) {
    return {"minutes", m.id, m.body, m.meeting, m.meeting_date};
}

// The seat `who`'s person attended the meeting of `m` for, if any.
std::optional<Attended> seat_of(soci::session& sql, const access::Actor& who, const Minutes& m) {
    const auto person = account_person(sql, who);
    if (!person) return std::nullopt;
    for (auto& a : attended_seats(sql, m.meeting, m.meeting_date)) {
        if (a.person == person) return a;
    }
    return std::nullopt;
}

bool is_coordinator(const access::Actor& who, const Minutes& m) {
    return access::permits(who, "minutes.edit", {.body = m.body});
}

struct BodyRules {
    std::string approval, quorum, majority;
};

BodyRules rules_of(soci::session& sql, long long body) {
    BodyRules r;
    sql << "SELECT minutes_approval, quorum, majority FROM bodies WHERE id = :b", soci::use(body),
        soci::into(r.approval), soci::into(r.quorum), soci::into(r.majority);
    return r;
}

Tally count_votes(soci::session& sql, const Minutes& m) {
    return coordination::count_votes(sql, subject_of(m));
}

json audited(const Minutes& m) {
    json out = minutes_json(m);
    for (const char* k :
         {"id", "meeting_title", "body_name", "meeting_date", "corrected_by", "created_at", "updated_at"})
        out.erase(k);
    return out;
}

template <class T, class F>
Result<T> writing(storage::Database& db, F&& write) {
    Result<T> out = make_error(ErrorCode::internal, "not written");
    const Status written = db.transaction([&]() -> Status {
        out = write();
        return out ? ok_status() : Status(out.error());
    });
    if (!written) return written.error();
    return out;
}

Result<Minutes> insert_minutes(storage::Database& db, const Clock& clock, const access::Actor& who,
                               const std::string& request_id, long long meeting,
                               std::optional<int64_t> corrects, const std::string& text, bool example) {
    auto& sql = db.session();
    const std::string now = clock.now_iso();
    long long corrected = corrects.value_or(0), id = 0;
    soci::indicator corrects_ind = corrects ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO minutes (meeting_id, corrects_id, text, example, created_at, updated_at) VALUES "
           "(:m, :c, :t, :e, :ca, :u) RETURNING id",
        soci::use(meeting), soci::use(corrected, corrects_ind), soci::use(text), soci::use(example ? 1 : 0),
        soci::use(now), soci::use(now), soci::into(id);
    auto stored = select_minutes(sql, id);
    if (!stored) return make_error(ErrorCode::internal, "inserted minutes are missing");
    TRY(access::audit(db, clock, who, request_id,
                      {corrects ? "minutes.correct" : "minutes.draft", "minutes", std::to_string(id),
                       access::diff_of(json::object(), audited(*stored))}));
    return *stored;
}

// Writes the new text and version of a draft (the row must be the draft at `before.version`).
Status update_text(storage::Database& db, const Minutes& before, const std::string& text,
                   const std::string& now) {
    long long id = before.id, version = before.version;
    soci::statement st = (db.session().prepare << "UPDATE minutes SET text = :t, version = version + 1, "
                                                  "updated_at = :u WHERE id = :id AND version = :v AND "
                                                  "state = 'draft'",
                          soci::use(text), soci::use(now), soci::use(id), soci::use(version));
    st.execute(true);
    if (st.get_affected_rows() != 1) return stale(before, before.version);
    return ok_status();
}

Result<Minutes> approve_in(storage::Database& db, const Clock& clock, const access::Actor& who,
                           const std::string& request_id, const Minutes& before, const std::string& method) {
    auto& sql = db.session();
    std::vector<Signatory> signatories;
    if (method == "vote") {
        std::map<int64_t, Attended> attended;
        for (auto& a : attended_seats(sql, before.meeting, before.meeting_date)) attended[a.seat] = a;
        long long id = before.id;
        soci::rowset<soci::row> rows =
            (sql.prepare
                 << "SELECT v.seat_id, s.name, o.name, v.person_id, v.by_alternate FROM votes v "
                    "JOIN seats s ON s.id = v.seat_id JOIN organisations o ON o.id = s.organisation_id "
                    "WHERE v.subject_type = 'minutes' AND v.subject_id = :m AND v.choice = 'for' "
                    "ORDER BY s.ordinal, s.id",
             soci::use(id));
        std::vector<std::pair<Signatory, std::optional<int64_t>>> found;
        for (const auto& r : rows) {
            Signatory s;
            s.seat = storage::get_int64(r, 0);
            s.seat_name = r.get<std::string>(1);
            s.organisation_name = r.get<std::string>(2);
            s.alternate = storage::get_int64(r, 4) != 0;
            found.emplace_back(s, detail::optional_id(r, 3));
        }
        for (auto& [s, person] : found) {
            if (person) s.person = person_name(sql, *person);
            signatories.push_back(s);
        }
    } else {
        for (const auto& a : attended_seats(sql, before.meeting, before.meeting_date))
            signatories.push_back({a.seat, a.seat_name, a.organisation_name, a.person_name, a.alternate});
    }
    Minutes after = before;
    after.text = normalised_minutes_text(before.text);
    after.state = "approved";
    after.approval_method = method;
    after.approved_at = clock.now_iso();
    after.approved_by = who.id;
    after.text_sha256 = access::sha256_hex(canonical_minutes_text(after));
    after.signatories = signatories;
    after.published = before.body_visibility != "private";
    const std::string signed_by = signatories_text(signatories);
    long long id = before.id, version = before.version;
    const int published = after.published ? 1 : 0;
    soci::statement st =
        (sql.prepare
             << "UPDATE minutes SET state = 'approved', text = :t, approval_method = :a, approved_at = "
                ":at, approved_by = :by, text_sha256 = :h, signatories = :s, published = :p, version = "
                "version + 1, updated_at = :u WHERE id = :id AND version = :v AND state = 'draft'",
         soci::use(after.text), soci::use(method), soci::use(after.approved_at), soci::use(after.approved_by),
         soci::use(after.text_sha256), soci::use(signed_by), soci::use(published),
         soci::use(after.approved_at), soci::use(id), soci::use(version));
    st.execute(true);
    if (st.get_affected_rows() != 1) return stale(before, before.version);
    auto stored = select_minutes(sql, id);
    if (!stored) return make_error(ErrorCode::internal, "approved minutes are missing");
    TRY(access::audit(db, clock, who, request_id,
                      {"minutes.approve", "minutes", std::to_string(id),
                       access::diff_of(audited(before), audited(*stored))}));
    return *stored;
}

constexpr const char* k_amendment_columns =
    "a.id, a.minutes_id, a.author, a.person_id, p.name, a.seat_id, s.name, a.replaces, a.text, a.state, "
    "a.created_at, a.decided_at, a.decided_by FROM minutes_amendments a LEFT JOIN people p ON p.id = "
    "a.person_id LEFT JOIN seats s ON s.id = a.seat_id";

Amendment amendment_from_row(const soci::row& r) {
    Amendment a;
    a.id = storage::get_int64(r, 0);
    a.minutes = storage::get_int64(r, 1);
    a.author = r.get<std::string>(2);
    a.person = detail::optional_id(r, 3);
    a.person_name = detail::text_or_empty(r, 4);
    a.seat = detail::optional_id(r, 5);
    a.seat_name = detail::text_or_empty(r, 6);
    a.replaces = r.get<std::string>(7);
    a.text = r.get<std::string>(8);
    a.state = r.get<std::string>(9);
    a.created_at = r.get<std::string>(10);
    a.decided_at = detail::text_or_empty(r, 11);
    a.decided_by = detail::text_or_empty(r, 12);
    return a;
}

std::vector<Amendment> select_amendments(soci::session& sql, const char* where, long long id) {
    std::vector<Amendment> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << fmt::format("SELECT {} WHERE {} ORDER BY a.id", k_amendment_columns, where),
         soci::use(id));
    for (const auto& r : rows) out.push_back(amendment_from_row(r));
    return out;
}

std::size_t occurrences(const std::string& text, const std::string& passage) {
    std::size_t n = 0;
    for (auto at = text.find(passage); at != std::string::npos; at = text.find(passage, at + passage.size()))
        ++n;
    return n;
}

}  // namespace

Result<std::vector<Minutes>> list_minutes(storage::Database& db, const access::Actor& who,
                                          const MinutesFilter& filter) {
    return detail::reading(db, [&]() -> Result<std::vector<Minutes>> {
        std::vector<Minutes> out;
        soci::rowset<soci::row> rows =
            (db.session().prepare << fmt::format("SELECT {} ORDER BY g.starts_at DESC, m.id DESC",
                                                 k_minutes_columns));
        for (const auto& row : rows) {
            Minutes m = minutes_from_row(row);
            if (filter.meeting && m.meeting != *filter.meeting) continue;
            if (filter.body && m.body != *filter.body) continue;
            if (filter.published_only && !(m.state == "approved" && m.published)) continue;
            if (!readable(who, m)) continue;
            out.push_back(std::move(m));
        }
        return out;
    });
}

Result<Minutes> get_minutes(storage::Database& db, const access::Actor& who, int64_t id) {
    return detail::reading(db, [&]() -> Result<Minutes> {
        auto m = select_minutes(db.session(), id);
        if (!m || !readable(who, *m)) return no_minutes(id);
        return *m;
    });
}

Result<Minutes> meeting_minutes(storage::Database& db, const access::Actor& who, int64_t meeting) {
    return detail::reading(db, [&]() -> Result<Minutes> {
        long long id = 0, g = meeting;
        soci::indicator ind = soci::i_null;
        db.session() << "SELECT id FROM minutes WHERE meeting_id = :g AND corrects_id IS NULL", soci::use(g),
            soci::into(id, ind);
        std::optional<Minutes> m;
        if (db.session().got_data() && ind == soci::i_ok) m = select_minutes(db.session(), id);
        if (!m || !readable(who, *m))
            return make_error(ErrorCode::not_found,
                              fmt::format("la reunión {} no tiene acta / meeting {} has "
                                          "no minutes",
                                          meeting, meeting));
        return *m;
    });
}

Result<std::vector<Amendment>> minutes_amendments(storage::Database& db, const access::Actor& who,
                                                  int64_t minutes) {
    TRY_ASSIGN(m, get_minutes(db, who, minutes));
    if (!access::permits(who, "minutes.read", {.body = m.body}) && m.state != "approved")
        return no_minutes(minutes);
    return detail::reading(db, [&]() -> Result<std::vector<Amendment>> {
        return select_amendments(db.session(), "a.minutes_id = :m", minutes);
    });
}

Result<std::vector<Vote>> minutes_votes(storage::Database& db, const access::Actor& who, int64_t minutes) {
    TRY_ASSIGN(m, get_minutes(db, who, minutes));
    return detail::reading(
        db, [&]() -> Result<std::vector<Vote>> { return subject_votes(db.session(), subject_of(m)); });
}

Result<Tally> minutes_tally(storage::Database& db, const access::Actor& who, int64_t minutes) {
    TRY_ASSIGN(m, get_minutes(db, who, minutes));
    return detail::reading(db, [&]() -> Result<Tally> { return count_votes(db.session(), m); });
}

Result<Minutes> draft_minutes(storage::Database& db, const Clock& clock, const access::Actor& who,
                              const std::string& request_id, int64_t meeting, const std::string& text,
                              std::optional<int64_t> of_body) {
    return writing<Minutes>(db, [&]() -> Result<Minutes> {
        auto& sql = db.session();
        long long g = meeting, body = 0;
        std::string state;
        soci::indicator ind = soci::i_null;
        sql << "SELECT body_id, state FROM meetings WHERE id = :g", soci::use(g), soci::into(body, ind),
            soci::into(state);
        if (!sql.got_data() || ind != soci::i_ok || (of_body && *of_body != body))
            return make_error(ErrorCode::not_found, fmt::format("no hay reunión {} / no meeting {}", g, g));
        if (!access::permits(who, "minutes.edit", {.body = body}))
            return detail::refused(who, "minutes.edit");
        TRY(check_text(text));
        if (state == "cancelled")
            return make_error(ErrorCode::conflict,
                              "la reunión se canceló: no tiene acta / the meeting was cancelled: it has no "
                              "minutes");
        long long existing = 0;
        sql << "SELECT COUNT(*) FROM minutes WHERE meeting_id = :g AND corrects_id IS NULL", soci::use(g),
            soci::into(existing);
        if (existing > 0)
            return make_error(
                ErrorCode::conflict,
                fmt::format("la reunión {} ya tiene acta / meeting {} has minutes already", g, g));
        return insert_minutes(db, clock, who, request_id, g, std::nullopt, text, false);
    });
}

Result<Minutes> edit_minutes(storage::Database& db, const Clock& clock, const access::Actor& who,
                             const std::string& request_id, int64_t id, int64_t expected_version,
                             const std::string& text) {
    return writing<Minutes>(db, [&]() -> Result<Minutes> {
        auto& sql = db.session();
        TRY_ASSIGN(before, for_write(sql, who, id, "minutes.edit"));
        if (before.state == "approved") return immutable();
        if (before.version != expected_version) return stale(before, expected_version);
        TRY(check_text(text));
        if (votes_cast(sql, id) > 0) return voting_started();
        TRY(update_text(db, before, text, clock.now_iso()));
        auto after = select_minutes(sql, id);
        TRY(access::audit(db, clock, who, request_id,
                          {"minutes.edit", "minutes", std::to_string(id),
                           access::diff_of(audited(before), audited(*after))}));
        return *after;
    });
}

Result<Amendment> propose_amendment(storage::Database& db, const Clock& clock, const access::Actor& who,
                                    const std::string& request_id, int64_t minutes,
                                    const std::string& replaces, const std::string& text) {
    return writing<Amendment>(db, [&]() -> Result<Amendment> {
        auto& sql = db.session();
        TRY_ASSIGN(m, for_write(sql, who, minutes, "minutes.amend"));
        if (m.state == "approved") return immutable();
        std::optional<Attended> seat;
        if (!is_coordinator(who, m)) {
            seat = seat_of(sql, who, m);
            if (!seat)
                return make_error(
                    ErrorCode::forbidden,
                    fmt::format("{} no asistió a la reunión por un asiento: no puede enmendar el "
                                "acta / {} did not attend the meeting for a seat and may not "
                                "amend its minutes",
                                who.label, who.label));
        }
        TRY(check_text(text));
        if (replaces.size() > k_max_text)
            return detail::invalid("replaces", "más de 200 000 bytes / longer than 200 000 bytes");
        if (!replaces.empty() && occurrences(m.text, replaces) != 1)
            return detail::invalid("replaces",
                                   "el pasaje debe aparecer una sola vez en el borrador / the passage must "
                                   "appear exactly once in the draft");
        if (votes_cast(sql, minutes) > 0) return voting_started();
        const auto person = seat ? seat->person : account_person(sql, who);
        long long mid = minutes, person_id = person.value_or(0), seat_id = seat ? seat->seat : 0, id = 0;
        soci::indicator person_ind = person ? soci::i_ok : soci::i_null;
        soci::indicator seat_ind = seat ? soci::i_ok : soci::i_null;
        const std::string now = clock.now_iso();
        sql << "INSERT INTO minutes_amendments (minutes_id, author, person_id, seat_id, text, replaces, "
               "created_at) VALUES (:m, :a, :p, :s, :t, :r, :c) RETURNING id",
            soci::use(mid), soci::use(who.id), soci::use(person_id, person_ind), soci::use(seat_id, seat_ind),
            soci::use(text), soci::use(replaces), soci::use(now), soci::into(id);
        auto made = select_amendments(sql, "a.id = :id", id);
        if (made.empty()) return make_error(ErrorCode::internal, "an inserted amendment is missing");
        json after = amendment_json(made.front());
        for (const char* k : {"id", "created_at", "decided_at", "decided_by"}) after.erase(k);
        TRY(access::audit(db, clock, who, request_id,
                          {"minutes.amend",
                           "minutes",
                           std::to_string(minutes),
                           {{"amendment", {{"before", nullptr}, {"after", after}}}}}));
        return made.front();
    });
}

Result<Minutes> decide_amendment(storage::Database& db, const Clock& clock, const access::Actor& who,
                                 const std::string& request_id, int64_t amendment, bool accept,
                                 int64_t expected_version) {
    return writing<Minutes>(db, [&]() -> Result<Minutes> {
        auto& sql = db.session();
        auto found = select_amendments(sql, "a.id = :id", amendment);
        if (found.empty())
            return make_error(ErrorCode::not_found,
                              fmt::format("no hay enmienda {} / no amendment {}", amendment, amendment));
        const Amendment a = found.front();
        TRY_ASSIGN(before, for_write(sql, who, a.minutes, "minutes.edit"));
        if (before.state == "approved") return immutable();
        if (before.version != expected_version) return stale(before, expected_version);
        if (a.state != "proposed")
            return make_error(
                ErrorCode::conflict,
                fmt::format("la enmienda {} ya se decidió ({}) / amendment {} was decided already "
                            "({})",
                            a.id, a.state, a.id, a.state));
        if (accept && votes_cast(sql, before.id) > 0) return voting_started();
        const std::string now = clock.now_iso();
        if (accept) {
            std::string text = before.text;
            if (a.replaces.empty()) {
                const auto end = text.find_last_not_of(" \t\r\n");
                text.erase(end == std::string::npos ? 0 : end + 1);
                text += "\n\n" + a.text + "\n";
            } else {
                if (occurrences(text, a.replaces) != 1)
                    return make_error(
                        ErrorCode::conflict,
                        "el pasaje que la enmienda reemplaza ya no aparece una vez en el borrador / "
                        "the passage the amendment replaces no longer appears once in the draft");
                text.replace(text.find(a.replaces), a.replaces.size(), a.text);
            }
            if (text.size() > k_max_text)
                return detail::invalid("text", "más de 200 000 bytes / longer than 200 000 bytes");
            TRY(update_text(db, before, text, now));
        }
        const std::string state = accept ? "accepted" : "rejected";
        long long aid = a.id;
        sql << "UPDATE minutes_amendments SET state = :s, decided_at = :t, decided_by = :by WHERE id = :id",
            soci::use(state), soci::use(now), soci::use(who.id), soci::use(aid);
        auto after = select_minutes(sql, before.id);
        json diff = access::diff_of(audited(before), audited(*after));
        diff["amendment"] = {{"before", {{"id", a.id}, {"state", a.state}}},
                             {"after", {{"id", a.id}, {"state", state}}}};
        TRY(access::audit(db, clock, who, request_id,
                          {accept ? "minutes.amendment.accept" : "minutes.amendment.reject", "minutes",
                           std::to_string(before.id), diff}));
        return *after;
    });
}

Result<Tally> cast_vote(storage::Database& db, const Clock& clock, const access::Actor& who,
                        const std::string& request_id, int64_t minutes, std::optional<int64_t> seat,
                        const std::string& choice) {
    return writing<Tally>(db, [&]() -> Result<Tally> {
        auto& sql = db.session();
        TRY_ASSIGN(m, for_write(sql, who, minutes, "minutes.vote"));
        if (m.state == "approved") return immutable();
        if (rules_of(sql, m.body).approval != "vote")
            return make_error(
                ErrorCode::conflict,
                "este órgano aprueba sus actas por acto del coordinador, no por votación / this "
                "body approves its minutes by the coordinator's act, not by a vote");
        TRY_ASSIGN(voter, record_seat_vote(sql, clock, who, subject_of(m), seat, choice));
        json vote = {{"seat", voter.seat}, {"choice", choice}, {"by_alternate", voter.alternate}};
        json diff = {{"vote", {{"before", nullptr}, {"after", vote}}}};
        TRY(access::audit(db, clock, who, request_id,
                          {"minutes.vote", "minutes", std::to_string(m.id), diff}));
        return count_votes(sql, m);
    });
}

Result<Minutes> approve_minutes(storage::Database& db, const Clock& clock, const access::Actor& who,
                                const std::string& request_id, int64_t id, int64_t expected_version) {
    return writing<Minutes>(db, [&]() -> Result<Minutes> {
        auto& sql = db.session();
        TRY_ASSIGN(before, for_write(sql, who, id, "minutes.edit"));
        if (before.state == "approved") return immutable();
        if (before.version != expected_version) return stale(before, expected_version);
        const std::string method = rules_of(sql, before.body).approval;
        if (method == "vote") {
            const Tally t = count_votes(sql, before);
            if (!t.carried) {
                return make_error(
                    ErrorCode::conflict,
                    fmt::format(
                        "la votación no aprueba el acta: {} a favor, {} en contra, {} abstenciones; se "
                        "necesitan {} a favor ({}) con quórum de {} de {} asientos con voto ({} "
                        "presentes) / the vote does not approve the minutes: {} for, {} against, {} "
                        "abstaining; {} for are needed ({}) with a quorum of {} of {} voting seats ({} "
                        "present)",
                        t.for_votes, t.against, t.abstain, t.needed, t.majority_rule, t.quorum_needed,
                        t.voting_seats, t.attending, t.for_votes, t.against, t.abstain, t.needed,
                        t.majority_rule, t.quorum_needed, t.voting_seats, t.attending));
            }
        }
        return approve_in(db, clock, who, request_id, before, method);
    });
}

Result<Minutes> correct_minutes(storage::Database& db, const Clock& clock, const access::Actor& who,
                                const std::string& request_id, int64_t id, const std::string& text) {
    return writing<Minutes>(db, [&]() -> Result<Minutes> {
        auto& sql = db.session();
        TRY_ASSIGN(original, for_write(sql, who, id, "minutes.edit"));
        if (original.state != "approved")
            return make_error(
                ErrorCode::conflict,
                "sólo se corrige un acta aprobada; edite el borrador / only approved minutes are "
                "corrected; edit the draft");
        if (original.corrected_by)
            return make_error(ErrorCode::conflict,
                              fmt::format("el acta {} ya tiene la corrección {} / minutes {} already have "
                                          "correction {}",
                                          id, *original.corrected_by, id, *original.corrected_by));
        const std::string start = text.empty() ? original.text : text;
        TRY(check_text(start));
        return insert_minutes(db, clock, who, request_id, original.meeting, original.id, start, false);
    });
}

Result<Verification> verify_minutes(storage::Database& db, const access::Actor& who, int64_t id) {
    TRY_ASSIGN(m, get_minutes(db, who, id));
    if (m.state != "approved")
        return make_error(
            ErrorCode::conflict,
            fmt::format("el acta {} es un borrador: no tiene huella / minutes {} are a draft: they "
                        "have no hash",
                        id, id));
    return Verification{m.id, m.text_sha256, access::sha256_hex(canonical_minutes_text(m))};
}

Result<int> seed_example_minutes(storage::Database& db, const Clock& clock, std::string_view region_id) {
    if (region_id != "laguna") return 0;
    const access::Actor system = access::system_actor();
    return writing<int>(db, [&]() -> Result<int> {
        auto& sql = db.session();
        TRY_ASSIGN(example, find_example_meeting(db));
        if (!example) return 0;
        long long meeting = example->id;
        long long existing = 0;
        sql << "SELECT COUNT(*) FROM minutes WHERE meeting_id = :g", soci::use(meeting), soci::into(existing);
        if (existing > 0) return 0;
        const std::string text =
            "# Acta de ejemplo: instalación de la Mesa de Salud de La Laguna\n"
            "\n"
            "*Ejemplo de demostración, no un acta real / A demonstration example, not real minutes.*\n"
            "\n"
            "## Objetivo\n"
            "\n"
            "Sumar esfuerzos y recursos para enfrentar la crisis sanitaria en La Laguna.\n"
            "\n"
            "## Acuerdos\n"
            "\n"
            "1. Se instala la Mesa de Salud con los seis asientos de sus integrantes.\n"
            "2. Se coordinan las medidas sanitarias de Torreón, Matamoros, Francisco I. Madero, Gómez "
            "Palacio "
            "y Lerdo, y se da seguimiento público a cada acuerdo.\n"
            "3. Se homologan los criterios de Coahuila y Durango para la zona metropolitana.\n";
        TRY_ASSIGN(draft, insert_minutes(db, clock, system, "", meeting, std::nullopt, text, true));
        TRY(approve_in(db, clock, system, "", draft, "coordinator"));
        return 1;
    });
}

}  // namespace metropoli::coordination
