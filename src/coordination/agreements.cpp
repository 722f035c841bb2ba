// SPDX-License-Identifier: MIT
// Agreements and their statuses: reading them back, the checks of their fields, creating and editing them.
#include "coordination/agreements.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <set>

#include "access/audit.hpp"
#include "access/permissions.hpp"
#include "coordination/agreement_support.hpp"
#include "coordination/store_support.hpp"

namespace metropoli::coordination {

using nlohmann::json;

namespace {

using detail::optional_json;

AgreementStatus status_from_row(const soci::row& row, std::size_t c) {
    AgreementStatus s;
    s.id = storage::get_int64(row, c);
    s.key = row.get<std::string>(c + 1);
    s.name_es = row.get<std::string>(c + 2);
    s.name_en = row.get<std::string>(c + 3);
    s.typical_progress = static_cast<int>(storage::get_int64(row, c + 4));
    s.position = static_cast<int>(storage::get_int64(row, c + 5));
    s.closed = storage::get_int64(row, c + 6) != 0;
    return s;
}

// The status read with its version (the agreement's join reads it without).
AgreementStatus versioned_status_from_row(const soci::row& row) {
    AgreementStatus s = status_from_row(row, 0);
    s.version = storage::get_int64(row, 7);
    return s;
}

Status check_version(const AgreementStatus& s, int64_t expected) {
    if (s.version == expected) return ok_status();
    return make_error(
        ErrorCode::precondition_failed,
        fmt::format("el estado {} cambió (versión {}, no {}) / status {} changed (version {}, not {})", s.key,
                    s.version, expected, s.key, s.version, expected));
}

Status check_status(const AgreementStatus& s) {
    if (s.key.empty() || s.key.size() > 40 ||
        s.key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
        return detail::invalid("key", "letras minúsculas, dígitos y _ / lower-case letters, digits and _");
    if (s.name_es.empty() || s.name_es.size() > 80)
        return detail::invalid("name_es", "obligatorio, hasta 80 bytes / required, up to 80 bytes");
    if (s.name_en.empty() || s.name_en.size() > 80)
        return detail::invalid("name_en", "obligatorio, hasta 80 bytes / required, up to 80 bytes");
    if (s.typical_progress < 0 || s.typical_progress > 100)
        return detail::invalid("typical_progress", "entre 0 y 100 / between 0 and 100");
    return ok_status();
}

json audited_status(const AgreementStatus& s) {
    json out = status_json(s);
    out.erase("id");
    out.erase("version");
    return out;
}

bool valid_reference(const std::string& r) {
    return !r.empty() && r.size() <= 80 &&
           r.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./") ==
               std::string::npos;
}

long long count_of(soci::session& sql, const std::string& query, long long id) {
    long long n = 0;
    sql << query, soci::use(id), soci::into(n);
    return n;
}

// Whether making `parent` the parent of `id` would close a loop.
bool makes_loop(soci::session& sql, int64_t id, int64_t parent) {
    std::optional<int64_t> at = parent;
    for (int depth = 0; at && depth < 1000; ++depth) {
        if (*at == id) return true;
        long long p = 0;
        soci::indicator ind = soci::i_null;
        long long cur = *at;
        sql << "SELECT parent_id FROM agreements WHERE id = :id", soci::use(cur), soci::into(p, ind);
        at = ind == soci::i_ok ? std::optional<int64_t>(p) : std::nullopt;
    }
    return false;
}

void write_lists(soci::session& sql, int64_t id, const std::vector<int64_t>& coresponsibles,
                 const std::vector<std::string>& jurisdictions) {
    long long row = id;
    sql << "DELETE FROM agreement_coresponsibles WHERE agreement_id = :a", soci::use(row);
    sql << "DELETE FROM agreement_jurisdictions WHERE agreement_id = :a", soci::use(row);
    for (long long o : std::set<int64_t>(coresponsibles.begin(), coresponsibles.end()))
        sql << "INSERT INTO agreement_coresponsibles (agreement_id, organisation_id) VALUES (:a, :o)",
            soci::use(row), soci::use(o);
    for (const auto& j : std::set<std::string>(jurisdictions.begin(), jurisdictions.end()))
        sql << "INSERT INTO agreement_jurisdictions (agreement_id, jurisdiction) VALUES (:a, :j)",
            soci::use(row), soci::use(j);
}

NewAgreement as_new(const Agreement& a) {
    NewAgreement n;
    n.reference = a.reference;
    n.meeting = a.meeting;
    n.imported = a.imported;
    n.parent = a.parent;
    n.weight = a.weight;
    n.title = a.title;
    n.text = a.text;
    n.responsible = a.responsible.id;
    for (const auto& c : a.coresponsibles) n.coresponsibles.push_back(c.id);
    n.jurisdictions = a.jurisdictions;
    n.status = a.status.key;
    n.start_date = a.start_date;
    n.due_date = a.due_date;
    n.example = a.example;
    return n;
}

}  // namespace

// ---- JSON
// ---------------------------------------------------------------------------------------------------

json status_json(const AgreementStatus& s) {
    return {{"id", s.id},
            {"key", s.key},
            {"name_es", s.name_es},
            {"name_en", s.name_en},
            {"typical_progress", s.typical_progress},
            {"position", s.position},
            {"closed", s.closed},
            {"version", s.version}};
}

json agreement_json(const Agreement& a) {
    json co = json::array();
    for (const auto& c : a.coresponsibles) co.push_back({{"id", c.id}, {"name", c.name}});
    json meeting = nullptr;
    if (a.meeting) {
        meeting = {{"id", *a.meeting}, {"title", a.meeting_title}, {"date", optional_json(a.meeting_date)}};
    }
    return {{"id", a.id},
            {"reference", a.reference},
            {"title", a.title},
            {"text", a.text},
            {"meeting", meeting},
            {"imported", a.imported},
            {"parent", optional_json(a.parent)},
            {"weight", optional_json(a.weight)},
            {"responsible", {{"id", a.responsible.id}, {"name", a.responsible.name}}},
            {"coresponsibles", co},
            {"jurisdictions", a.jurisdictions},
            {"status", status_json(a.status)},
            {"progress", a.progress},
            {"start_date", optional_json(a.start_date)},
            {"due_date", optional_json(a.due_date)},
            {"example", a.example},
            {"children", a.children},
            {"version", a.version},
            {"created_at", a.created_at},
            {"updated_at", a.updated_at}};
}

namespace detail {

double get_double(const soci::row& row, std::size_t column) {
    switch (row.get_properties(column).get_data_type()) {
        case soci::dt_double:
            return row.get<double>(column);
        case soci::dt_string:
            return std::stod(row.get<std::string>(column));
        default:
            return static_cast<double>(storage::get_int64(row, column));
    }
}

std::vector<AgreementStatus> select_statuses(soci::session& sql) {
    std::vector<AgreementStatus> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, key, name_es, name_en, typical_progress, position, closed, version FROM "
                        "agreement_statuses ORDER BY position, id");
    for (const auto& row : rows) out.push_back(versioned_status_from_row(row));
    return out;
}

std::optional<AgreementStatus> status_by_key(soci::session& sql, const std::string& key) {
    for (auto& s : select_statuses(sql))
        if (s.key == key) return s;
    return std::nullopt;
}

std::vector<Agreement> select_agreements(soci::session& sql, std::optional<long long> id,
                                         const std::string* reference, std::vector<int64_t>* hidden) {
    std::string query =
        "SELECT a.id, a.reference, a.meeting_id, m.title, m.starts_at, a.imported, a.parent_id, a.weight, "
        "a.title, a.text, a.responsible_id, o.name, s.id, s.key, s.name_es, s.name_en, s.typical_progress, "
        "s.position, s.closed, a.progress, a.start_date, a.due_date, a.example, a.version, a.created_at, "
        "a.updated_at, b.visibility FROM agreements a JOIN organisations o ON o.id = a.responsible_id "
        "JOIN agreement_statuses s ON s.id = a.status_id LEFT JOIN meetings m ON m.id = a.meeting_id "
        "LEFT JOIN bodies b ON b.id = m.body_id";
    std::vector<Agreement> out;
    auto read = [&](const soci::row& row) {
        Agreement a;
        a.id = storage::get_int64(row, 0);
        a.reference = row.get<std::string>(1);
        a.meeting = optional_id(row, 2);
        a.meeting_title = text_or_empty(row, 3);
        const std::string starts = text_or_empty(row, 4);
        if (starts.size() >= 10) a.meeting_date = Date::parse_iso(starts.substr(0, 10));
        a.imported = storage::get_int64(row, 5) != 0;
        a.parent = optional_id(row, 6);
        if (row.get_indicator(7) == soci::i_ok) a.weight = get_double(row, 7);
        a.title = row.get<std::string>(8);
        a.text = row.get<std::string>(9);
        a.responsible = {storage::get_int64(row, 10), row.get<std::string>(11)};
        a.status = status_from_row(row, 12);
        a.progress = get_double(row, 19);
        a.start_date = optional_date(row, 20);
        a.due_date = optional_date(row, 21);
        a.example = storage::get_int64(row, 22) != 0;
        a.version = storage::get_int64(row, 23);
        a.created_at = row.get<std::string>(24);
        a.updated_at = row.get<std::string>(25);
        if (hidden && text_or_empty(row, 26) == "private") hidden->push_back(a.id);
        out.push_back(std::move(a));
    };
    if (id) {
        soci::rowset<soci::row> rows = (sql.prepare << query + " WHERE a.id = :id", soci::use(*id));
        for (const auto& row : rows) read(row);
    } else if (reference) {
        soci::rowset<soci::row> rows =
            (sql.prepare << query + " WHERE a.reference = :r", soci::use(*reference));
        for (const auto& row : rows) read(row);
    } else {
        soci::rowset<soci::row> rows = (sql.prepare << query + " ORDER BY a.reference");
        for (const auto& row : rows) read(row);
    }
    if (out.empty()) return out;
    std::map<int64_t, Agreement*> by_id;
    for (auto& a : out) by_id[a.id] = &a;
    // The lists, read whole (a region has hundreds of agreements, not millions) and matched by id.
    soci::rowset<soci::row> co =
        (sql.prepare
         << "SELECT c.agreement_id, o.id, o.name FROM agreement_coresponsibles c JOIN organisations "
            "o ON o.id = c.organisation_id ORDER BY o.name");
    for (const auto& row : co) {
        auto it = by_id.find(storage::get_int64(row, 0));
        if (it != by_id.end())
            it->second->coresponsibles.push_back({storage::get_int64(row, 1), row.get<std::string>(2)});
    }
    soci::rowset<soci::row> js =
        (sql.prepare << "SELECT agreement_id, jurisdiction FROM agreement_jurisdictions "
                        "ORDER BY jurisdiction");
    for (const auto& row : js) {
        auto it = by_id.find(storage::get_int64(row, 0));
        if (it != by_id.end()) it->second->jurisdictions.push_back(row.get<std::string>(1));
    }
    soci::rowset<soci::row> kids =
        (sql.prepare
         << "SELECT parent_id, id FROM agreements WHERE parent_id IS NOT NULL ORDER BY reference");
    for (const auto& row : kids) {
        auto it = by_id.find(storage::get_int64(row, 0));
        if (it != by_id.end()) it->second->children.push_back(storage::get_int64(row, 1));
    }
    return out;
}

bool sees_private_agreements(const access::Actor& who) {
    return access::permits(who, "agreement.edit");
}

std::vector<Agreement> visible_agreements(soci::session& sql, const access::Actor& who) {
    std::vector<int64_t> hidden;
    auto all = select_agreements(sql, std::nullopt, nullptr, &hidden);
    if (hidden.empty() || sees_private_agreements(who)) return all;
    std::erase_if(all, [&](const Agreement& a) {
        return std::find(hidden.begin(), hidden.end(), a.id) != hidden.end();
    });
    return all;
}

json audited_agreement(const Agreement& a) {
    json co = json::array();
    for (const auto& c : a.coresponsibles) co.push_back(c.id);
    return {{"reference", a.reference},
            {"meeting", optional_json(a.meeting)},
            {"imported", a.imported},
            {"parent", optional_json(a.parent)},
            {"weight", optional_json(a.weight)},
            {"title", a.title},
            {"text", a.text},
            {"responsible", a.responsible.id},
            {"coresponsibles", co},
            {"jurisdictions", a.jurisdictions},
            {"status", a.status.key},
            {"progress", a.progress},
            {"start_date", optional_json(a.start_date)},
            {"due_date", optional_json(a.due_date)},
            {"example", a.example}};
}

Status check_agreement_fields(soci::session& sql, const NewAgreement& a) {
    if (!valid_reference(a.reference))
        return invalid(
            "reference",
            "obligatoria, hasta 80 letras, dígitos, - _ . / / required, up to 80 letters, digits, - _ . /");
    if (a.title.find_first_not_of(' ') == std::string::npos)
        return invalid("title", "es obligatorio / is required");
    if (a.title.size() > 300) return invalid("title", "más de 300 bytes / longer than 300 bytes");
    if (a.text.size() > 20000) return invalid("text", "más de 20000 bytes / longer than 20000 bytes");
    if (!a.meeting && !a.imported)
        return invalid("meeting",
                       "un acuerdo se decide en una reunión / an agreement is decided in a meeting");
    if (a.meeting && count_of(sql, "SELECT COUNT(*) FROM meetings WHERE id = :id", *a.meeting) == 0)
        return invalid("meeting", fmt::format("no hay reunión {} / no meeting {}", *a.meeting, *a.meeting));
    if (a.responsible <= 0 ||
        count_of(sql, "SELECT COUNT(*) FROM organisations WHERE id = :id", a.responsible) == 0)
        return invalid("responsible", fmt::format("no hay organización {} / no organisation {}",
                                                  a.responsible, a.responsible));
    for (size_t i = 0; i < a.coresponsibles.size(); ++i) {
        const int64_t c = a.coresponsibles[i];
        if (c == a.responsible)
            return invalid(fmt::format("coresponsibles/{}", i),
                           "ya es la responsable / is already the responsible organisation");
        if (count_of(sql, "SELECT COUNT(*) FROM organisations WHERE id = :id", c) == 0)
            return invalid(fmt::format("coresponsibles/{}", i),
                           fmt::format("no hay organización {} / no organisation {}", c, c));
    }
    std::string states;
    soci::indicator states_ind = soci::i_null;
    sql << "SELECT states FROM regions ORDER BY loaded_at DESC LIMIT 1", soci::into(states, states_ind);
    for (size_t i = 0; i < a.jurisdictions.size(); ++i) {
        const std::string& code = a.jurisdictions[i];
        const std::string field = fmt::format("jurisdictions/{}", i);
        if (states_ind != soci::i_ok) {
            if (code.size() != 5 || code.find_first_not_of("0123456789") != std::string::npos)
                return invalid(field,
                               "un municipio es un código INEGI de 5 dígitos / a municipality is a "
                               "5-digit INEGI code");
            continue;
        }
        std::string kind, state;
        soci::indicator kind_ind = soci::i_null, state_ind = soci::i_null;
        sql << "SELECT kind, state_code FROM jurisdictions WHERE code = :c", soci::use(code),
            soci::into(kind, kind_ind), soci::into(state, state_ind);
        const bool municipality_here = kind_ind == soci::i_ok && kind == "municipality" &&
                                       state_ind == soci::i_ok && states.find(state) != std::string::npos;
        const bool zone = kind_ind == soci::i_ok && kind == "metro_zone";
        if (!municipality_here && !zone)
            return invalid(field,
                           fmt::format("{} no es un municipio de la región / is not a municipality of the "
                                       "region",
                                       code));
    }
    if (!status_by_key(sql, a.status))
        return invalid("status", fmt::format("no hay estado '{}' / no status '{}'", a.status, a.status));
    if (a.start_date && a.due_date && *a.due_date < *a.start_date)
        return invalid("due_date", "antes del inicio / before the start date");
    if (a.weight && !a.parent)
        return invalid("weight", "sólo un acuerdo hijo lleva peso / only a child has a weight");
    if (a.weight && (*a.weight < 0 || *a.weight > 1e6))
        return invalid("weight", "entre 0 y 1e6 / between 0 and 1e6");
    if (a.parent && count_of(sql, "SELECT COUNT(*) FROM agreements WHERE id = :id", *a.parent) == 0)
        return invalid("parent", fmt::format("no hay acuerdo {} / no agreement {}", *a.parent, *a.parent));
    if (a.parent &&
        count_of(sql, "SELECT COUNT(*) FROM progress_updates WHERE agreement_id = :id", *a.parent) > 0)
        return invalid("parent",
                       "ese acuerdo ya tiene avances propios / that agreement has progress of its own");
    return ok_status();
}

Result<int64_t> insert_agreement(storage::Database& db, const Clock& clock, const access::Actor& who,
                                 const std::string& request_id, const NewAgreement& a) {
    auto& sql = db.session();
    TRY(check_agreement_fields(sql, a));
    if (!select_agreements(sql, std::nullopt, &a.reference).empty())
        return make_error(ErrorCode::conflict, fmt::format("ya existe el acuerdo {} / agreement {} exists",
                                                           a.reference, a.reference));
    const auto status = *status_by_key(sql, a.status);
    const std::string now = clock.now_iso();
    long long meeting = a.meeting.value_or(0), parent = a.parent.value_or(0), responsible = a.responsible,
              status_id = status.id, id = 0;
    double weight = a.weight.value_or(0);
    soci::indicator meeting_ind = a.meeting ? soci::i_ok : soci::i_null,
                    parent_ind = a.parent ? soci::i_ok : soci::i_null,
                    weight_ind = a.weight ? soci::i_ok : soci::i_null;
    std::string start = a.start_date ? a.start_date->iso() : "", due = a.due_date ? a.due_date->iso() : "";
    soci::indicator start_ind = a.start_date ? soci::i_ok : soci::i_null,
                    due_ind = a.due_date ? soci::i_ok : soci::i_null;
    const double progress = status.typical_progress;
    sql << "INSERT INTO agreements (reference, meeting_id, imported, parent_id, weight, title, text, "
           "responsible_id, status_id, progress, start_date, due_date, example, created_at, updated_at) "
           "VALUES "
           "(:r, :m, :i, :p, :w, :t, :x, :o, :s, :g, :sd, :dd, :e, :c, :u) RETURNING id",
        soci::use(a.reference), soci::use(meeting, meeting_ind), soci::use(a.imported ? 1 : 0),
        soci::use(parent, parent_ind), soci::use(weight, weight_ind), soci::use(a.title), soci::use(a.text),
        soci::use(responsible), soci::use(status_id), soci::use(progress), soci::use(start, start_ind),
        soci::use(due, due_ind), soci::use(a.example ? 1 : 0), soci::use(now), soci::use(now), soci::into(id);
    write_lists(sql, id, a.coresponsibles, a.jurisdictions);
    auto stored = select_agreements(sql, id);
    if (stored.empty()) return make_error(ErrorCode::internal, "an inserted agreement is missing");
    TRY(access::audit(db, clock, who, request_id,
                      {"agreement.create", "agreement", std::to_string(id),
                       access::diff_of(json::object(), audited_agreement(stored.front()))}));
    TRY(roll_up_from(db, clock, who, request_id, a.parent));
    return static_cast<int64_t>(id);
}

}  // namespace detail

// ---- statuses
// -------------------------------------------------------------------------------------------------

Result<std::vector<AgreementStatus>> list_statuses(storage::Database& db) {
    return detail::reading(
        db, [&]() -> Result<std::vector<AgreementStatus>> { return detail::select_statuses(db.session()); });
}

Result<AgreementStatus> create_status(storage::Database& db, const Clock& clock, const access::Actor& who,
                                      const std::string& request_id, const AgreementStatus& s) {
    if (!access::permits(who, "agreement.edit")) return detail::refused(who, "agreement.edit");
    TRY(check_status(s));
    Result<AgreementStatus> made = make_error(ErrorCode::internal, "not created");
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        if (detail::status_by_key(sql, s.key))
            return make_error(ErrorCode::conflict,
                              fmt::format("ya existe el estado {} / status {} exists", s.key, s.key));
        int closed = s.closed ? 1 : 0;
        sql << "INSERT INTO agreement_statuses (key, name_es, name_en, typical_progress, position, closed) "
               "VALUES "
               "(:k, :e, :n, :t, :p, :c)",
            soci::use(s.key), soci::use(s.name_es), soci::use(s.name_en), soci::use(s.typical_progress),
            soci::use(s.position), soci::use(closed);
        made = *detail::status_by_key(sql, s.key);
        return access::audit(db, clock, who, request_id,
                             {"agreement_status.create", "agreement_status", s.key,
                              access::diff_of(json::object(), audited_status(*made))});
    });
    if (!written) return written.error();
    return made;
}

Result<AgreementStatus> update_status(storage::Database& db, const Clock& clock, const access::Actor& who,
                                      const std::string& request_id, const std::string& key,
                                      int64_t expected_version, const AgreementStatus& s) {
    if (!access::permits(who, "agreement.edit")) return detail::refused(who, "agreement.edit");
    AgreementStatus wanted = s;
    wanted.key = key;
    TRY(check_status(wanted));
    Result<AgreementStatus> made = make_error(ErrorCode::internal, "not updated");
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        auto before = detail::status_by_key(sql, key);
        if (!before)
            return make_error(ErrorCode::not_found, fmt::format("no hay estado {} / no status {}", key, key));
        TRY(check_version(*before, expected_version));
        int closed = s.closed ? 1 : 0;
        sql << "UPDATE agreement_statuses SET name_es = :e, name_en = :n, typical_progress = :t, position = "
               ":p, "
               "closed = :c, version = version + 1 WHERE key = :k",
            soci::use(s.name_es), soci::use(s.name_en), soci::use(s.typical_progress), soci::use(s.position),
            soci::use(closed), soci::use(key);
        made = *detail::status_by_key(sql, key);
        return access::audit(db, clock, who, request_id,
                             {"agreement_status.update", "agreement_status", key,
                              access::diff_of(audited_status(*before), audited_status(*made))});
    });
    if (!written) return written.error();
    return made;
}

Status delete_status(storage::Database& db, const Clock& clock, const access::Actor& who,
                     const std::string& request_id, const std::string& key, int64_t expected_version) {
    if (!access::permits(who, "agreement.edit")) return detail::refused(who, "agreement.edit");
    return db.transaction([&]() -> Status {
        auto& sql = db.session();
        auto before = detail::status_by_key(sql, key);
        if (!before)
            return make_error(ErrorCode::not_found, fmt::format("no hay estado {} / no status {}", key, key));
        TRY(check_version(*before, expected_version));
        long long id = before->id;
        if (count_of(sql, "SELECT COUNT(*) FROM agreements WHERE status_id = :id", id) +
                count_of(sql, "SELECT COUNT(*) FROM progress_updates WHERE status_id = :id", id) >
            0)
            return make_error(ErrorCode::conflict,
                              fmt::format("el estado {} está en uso / status {} is in use", key, key));
        sql << "DELETE FROM agreement_statuses WHERE id = :id", soci::use(id);
        return access::audit(db, clock, who, request_id,
                             {"agreement_status.delete", "agreement_status", key,
                              access::diff_of(audited_status(*before), json::object())});
    });
}

// ---- agreements
// -----------------------------------------------------------------------------------------------

Result<std::vector<Agreement>> list_agreements(storage::Database& db, const access::Actor& who,
                                               const AgreementFilter& f) {
    return detail::reading(db, [&]() -> Result<std::vector<Agreement>> {
        auto all = detail::visible_agreements(db.session(), who);
        std::erase_if(all, [&](const Agreement& a) {
            if (!f.examples && a.example) return true;
            if (f.organisation && a.responsible.id != *f.organisation &&
                std::none_of(a.coresponsibles.begin(), a.coresponsibles.end(),
                             [&](const NamedRef& c) { return c.id == *f.organisation; }))
                return true;
            if (f.status && a.status.key != *f.status) return true;
            if (f.municipality && std::find(a.jurisdictions.begin(), a.jurisdictions.end(),
                                            *f.municipality) == a.jurisdictions.end())
                return true;
            if (f.meeting && a.meeting != f.meeting) return true;
            if (f.parent && a.parent != f.parent) return true;
            if (f.overdue_as_of && !is_late(a, *f.overdue_as_of)) return true;
            return false;
        });
        return all;
    });
}

Result<Agreement> get_agreement(storage::Database& db, const access::Actor& who, int64_t id) {
    return detail::reading(db, [&]() -> Result<Agreement> {
        std::vector<int64_t> hidden;
        auto found = detail::select_agreements(db.session(), id, nullptr, &hidden);
        if (found.empty() || (!hidden.empty() && !detail::sees_private_agreements(who)))
            return make_error(ErrorCode::not_found,
                              fmt::format("no hay acuerdo {} / no agreement {}", id, id));
        return found.front();
    });
}

Result<Agreement> find_agreement(storage::Database& db, const access::Actor& who,
                                 const std::string& reference) {
    auto id = detail::reading(db, [&]() -> Result<int64_t> {
        auto found = detail::select_agreements(db.session(), std::nullopt, &reference);
        if (found.empty())
            return make_error(ErrorCode::not_found,
                              fmt::format("no hay acuerdo {} / no agreement {}", reference, reference));
        return found.front().id;
    });
    if (!id) return id.error();
    return get_agreement(db, who, *id);
}

Result<Agreement> create_agreement(storage::Database& db, const Clock& clock, const access::Actor& who,
                                   const std::string& request_id, const NewAgreement& a) {
    if (!access::permits(who, "agreement.edit")) return detail::refused(who, "agreement.edit");
    int64_t id = 0;
    const Status written = db.transaction([&]() -> Status {
        TRY_ASSIGN(made, detail::insert_agreement(db, clock, who, request_id, a));
        id = made;
        return ok_status();
    });
    if (!written) return written.error();
    return get_agreement(db, who, id);
}

Result<Agreement> edit_agreement(storage::Database& db, const Clock& clock, const access::Actor& who,
                                 const std::string& request_id, int64_t id, int64_t expected_version,
                                 const AgreementEdit& e) {
    if (!access::permits(who, "agreement.edit")) return detail::refused(who, "agreement.edit");
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        auto found = detail::select_agreements(sql, id);
        if (found.empty())
            return make_error(ErrorCode::not_found,
                              fmt::format("no hay acuerdo {} / no agreement {}", id, id));
        const Agreement before = found.front();
        if (before.version != expected_version)
            return make_error(
                ErrorCode::precondition_failed,
                fmt::format("el acuerdo {} cambió (versión {}, no {}); vuelva a leerlo / agreement {} "
                            "changed (version {}, not {}): read it again",
                            id, before.version, expected_version, id, before.version, expected_version));
        NewAgreement n = as_new(before);
        if (e.reference) n.reference = *e.reference;
        if (e.title) n.title = *e.title;
        if (e.text) n.text = *e.text;
        if (e.status) n.status = *e.status;
        if (e.responsible) n.responsible = *e.responsible;
        if (e.coresponsibles) n.coresponsibles = *e.coresponsibles;
        if (e.jurisdictions) n.jurisdictions = *e.jurisdictions;
        if (e.parent) n.parent = *e.parent;
        if (e.weight) n.weight = *e.weight;
        if (e.start_date) n.start_date = *e.start_date;
        if (e.due_date) n.due_date = *e.due_date;
        TRY(detail::check_agreement_fields(sql, n));
        if (n.parent && makes_loop(sql, id, *n.parent))
            return detail::invalid("parent",
                                   "un acuerdo no puede depender de sí mismo / an agreement cannot be "
                                   "its own ancestor");
        if (n.reference != before.reference &&
            !detail::select_agreements(sql, std::nullopt, &n.reference).empty())
            return make_error(
                ErrorCode::conflict,
                fmt::format("ya existe el acuerdo {} / agreement {} exists", n.reference, n.reference));
        const auto status = *detail::status_by_key(sql, n.status);
        long long row = id, parent = n.parent.value_or(0), responsible = n.responsible, status_id = status.id,
                  expected = expected_version;
        double weight = n.weight.value_or(0);
        soci::indicator parent_ind = n.parent ? soci::i_ok : soci::i_null,
                        weight_ind = n.weight ? soci::i_ok : soci::i_null;
        std::string start = n.start_date ? n.start_date->iso() : "",
                    due = n.due_date ? n.due_date->iso() : "";
        soci::indicator start_ind = n.start_date ? soci::i_ok : soci::i_null,
                        due_ind = n.due_date ? soci::i_ok : soci::i_null;
        const std::string now = clock.now_iso();
        sql << "UPDATE agreements SET reference = :r, parent_id = :p, weight = :w, title = :t, text = :x, "
               "responsible_id = :o, status_id = :s, start_date = :sd, due_date = :dd, version = version + "
               "1, "
               "updated_at = :u WHERE id = :id AND version = :v",
            soci::use(n.reference), soci::use(parent, parent_ind), soci::use(weight, weight_ind),
            soci::use(n.title), soci::use(n.text), soci::use(responsible), soci::use(status_id),
            soci::use(start, start_ind), soci::use(due, due_ind), soci::use(now), soci::use(row),
            soci::use(expected);
        write_lists(sql, id, n.coresponsibles, n.jurisdictions);
        const Agreement after = detail::select_agreements(sql, id).front();
        TRY(access::audit(
            db, clock, who, request_id,
            {"agreement.update", "agreement", std::to_string(id),
             access::diff_of(detail::audited_agreement(before), detail::audited_agreement(after))}));
        if (before.parent != after.parent)
            TRY(detail::roll_up_from(db, clock, who, request_id, before.parent));
        TRY(detail::roll_up_from(db, clock, who, request_id, after.parent));
        return ok_status();
    });
    if (!written) return written.error();
    return get_agreement(db, who, id);
}

}  // namespace metropoli::coordination
