// SPDX-License-Identifier: MIT
// People, accounts and role grants in SQL, the same on SQLite and PostgreSQL.
#include "access/accounts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "access/account_support.hpp"
#include "access/audit.hpp"
#include "access/permissions.hpp"
#include "access/secrets.hpp"
#include "access/store_support.hpp"

namespace metropoli::access {

using nlohmann::json;

std::string_view account_state_name(AccountState state) {
    return state == AccountState::active ? "active" : "disabled";
}

json grant_json(const Grant& g) {
    json j = {{"role", std::string(role_name(g.role))}};
    if (g.organisation) j["organisation"] = *g.organisation;
    if (g.body) j["body"] = *g.body;
    return j;
}

Result<Grant> grant_from_json(const json& value) {
    if (!value.is_object())
        return make_error(ErrorCode::invalid_argument, "/: se espera un objeto / an object");
    if (!value.contains("role") || !value["role"].is_string())
        return make_error(ErrorCode::invalid_argument, "/role: se espera un rol / a role is expected");
    const auto role = parse_role(value["role"].get<std::string>());
    if (!role) {
        return make_error(
            ErrorCode::invalid_argument,
            fmt::format("/role: '{}' no es un rol (admin, coordinator, analyst, editor, member) / "
                        "is not a role",
                        value["role"].get<std::string>()));
    }
    Grant g{*role};
    for (const char* key : {"organisation", "body"}) {
        if (!value.contains(key) || value[key].is_null()) continue;
        if (!value[key].is_number_integer()) {
            return make_error(ErrorCode::invalid_argument,
                              fmt::format("/{}: se espera un id entero / an integer id", key));
        }
        (std::string_view(key) == "organisation" ? g.organisation : g.body) = value[key].get<int64_t>();
    }
    for (const auto& [key, v] : value.items()) {
        if (key != "role" && key != "organisation" && key != "body" && key != "id") {
            return make_error(ErrorCode::invalid_argument,
                              fmt::format("/{}: campo desconocido / unknown field", key));
        }
    }
    return g;
}

json account_json(const Account& a) {
    json grants = json::array();
    for (const auto& g : a.grants) {
        json j = grant_json(g.grant);
        j["id"] = g.id;
        grants.push_back(std::move(j));
    }
    return {{"id", a.id},
            {"email", a.email},
            {"name", a.person.name},
            {"person", {{"id", a.person.id}, {"name", a.person.name}}},
            {"organisations", a.person.organisations},
            {"state", std::string(account_state_name(a.state))},
            {"last_login", a.last_login ? json(*a.last_login) : json(nullptr)},
            {"grants", grants},
            {"created_at", a.created_at}};
}

std::string normalise_email(std::string_view email) {
    const auto first = email.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return "";
    const auto last = email.find_last_not_of(" \t\r\n");
    return detail::ascii_lower(email.substr(first, last - first + 1));
}

namespace detail {

Status check_email(const std::string& email) {
    const auto at = email.find('@');
    const bool ok = email.size() <= 254 && at != std::string::npos && at > 0 && at + 1 < email.size() &&
                    email.find('@', at + 1) == std::string::npos &&
                    email.find('.', at + 1) != std::string::npos && email.back() != '.' &&
                    std::none_of(email.begin(), email.end(),
                                 [](char c) { return static_cast<unsigned char>(c) <= ' ' || c == '\x7f'; });
    if (ok) return ok_status();
    return make_error(
        ErrorCode::invalid_argument,
        fmt::format("/email: '{}' no es un correo electrónico / is not an e-mail address", email));
}

Status check_grant(soci::session& sql, const Grant& g) {
    const bool needs_org = g.role == Role::editor, needs_body = g.role == Role::member;
    if (needs_org != g.organisation.has_value()) {
        return make_error(ErrorCode::invalid_argument,
                          needs_org ? "/organisation: el rol editor es de una organización / an editor grant "
                                      "names its organisation"
                                    : fmt::format("/organisation: el rol {} no es de una organización / a {} "
                                                  "grant names no organisation",
                                                  role_name(g.role), role_name(g.role)));
    }
    if (needs_body != g.body.has_value()) {
        return make_error(ErrorCode::invalid_argument,
                          needs_body
                              ? "/body: el rol member es de un órgano / a member grant names its body"
                              : fmt::format("/body: el rol {} no es de un órgano / a {} grant names no body",
                                            role_name(g.role), role_name(g.role)));
    }
    if (g.organisation) {
        long long n = 0;
        const long long org = *g.organisation;
        sql << "SELECT COUNT(*) FROM organisations WHERE id = :id", soci::use(org), soci::into(n);
        if (n == 0) {
            return make_error(
                ErrorCode::invalid_argument,
                fmt::format("/organisation: no hay organización {} / no organisation {}", org, org));
        }
    }
    return ok_status();
}

namespace {

std::vector<Account> select_accounts(soci::session& sql, std::optional<long long> only) {
    std::vector<Account> out;
    const std::string base =
        "SELECT a.id, a.email, a.state, a.last_login, a.created_at, p.id, p.name FROM accounts a JOIN people "
        "p "
        "ON p.id = a.person_id";
    auto take = [&](const soci::row& row) {
        Account a;
        a.id = storage::get_int64(row, 0);
        a.email = row.get<std::string>(1);
        a.state = row.get<std::string>(2) == "active" ? AccountState::active : AccountState::disabled;
        if (row.get_indicator(3) == soci::i_ok) a.last_login = row.get<std::string>(3);
        a.created_at = row.get<std::string>(4);
        a.person.id = storage::get_int64(row, 5);
        a.person.name = row.get<std::string>(6);
        out.push_back(std::move(a));
    };
    if (only) {
        long long id = *only;
        soci::rowset<soci::row> rows = (sql.prepare << base + " WHERE a.id = :id", soci::use(id));
        for (const auto& row : rows) take(row);
    } else {
        soci::rowset<soci::row> rows = (sql.prepare << base + " ORDER BY a.email");
        for (const auto& row : rows) take(row);
    }
    if (out.empty()) return out;
    std::map<int64_t, Account*> by_id;
    std::map<int64_t, Account*> by_person;
    for (auto& a : out) {
        by_id[a.id] = &a;
        by_person[a.person.id] = &a;
    }
    soci::rowset<soci::row> members =
        (sql.prepare
         << "SELECT person_id, organisation_id FROM person_organisations ORDER BY organisation_id");
    for (const auto& row : members) {
        if (auto it = by_person.find(storage::get_int64(row, 0)); it != by_person.end())
            it->second->person.organisations.push_back(storage::get_int64(row, 1));
    }
    soci::rowset<soci::row> grants =
        (sql.prepare << "SELECT id, account_id, role, organisation_id, body_id FROM role_grants ORDER BY id");
    for (const auto& row : grants) {
        auto it = by_id.find(storage::get_int64(row, 1));
        if (it == by_id.end()) continue;
        auto role = parse_role(row.get<std::string>(2));
        if (!role) continue;
        StoredGrant g{storage::get_int64(row, 0), Grant{*role}};
        if (row.get_indicator(3) == soci::i_ok) g.grant.organisation = storage::get_int64(row, 3);
        if (row.get_indicator(4) == soci::i_ok) g.grant.body = storage::get_int64(row, 4);
        it->second->grants.push_back(g);
    }
    return out;
}

}  // namespace

Actor actor_of(const Account& account) {
    Actor a;
    a.id = fmt::format("account:{}", account.id);
    a.account = account.id;
    a.label = account.email;
    for (const auto& g : account.grants) a.grants.push_back(g.grant);
    return a;
}

Result<std::string> password_hash_of(soci::session& sql, int64_t account_id) {
    long long id = account_id;
    std::string hash;
    sql << "SELECT password_hash FROM accounts WHERE id = :id", soci::use(id), soci::into(hash);
    if (!sql.got_data()) return make_error(ErrorCode::not_found, fmt::format("no account {}", account_id));
    return hash;
}

Result<Account> load_account(soci::session& sql, int64_t id) {
    auto found = select_accounts(sql, id);
    if (found.empty())
        return make_error(ErrorCode::not_found, fmt::format("no hay cuenta {} / no account {}", id, id));
    return found.front();
}

Status end_sessions(soci::session& sql, int64_t account_id, const std::optional<std::string>& keep_token) {
    long long id = account_id;
    if (keep_token) {
        const std::string keep = sha256_hex(*keep_token);
        sql << "DELETE FROM sessions WHERE account_id = :a AND token_hash <> :k", soci::use(id),
            soci::use(keep);
    } else {
        sql << "DELETE FROM sessions WHERE account_id = :a", soci::use(id);
    }
    return ok_status();
}

Status store_password_hash(soci::session& sql, int64_t account_id, const std::string& hash,
                           const Clock& clock) {
    const std::string now = clock.now_iso();
    long long id = account_id;
    sql << "UPDATE accounts SET password_hash = :h, updated_at = :now WHERE id = :id", soci::use(hash),
        soci::use(now), soci::use(id);
    return ok_status();
}

json audited_grants(const std::vector<Grant>& grants) {
    json out = json::array();
    for (const auto& g : grants) out.push_back(grant_json(g));
    return out;
}

Result<StoredGrant> insert_grant(soci::session& sql, const Clock& clock, int64_t account_id,
                                 int64_t person_id, const Grant& g) {
    TRY(check_grant(sql, g));
    const std::string role(role_name(g.role));
    long long account = account_id;
    long long org = g.organisation.value_or(0), body = g.body.value_or(0);
    soci::indicator org_ind = g.organisation ? soci::i_ok : soci::i_null;
    soci::indicator body_ind = g.body ? soci::i_ok : soci::i_null;
    long long present = 0;
    sql << "SELECT COUNT(*) FROM role_grants WHERE account_id = :a AND role = :r AND "
           "COALESCE(organisation_id, 0) "
           "= :o AND COALESCE(body_id, 0) = :b",
        soci::use(account), soci::use(role), soci::use(org), soci::use(body), soci::into(present);
    if (present > 0) {
        return make_error(ErrorCode::conflict,
                          fmt::format("la cuenta {} ya tiene ese rol / account {} already has that grant",
                                      account_id, account_id));
    }
    const std::string now = clock.now_iso();
    long long id = 0;
    sql << "INSERT INTO role_grants (account_id, role, organisation_id, body_id, created_at) VALUES (:a, :r, "
           ":o, "
           ":b, :now) RETURNING id",
        soci::use(account), soci::use(role), soci::use(org, org_ind), soci::use(body, body_ind),
        soci::use(now), soci::into(id);
    if (g.role == Role::editor) {
        long long person = person_id, member = 0;
        sql << "SELECT COUNT(*) FROM person_organisations WHERE person_id = :p AND organisation_id = :o",
            soci::use(person), soci::use(org), soci::into(member);
        if (member == 0) {
            sql << "INSERT INTO person_organisations (person_id, organisation_id) VALUES (:p, :o)",
                soci::use(person), soci::use(org);
        }
    }
    return StoredGrant{id, g};
}

}  // namespace detail

Result<Account> create_account(storage::Database& db, const Clock& clock, const Actor& who,
                               const std::string& request_id, const NewAccount& request,
                               const PasswordOptions& options) {
    if (!permits(who, "account.create")) return detail::refused(who, "account.create");
    const std::string email = normalise_email(request.email);
    TRY(detail::check_email(email));
    std::string name = request.name;
    if (name.find_first_not_of(" \t") == std::string::npos) name = email.substr(0, email.find('@'));
    if (name.size() > 200)
        return make_error(ErrorCode::invalid_argument, "/name: más de 200 bytes / longer than 200 bytes");
    TRY(check_password_policy(request.password));
    // Hashed before the transaction: argon2id takes a while, and the write lock need not wait for it.
    TRY_ASSIGN(hash, hash_password(request.password, options));
    Result<Account> created = make_error(ErrorCode::internal, "not created");
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        long long taken = 0;
        sql << "SELECT COUNT(*) FROM accounts WHERE email = :e", soci::use(email), soci::into(taken);
        if (taken > 0) {
            return make_error(
                ErrorCode::conflict,
                fmt::format("ya existe una cuenta con el correo {} / an account with e-mail {} exists", email,
                            email));
        }
        std::vector<int64_t> organisations = request.organisations;
        std::sort(organisations.begin(), organisations.end());
        organisations.erase(std::unique(organisations.begin(), organisations.end()), organisations.end());
        for (int64_t org : organisations) TRY(detail::check_grant(sql, Grant{Role::editor, org}));
        const std::string now = clock.now_iso();
        long long person = 0, id = 0;
        sql << "INSERT INTO people (name, created_at) VALUES (:n, :now) RETURNING id", soci::use(name),
            soci::use(now), soci::into(person);
        for (int64_t org : organisations) {
            long long o = org;
            sql << "INSERT INTO person_organisations (person_id, organisation_id) VALUES (:p, :o)",
                soci::use(person), soci::use(o);
        }
        sql << "INSERT INTO accounts (email, person_id, password_hash, state, created_at, updated_at) VALUES "
               "(:e, :p, "
               ":h, 'active', :now, :now2) RETURNING id",
            soci::use(email), soci::use(person), soci::use(hash), soci::use(now), soci::use(now),
            soci::into(id);
        for (const auto& g : request.grants) {
            auto stored = detail::insert_grant(sql, clock, id, person, g);
            if (!stored && stored.error().code != ErrorCode::conflict) return stored.error();
        }
        TRY_ASSIGN(account, detail::load_account(sql, id));
        json after = {{"email", account.email},
                      {"name", account.person.name},
                      {"organisations", account.person.organisations},
                      {"state", "active"},
                      {"grants", detail::audited_grants(request.grants)}};
        TRY(audit(db, clock, who, request_id,
                  {"account.create", "account", std::to_string(id), diff_of(json::object(), after)}));
        created = std::move(account);
        return ok_status();
    });
    if (!written) return written.error();
    return created;
}

Result<std::vector<Account>> list_accounts(storage::Database& db) {
    return detail::reading(db, [&]() -> Result<std::vector<Account>> {
        return detail::select_accounts(db.session(), std::nullopt);
    });
}

Result<Account> get_account(storage::Database& db, int64_t id) {
    return detail::reading(db, [&]() -> Result<Account> { return detail::load_account(db.session(), id); });
}

Result<Account> find_account_by_email(storage::Database& db, std::string_view email) {
    const std::string key = normalise_email(email);
    return detail::reading(db, [&]() -> Result<Account> {
        long long id = 0;
        db.session() << "SELECT id FROM accounts WHERE email = :e", soci::use(key), soci::into(id);
        if (!db.session().got_data()) {
            return make_error(
                ErrorCode::not_found,
                fmt::format("no hay cuenta con el correo {} / no account with e-mail {}", key, key));
        }
        return detail::load_account(db.session(), id);
    });
}

Result<Account> set_account_state(storage::Database& db, const Clock& clock, const Actor& who,
                                  const std::string& request_id, int64_t account_id, AccountState state) {
    if (!permits(who, "account.disable")) return detail::refused(who, "account.disable");
    Result<Account> changed = make_error(ErrorCode::internal, "not changed");
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        TRY_ASSIGN(before, detail::load_account(sql, account_id));
        const std::string name(account_state_name(state)), now = clock.now_iso();
        long long id = account_id;
        sql << "UPDATE accounts SET state = :s, updated_at = :now WHERE id = :id", soci::use(name),
            soci::use(now), soci::use(id);
        if (state == AccountState::disabled) TRY(detail::end_sessions(sql, account_id, std::nullopt));
        TRY(audit(db, clock, who, request_id,
                  {state == AccountState::active ? "account.enable" : "account.disable", "account",
                   std::to_string(account_id),
                   diff_of({{"state", std::string(account_state_name(before.state))}}, {{"state", name}})}));
        TRY_ASSIGN(after, detail::load_account(sql, account_id));
        changed = std::move(after);
        return ok_status();
    });
    if (!written) return written.error();
    return changed;
}

Status change_own_password(storage::Database& db, const Clock& clock, const Actor& who,
                           const std::string& request_id, std::string_view current_password,
                           std::string_view new_password,
                           const std::optional<std::string>& keep_session_token,
                           const PasswordOptions& options) {
    if (!who.account || !permits(who, "account.self")) return detail::refused(who, "account.self");
    const int64_t account_id = *who.account;
    TRY_ASSIGN(stored, detail::reading(db, [&]() -> Result<std::string> {
                   return detail::password_hash_of(db.session(), account_id);
               }));
    if (!verify_password(stored, current_password)) {
        return make_error(ErrorCode::unauthenticated,
                          "la contraseña actual no es correcta / the current password is wrong");
    }
    TRY(check_password_policy(new_password));
    TRY_ASSIGN(hash, hash_password(new_password, options));
    return db.transaction([&]() -> Status {
        TRY(detail::store_password_hash(db.session(), account_id, hash, clock));
        TRY(detail::end_sessions(db.session(), account_id, keep_session_token));
        return audit(db, clock, who, request_id,
                     {"account.password", "account", std::to_string(account_id), json::object()});
    });
}

Status reset_password(storage::Database& db, const Clock& clock, const Actor& who,
                      const std::string& request_id, int64_t account_id, std::string_view new_password,
                      const PasswordOptions& options) {
    if (!permits(who, "account.password")) return detail::refused(who, "account.password");
    TRY(check_password_policy(new_password));
    TRY_ASSIGN(hash, hash_password(new_password, options));
    return db.transaction([&]() -> Status {
        TRY(detail::load_account(db.session(), account_id));
        TRY(detail::store_password_hash(db.session(), account_id, hash, clock));
        TRY(detail::end_sessions(db.session(), account_id, std::nullopt));
        return audit(db, clock, who, request_id,
                     {"account.password", "account", std::to_string(account_id), json::object()});
    });
}

Result<StoredGrant> grant_role(storage::Database& db, const Clock& clock, const Actor& who,
                               const std::string& request_id, int64_t account_id, const Grant& grant) {
    if (!permits(who, "role.grant")) return detail::refused(who, "role.grant");
    Result<StoredGrant> granted = make_error(ErrorCode::internal, "not granted");
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        TRY_ASSIGN(account, detail::load_account(sql, account_id));
        TRY_ASSIGN(stored, detail::insert_grant(sql, clock, account_id, account.person.id, grant));
        TRY(audit(db, clock, who, request_id,
                  {"role.grant", "account", std::to_string(account_id),
                   diff_of({{"grants", detail::audited_grants({})}},
                           {{"grants", detail::audited_grants({grant})}})}));
        granted = stored;
        return ok_status();
    });
    if (!written) return written.error();
    return granted;
}

Status revoke_grant(storage::Database& db, const Clock& clock, const Actor& who,
                    const std::string& request_id, int64_t account_id, int64_t grant_id) {
    if (!permits(who, "role.revoke")) return detail::refused(who, "role.revoke");
    return db.transaction([&]() -> Status {
        auto& sql = db.session();
        TRY_ASSIGN(account, detail::load_account(sql, account_id));
        const auto it = std::find_if(account.grants.begin(), account.grants.end(),
                                     [&](const StoredGrant& g) { return g.id == grant_id; });
        if (it == account.grants.end()) {
            return make_error(ErrorCode::not_found,
                              fmt::format("la cuenta {} no tiene el permiso {} / account {} has no grant {}",
                                          account_id, grant_id, account_id, grant_id));
        }
        long long id = grant_id;
        sql << "DELETE FROM role_grants WHERE id = :id", soci::use(id);
        return audit(db, clock, who, request_id,
                     {"role.revoke", "account", std::to_string(account_id),
                      diff_of({{"grants", detail::audited_grants({it->grant})}},
                              {{"grants", detail::audited_grants({})}})});
    });
}

Status revoke_role(storage::Database& db, const Clock& clock, const Actor& who, const std::string& request_id,
                   int64_t account_id, const Grant& grant) {
    if (!permits(who, "role.revoke")) return detail::refused(who, "role.revoke");
    TRY_ASSIGN(account, get_account(db, account_id));
    for (const auto& g : account.grants) {
        if (g.grant == grant) return revoke_grant(db, clock, who, request_id, account_id, g.id);
    }
    return make_error(ErrorCode::not_found, fmt::format("{} no tiene ese rol / {} has no such grant",
                                                        account.email, account.email));
}

Status add_to_organisation(storage::Database& db, const Clock& clock, const Actor& who,
                           const std::string& request_id, int64_t account_id, int64_t organisation_id) {
    if (!permits(who, "account.create")) return detail::refused(who, "account.create");
    return db.transaction([&]() -> Status {
        auto& sql = db.session();
        TRY_ASSIGN(account, detail::load_account(sql, account_id));
        TRY(detail::check_grant(sql, Grant{Role::editor, organisation_id}));
        const auto& orgs = account.person.organisations;
        if (std::find(orgs.begin(), orgs.end(), organisation_id) != orgs.end()) return ok_status();
        long long person = account.person.id, org = organisation_id;
        sql << "INSERT INTO person_organisations (person_id, organisation_id) VALUES (:p, :o)",
            soci::use(person), soci::use(org);
        auto after = orgs;
        after.push_back(organisation_id);
        std::sort(after.begin(), after.end());
        return audit(db, clock, who, request_id,
                     {"account.organisation", "account", std::to_string(account_id),
                      diff_of({{"organisations", orgs}}, {{"organisations", after}})});
    });
}

Result<Actor> account_actor(storage::Database& db, int64_t account_id) {
    TRY_ASSIGN(account, get_account(db, account_id));
    if (account.state != AccountState::active) {
        return make_error(ErrorCode::unauthenticated, "la cuenta está desactivada / the account is disabled");
    }
    return detail::actor_of(account);
}

}  // namespace metropoli::access
