// SPDX-License-Identifier: MIT
#include "coordination/bodies.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>

#include "access/audit.hpp"
#include "access/organisations.hpp"
#include "access/permissions.hpp"
#include "coordination/store_support.hpp"

namespace metropoli::coordination {

using nlohmann::json;

namespace {

using detail::one_of;
using detail::optional_json;

// Whether `who` may see private bodies: those who run them (body.edit) and the body's members.
bool sees_private(const access::Actor& who, int64_t body) {
    return access::permits(who, "body.edit", {.body = body}) ||
           access::permits(who, "minutes.read", {.body = body});
}

constexpr const char* k_body_columns =
    "id, seed_key, name, short_name, kind, parent_id, visibility, minutes_approval, quorum, majority, "
    "region_id, description, installed_on, version, created_at, updated_at";

Body body_from_row(const soci::row& row) {
    Body b;
    b.id = storage::get_int64(row, 0);
    b.seed = row.get_indicator(1) == soci::i_ok;
    b.name = row.get<std::string>(2);
    b.short_name = row.get<std::string>(3);
    b.kind = row.get<std::string>(4);
    b.parent = detail::optional_id(row, 5);
    b.visibility = row.get<std::string>(6);
    b.minutes_approval = row.get<std::string>(7);
    b.quorum = row.get<std::string>(8);
    b.majority = row.get<std::string>(9);
    b.region_id = row.get<std::string>(10);
    b.description = row.get<std::string>(11);
    b.installed_on = detail::optional_date(row, 12);
    b.version = storage::get_int64(row, 13);
    b.created_at = row.get<std::string>(14);
    b.updated_at = row.get<std::string>(15);
    return b;
}

std::vector<Body> select_bodies(soci::session& sql, std::optional<long long> id) {
    std::vector<Body> out;
    if (id) {
        soci::rowset<soci::row> rows =
            (sql.prepare << fmt::format("SELECT {} FROM bodies WHERE id = :id", k_body_columns),
             soci::use(*id));
        for (const auto& row : rows) out.push_back(body_from_row(row));
    } else {
        soci::rowset<soci::row> rows =
            (sql.prepare << fmt::format("SELECT {} FROM bodies ORDER BY name, id", k_body_columns));
        for (const auto& row : rows) out.push_back(body_from_row(row));
    }
    return out;
}

constexpr const char* k_term_columns =
    "t.id, t.seat_id, t.organisation_id, t.person_id, p.name, t.alternate_person_id, a.name, "
    "t.designated_on, "
    "t.ends_on, t.note FROM seat_terms t LEFT JOIN people p ON p.id = t.person_id "
    "LEFT JOIN people a ON a.id = t.alternate_person_id";

SeatTerm term_from_row(const soci::row& row) {
    SeatTerm t;
    t.id = storage::get_int64(row, 0);
    t.seat = storage::get_int64(row, 1);
    t.organisation = storage::get_int64(row, 2);
    t.person = detail::optional_id(row, 3);
    t.person_name = detail::text_or_empty(row, 4);
    t.alternate = detail::optional_id(row, 5);
    t.alternate_name = detail::text_or_empty(row, 6);
    t.designated_on = *Date::parse_iso(row.get<std::string>(7));
    t.ends_on = detail::optional_date(row, 8);
    t.note = row.get<std::string>(9);
    return t;
}

std::vector<SeatTerm> select_terms(soci::session& sql, long long seat) {
    std::vector<SeatTerm> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << fmt::format("SELECT {} WHERE t.seat_id = :s ORDER BY t.designated_on, t.id",
                                    k_term_columns),
         soci::use(seat));
    for (const auto& row : rows) out.push_back(term_from_row(row));
    return out;
}

std::optional<SeatTerm> term_on(const std::vector<SeatTerm>& terms, Date on) {
    for (auto it = terms.rbegin(); it != terms.rend(); ++it) {
        if (it->designated_on <= on && (!it->ends_on || *it->ends_on >= on)) return *it;
    }
    return std::nullopt;
}

constexpr const char* k_seat_columns =
    "s.id, s.body_id, s.name, s.representation, s.organisation_id, o.name, s.position, s.voting, s.ordinal, "
    "s.active, s.version FROM seats s JOIN organisations o ON o.id = s.organisation_id";

Seat seat_from_row(const soci::row& row) {
    Seat s;
    s.id = storage::get_int64(row, 0);
    s.body = storage::get_int64(row, 1);
    s.name = row.get<std::string>(2);
    s.representation = row.get<std::string>(3);
    s.organisation = storage::get_int64(row, 4);
    s.organisation_name = row.get<std::string>(5);
    s.position = row.get<std::string>(6);
    s.voting = storage::get_int64(row, 7) != 0;
    s.ordinal = static_cast<int>(storage::get_int64(row, 8));
    s.active = storage::get_int64(row, 9) != 0;
    s.version = storage::get_int64(row, 10);
    return s;
}

std::vector<Seat> select_seats(soci::session& sql, const char* where, long long id) {
    std::vector<Seat> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << fmt::format("SELECT {} WHERE {} ORDER BY s.ordinal, s.id", k_seat_columns, where),
         soci::use(id));
    for (const auto& row : rows) out.push_back(seat_from_row(row));
    return out;
}

Status validate(const NewBody& b) {
    if (b.name.find_first_not_of(' ') == std::string::npos)
        return detail::invalid("name", "es obligatorio / is required");
    if (b.name.size() > 200) return detail::invalid("name", "más de 200 bytes / longer than 200 bytes");
    if (b.short_name.find_first_not_of(' ') == std::string::npos)
        return detail::invalid("short_name", "es obligatorio / is required");
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
    return ok_status();
}

json audited(const Body& b) {
    json out = body_json(b);
    for (const char* k : {"id", "version", "created_at", "updated_at"}) out.erase(k);
    return out;
}

// Makes a person by name (people has no unique name: a new row each time) and returns its id.
long long insert_person(soci::session& sql, const std::string& name, const std::string& now) {
    long long id = 0;
    sql << "INSERT INTO people (name, created_at) VALUES (:n, :t) RETURNING id", soci::use(name),
        soci::use(now), soci::into(id);
    return id;
}

Result<Body> insert_body(storage::Database& db, const Clock& clock, const access::Actor& who,
                         const std::string& request_id, const NewBody& b,
                         const std::optional<std::string>& seed) {
    TRY(validate(b));
    auto& sql = db.session();
    long long taken = 0;
    sql << "SELECT COUNT(*) FROM bodies WHERE name = :n OR short_name = :s", soci::use(b.name),
        soci::use(b.short_name), soci::into(taken);
    if (taken > 0) {
        return make_error(
            ErrorCode::conflict,
            fmt::format("ya existe un órgano llamado '{}' o '{}' / a body with that name exists", b.name,
                        b.short_name));
    }
    if (b.parent && select_bodies(sql, *b.parent).empty())
        return detail::invalid("parent", fmt::format("no hay órgano {} / no body {}", *b.parent, *b.parent));
    const std::string now = clock.now_iso();
    std::string key = seed.value_or("");
    soci::indicator key_ind = seed ? soci::i_ok : soci::i_null;
    long long parent = b.parent.value_or(0);
    soci::indicator parent_ind = b.parent ? soci::i_ok : soci::i_null;
    std::string installed = b.installed_on ? b.installed_on->iso() : "";
    soci::indicator installed_ind = b.installed_on ? soci::i_ok : soci::i_null;
    long long id = 0;
    sql << "INSERT INTO bodies (seed_key, name, short_name, kind, parent_id, visibility, minutes_approval, "
           "quorum, majority, region_id, description, installed_on, seed, created_at, updated_at) VALUES "
           "(:k, :n, :s, :kind, :p, :v, :a, :q, :m, :r, :d, :i, :seed, :c, :u) RETURNING id",
        soci::use(key, key_ind), soci::use(b.name), soci::use(b.short_name), soci::use(b.kind),
        soci::use(parent, parent_ind), soci::use(b.visibility), soci::use(b.minutes_approval),
        soci::use(b.quorum), soci::use(b.majority), soci::use(b.region_id), soci::use(b.description),
        soci::use(installed, installed_ind), soci::use(seed ? 1 : 0), soci::use(now), soci::use(now),
        soci::into(id);
    auto stored = select_bodies(sql, id);
    if (stored.empty()) return make_error(ErrorCode::internal, "an inserted body is missing");
    TRY(access::audit(db, clock, who, request_id,
                      {"body.create", "body", std::to_string(id),
                       access::diff_of(json::object(), audited(stored.front()))}));
    return stored.front();
}

Result<Seat> insert_seat(storage::Database& db, const Clock& clock, const access::Actor& who,
                         const std::string& request_id, int64_t body, const NewSeat& s) {
    if (s.name.find_first_not_of(' ') == std::string::npos)
        return detail::invalid("name", "es obligatorio / is required");
    if (s.name.size() > 200) return detail::invalid("name", "más de 200 bytes / longer than 200 bytes");
    if (!one_of(seat_representations(), s.representation))
        return detail::invalid("representation", "representación desconocida / unknown representation");
    if (!one_of(seat_positions(), s.position))
        return detail::invalid("position", "presidency, technical_secretariat o member / or member");
    auto& sql = db.session();
    if (select_bodies(sql, body).empty())
        return make_error(ErrorCode::not_found, fmt::format("no hay órgano {} / no body {}", body, body));
    long long org = s.organisation, known = 0;
    sql << "SELECT COUNT(*) FROM organisations WHERE id = :o", soci::use(org), soci::into(known);
    if (known == 0)
        return detail::invalid("organisation",
                               fmt::format("no hay organización {} / no organisation {}", org, org));
    long long b = body, same = 0, last = 0;
    sql << "SELECT COUNT(*) FROM seats WHERE body_id = :b AND name = :n", soci::use(b), soci::use(s.name),
        soci::into(same);
    if (same > 0)
        return make_error(ErrorCode::conflict,
                          fmt::format("el órgano ya tiene el asiento '{}' / the body has that seat", s.name));
    soci::indicator last_ind = soci::i_null;
    sql << "SELECT MAX(ordinal) FROM seats WHERE body_id = :b", soci::use(b), soci::into(last, last_ind);
    const int ordinal = s.ordinal.value_or(last_ind == soci::i_ok ? static_cast<int>(last) + 1 : 1);
    const std::string now = clock.now_iso();
    long long id = 0;
    sql << "INSERT INTO seats (body_id, name, representation, organisation_id, position, voting, ordinal, "
           "created_at, updated_at) VALUES (:b, :n, :r, :o, :p, :v, :ord, :c, :u) RETURNING id",
        soci::use(b), soci::use(s.name), soci::use(s.representation), soci::use(org), soci::use(s.position),
        soci::use(s.voting ? 1 : 0), soci::use(ordinal), soci::use(now), soci::use(now), soci::into(id);
    auto stored = select_seats(sql, "s.id = :id", id);
    if (stored.empty()) return make_error(ErrorCode::internal, "an inserted seat is missing");
    json after = seat_json(stored.front());
    for (const char* k : {"id", "version", "current"}) after.erase(k);
    TRY(access::audit(db, clock, who, request_id,
                      {"seat.create", "seat", std::to_string(id), access::diff_of(json::object(), after)}));
    return stored.front();
}

Result<SeatTerm> insert_term(storage::Database& db, const Clock& clock, const access::Actor& who,
                             const std::string& request_id, int64_t seat, const Designation& d) {
    if (d.person_name.size() > 200)
        return detail::invalid("person", "más de 200 bytes / longer than 200 bytes");
    if (d.alternate_name.size() > 200)
        return detail::invalid("alternate", "más de 200 bytes / longer than 200 bytes");
    if (d.person_id && !d.person_name.empty())
        return detail::invalid("person", "nombre o persona, no ambos / a name or a person id, not both");
    if (d.alternate_id && !d.alternate_name.empty())
        return detail::invalid("alternate", "nombre o persona, no ambos / a name or a person id, not both");
    const bool holder = d.person_id || !d.person_name.empty();
    if (!holder && (d.alternate_id || !d.alternate_name.empty()))
        return detail::invalid("alternate", "un suplente necesita titular / an alternate needs a holder");
    auto& sql = db.session();
    for (const auto& [field, id] :
         {std::pair{"person_id", d.person_id}, std::pair{"alternate_id", d.alternate_id}}) {
        if (!id) continue;
        long long found = 0, wanted = *id;
        sql << "SELECT COUNT(*) FROM people WHERE id = :p", soci::use(wanted), soci::into(found);
        if (found == 0)
            return detail::invalid(field, fmt::format("no hay persona {} / no person {}", *id, *id));
    }
    if (d.person_id && d.person_id == d.alternate_id)
        return detail::invalid("alternate_id",
                               "el suplente no puede ser el titular / the alternate cannot be the holder");
    auto seats = select_seats(sql, "s.id = :id", seat);
    if (seats.empty())
        return make_error(ErrorCode::not_found, fmt::format("no hay asiento {} / no seat {}", seat, seat));
    const auto terms = select_terms(sql, seat);
    // The seat's latest term names nobody yet (as the preset seeds them): a designation from that same day
    // names who held it, instead of opening a new term.
    const bool fills_vacancy = !terms.empty() && d.designated_on == terms.back().designated_on &&
                               !terms.back().person && !terms.back().alternate;
    if (!terms.empty() && d.designated_on <= terms.back().designated_on && !fills_vacancy) {
        return detail::invalid(
            "designated_on",
            fmt::format("debe ser posterior al {} (la última designación) / must be after {}, the "
                        "latest designation",
                        terms.back().designated_on.iso(), terms.back().designated_on.iso()));
    }
    const std::string now = clock.now_iso();
    json diff = json::object();
    if (!fills_vacancy && !terms.empty() &&
        (!terms.back().ends_on || *terms.back().ends_on >= d.designated_on)) {
        long long previous = terms.back().id;
        const std::string ends = (d.designated_on - 1).iso();
        sql << "UPDATE seat_terms SET ends_on = :e WHERE id = :id", soci::use(ends), soci::use(previous);
        diff["previous_term"] = {
            {"before", terms.back().ends_on ? json(terms.back().ends_on->iso()) : json(nullptr)},
            {"after", ends}};
    }
    long long person = 0, alternate = 0;
    soci::indicator person_ind = soci::i_null, alternate_ind = soci::i_null;
    if (d.person_id) {
        person = *d.person_id;
        person_ind = soci::i_ok;
    } else if (!d.person_name.empty()) {
        person = insert_person(sql, d.person_name, now);
        person_ind = soci::i_ok;
    }
    if (d.alternate_id) {
        alternate = *d.alternate_id;
        alternate_ind = soci::i_ok;
    } else if (!d.alternate_name.empty()) {
        alternate = insert_person(sql, d.alternate_name, now);
        alternate_ind = soci::i_ok;
    }
    long long org = seats.front().organisation, s = seat, id = 0;
    const std::string from = d.designated_on.iso();
    if (fills_vacancy) {
        id = terms.back().id;
        sql << "UPDATE seat_terms SET person_id = :p, alternate_person_id = :a, note = :n WHERE id = :id",
            soci::use(person, person_ind), soci::use(alternate, alternate_ind), soci::use(d.note),
            soci::use(id);
    } else {
        sql << "INSERT INTO seat_terms (seat_id, organisation_id, person_id, alternate_person_id, "
               "designated_on, note, created_at) VALUES (:s, :o, :p, :a, :d, :n, :c) RETURNING id",
            soci::use(s), soci::use(org), soci::use(person, person_ind), soci::use(alternate, alternate_ind),
            soci::use(from), soci::use(d.note), soci::use(now), soci::into(id);
    }
    const auto stored = select_terms(sql, seat);
    const auto made =
        std::find_if(stored.begin(), stored.end(), [&](const SeatTerm& t) { return t.id == id; });
    if (made == stored.end()) return make_error(ErrorCode::internal, "an inserted seat term is missing");
    json after = seat_term_json(*made);
    after.erase("id");
    json before = json::object();
    if (fills_vacancy) {
        before = seat_term_json(terms.back());
        before.erase("id");
    }
    const json created = access::diff_of(before, after);
    for (const auto& [k, v] : created.items()) diff[k] = v;
    TRY(access::audit(db, clock, who, request_id, {"seat.designate", "seat", std::to_string(seat), diff}));
    return *made;
}

}  // namespace

const std::vector<std::string>& body_kinds() {
    static const std::vector<std::string> k{"mesa", "subcommittee", "junta", "working_group", "other"};
    return k;
}
const std::vector<std::string>& body_visibilities() {
    static const std::vector<std::string> k{"private", "transparent", "public"};
    return k;
}
const std::vector<std::string>& seat_representations() {
    static const std::vector<std::string> k{"civil_society",       "state_executive",
                                            "health_jurisdiction", "municipal_executive",
                                            "municipal_health",    "federal_armed_forces",
                                            "federal_agency",      "academia",
                                            "private_sector",      "other"};
    return k;
}
const std::vector<std::string>& seat_positions() {
    static const std::vector<std::string> k{"presidency", "technical_secretariat", "member"};
    return k;
}

json body_json(const Body& b) {
    return {{"id", b.id},
            {"name", b.name},
            {"short_name", b.short_name},
            {"kind", b.kind},
            {"parent", optional_json(b.parent)},
            {"visibility", b.visibility},
            {"minutes_approval", b.minutes_approval},
            {"quorum", b.quorum},
            {"majority", b.majority},
            {"region_id", b.region_id},
            {"description", b.description},
            {"installed_on", optional_json(b.installed_on)},
            {"seed", b.seed},
            {"version", b.version},
            {"created_at", b.created_at},
            {"updated_at", b.updated_at}};
}

json seat_term_json(const SeatTerm& t) {
    return {{"id", t.id},
            {"seat", t.seat},
            {"organisation", t.organisation},
            {"person", t.person ? json(t.person_name) : json(nullptr)},
            {"alternate", t.alternate ? json(t.alternate_name) : json(nullptr)},
            {"designated_on", t.designated_on.iso()},
            {"ends_on", optional_json(t.ends_on)},
            {"note", t.note}};
}

json seat_json(const Seat& s) {
    return {{"id", s.id},
            {"body", s.body},
            {"name", s.name},
            {"representation", s.representation},
            {"organisation", s.organisation},
            {"organisation_name", s.organisation_name},
            {"position", s.position},
            {"voting", s.voting},
            {"ordinal", s.ordinal},
            {"active", s.active},
            {"version", s.version},
            {"current", s.current ? seat_term_json(*s.current) : json(nullptr)}};
}

Result<std::vector<Body>> list_bodies(storage::Database& db, const access::Actor& who) {
    return detail::reading(db, [&]() -> Result<std::vector<Body>> {
        std::vector<Body> out;
        for (auto& b : select_bodies(db.session(), std::nullopt)) {
            if (b.visibility == "private" && !sees_private(who, b.id)) continue;
            out.push_back(std::move(b));
        }
        return out;
    });
}

Result<Body> get_body(storage::Database& db, const access::Actor& who, int64_t id) {
    return detail::reading(db, [&]() -> Result<Body> {
        auto found = select_bodies(db.session(), id);
        if (found.empty() || (found.front().visibility == "private" && !sees_private(who, id)))
            return make_error(ErrorCode::not_found, fmt::format("no hay órgano {} / no body {}", id, id));
        return found.front();
    });
}

Result<Body> create_body(storage::Database& db, const Clock& clock, const access::Actor& who,
                         const std::string& request_id, const NewBody& body) {
    if (!access::permits(who, "body.edit")) return detail::refused(who, "body.edit");
    Result<Body> created = make_error(ErrorCode::internal, "not created");
    const Status written = db.transaction([&]() -> Status {
        created = insert_body(db, clock, who, request_id, body, std::nullopt);
        return created ? ok_status() : Status(created.error());
    });
    if (!written) return written.error();
    return created;
}

Result<std::vector<Seat>> body_seats(storage::Database& db, const access::Actor& who, int64_t body, Date on) {
    TRY(get_body(db, who, body));
    return detail::reading(db, [&]() -> Result<std::vector<Seat>> {
        auto seats = select_seats(db.session(), "s.body_id = :id", body);
        for (auto& s : seats) s.current = term_on(select_terms(db.session(), s.id), on);
        return seats;
    });
}

Result<Seat> add_seat(storage::Database& db, const Clock& clock, const access::Actor& who,
                      const std::string& request_id, int64_t body, const NewSeat& seat) {
    if (!access::permits(who, "body.edit", {.body = body})) return detail::refused(who, "body.edit");
    Result<Seat> created = make_error(ErrorCode::internal, "not created");
    const Status written = db.transaction([&]() -> Status {
        created = insert_seat(db, clock, who, request_id, body, seat);
        return created ? ok_status() : Status(created.error());
    });
    if (!written) return written.error();
    return created;
}

Result<SeatTerm> designate(storage::Database& db, const Clock& clock, const access::Actor& who,
                           const std::string& request_id, int64_t seat, const Designation& d) {
    if (!access::permits(who, "body.edit")) return detail::refused(who, "body.edit");
    Result<SeatTerm> made = make_error(ErrorCode::internal, "not designated");
    const Status written = db.transaction([&]() -> Status {
        made = insert_term(db, clock, who, request_id, seat, d);
        return made ? ok_status() : Status(made.error());
    });
    if (!written) return written.error();
    return made;
}

Result<std::vector<SeatTerm>> seat_history(storage::Database& db, const access::Actor& who, int64_t seat) {
    return detail::reading(db, [&]() -> Result<std::vector<SeatTerm>> {
        auto seats = select_seats(db.session(), "s.id = :id", seat);
        if (seats.empty())
            return make_error(ErrorCode::not_found,
                              fmt::format("no hay asiento {} / no seat {}", seat, seat));
        TRY(get_body(db, who, seats.front().body));
        return select_terms(db.session(), seat);
    });
}

Result<int> seed_bodies(storage::Database& db, const Clock& clock, std::string_view region_id) {
    if (region_id != "laguna") return 0;
    // The source deck's "Mesa de Salud (4 mayo)": "Sumar esfuerzos y recursos para enfrentar la crisis
    // sanitaria en La Laguna", and its six seats in the deck's order, each held by the organisation access
    // seeds for it. Nobody is designated: the deck names the institutions, not the people.
    struct SeatSeed {
        const char* organisation_key;
        const char* name;
        const char* representation;
    };
    static const SeatSeed seats[] = {
        {"laguna-sociedad-civil", "Representantes de Sociedad Civil (Laguna)", "civil_society"},
        {"coahuila-ejecutivo", "Representante del ejecutivo estatal (Coahuila)", "state_executive"},
        {"coahuila-jurisdiccion-sanitaria",
         "Representante de la Jurisdicción Sanitaria (Torreón, Matamoros y Viesca)", "health_jurisdiction"},
        {"torreon-ejecutivo", "Representante del ejecutivo municipal (Torreón)", "municipal_executive"},
        {"gomez-palacio-salud", "Representante de salud municipal (Gómez Palacio)", "municipal_health"},
        {"mando-especial", "Representante del Mando Especial (SEDENA / Metropolitano)",
         "federal_armed_forces"},
    };
    const access::Actor system = access::system_actor();
    int added = 0;
    const Status written = db.transaction([&]() -> Status {
        long long present = 0;
        db.session() << "SELECT COUNT(*) FROM bodies WHERE seed_key = 'laguna-mesa-salud'",
            soci::into(present);
        if (present > 0) return ok_status();
        NewBody mesa;
        mesa.name = "Mesa de Salud de La Laguna";
        mesa.short_name = "Mesa de Salud";
        mesa.kind = "mesa";
        mesa.visibility = "public";
        mesa.region_id = "laguna";
        mesa.description = "Sumar esfuerzos y recursos para enfrentar la crisis sanitaria en La Laguna";
        mesa.installed_on = Date::from_ymd(2020, 5, 4);
        TRY_ASSIGN(body, insert_body(db, clock, system, "", mesa, std::string("laguna-mesa-salud")));
        for (const auto& s : seats) {
            auto organisation = access::find_seed_organisation(db, s.organisation_key);
            if (!organisation) {
                return make_error(organisation.error().code,
                                  fmt::format("seeding the Mesa de Salud: {}", organisation.error().message));
            }
            NewSeat seat;
            seat.name = s.name;
            seat.representation = s.representation;
            seat.organisation = organisation->id;
            TRY_ASSIGN(made, insert_seat(db, clock, system, "", body.id, seat));
            TRY(insert_term(db, clock, system, "", made.id, {"", "", *mesa.installed_on, ""}));
        }
        ++added;
        return ok_status();
    });
    if (!written) return written.error();
    return added;
}

}  // namespace metropoli::coordination
