// SPDX-License-Identifier: MIT
// /api/v1/session: log in (the session cookie, and the CSRF token in the answer), who am I, log out, and
// one's own password. The access library decides everything; these handlers read the body, call it and
// render.
#include "access/accounts.hpp"
#include "access/sessions.hpp"
#include "http/credentials.hpp"
#include "http/handler_support.hpp"
#include "http/route_modules.hpp"

namespace metropoli::http {

using nlohmann::json;

namespace {

constexpr const char* k_session_tag = "Acceso";

// {account: {...}, csrf_token}: the account as the access library renders it (no secret in it).
Result<json> session_json(storage::Database& db, const access::Actor& who, const std::string& csrf_token) {
    if (!who.account) return make_error(ErrorCode::unauthenticated, "no account");
    auto account = access::get_account(db, *who.account);
    if (!account) return account.error();
    json out = {{"account", access::account_json(*account)}};
    out["csrf_token"] = csrf_token.empty() ? json(nullptr) : json(csrf_token);
    out["credential"] = csrf_token.empty() ? "token" : "session";
    return out;
}

// A string member of a body, or a field error.
std::string text_field(const json& body, const char* name, std::vector<FieldError>& errors) {
    auto it = body.find(name);
    if (it == body.end() || !it->is_string() || it->get<std::string>().empty()) {
        errors.push_back({std::string("/") + name, std::string(name) + " is required (a string)"});
        return {};
    }
    return it->get<std::string>();
}

}  // namespace

void add_session_routes(Router& router, const AccessRouteOptions& options) {
    RouteDef login{"POST",
                   "/api/v1/session",
                   "Log in: the session cookie, and the CSRF token its writes carry",
                   k_session_tag,
                   {},
                   {},
                   "public",
                   false,
                   [options](const RoutedRequest& r, RequestContext& ctx) {
                       auto body = json_body(r);
                       if (!body) return problem_of(body.error(), r.path);
                       std::vector<FieldError> errors;
                       const std::string email = text_field(*body, "email", errors);
                       const std::string password = text_field(*body, "password", errors);
                       if (!errors.empty()) return invalid_fields(errors, r.path);
                       access::LoginOptions login_options = options.login;
                       login_options.request_id = ctx.request_id;
                       auto session =
                           access::login(*ctx.app.db, ctx.clock, email, password, ctx.client, login_options);
                       if (!session) return problem_of(session.error(), r.path);
                       auto out = session_json(*ctx.app.db, session->actor, session->csrf_token);
                       if (!out) return problem_of(out.error(), r.path);
                       (*out)["expires_at"] = session->expires_at;
                       Response answer = json_response(*out);
                       answer.headers.emplace_back("Set-Cookie", session_cookie(session->token, ctx.secure));
                       return answer;
                   }};
    login.changes_data = false;  // no cached read depends on sessions
    router.add(std::move(login));

    router.add({"GET",
                "/api/v1/session",
                "Who is logged in (and the session's CSRF token)",
                k_session_tag,
                {},
                {},
                "account.self",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    return respond(session_json(*ctx.app.db, ctx.actor, ctx.csrf_token), r.path,
                                   [](const json& j) { return j; });
                }});

    RouteDef logout{"DELETE",
                    "/api/v1/session",
                    "Log out: the session ends and its cookie is cleared",
                    k_session_tag,
                    {},
                    {},
                    "account.self",
                    false,
                    [](const RoutedRequest& r, RequestContext& ctx) {
                        if (ctx.credential == Credential::session) {
                            const auto token = cookie_value(r.request->cookie, k_session_cookie);
                            if (token) {
                                auto ended = access::logout(*ctx.app.db, ctx.clock, *token, ctx.request_id);
                                if (!ended) return problem_of(ended.error(), r.path);
                            }
                        }
                        Response out = no_content();
                        out.headers.emplace_back("Set-Cookie", cleared_session_cookie(ctx.secure));
                        return out;
                    }};
    logout.changes_data = false;
    router.add(std::move(logout));

    RouteDef password{"PUT",
                      "/api/v1/session/password",
                      "Change one's own password (every other session of the account ends)",
                      k_session_tag,
                      {},
                      {},
                      "account.self",
                      false,
                      [options](const RoutedRequest& r, RequestContext& ctx) {
                          auto body = json_body(r);
                          if (!body) return problem_of(body.error(), r.path);
                          std::vector<FieldError> errors;
                          const std::string current = text_field(*body, "current_password", errors);
                          const std::string next = text_field(*body, "new_password", errors);
                          if (!errors.empty()) return invalid_fields(errors, r.path);
                          std::optional<std::string> keep;
                          if (ctx.credential == Credential::session)
                              keep = cookie_value(r.request->cookie, k_session_cookie);
                          auto changed =
                              access::change_own_password(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                          current, next, keep, options.passwords);
                          if (!changed) return problem_of(changed.error(), r.path);
                          return no_content();
                      }};
    password.changes_data = false;
    router.add(std::move(password));
}

}  // namespace metropoli::http
