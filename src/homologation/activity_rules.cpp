// SPDX-License-Identifier: MIT
#include "homologation/activity_rules.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>

#include "access/audit.hpp"
#include "access/permissions.hpp"
#include "homologation/activity_rule_store.hpp"
#include "homologation/activity_rule_support.hpp"
#include "storage/row_values.hpp"

namespace metropoli::homologation {

using nlohmann::json;

namespace {

constexpr const char* k_action = "activity_rule.edit";

bool all_digits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

constexpr const char* k_rule_select =
    "SELECT r.id, c.key, c.name_es, c.name_en, r.level, r.jurisdiction, r.area, r.municipalities, r.colour, "
    "r.valid_from, r.valid_to, r.allowed, r.capacity_pct, r.opens, r.closes, r.max_people, "
    "r.max_stay_minutes, "
    "r.conditions_es, r.conditions_en, s.id, s.key, s.kind, s.title, s.issuer, s.published_on, s.url, "
    "s.note, "
    "r.unverified, r.verification_note, r.bundled, r.version, r.created_at, r.updated_at FROM activity_rules "
    "r "
    "JOIN activity_catalogue c ON c.id = r.activity_id JOIN activity_rule_sources s ON s.id = r.source_id";

ActivityRule rule_from_row(const soci::row& row) {
    ActivityRule r;
    r.id = storage::get_int64(row, 0);
    r.activity = row.get<std::string>(1);
    r.activity_name = {row.get<std::string>(2), row.get<std::string>(3)};
    r.level = row.get<std::string>(4);
    r.jurisdiction = row.get<std::string>(5);
    r.area = row.get<std::string>(6);
    r.municipalities = detail::split_list(row.get<std::string>(7));
    r.colour = storage::optional_text(row, 8);
    r.valid_from = storage::optional_date(row, 9);
    r.valid_to = storage::optional_date(row, 10);
    r.allowed = row.get<std::string>(11);
    r.capacity_pct = storage::optional_int(row, 12);
    r.opens = storage::optional_text(row, 13);
    r.closes = storage::optional_text(row, 14);
    r.max_people = storage::optional_int(row, 15);
    r.max_stay_minutes = storage::optional_int(row, 16);
    r.conditions = {row.get<std::string>(17), row.get<std::string>(18)};
    r.source.id = storage::get_int64(row, 19);
    r.source.key = row.get<std::string>(20);
    r.source.kind = row.get<std::string>(21);
    r.source.title = row.get<std::string>(22);
    r.source.issuer = row.get<std::string>(23);
    r.source.published_on = storage::optional_date(row, 24);
    r.source.url = row.get<std::string>(25);
    r.source.note = row.get<std::string>(26);
    r.unverified = storage::get_int64(row, 27) != 0;
    r.verification_note = row.get<std::string>(28);
    r.bundled = storage::get_int64(row, 29) != 0;
    r.version = storage::get_int64(row, 30);
    r.created_at = row.get<std::string>(31);
    r.updated_at = row.get<std::string>(32);
    return r;
}

std::vector<ActivityRule> select(soci::session& sql, std::optional<long long> id) {
    std::vector<ActivityRule> out;
    if (id) {
        soci::rowset<soci::row> rows =
            (sql.prepare << fmt::format("{} WHERE r.id = :id", k_rule_select), soci::use(*id));
        for (const auto& row : rows) out.push_back(rule_from_row(row));
    } else {
        soci::rowset<soci::row> rows =
            (sql.prepare << fmt::format(
                 "{} ORDER BY c.position, r.jurisdiction, r.valid_from, r.colour, r.id", k_rule_select));
        for (const auto& row : rows) out.push_back(rule_from_row(row));
    }
    return out;
}

bool valid_time(const std::string& t) {
    if (t.size() != 5 || t[2] != ':' || !all_digits(t.substr(0, 2)) || !all_digits(t.substr(3, 2)))
        return false;
    const int h = std::stoi(t.substr(0, 2)), m = std::stoi(t.substr(3, 2));
    return (h < 24 && m < 60) || (h == 24 && m == 0);
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

// The ids of the activity and the source; invalid_argument naming the field otherwise.
Result<std::pair<long long, long long>> validate(soci::session& sql, const ActivityRuleFields& f) {
    long long activity = 0, source = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT id FROM activity_catalogue WHERE key = :k", soci::use(f.activity),
        soci::into(activity, ind);
    if (!sql.got_data() || ind != soci::i_ok)
        return detail::invalid("activity",
                               fmt::format("no hay actividad '{}' en el catálogo / no activity '{}' "
                                           "in the catalogue",
                                           f.activity, f.activity));
    const std::string level = level_of(f.jurisdiction);
    if (level.empty())
        return detail::invalid("jurisdiction",
                               "00, una clave INEGI de estado (05) o de municipio (05035) / 00, "
                               "an INEGI state (05) or municipality (05035) code");
    for (const auto& m : f.municipalities) {
        if (m.size() != 5 || !all_digits(m))
            return detail::invalid("municipalities",
                                   fmt::format("'{}' no es una clave INEGI de municipio / is "
                                               "not an INEGI municipality code",
                                               m));
        if (level == "municipality" || (level == "state" && m.substr(0, 2) != f.jurisdiction))
            return detail::invalid("municipalities", fmt::format("{} no está en {} / is not in {}", m,
                                                                 f.jurisdiction, f.jurisdiction));
    }
    if (f.colour && !contains(semaforo_colours(), *f.colour))
        return detail::invalid("colour", "rojo, naranja, amarillo o verde / or verde");
    if (f.valid_to && !f.valid_from)
        return detail::invalid("valid_from", "obligatoria con valid_to / required with valid_to");
    if (f.valid_to && *f.valid_to < *f.valid_from)
        return detail::invalid("valid_to", "anterior a valid_from / before valid_from");
    if (!contains(allowed_values(), f.allowed))
        return detail::invalid("allowed", "yes, no o restricted / or restricted");
    if (f.capacity_pct && (*f.capacity_pct < 0 || *f.capacity_pct > 100))
        return detail::invalid("capacity_pct",
                               fmt::format("{} %: entre 0 y 100 / between 0 and 100", *f.capacity_pct));
    for (auto [field, value] : {std::pair{"opens", &f.opens}, std::pair{"closes", &f.closes}}) {
        if (*value && !valid_time(**value))
            return detail::invalid(
                field, fmt::format("'{}': HH:MM de 00:00 a 24:00 / HH:MM from 00:00 to 24:00", **value));
    }
    if (f.max_people && *f.max_people < 0) return detail::invalid("max_people", "no negativo / not negative");
    if (f.max_stay_minutes && *f.max_stay_minutes <= 0)
        return detail::invalid("max_stay_minutes", "mayor que 0 / greater than 0");
    for (auto [field, value] :
         {std::pair{"area", &f.area}, std::pair{"verification_note", &f.verification_note},
          std::pair{"conditions/es", &f.conditions.es}, std::pair{"conditions/en", &f.conditions.en}}) {
        if (value->size() > 2000) return detail::invalid(field, "más de 2000 bytes / longer than 2000 bytes");
    }
    sql << "SELECT id FROM activity_rule_sources WHERE key = :k", soci::use(f.source),
        soci::into(source, ind);
    if (!sql.got_data() || ind != soci::i_ok)
        return detail::invalid("source",
                               fmt::format("no hay fuente '{}' / no source '{}'", f.source, f.source));
    return std::pair{activity, source};
}

json audited(const ActivityRule& r) {
    json out = activity_rule_json(r);
    for (const char* k : {"id", "version", "created_at", "updated_at", "activity_name"}) out.erase(k);
    out["source"] = r.source.key;
    return out;
}

// The bound values of one write: NULLs through NULLIF, never indicators (see ARCHITECTURE.md, SOCI notes).
struct Bound {
    long long activity = 0, source = 0;
    std::string level, municipalities, colour, from, to, opens, closes;
    int capacity = -1, people = -1, stay = -1, unverified = 0;
    Bound(const ActivityRuleFields& f, std::pair<long long, long long> ids)
        : activity(ids.first), source(ids.second), level(level_of(f.jurisdiction)) {
        municipalities = detail::join_list(f.municipalities);
        colour = f.colour.value_or("");
        from = f.valid_from ? f.valid_from->iso() : "";
        to = f.valid_to ? f.valid_to->iso() : "";
        opens = f.opens.value_or("");
        closes = f.closes.value_or("");
        capacity = f.capacity_pct.value_or(-1);
        people = f.max_people.value_or(-1);
        stay = f.max_stay_minutes.value_or(-1);
        unverified = f.unverified ? 1 : 0;
    }
};

Status permitted(const access::Actor& who) {
    if (!access::permits(who, k_action)) return detail::refused(who, k_action);
    return ok_status();
}

}  // namespace

namespace detail {

Result<int64_t> insert_activity_rule(storage::Database& db, const Clock& clock, const access::Actor& who,
                                     const std::string& request_id, const ActivityRuleFields& f,
                                     bool bundled) {
    auto& sql = db.session();
    TRY_ASSIGN(ids, validate(sql, f));
    Bound b(f, ids);
    const std::string now = clock.now_iso();
    int bundled_flag = bundled ? 1 : 0;
    long long id = 0;
    sql << "INSERT INTO activity_rules (activity_id, level, jurisdiction, area, municipalities, colour, "
           "valid_from, "
           "valid_to, allowed, capacity_pct, opens, closes, max_people, max_stay_minutes, conditions_es, "
           "conditions_en, source_id, unverified, verification_note, bundled, created_at, updated_at) VALUES "
           "(:a, "
           ":l, :j, :ar, :m, NULLIF(:c, ''), NULLIF(:vf, ''), NULLIF(:vt, ''), :al, NULLIF(:cap, -1), "
           "NULLIF(:o, "
           "''), NULLIF(:cl, ''), NULLIF(:mp, -1), NULLIF(:ms, -1), :ces, :cen, :s, :u, :vn, :b, :cr, :up) "
           "RETURNING id",
        soci::use(b.activity), soci::use(b.level), soci::use(f.jurisdiction), soci::use(f.area),
        soci::use(b.municipalities), soci::use(b.colour), soci::use(b.from), soci::use(b.to),
        soci::use(f.allowed), soci::use(b.capacity), soci::use(b.opens), soci::use(b.closes),
        soci::use(b.people), soci::use(b.stay), soci::use(f.conditions.es), soci::use(f.conditions.en),
        soci::use(b.source), soci::use(b.unverified), soci::use(f.verification_note), soci::use(bundled_flag),
        soci::use(now), soci::use(now), soci::into(id);
    if (!bundled) {
        auto stored = select(sql, id);
        if (stored.empty()) return make_error(ErrorCode::internal, "an inserted activity rule is missing");
        TRY(access::audit(db, clock, who, request_id,
                          {"activity_rule.create", "activity_rule", std::to_string(id),
                           access::diff_of(json::object(), audited(stored.front()))}));
    }
    return static_cast<int64_t>(id);
}

}  // namespace detail

const std::vector<std::string>& semaforo_colours() {
    static const std::vector<std::string> k{"rojo", "naranja", "amarillo", "verde"};
    return k;
}

const std::vector<std::string>& allowed_values() {
    static const std::vector<std::string> k{"yes", "no", "restricted"};
    return k;
}

std::string level_of(const std::string& jurisdiction) {
    if (jurisdiction == "00") return "federal";
    if (!all_digits(jurisdiction)) return "";
    if (jurisdiction.size() == 2) return "state";
    if (jurisdiction.size() == 5) return "municipality";
    return "";
}

bool ActivityRule::in_force(Date day, const std::optional<std::string>& colour_of_day,
                            const std::string& code) const {
    if (!valid_from || day < *valid_from) return false;
    if (valid_to && *valid_to < day) return false;
    if (colour && colour != colour_of_day) return false;
    if (level == "municipality" && jurisdiction != code) return false;
    if (level == "state" && code.substr(0, 2) != jurisdiction) return false;
    return municipalities.empty() || contains(municipalities, code);
}

Result<std::vector<ActivityRule>> list_activity_rules(storage::Database& db,
                                                      const ActivityRuleFilter& filter) {
    return detail::reading(db, [&]() -> Result<std::vector<ActivityRule>> {
        std::vector<ActivityRule> out;
        for (auto& r : select(db.session(), std::nullopt)) {
            if (filter.activity && r.activity != *filter.activity) continue;
            if (filter.jurisdiction && r.jurisdiction != *filter.jurisdiction) continue;
            if (filter.on &&
                (!r.valid_from || *filter.on < *r.valid_from || (r.valid_to && *r.valid_to < *filter.on)))
                continue;
            out.push_back(std::move(r));
        }
        return out;
    });
}

Result<ActivityRule> get_activity_rule(storage::Database& db, int64_t id) {
    return detail::reading(db, [&]() -> Result<ActivityRule> {
        auto found = select(db.session(), id);
        if (found.empty())
            return make_error(ErrorCode::not_found,
                              fmt::format("no hay regla {} / no activity rule {}", id, id));
        return found.front();
    });
}

Result<ActivityRule> create_activity_rule(storage::Database& db, const Clock& clock, const access::Actor& who,
                                          const std::string& request_id, const ActivityRuleFields& fields) {
    TRY(permitted(who));
    int64_t id = 0;
    const Status written = db.transaction([&]() -> Status {
        TRY_ASSIGN(made, detail::insert_activity_rule(db, clock, who, request_id, fields, false));
        id = made;
        return ok_status();
    });
    if (!written) return written.error();
    return get_activity_rule(db, id);
}

Result<ActivityRule> update_activity_rule(storage::Database& db, const Clock& clock, const access::Actor& who,
                                          const std::string& request_id, int64_t id, int64_t version,
                                          const ActivityRuleFields& f) {
    TRY(permitted(who));
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        auto found = select(sql, id);
        if (found.empty())
            return make_error(ErrorCode::not_found,
                              fmt::format("no hay regla {} / no activity rule {}", id, id));
        const ActivityRule& before = found.front();
        if (before.version != version)
            return make_error(
                ErrorCode::precondition_failed,
                fmt::format("la regla cambió: su versión es v{} / the activity rule changed since it "
                            "was read: its version is now v{}",
                            before.version, before.version));
        TRY_ASSIGN(ids, validate(sql, f));
        Bound b(f, ids);
        const std::string now = clock.now_iso();
        long long key = id;
        sql << "UPDATE activity_rules SET activity_id = :a, level = :l, jurisdiction = :j, area = :ar, "
               "municipalities = :m, colour = NULLIF(:c, ''), valid_from = NULLIF(:vf, ''), valid_to = "
               "NULLIF(:vt, "
               "''), allowed = :al, capacity_pct = NULLIF(:cap, -1), opens = NULLIF(:o, ''), closes = "
               "NULLIF(:cl, "
               "''), max_people = NULLIF(:mp, -1), max_stay_minutes = NULLIF(:ms, -1), conditions_es = :ces, "
               "conditions_en = :cen, source_id = :s, unverified = :u, verification_note = :vn, version = "
               "version "
               "+ 1, updated_at = :up WHERE id = :id",
            soci::use(b.activity), soci::use(b.level), soci::use(f.jurisdiction), soci::use(f.area),
            soci::use(b.municipalities), soci::use(b.colour), soci::use(b.from), soci::use(b.to),
            soci::use(f.allowed), soci::use(b.capacity), soci::use(b.opens), soci::use(b.closes),
            soci::use(b.people), soci::use(b.stay), soci::use(f.conditions.es), soci::use(f.conditions.en),
            soci::use(b.source), soci::use(b.unverified), soci::use(f.verification_note), soci::use(now),
            soci::use(key);
        auto after = select(sql, id);
        return access::audit(db, clock, who, request_id,
                             {"activity_rule.update", "activity_rule", std::to_string(id),
                              access::diff_of(audited(before), audited(after.front()))});
    });
    if (!written) return written.error();
    return get_activity_rule(db, id);
}

}  // namespace metropoli::homologation
