// SPDX-License-Identifier: MIT
// The first gate of every route that is not public, run by the Api after the router matched the request and
// before the handler: who is asking (the Bearer token, else the session cookie), the CSRF rule for writes
// made with the cookie, and the route's permission against access::permits for the route's scope. A refusal
// is a problem+json 401 (nobody known) or 403 (known, but not allowed), and one line on stderr with the
// request id, the actor and the reason, never a credential. The library's own check inside each write stays
// the last gate.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "http/router.hpp"
#include "storage/database.hpp"

namespace metropoli::http {

// Who sends a request, as the authenticator found it.
struct Caller {
    access::Actor actor;  // anonymous when the request carries no credential
    Credential credential = Credential::none;
    std::string csrf_token;  // the session's, when credential == session
};

// Resolves the caller of a request: the Bearer token when it sends one, else the session cookie, else
// anonymous. An unauthenticated error when what it sends is unknown, expired, revoked, or of a disabled
// account; its message is shown to the client and must name no secret. Runs on the request's own database
// connection (it may touch the session's last use).
using Authenticator = std::function<Result<Caller>(const Request&, storage::Database&, const Clock&)>;

// The authenticator of the access library: sessions and API tokens stored in the database.
Result<Caller> authenticate(const Request& request, storage::Database& db, const Clock& clock);

// Runs the gate for a routed request whose route is not public. nullopt: admitted, and `ctx` holds the actor,
// how it was established and the session's CSRF token. Otherwise the refusal to send, already logged.
std::optional<Response> admit(const RoutedRequest& routed, RequestContext& ctx,
                              const Authenticator& authenticate);

// For a public read whose answer depends on who asks (a route that is not cached: the region's observations,
// where coders and reviewers also see drafts): the caller when the request carries a valid credential, else
// nobody. Never refuses: a public route answers anyone, and an expired session reads as anonymous.
void identify(const RoutedRequest& routed, RequestContext& ctx, const Authenticator& authenticate);

// Whether a method changes state (everything but GET and HEAD): such a request made with the session cookie
// must carry the session's CSRF token.
bool is_write(const std::string& method);

}  // namespace metropoli::http
