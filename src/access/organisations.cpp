// SPDX-License-Identifier: MIT
// The organisations registry in SQL, the same on SQLite and PostgreSQL.
#include "access/organisations.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "access/audit.hpp"
#include "access/organisation_insert.hpp"
#include "access/permissions.hpp"
#include "access/store_support.hpp"
#include "core/field_error.hpp"

namespace metropoli::access {

using nlohmann::json;

const std::vector<std::string>& organisation_kinds() {
    static const std::vector<std::string> kinds = {
        "federal_government", "state_government", "municipal_government",
        "health_authority",   "armed_forces",     "business_chamber",
        "academic_centre",    "civil_society",    "other"};
    return kinds;
}

bool is_organisation_kind(std::string_view kind) {
    const auto& kinds = organisation_kinds();
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

json organisation_json(const Organisation& o) {
    return {{"id", o.id},
            {"name", o.name},
            {"short_name", o.short_name},
            {"kind", o.kind},
            {"sectors", o.sectors},
            {"jurisdictions", o.jurisdictions},
            {"coalition", o.coalition},
            {"contact", o.contact},
            {"website", o.website},
            {"seed", o.seed},
            {"version", o.version},
            {"created_at", o.created_at},
            {"updated_at", o.updated_at}};
}

namespace {

constexpr const char* k_organisation_columns =
    "id, seed_key, name, short_name, kind, sectors, jurisdictions, coalition, contact, website, version, "
    "created_at, updated_at";

Organisation organisation_from_row(const soci::row& row) {
    Organisation o;
    o.id = storage::get_int64(row, 0);
    o.seed = row.get_indicator(1) == soci::i_ok;
    o.name = row.get<std::string>(2);
    o.short_name = row.get<std::string>(3);
    o.kind = row.get<std::string>(4);
    o.sectors = detail::string_list(row.get<std::string>(5));
    o.jurisdictions = detail::string_list(row.get<std::string>(6));
    o.coalition = storage::get_int64(row, 7) != 0;
    o.contact = row.get<std::string>(8);
    o.website = row.get<std::string>(9);
    o.version = storage::get_int64(row, 10);
    o.created_at = row.get<std::string>(11);
    o.updated_at = row.get<std::string>(12);
    return o;
}

std::vector<Organisation> select_organisations(soci::session& sql, const std::string& where,
                                               long long id = 0) {
    std::vector<Organisation> out;
    const std::string query =
        fmt::format("SELECT {} FROM organisations {} ORDER BY name, id", k_organisation_columns, where);
    if (where.find(":id") != std::string::npos) {
        soci::rowset<soci::row> rows = (sql.prepare << query, soci::use(id));
        for (const auto& row : rows) out.push_back(organisation_from_row(row));
    } else {
        soci::rowset<soci::row> rows = (sql.prepare << query);
        for (const auto& row : rows) out.push_back(organisation_from_row(row));
    }
    return out;
}

bool is_jurisdiction_code(const std::string& code) {
    return (code.size() == 2 || code.size() == 5) &&
           std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Checks the values of the fields that are set (all of name, short_name and kind when `creating`).
Status validate(const OrganisationFields& f, bool creating) {
    auto text = [](const std::optional<std::string>& v, const char* field, std::size_t max,
                   bool required) -> Status {
        if (!v) return required ? Status(invalid(field, "es obligatorio / is required")) : ok_status();
        if (required && v->find_first_not_of(" \t") == std::string::npos)
            return invalid(field, "no puede estar vacío / may not be empty");
        if (v->size() > max)
            return invalid(field, fmt::format("más de {} bytes / longer than {} bytes", max, max));
        return ok_status();
    };
    TRY(text(f.name, "name", 200, creating || f.name.has_value()));
    TRY(text(f.short_name, "short_name", 80, creating || f.short_name.has_value()));
    if (creating && !f.kind) return invalid("kind", "es obligatorio / is required");
    if (f.kind && !is_organisation_kind(*f.kind)) {
        return invalid("kind", fmt::format("'{}' no es un tipo conocido / is not a known kind", *f.kind));
    }
    if (f.sectors) {
        for (std::size_t i = 0; i < f.sectors->size(); ++i) {
            const auto& s = (*f.sectors)[i];
            if (s.empty() || s.size() > 80)
                return invalid(fmt::format("sectors/{}", i), "de 1 a 80 bytes / 1 to 80 bytes");
        }
    }
    if (f.jurisdictions) {
        for (std::size_t i = 0; i < f.jurisdictions->size(); ++i) {
            if (!is_jurisdiction_code((*f.jurisdictions)[i])) {
                return invalid(fmt::format("jurisdictions/{}", i),
                               "una clave INEGI de estado (05) o municipio (05035) / an INEGI state or "
                               "municipality code");
            }
        }
    }
    TRY(text(f.contact, "contact", 500, false));
    TRY(text(f.website, "website", 300, false));
    if (f.website && !f.website->empty() && !f.website->starts_with("https://") &&
        !f.website->starts_with("http://")) {
        return invalid("website",
                       "debe empezar con https:// o http:// / must start with https:// or http://");
    }
    return ok_status();
}

// The fields an audit entry records (the stored row less its id and timestamps).
json audited(const Organisation& o) {
    json j = organisation_json(o);
    j.erase("id");
    j.erase("created_at");
    j.erase("updated_at");
    return j;
}

Status check_unique(soci::session& sql, const std::string& name, const std::string& short_name,
                    long long except) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM organisations WHERE (name = :n OR short_name = :s) AND id <> :id",
        soci::use(name), soci::use(short_name), soci::use(except), soci::into(n);
    if (n > 0) {
        return make_error(
            ErrorCode::conflict,
            fmt::format("ya existe una organisación con el nombre '{}' o el nombre corto '{}' / an "
                        "organisation with that name or short name exists",
                        name, short_name));
    }
    return ok_status();
}

}  // namespace

namespace detail {

Result<Organisation> insert_organisation(storage::Database& db, const Clock& clock, const Actor& who,
                                         const std::string& request_id, const OrganisationFields& f,
                                         const std::optional<std::string>& seed_key) {
    TRY(validate(f, true));
    auto& sql = db.session();
    TRY(check_unique(sql, *f.name, *f.short_name, 0));
    const std::string now = clock.now_iso();
    const std::string sectors = list_text(f.sectors.value_or(std::vector<std::string>{}));
    const std::string jurisdictions = list_text(f.jurisdictions.value_or(std::vector<std::string>{}));
    const int coalition = f.coalition.value_or(false) ? 1 : 0;
    const std::string contact = f.contact.value_or(""), website = f.website.value_or("");
    std::string key = seed_key.value_or("");
    soci::indicator key_ind = seed_key ? soci::i_ok : soci::i_null;
    long long id = 0;
    sql << "INSERT INTO organisations (seed_key, name, short_name, kind, sectors, jurisdictions, coalition, "
           "contact, website, version, created_at, updated_at) VALUES (:k, :n, :s, :kind, :sec, :jur, :c, "
           ":ct, "
           ":w, 1, :now, :now2) RETURNING id",
        soci::use(key, key_ind), soci::use(*f.name), soci::use(*f.short_name), soci::use(*f.kind),
        soci::use(sectors), soci::use(jurisdictions), soci::use(coalition), soci::use(contact),
        soci::use(website), soci::use(now), soci::use(now), soci::into(id);
    auto stored = select_organisations(sql, "WHERE id = :id", id);
    if (stored.empty()) return make_error(ErrorCode::internal, "an inserted organisation is missing");
    TRY(audit(db, clock, who, request_id,
              {"organisation.create", "organisation", std::to_string(id),
               diff_of(json::object(), audited(stored.front()))}));
    return stored.front();
}

}  // namespace detail

Result<OrganisationFields> organisation_fields_from_json(const json& body) {
    if (!body.is_object())
        return make_error(ErrorCode::invalid_argument, "/: se espera un objeto / an object");
    OrganisationFields f;
    for (const auto& item : body.items()) {
        // Named, not a structured binding: clang before 16 cannot capture a binding in the lambda below.
        const std::string& key = item.key();
        const json& value = item.value();
        auto wrong = [&](const std::string& what) {
            return make_error(ErrorCode::invalid_argument,
                              fmt::format("/{}: se espera {} / expected {}", key, what, what));
        };
        if (key == "name" || key == "short_name" || key == "kind" || key == "contact" || key == "website") {
            if (!value.is_string()) return wrong("text");
            const auto text = value.get<std::string>();
            (key == "name"         ? f.name
             : key == "short_name" ? f.short_name
             : key == "kind"       ? f.kind
             : key == "contact"    ? f.contact
                                   : f.website) = text;
        } else if (key == "sectors" || key == "jurisdictions") {
            if (!value.is_array()) return wrong("a list of texts");
            std::vector<std::string> list;
            for (std::size_t i = 0; i < value.size(); ++i) {
                if (!value[i].is_string()) {
                    return make_error(ErrorCode::invalid_argument,
                                      fmt::format("/{}/{}: se espera texto / expected text", key, i));
                }
                list.push_back(value[i].get<std::string>());
            }
            (key == "sectors" ? f.sectors : f.jurisdictions) = std::move(list);
        } else if (key == "coalition") {
            if (!value.is_boolean()) return wrong("true or false");
            f.coalition = value.get<bool>();
        } else if (key == "id" || key == "seed" || key == "version" || key == "created_at" ||
                   key == "updated_at") {
            continue;  // read-only fields a client may send back as it received them
        } else {
            return make_error(ErrorCode::invalid_argument,
                              fmt::format("/{}: campo desconocido / unknown field", key));
        }
    }
    return f;
}

Result<std::vector<Organisation>> list_organisations(storage::Database& db,
                                                     const OrganisationFilter& filter) {
    return detail::reading(db, [&]() -> Result<std::vector<Organisation>> {
        auto all = select_organisations(db.session(), "");
        std::vector<Organisation> out;
        const std::string sector = filter.sector ? detail::ascii_lower(*filter.sector) : "";
        for (auto& o : all) {
            if (filter.kind && o.kind != *filter.kind) continue;
            if (filter.coalition && o.coalition != *filter.coalition) continue;
            if (filter.sector && std::none_of(o.sectors.begin(), o.sectors.end(), [&](const std::string& s) {
                    return detail::ascii_lower(s) == sector;
                })) {
                continue;
            }
            out.push_back(std::move(o));
        }
        return out;
    });
}

Result<Organisation> get_organisation(storage::Database& db, int64_t id) {
    return detail::reading(db, [&]() -> Result<Organisation> {
        auto found = select_organisations(db.session(), "WHERE id = :id", id);
        if (found.empty()) {
            return make_error(ErrorCode::not_found,
                              fmt::format("no hay organización {} / no organisation {}", id, id));
        }
        return found.front();
    });
}

Result<Organisation> find_organisation(storage::Database& db, std::string_view id_or_short_name) {
    const std::string wanted(id_or_short_name);
    if (!wanted.empty() &&
        std::all_of(wanted.begin(), wanted.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        if (wanted.size() > 18) return make_error(ErrorCode::not_found, "no organisation " + wanted);
        return get_organisation(db, std::stoll(wanted));
    }
    TRY_ASSIGN(all, list_organisations(db));
    std::vector<Organisation> folded;
    for (auto& o : all) {
        if (o.short_name == wanted) return o;
        if (detail::ascii_lower(o.short_name) == detail::ascii_lower(wanted)) folded.push_back(o);
    }
    if (folded.size() == 1) return folded.front();
    return make_error(
        ErrorCode::not_found,
        fmt::format("no hay organización con id o nombre corto '{}' / no organisation with id or "
                    "short name '{}' (metropoli org list)",
                    wanted, wanted));
}

Result<Organisation> create_organisation(storage::Database& db, const Clock& clock, const Actor& who,
                                         const std::string& request_id, const OrganisationFields& fields) {
    if (!permits(who, "organisation.create")) return detail::refused(who, "organisation.create");
    Result<Organisation> created = make_error(ErrorCode::internal, "not created");
    const Status written = db.transaction([&]() -> Status {
        created = detail::insert_organisation(db, clock, who, request_id, fields, std::nullopt);
        if (!created) return created.error();
        return ok_status();
    });
    if (!written) return written.error();
    return created;
}

Result<Organisation> update_organisation(storage::Database& db, const Clock& clock, const Actor& who,
                                         const std::string& request_id, int64_t id, int64_t expected_version,
                                         const OrganisationFields& changes) {
    if (!permits(who, "organisation.edit", {.organisation = id}))
        return detail::refused(who, "organisation.edit");
    TRY(validate(changes, false));
    Result<Organisation> updated = make_error(ErrorCode::internal, "not updated");
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        auto found = select_organisations(sql, "WHERE id = :id", id);
        if (found.empty()) {
            return make_error(ErrorCode::not_found,
                              fmt::format("no hay organización {} / no organisation {}", id, id));
        }
        const Organisation before = found.front();
        if (before.version != expected_version) {
            return make_error(
                ErrorCode::precondition_failed,
                fmt::format("la organización {} cambió (versión {}, no {}); vuelva a leerla / "
                            "organisation {} changed (version {}, not {}): read it again",
                            id, before.version, expected_version, id, before.version, expected_version));
        }
        Organisation after = before;
        if (changes.name) after.name = *changes.name;
        if (changes.short_name) after.short_name = *changes.short_name;
        if (changes.kind) after.kind = *changes.kind;
        if (changes.sectors) after.sectors = *changes.sectors;
        if (changes.jurisdictions) after.jurisdictions = *changes.jurisdictions;
        if (changes.coalition) after.coalition = *changes.coalition;
        if (changes.contact) after.contact = *changes.contact;
        if (changes.website) after.website = *changes.website;
        TRY(check_unique(sql, after.name, after.short_name, id));
        const std::string now = clock.now_iso();
        const std::string sectors = detail::list_text(after.sectors);
        const std::string jurisdictions = detail::list_text(after.jurisdictions);
        const int coalition = after.coalition ? 1 : 0;
        const long long expected = expected_version;
        long long row_id = id;
        soci::statement st =
            (sql.prepare << "UPDATE organisations SET name = :n, short_name = :s, kind = :k, sectors = :sec, "
                            "jurisdictions = :jur, coalition = :c, contact = :ct, website = :w, version = "
                            "version + 1, updated_at = :now WHERE id = :id AND version = :v",
             soci::use(after.name), soci::use(after.short_name), soci::use(after.kind), soci::use(sectors),
             soci::use(jurisdictions), soci::use(coalition), soci::use(after.contact),
             soci::use(after.website), soci::use(now), soci::use(row_id), soci::use(expected));
        st.execute(true);
        // Another process may have updated the row between our read and this write (PostgreSQL re-checks
        // the WHERE against the committed row): then nothing was written.
        if (st.get_affected_rows() != 1) {
            return make_error(ErrorCode::precondition_failed,
                              fmt::format("la organización {} cambió mientras se editaba / organisation {} "
                                          "changed while being edited",
                                          id, id));
        }
        auto stored = select_organisations(sql, "WHERE id = :id", id);
        if (stored.empty()) return make_error(ErrorCode::internal, "an updated organisation is missing");
        TRY(audit(db, clock, who, request_id,
                  {"organisation.update", "organisation", std::to_string(id),
                   diff_of(audited(before), audited(stored.front()))}));
        updated = stored.front();
        return ok_status();
    });
    if (!written) return written.error();
    return updated;
}

}  // namespace metropoli::access
