// SPDX-License-Identifier: MIT
// The authenticator of `metropoli serve`: the Bearer token, else the session cookie, resolved by the access
// library into the actor with its current grants.
#include "access/sessions.hpp"
#include "access/tokens.hpp"
#include "http/credentials.hpp"
#include "http/gate.hpp"

namespace metropoli::http {

Result<Caller> authenticate(const Request& request, storage::Database& db, const Clock& clock) {
    if (!request.authorization.empty()) {
        const auto token = bearer_token(request.authorization);
        if (!token) {
            return make_error(ErrorCode::unauthenticated,
                              "Solo se aceptan tokens Bearer / Authorization takes a Bearer token only");
        }
        auto actor = access::resolve_token(db, clock, *token);
        if (!actor) return actor.error();
        return Caller{std::move(*actor), Credential::token, ""};
    }
    if (const auto session = cookie_value(request.cookie, k_session_cookie)) {
        auto actor = access::resolve_session(db, clock, *session);
        if (!actor) return actor.error();
        return Caller{std::move(*actor), Credential::session, access::csrf_token_for(*session)};
    }
    return Caller{};
}

}  // namespace metropoli::http
