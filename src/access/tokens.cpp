// SPDX-License-Identifier: MIT
// API tokens over the api_tokens table (no data-generation triggers: see migrations.cpp).
#include "access/tokens.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "access/account_support.hpp"
#include "access/accounts.hpp"
#include "access/audit.hpp"
#include "access/permissions.hpp"
#include "access/secrets.hpp"
#include "access/store_support.hpp"

namespace metropoli::access {

using nlohmann::json;

namespace {

std::string grants_text(const std::vector<Grant>& grants) {
    json out = json::array();
    for (const auto& g : grants) out.push_back(grant_json(g));
    return out.dump();
}

std::vector<Grant> grants_of(const std::string& text) {
    std::vector<Grant> out;
    auto parsed = json::parse(text, nullptr, false);
    if (!parsed.is_array()) return out;
    for (const auto& v : parsed) {
        if (auto g = grant_from_json(v)) out.push_back(*g);
    }
    return out;
}

TokenInfo token_from_row(const soci::row& row) {
    TokenInfo t;
    t.id = storage::get_int64(row, 0);
    t.account = storage::get_int64(row, 1);
    t.name = row.get<std::string>(2);
    t.grants = grants_of(row.get<std::string>(3));
    t.created_at = row.get<std::string>(4);
    if (row.get_indicator(5) == soci::i_ok) t.last_used = row.get<std::string>(5);
    if (row.get_indicator(6) == soci::i_ok) t.revoked_at = row.get<std::string>(6);
    return t;
}

constexpr const char* k_token_columns = "id, account_id, name, grants, created_at, last_used, revoked_at";

Error no_token() {
    return make_error(ErrorCode::unauthenticated,
                      "el token no es válido o fue revocado / the token is not valid or was revoked");
}

}  // namespace

json token_json(const TokenInfo& t) {
    json grants = json::array();
    for (const auto& g : t.grants) grants.push_back(grant_json(g));
    return {{"id", t.id},
            {"name", t.name},
            {"grants", grants},
            {"created_at", t.created_at},
            {"last_used", t.last_used ? json(*t.last_used) : json(nullptr)},
            {"revoked_at", t.revoked_at ? json(*t.revoked_at) : json(nullptr)}};
}

Result<NewToken> create_token(storage::Database& db, const Clock& clock, const Actor& who,
                              const std::string& request_id, int64_t account_id, const std::string& name,
                              const std::optional<std::vector<Grant>>& grants) {
    const char* action = who.account == account_id ? "account.self" : "account.tokens";
    if (!permits(who, action)) return detail::refused(who, action);
    if (name.find_first_not_of(" \t") == std::string::npos || name.size() > 100) {
        return make_error(
            ErrorCode::invalid_argument,
            "/name: el token necesita un nombre de 1 a 100 bytes / a token needs a name of 1 to 100 "
            "bytes");
    }
    NewToken out;
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        TRY_ASSIGN(account, detail::load_account(sql, account_id));
        if (account.state != AccountState::active) {
            return make_error(
                ErrorCode::conflict,
                "la cuenta está desactivada / the account is disabled: it can have no new tokens");
        }
        std::vector<Grant> held;
        for (const auto& g : account.grants) held.push_back(g.grant);
        const std::vector<Grant> chosen = grants.value_or(held);
        for (const auto& g : chosen) {
            if (std::find(held.begin(), held.end(), g) == held.end()) {
                return make_error(
                    ErrorCode::forbidden,
                    fmt::format("la cuenta no tiene el rol {} que se pide para el token / the account "
                                "does not hold the role {} asked for the token",
                                role_name(g.role), role_name(g.role)));
            }
        }
        out.token = std::string(k_token_prefix) + random_token(32);
        out.name = name;
        out.grants = chosen;
        const std::string hash = sha256_hex(out.token), text = grants_text(chosen), now = clock.now_iso();
        long long account_key = account_id, id = 0;
        sql << "INSERT INTO api_tokens (token_hash, name, account_id, grants, created_at) VALUES (:h, :n, "
               ":a, :g, "
               ":now) RETURNING id",
            soci::use(hash), soci::use(name), soci::use(account_key), soci::use(text), soci::use(now),
            soci::into(id);
        out.id = id;
        return audit(
            db, clock, who, request_id,
            {"token.create", "api_token", std::to_string(id),
             diff_of(json::object(),
                     {{"account", account_id}, {"name", name}, {"grants", detail::audited_grants(chosen)}})});
    });
    if (!written) return written.error();
    return out;
}

Result<std::vector<TokenInfo>> list_tokens(storage::Database& db, int64_t account_id) {
    return detail::reading(db, [&]() -> Result<std::vector<TokenInfo>> {
        std::vector<TokenInfo> out;
        long long id = account_id;
        soci::rowset<soci::row> rows =
            (db.session().prepare << fmt::format(
                 "SELECT {} FROM api_tokens WHERE account_id = :a ORDER BY id DESC", k_token_columns),
             soci::use(id));
        for (const auto& row : rows) out.push_back(token_from_row(row));
        return out;
    });
}

Status revoke_token(storage::Database& db, const Clock& clock, const Actor& who,
                    const std::string& request_id, int64_t token_id) {
    return db.transaction([&]() -> Status {
        auto& sql = db.session();
        long long id = token_id;
        soci::rowset<soci::row> rows =
            (sql.prepare << fmt::format("SELECT {} FROM api_tokens WHERE id = :id", k_token_columns),
             soci::use(id));
        std::optional<TokenInfo> found;
        for (const auto& row : rows) found = token_from_row(row);
        const bool own = found && who.account == found->account;
        const char* action = own ? "account.self" : "account.tokens";
        auto missing = [&] {
            return make_error(ErrorCode::not_found,
                              fmt::format("no hay token {} / no token {}", token_id, token_id));
        };
        if (!permits(who, action)) {
            // To an account that may not manage others' tokens, another account's token does not exist.
            if (!own && who.account) return missing();
            return detail::refused(who, action);
        }
        if (!found) return missing();
        if (found->revoked_at) return ok_status();
        const std::string now = clock.now_iso();
        sql << "UPDATE api_tokens SET revoked_at = :now WHERE id = :id", soci::use(now), soci::use(id);
        return audit(db, clock, who, request_id,
                     {"token.revoke", "api_token", std::to_string(token_id),
                      diff_of({{"revoked_at", nullptr}}, {{"revoked_at", now}})});
    });
}

Result<Actor> resolve_token(storage::Database& db, const Clock& clock, std::string_view token) {
    if (!token.starts_with(k_token_prefix) || token.size() > 256) return no_token();
    const std::string hash = sha256_hex(token);
    TRY_ASSIGN(found, detail::reading(db, [&]() -> Result<std::optional<TokenInfo>> {
                   soci::rowset<soci::row> rows =
                       (db.session().prepare << fmt::format("SELECT {} FROM api_tokens WHERE token_hash = :h",
                                                            k_token_columns),
                        soci::use(hash));
                   std::optional<TokenInfo> t;
                   for (const auto& row : rows) t = token_from_row(row);
                   return t;
               }));
    if (!found || found->revoked_at) return no_token();
    auto account = account_actor(db, found->account);
    if (!account) return no_token();
    Actor actor = *account;
    std::vector<Grant> effective;
    for (const auto& g : found->grants) {
        if (std::find(actor.grants.begin(), actor.grants.end(), g) != actor.grants.end())
            effective.push_back(g);
    }
    actor.grants = std::move(effective);
    const Instant now = clock.now();
    const auto last = found->last_used ? parse_iso_utc(*found->last_used) : std::nullopt;
    if (!last || now - *last >= std::chrono::seconds(60)) {
        const std::string at = format_iso_utc(now);
        long long id = found->id;
        const Status written = db.transaction([&]() -> Status {
            db.session() << "UPDATE api_tokens SET last_used = :at WHERE id = :id", soci::use(at),
                soci::use(id);
            return ok_status();
        });
        if (!written) return written.error();
    }
    return actor;
}

}  // namespace metropoli::access
