// SPDX-License-Identifier: MIT
// Sessions over the sessions table (no data-generation triggers: see migrations.cpp).
#include "access/sessions.hpp"

#include <fmt/format.h>

#include "access/account_support.hpp"
#include "access/accounts.hpp"
#include "access/audit.hpp"
#include "access/permissions.hpp"
#include "access/secrets.hpp"
#include "access/store_support.hpp"

namespace metropoli::access {

namespace {

Error wrong_login() {
    return make_error(ErrorCode::unauthenticated, std::string(k_wrong_login));
}

Error no_session() {
    return make_error(ErrorCode::unauthenticated,
                      "la sesión no es válida o ha expirado; inicie sesión / the session is not valid or has "
                      "expired: sign in");
}

// The longest token resolve looks up; anything longer is not one of ours.
constexpr std::size_t k_max_token = 256;

struct Credentials {
    long long id = 0;
    std::string state, hash;
};

}  // namespace

std::string csrf_token_for(std::string_view session_token) {
    return sha256_hex("metropoli-csrf\n" + std::string(session_token));
}

bool csrf_token_matches(std::string_view session_token, std::string_view presented) {
    if (session_token.empty()) return false;
    return constant_time_equal(csrf_token_for(session_token), presented);
}

Result<NewSession> login(storage::Database& db, const Clock& clock, std::string_view email,
                         std::string_view password, const std::string& client_address,
                         const LoginOptions& options) {
    const std::string key = normalise_email(email);
    TRY(check_login_throttle(db, clock, key, client_address, options.throttle));
    TRY_ASSIGN(found, detail::reading(db, [&]() -> Result<std::optional<Credentials>> {
                   Credentials c;
                   db.session() << "SELECT id, state, password_hash FROM accounts WHERE email = :e",
                       soci::use(key), soci::into(c.id), soci::into(c.state), soci::into(c.hash);
                   if (!db.session().got_data()) return std::optional<Credentials>();
                   return std::optional<Credentials>(c);
               }));
    // One argon2id verification whatever the case, so the answer's time does not tell an unknown e-mail.
    bool matches = false;
    if (found) {
        matches = verify_password(found->hash, password);
    } else {
        (void)verify_password(dummy_password_hash(options.dummy_hash), password);
    }
    if (!matches || found->state != "active") {
        TRY(record_login_failure(db, clock, key, client_address, options.throttle));
        return wrong_login();
    }
    NewSession out;
    out.token = random_token(32);
    out.csrf_token = csrf_token_for(out.token);
    const Instant now = clock.now();
    out.expires_at = format_iso_utc(now + options.session.absolute);
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        const std::string at = format_iso_utc(now), hash = sha256_hex(out.token);
        sql << "DELETE FROM login_failures WHERE login = :l", soci::use(key);
        sql << "UPDATE accounts SET last_login = :at WHERE id = :id", soci::use(at), soci::use(found->id);
        sql << "INSERT INTO sessions (token_hash, account_id, client_address, created_at, last_seen, "
               "expires_at) "
               "VALUES (:h, :a, :addr, :c, :s, :e)",
            soci::use(hash), soci::use(found->id), soci::use(client_address), soci::use(at), soci::use(at),
            soci::use(out.expires_at);
        TRY_ASSIGN(account, detail::load_account(sql, found->id));
        out.actor = detail::actor_of(account);
        return audit(db, clock, out.actor, options.request_id,
                     {"session.login", "account", std::to_string(found->id), nlohmann::json::object()});
    });
    if (!written) return written.error();
    return out;
}

Result<Actor> resolve_session(storage::Database& db, const Clock& clock, std::string_view token,
                              const SessionOptions& options) {
    if (token.empty() || token.size() > k_max_token) return no_session();
    const std::string hash = sha256_hex(token);
    struct Row {
        long long id = 0, account = 0;
        std::string last_seen, expires_at;
    };
    TRY_ASSIGN(row, detail::reading(db, [&]() -> Result<std::optional<Row>> {
                   Row r;
                   db.session()
                       << "SELECT id, account_id, last_seen, expires_at FROM sessions WHERE token_hash = :h",
                       soci::use(hash), soci::into(r.id), soci::into(r.account), soci::into(r.last_seen),
                       soci::into(r.expires_at);
                   if (!db.session().got_data()) return std::optional<Row>();
                   return std::optional<Row>(r);
               }));
    if (!row) return no_session();
    const Instant now = clock.now();
    const auto last_seen = parse_iso_utc(row->last_seen), expires = parse_iso_utc(row->expires_at);
    if (!last_seen || !expires || now >= *expires || now >= *last_seen + options.idle) {
        const Status written = db.transaction([&]() -> Status {
            db.session() << "DELETE FROM sessions WHERE id = :id", soci::use(row->id);
            return ok_status();
        });
        if (!written) return written.error();
        return no_session();
    }
    auto actor = account_actor(db, row->account);
    if (!actor) return no_session();
    if (now - *last_seen >= std::chrono::seconds(60)) {
        const std::string at = format_iso_utc(now);
        const Status written = db.transaction([&]() -> Status {
            db.session() << "UPDATE sessions SET last_seen = :at WHERE id = :id", soci::use(at),
                soci::use(row->id);
            return ok_status();
        });
        if (!written) return written.error();
    }
    return actor;
}

Status logout(storage::Database& db, const Clock& clock, std::string_view token,
              const std::string& request_id) {
    if (token.empty() || token.size() > k_max_token) return ok_status();
    const std::string hash = sha256_hex(token);
    return db.transaction([&]() -> Status {
        auto& sql = db.session();
        long long id = 0, account = 0;
        sql << "SELECT id, account_id FROM sessions WHERE token_hash = :h", soci::use(hash), soci::into(id),
            soci::into(account);
        if (!sql.got_data()) return ok_status();
        sql << "DELETE FROM sessions WHERE id = :id", soci::use(id);
        TRY_ASSIGN(stored, detail::load_account(sql, account));
        return audit(db, clock, detail::actor_of(stored), request_id,
                     {"session.logout", "account", std::to_string(account), nlohmann::json::object()});
    });
}

Result<int> logout_all(storage::Database& db, const Clock& clock, const Actor& who,
                       const std::string& request_id, int64_t account_id) {
    const char* action = who.account == account_id ? "account.self" : "account.disable";
    if (!permits(who, action)) return detail::refused(who, action);
    int ended = 0;
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        TRY(detail::load_account(sql, account_id));
        long long id = account_id, n = 0;
        sql << "SELECT COUNT(*) FROM sessions WHERE account_id = :a", soci::use(id), soci::into(n);
        TRY(detail::end_sessions(sql, account_id, std::nullopt));
        ended = static_cast<int>(n);
        return audit(db, clock, who, request_id,
                     {"session.logout_all", "account", std::to_string(account_id), nlohmann::json::object()});
    });
    if (!written) return written.error();
    return ended;
}

}  // namespace metropoli::access
