// SPDX-License-Identifier: MIT
// Login sessions: a login checks the e-mail and password (throttled, see throttle.hpp) and makes a new random
// session token (every login makes a new one: a token fixed before login is never promoted); the server keeps
// only its SHA-256. A session ends after an idle limit, an absolute limit, a logout, a password change or the
// account's disabling. The CSRF token of a session is derived from its token (csrf_token_for), so it needs no
// storage of its own and cannot be read from the database either.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "access/actor.hpp"
#include "access/passwords.hpp"
#include "access/throttle.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::access {

struct SessionOptions {
    std::chrono::seconds idle{30 * 60};           // ended when unused for this long
    std::chrono::seconds absolute{12 * 60 * 60};  // ended this long after login, however used
};

struct LoginOptions {
    SessionOptions session;
    ThrottleOptions throttle;
    // The cost of the dummy hash an unknown e-mail is verified against; match the cost of real hashes so that
    // an unknown e-mail and a wrong password take the same time.
    PasswordOptions dummy_hash;
    std::string request_id;  // for the audit entry of the login
};

struct NewSession {
    std::string token;       // 32 random bytes, base64url (43 characters): the cookie's value; shown once
    std::string csrf_token;  // csrf_token_for(token): the X-CSRF-Token a cookie write must carry
    Actor actor;             // "account:ID" with its grants
    std::string expires_at;  // ISO-8601 UTC: the absolute limit (the idle limit may end it sooner)
};

// The one message of a refused login, whatever the reason (unknown e-mail, wrong password, disabled account).
inline constexpr std::string_view k_wrong_login =
    "Correo o contraseña incorrectos / Wrong e-mail or password";

// Logs in: too_many_requests (with retry_after_seconds) while the e-mail or `client_address` is throttled,
// before any password is checked; unauthenticated with k_wrong_login for an unknown e-mail, a wrong password
// or a disabled account, each after one argon2id verification (against a dummy hash for an unknown e-mail),
// each recorded as a failure. On success: the e-mail's failures are forgotten, last_login is set, a session
// is stored (audited as "session.login" by the account) and returned.
Result<NewSession> login(storage::Database& db, const Clock& clock, std::string_view email,
                         std::string_view password, const std::string& client_address,
                         const LoginOptions& options = {});

// The actor of the session whose token is `token`, with the account's current grants: unauthenticated when
// there is none, it passed its idle or absolute limit (then it is deleted) or the account is disabled.
// Touches last_seen when it is older than a minute (so most requests only read).
Result<Actor> resolve_session(storage::Database& db, const Clock& clock, std::string_view token,
                              const SessionOptions& options = {});

// Ends the session of `token` (audited as "session.logout" by its account); ok when there was none.
Status logout(storage::Database& db, const Clock& clock, std::string_view token,
              const std::string& request_id = "");

// Ends every session of an account (permission "account.self" for one's own, "account.disable" for
// another's); audited as "session.logout_all". Returns how many ended.
Result<int> logout_all(storage::Database& db, const Clock& clock, const Actor& who,
                       const std::string& request_id, int64_t account_id);

// The CSRF token of a session: SHA-256("metropoli-csrf\n" + token) in hex. Not the stored hash (which
// is SHA-256 of the token alone), so the database does not reveal it.
std::string csrf_token_for(std::string_view session_token);
// Whether `presented` is the CSRF token of `session_token`, compared in constant time.
bool csrf_token_matches(std::string_view session_token, std::string_view presented);

}  // namespace metropoli::access
