// SPDX-License-Identifier: MIT
#include "coordination/activities.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <set>

#include "access/audit.hpp"
#include "access/permissions.hpp"
#include "coordination/activity_support.hpp"
#include "coordination/convenio_support.hpp"
#include "coordination/store_support.hpp"

namespace metropoli::coordination {

using nlohmann::json;

namespace {

using detail::optional_json;

bool all_digits(const std::string& s, size_t n) {
    return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

constexpr const char* k_columns =
    "a.id, a.organisation_id, o.name, a.programming_id, p.name, a.funding_id, f.name, a.sector, a.activity, "
    "a.adm1, a.adm2, a.latitude, a.longitude, a.start_date, a.end_date, a.status, a.reached, a.targeted, "
    "a.notes, "
    "a.example, a.version, a.created_at, a.updated_at FROM activities a JOIN organisations o ON o.id = "
    "a.organisation_id LEFT JOIN organisations p ON p.id = a.programming_id LEFT JOIN organisations f ON "
    "f.id = "
    "a.funding_id";

Activity from_row(const soci::row& row) {
    Activity a;
    a.id = storage::get_int64(row, 0);
    a.organisation = storage::get_int64(row, 1);
    a.organisation_name = row.get<std::string>(2);
    a.programming = detail::optional_id(row, 3);
    a.programming_name = detail::text_or_empty(row, 4);
    a.funding = detail::optional_id(row, 5);
    a.funding_name = detail::text_or_empty(row, 6);
    a.sector = row.get<std::string>(7);
    a.activity = row.get<std::string>(8);
    a.adm1 = row.get<std::string>(9);
    if (row.get_indicator(10) == soci::i_ok) a.adm2 = row.get<std::string>(10);
    if (row.get_indicator(11) == soci::i_ok) a.latitude = detail::get_number(row, 11);
    if (row.get_indicator(12) == soci::i_ok) a.longitude = detail::get_number(row, 12);
    a.start_date = *Date::parse_iso(row.get<std::string>(13));
    a.end_date = detail::optional_date(row, 14);
    a.status = row.get<std::string>(15);
    a.reached = detail::optional_id(row, 16);
    a.targeted = detail::optional_id(row, 17);
    a.notes = row.get<std::string>(18);
    a.example = storage::get_int64(row, 19) != 0;
    a.version = storage::get_int64(row, 20);
    a.created_at = row.get<std::string>(21);
    a.updated_at = row.get<std::string>(22);
    return a;
}

std::vector<Activity> select(soci::session& sql, std::optional<long long> id) {
    std::vector<Activity> out;
    if (id) {
        soci::rowset<soci::row> rows =
            (sql.prepare << fmt::format("SELECT {} WHERE a.id = :id", k_columns), soci::use(*id));
        for (const auto& row : rows) out.push_back(from_row(row));
    } else {
        soci::rowset<soci::row> rows =
            (sql.prepare << fmt::format("SELECT {} ORDER BY a.sector, a.adm2, o.name, a.start_date, a.id",
                                        k_columns));
        for (const auto& row : rows) out.push_back(from_row(row));
    }
    return out;
}

bool keeps(const ActivityFilter& f, const Activity& a) {
    if (f.sector && a.sector != *f.sector) return false;
    if (f.adm1 && a.adm1 != *f.adm1) return false;
    if (f.adm2 && a.adm2 != f.adm2) return false;
    if (f.status && a.status != *f.status) return false;
    if (f.organisation && a.organisation != *f.organisation && a.programming != f.organisation &&
        a.funding != f.organisation)
        return false;
    return true;
}

Status check_organisation(soci::session& sql, std::string_view field, std::optional<int64_t> id) {
    if (!id) return ok_status();
    long long o = *id, known = 0;
    sql << "SELECT COUNT(*) FROM organisations WHERE id = :o", soci::use(o), soci::into(known);
    if (known == 0)
        return detail::invalid(field, fmt::format("no hay organización {} / no organisation {}", o, o));
    return ok_status();
}

Status validate(soci::session& sql, const ActivityFields& f) {
    TRY(check_organisation(sql, "organisation", f.organisation));
    TRY(check_organisation(sql, "programming", f.programming));
    TRY(check_organisation(sql, "funding", f.funding));
    for (auto [field, value] :
         {std::pair<const char*, const std::string*>{"sector", &f.sector}, {"activity", &f.activity}}) {
        if (value->find_first_not_of(' ') == std::string::npos)
            return detail::invalid(field, "es obligatorio / is required");
        if (value->size() > 200) return detail::invalid(field, "más de 200 bytes / longer than 200 bytes");
    }
    if (!all_digits(f.adm1, 2))
        return detail::invalid("adm1", "clave INEGI de estado: 05 / an INEGI state code");
    if (f.adm2) {
        if (!all_digits(*f.adm2, 5))
            return detail::invalid("adm2", "clave INEGI de municipio: 05035 / an INEGI municipality code");
        if (f.adm2->substr(0, 2) != f.adm1)
            return detail::invalid(
                "adm2", fmt::format("el municipio {} no está en el estado {} / not in state {}", *f.adm2,
                                    f.adm1, f.adm1));
    }
    if (f.latitude.has_value() != f.longitude.has_value())
        return detail::invalid(f.latitude ? "longitude" : "latitude",
                               "latitud y longitud van juntas / latitude and longitude go together");
    if (f.latitude && (*f.latitude < -90 || *f.latitude > 90))
        return detail::invalid("latitude", "entre -90 y 90 / between -90 and 90");
    if (f.longitude && (*f.longitude < -180 || *f.longitude > 180))
        return detail::invalid("longitude", "entre -180 y 180 / between -180 and 180");
    if (!f.start_date) return detail::invalid("start_date", "es obligatoria / is required");
    if (f.end_date && *f.end_date < *f.start_date)
        return detail::invalid("end_date", "anterior al inicio / before start_date");
    const auto& statuses = activity_statuses();
    if (std::find(statuses.begin(), statuses.end(), f.status) == statuses.end())
        return detail::invalid("status", "planned, ongoing, completed o suspended / or suspended");
    if (f.reached && *f.reached < 0) return detail::invalid("reached", "no negativo / not negative");
    if (f.targeted && *f.targeted < 0) return detail::invalid("targeted", "no negativo / not negative");
    if (f.notes.size() > 2000) return detail::invalid("notes", "más de 2000 bytes / longer than 2000 bytes");
    return ok_status();
}

json audited(const Activity& a) {
    json out = activity_json(a);
    for (const char* k : {"id", "version", "created_at", "updated_at", "organisation_name",
                          "programming_name", "funding_name"})
        out.erase(k);
    return out;
}

// The binding of the optional columns of one write.
struct Bound {
    long long org = 0, prog = 0, fund = 0, reached = 0, targeted = 0;
    soci::indicator prog_ind = soci::i_null, fund_ind = soci::i_null, reached_ind = soci::i_null,
                    targeted_ind = soci::i_null, adm2_ind = soci::i_null, geo_ind = soci::i_null,
                    end_ind = soci::i_null;
    std::string adm2, start, end;
    double lat = 0, lon = 0;
    explicit Bound(const ActivityFields& f) {
        org = f.organisation;
        if (f.programming) prog = *f.programming, prog_ind = soci::i_ok;
        if (f.funding) fund = *f.funding, fund_ind = soci::i_ok;
        if (f.reached) reached = *f.reached, reached_ind = soci::i_ok;
        if (f.targeted) targeted = *f.targeted, targeted_ind = soci::i_ok;
        if (f.adm2) adm2 = *f.adm2, adm2_ind = soci::i_ok;
        if (f.latitude) lat = *f.latitude, lon = *f.longitude, geo_ind = soci::i_ok;
        start = f.start_date->iso();
        if (f.end_date) end = f.end_date->iso(), end_ind = soci::i_ok;
    }
};

Status permitted(const access::Actor& who, int64_t organisation) {
    if (!access::permits(who, "contribution.edit", {.organisation = organisation}))
        return detail::refused(who, "contribution.edit");
    return ok_status();
}

}  // namespace

namespace detail {

Result<int64_t> insert_activity(storage::Database& db, const Clock& clock, const access::Actor& who,
                                const std::string& request_id, const ActivityFields& f) {
    TRY(permitted(who, f.organisation));
    auto& sql = db.session();
    TRY(validate(sql, f));
    Bound b(f);
    const std::string now = clock.now_iso();
    long long id = 0;
    sql << "INSERT INTO activities (organisation_id, programming_id, funding_id, sector, activity, adm1, "
           "adm2, "
           "latitude, longitude, start_date, end_date, status, reached, targeted, notes, created_at, "
           "updated_at) "
           "VALUES (:o, :p, :f, :s, :a, :a1, :a2, :lat, :lon, :sd, :ed, :st, :r, :t, :n, :c, :u) RETURNING "
           "id",
        soci::use(b.org), soci::use(b.prog, b.prog_ind), soci::use(b.fund, b.fund_ind), soci::use(f.sector),
        soci::use(f.activity), soci::use(f.adm1), soci::use(b.adm2, b.adm2_ind), soci::use(b.lat, b.geo_ind),
        soci::use(b.lon, b.geo_ind), soci::use(b.start), soci::use(b.end, b.end_ind), soci::use(f.status),
        soci::use(b.reached, b.reached_ind), soci::use(b.targeted, b.targeted_ind), soci::use(f.notes),
        soci::use(now), soci::use(now), soci::into(id);
    auto stored = select(sql, id);
    if (stored.empty()) return make_error(ErrorCode::internal, "an inserted activity is missing");
    TRY(access::audit(db, clock, who, request_id,
                      {"activity.create", "activity", std::to_string(id),
                       access::diff_of(json::object(), audited(stored.front()))}));
    return static_cast<int64_t>(id);
}

}  // namespace detail

const std::vector<std::string>& activity_statuses() {
    static const std::vector<std::string> k{"planned", "ongoing", "completed", "suspended"};
    return k;
}

json activity_json(const Activity& a) {
    return {{"id", a.id},
            {"organisation", a.organisation},
            {"organisation_name", a.organisation_name},
            {"programming", optional_json(a.programming)},
            {"programming_name", a.programming ? json(a.programming_name) : json(nullptr)},
            {"funding", optional_json(a.funding)},
            {"funding_name", a.funding ? json(a.funding_name) : json(nullptr)},
            {"sector", a.sector},
            {"activity", a.activity},
            {"adm1", a.adm1},
            {"adm2", optional_json(a.adm2)},
            {"latitude", optional_json(a.latitude)},
            {"longitude", optional_json(a.longitude)},
            {"start_date", a.start_date.iso()},
            {"end_date", optional_json(a.end_date)},
            {"status", a.status},
            {"reached", optional_json(a.reached)},
            {"targeted", optional_json(a.targeted)},
            {"notes", a.notes},
            {"example", a.example},
            {"version", a.version},
            {"created_at", a.created_at},
            {"updated_at", a.updated_at}};
}

Result<ActivityFields> activity_fields_from_json(const json& body) {
    ActivityFields f;
    auto id = [&](const char* key, std::optional<int64_t>& into, bool required) -> Status {
        if (!body.contains(key) || body[key].is_null()) {
            if (required) return detail::invalid(key, "es obligatorio / is required");
            return ok_status();
        }
        if (!body[key].is_number_integer())
            return detail::invalid(key, "debe ser un entero / must be an integer");
        into = body[key].get<int64_t>();
        return ok_status();
    };
    auto text = [&](const char* key, std::string& into) -> Status {
        if (!body.contains(key) || body[key].is_null()) return ok_status();
        if (!body[key].is_string()) return detail::invalid(key, "debe ser texto / must be a string");
        into = body[key].get<std::string>();
        return ok_status();
    };
    auto date = [&](const char* key, std::optional<Date>& into) -> Status {
        if (!body.contains(key) || body[key].is_null()) return ok_status();
        auto d = body[key].is_string() ? Date::parse_iso(body[key].get<std::string>()) : std::nullopt;
        if (!d) return detail::invalid(key, "fecha AAAA-MM-DD / a YYYY-MM-DD date");
        into = d;
        return ok_status();
    };
    auto number = [&](const char* key, std::optional<double>& into) -> Status {
        if (!body.contains(key) || body[key].is_null()) return ok_status();
        if (!body[key].is_number()) return detail::invalid(key, "debe ser un número / must be a number");
        into = body[key].get<double>();
        return ok_status();
    };
    std::optional<int64_t> organisation;
    TRY(id("organisation", organisation, true));
    f.organisation = *organisation;
    TRY(id("programming", f.programming, false));
    TRY(id("funding", f.funding, false));
    TRY(text("sector", f.sector));
    TRY(text("activity", f.activity));
    TRY(text("adm1", f.adm1));
    std::string adm2;
    TRY(text("adm2", adm2));
    if (!adm2.empty()) f.adm2 = adm2;
    TRY(number("latitude", f.latitude));
    TRY(number("longitude", f.longitude));
    TRY(date("start_date", f.start_date));
    TRY(date("end_date", f.end_date));
    TRY(text("status", f.status));
    TRY(id("reached", f.reached, false));
    TRY(id("targeted", f.targeted, false));
    TRY(text("notes", f.notes));
    return f;
}

Result<std::vector<Activity>> list_activities(storage::Database& db, const ActivityFilter& filter) {
    return detail::reading(db, [&]() -> Result<std::vector<Activity>> {
        std::vector<Activity> out;
        for (auto& a : select(db.session(), std::nullopt))
            if (keeps(filter, a)) out.push_back(std::move(a));
        return out;
    });
}

Result<Activity> get_activity(storage::Database& db, int64_t id) {
    return detail::reading(db, [&]() -> Result<Activity> {
        auto found = select(db.session(), id);
        if (found.empty())
            return make_error(ErrorCode::not_found,
                              fmt::format("no hay actividad {} / no activity {}", id, id));
        return found.front();
    });
}

Result<Activity> create_activity(storage::Database& db, const Clock& clock, const access::Actor& who,
                                 const std::string& request_id, const ActivityFields& fields) {
    TRY(permitted(who, fields.organisation));
    int64_t id = 0;
    const Status written = db.transaction([&]() -> Status {
        TRY_ASSIGN(made, detail::insert_activity(db, clock, who, request_id, fields));
        id = made;
        return ok_status();
    });
    if (!written) return written.error();
    return get_activity(db, id);
}

Result<Activity> update_activity(storage::Database& db, const Clock& clock, const access::Actor& who,
                                 const std::string& request_id, int64_t id, int64_t version,
                                 const ActivityFields& f) {
    TRY(permitted(who, f.organisation));
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        auto found = select(sql, id);
        if (found.empty())
            return make_error(ErrorCode::not_found,
                              fmt::format("no hay actividad {} / no activity {}", id, id));
        const Activity& before = found.front();
        TRY(permitted(who, before.organisation));
        if (before.version != version) {
            return make_error(
                ErrorCode::precondition_failed,
                fmt::format("la actividad cambió: su versión es v{} / the activity changed since it "
                            "was read: its version is now v{}",
                            before.version, before.version));
        }
        TRY(validate(sql, f));
        Bound b(f);
        const std::string now = clock.now_iso();
        long long key = id;
        sql << "UPDATE activities SET organisation_id = :o, programming_id = :p, funding_id = :f, sector = "
               ":s, "
               "activity = :a, adm1 = :a1, adm2 = :a2, latitude = :lat, longitude = :lon, start_date = :sd, "
               "end_date = :ed, status = :st, reached = :r, targeted = :t, notes = :n, version = version + "
               "1, "
               "updated_at = :u WHERE id = :id",
            soci::use(b.org), soci::use(b.prog, b.prog_ind), soci::use(b.fund, b.fund_ind),
            soci::use(f.sector), soci::use(f.activity), soci::use(f.adm1), soci::use(b.adm2, b.adm2_ind),
            soci::use(b.lat, b.geo_ind), soci::use(b.lon, b.geo_ind), soci::use(b.start),
            soci::use(b.end, b.end_ind), soci::use(f.status), soci::use(b.reached, b.reached_ind),
            soci::use(b.targeted, b.targeted_ind), soci::use(f.notes), soci::use(now), soci::use(key);
        auto after = select(sql, id);
        return access::audit(db, clock, who, request_id,
                             {"activity.update", "activity", std::to_string(id),
                              access::diff_of(audited(before), audited(after.front()))});
    });
    if (!written) return written.error();
    return get_activity(db, id);
}

std::vector<Place> region_places(const Region& region) {
    std::vector<Place> out;
    for (const auto& zone_id : region.metro_zones) {
        const Jurisdiction* zone = region.find(zone_id);
        if (zone == nullptr) continue;
        for (const auto& code : region.municipalities_of(*zone)) {
            if (std::any_of(out.begin(), out.end(), [&](const Place& p) { return p.code == code; })) continue;
            const Jurisdiction* m = region.find(code);
            out.push_back({code, m ? m->name : code});
        }
    }
    return out;
}

json matrix_json(const Matrix& m) {
    json places = json::array();
    for (const auto& p : m.places) places.push_back({{"code", p.code}, {"name", p.name}});
    auto name_of = [&](const std::string& code) {
        for (const auto& p : m.places)
            if (p.code == code) return p.name;
        return code;
    };
    json cells = json::array(), gaps = json::array(), overlaps = json::array();
    for (const auto& c : m.cells) {
        cells.push_back({{"sector", c.sector},
                         {"adm2", c.adm2},
                         {"activities", c.activities},
                         {"reached", c.reached},
                         {"organisations", c.organisations},
                         {"gap", c.gap},
                         {"overlap", c.overlap}});
        if (c.gap) {
            gaps.push_back({{"sector", c.sector},
                            {"adm2", c.adm2},
                            {"municipality", name_of(c.adm2)},
                            {"text", fmt::format("Sin actividades de {} en {} / no {} activities in {}",
                                                 c.sector, name_of(c.adm2), c.sector, name_of(c.adm2))}});
        }
        if (c.overlap) {
            std::string names;
            for (const auto& o : c.organisations) names += (names.empty() ? "" : ", ") + o;
            overlaps.push_back(
                {{"sector", c.sector},
                 {"adm2", c.adm2},
                 {"municipality", name_of(c.adm2)},
                 {"organisations", c.organisations},
                 {"text", fmt::format("{} organizaciones en {} en {}: {} / {} organisations in {} "
                                      "in {}",
                                      c.organisations.size(), c.sector, name_of(c.adm2), names,
                                      c.organisations.size(), c.sector, name_of(c.adm2))}});
        }
    }
    return {{"sectors", m.sectors}, {"places", places},     {"cells", cells},
            {"gaps", gaps},         {"overlaps", overlaps}, {"without_municipality", m.without_municipality}};
}

Result<Matrix> activity_matrix(storage::Database& db, const std::vector<Place>& places,
                               const ActivityFilter& filter) {
    ActivityFilter kept = filter;
    kept.adm2.reset();
    TRY_ASSIGN(activities, list_activities(db, kept));
    Matrix m;
    m.places = places;
    std::set<std::string> sectors;
    struct Acc {
        int activities = 0;
        int64_t reached = 0;
        std::set<std::string> organisations;
    };
    std::map<std::pair<std::string, std::string>, Acc> acc;
    for (const auto& a : activities) {
        sectors.insert(a.sector);
        if (!a.adm2) {
            ++m.without_municipality;
            continue;
        }
        if (std::none_of(m.places.begin(), m.places.end(), [&](const Place& p) { return p.code == *a.adm2; }))
            m.places.push_back({*a.adm2, *a.adm2});
        auto& cell = acc[{a.sector, *a.adm2}];
        ++cell.activities;
        cell.reached += a.reached.value_or(0);
        cell.organisations.insert(a.organisation_name);
    }
    m.sectors.assign(sectors.begin(), sectors.end());
    for (const auto& s : m.sectors) {
        bool active_somewhere = false;
        for (const auto& p : m.places) active_somewhere = active_somewhere || acc.count({s, p.code}) > 0;
        for (const auto& p : m.places) {
            MatrixCell c;
            c.sector = s;
            c.adm2 = p.code;
            if (auto it = acc.find({s, p.code}); it != acc.end()) {
                c.activities = it->second.activities;
                c.reached = it->second.reached;
                c.organisations.assign(it->second.organisations.begin(), it->second.organisations.end());
            }
            c.gap = active_somewhere && c.activities == 0;
            c.overlap = c.organisations.size() >= 2;
            m.cells.push_back(std::move(c));
        }
    }
    return m;
}

}  // namespace metropoli::coordination
