// SPDX-License-Identifier: MIT
#include "http/gate.hpp"

#include <fmt/format.h>

#include "http/credentials.hpp"

namespace metropoli::http {

namespace {

std::string scope_text(const access::Scope& scope) {
    std::string out;
    if (scope.organisation) out += fmt::format(" for organisation {}", *scope.organisation);
    if (scope.body) out += fmt::format(" for body {}", *scope.body);
    return out;
}

// The refusal, and its line in the server log: the request id ties it to the access log's line.
Response refuse(const RoutedRequest& routed, const RequestContext& ctx, unsigned status,
                const std::string& detail, const std::string& reason) {
    fmt::print(stderr, "refused {} {} {} (request {}, actor {}): {}\n", status, routed.request->method,
               routed.path, ctx.request_id, ctx.actor.id, reason);
    Response r = problem(status, "", detail, routed.path);
    if (status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"metropoli\"");
    r.cache_control = "no-store";
    return r;
}

}  // namespace

void identify(const RoutedRequest& routed, RequestContext& ctx, const Authenticator& authenticate) {
    auto caller = authenticate(*routed.request, *ctx.app.db, ctx.clock);
    if (!caller) return;
    ctx.actor = std::move(caller->actor);
    ctx.credential = caller->credential;
}

bool is_write(const std::string& method) {
    return method != "GET" && method != "HEAD";
}

std::optional<Response> admit(const RoutedRequest& routed, RequestContext& ctx,
                              const Authenticator& authenticate) {
    const RouteDef& route = *routed.route;
    const Request& request = *routed.request;
    auto caller = authenticate(request, *ctx.app.db, ctx.clock);
    if (!caller) {
        if (caller.error().code != ErrorCode::unauthenticated) return problem_of(caller.error(), routed.path);
        return refuse(routed, ctx, 401, caller.error().message,
                      fmt::format("credential not accepted ({})", caller.error().message));
    }
    ctx.actor = std::move(caller->actor);
    ctx.credential = caller->credential;
    ctx.csrf_token = std::move(caller->csrf_token);
    const std::string needs =
        fmt::format("{} {} needs the permission '{}'", route.method, route.pattern, route.permission);
    if (ctx.actor.anonymous()) {
        return refuse(routed, ctx, 401, "Inicie sesión / Sign in: " + needs, "no credential");
    }
    // SameSite=Strict already keeps other sites' requests from carrying the cookie; the token makes a write
    // depend on something only the page that logged in has read.
    if (ctx.credential == Credential::session && is_write(request.method)) {
        if (request.csrf_token.empty() || !same_secret(request.csrf_token, ctx.csrf_token)) {
            return refuse(routed, ctx, 403,
                          "Falta el token CSRF de la sesión o no es el suyo / The X-CSRF-Token header is "
                          "missing or is not the session's (it comes with the login's answer and GET "
                          "/api/v1/session)",
                          request.csrf_token.empty() ? "CSRF token missing" : "CSRF token wrong");
        }
    }
    const access::Scope scope = route.scope ? route.scope(routed) : access::Scope{};
    if (!access::permits(ctx.actor, route.permission, scope)) {
        return refuse(routed, ctx, 403, "Sin permiso / Not allowed: " + needs + scope_text(scope),
                      fmt::format("lacks '{}'{}", route.permission, scope_text(scope)));
    }
    return std::nullopt;
}

}  // namespace metropoli::http
