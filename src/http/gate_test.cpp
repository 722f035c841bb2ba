// SPDX-License-Identifier: MIT
// The gate in front of every route that is not public, through the Api without sockets: 401 for nobody known,
// 403 for someone not allowed (scoped grants included), the CSRF rule for writes made with the cookie,
// answers for one caller never cached and sent with no-store, and the request's credentials read (cookie,
// Bearer, client address behind a trusted proxy). The gate's tests run on SQLite and on PostgreSQL.
#include "http/gate.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "app/context.hpp"
#include "http/api.hpp"
#include "http/credentials.hpp"
#include "http/handler_support.hpp"
#include "storage/test_support.hpp"

namespace metropoli::http {
namespace {

using nlohmann::json;

TEST(Credentials, ReadTheSessionCookieAndTheBearerToken) {
    EXPECT_EQ(cookie_value("a=1; metropoli_session=abc; b=2", k_session_cookie), "abc");
    EXPECT_EQ(cookie_value("metropoli_session=\"abc\"", k_session_cookie), "abc");
    EXPECT_EQ(cookie_value("xmetropoli_session=abc", k_session_cookie), std::nullopt);
    EXPECT_EQ(cookie_value("metropoli_session=", k_session_cookie), std::nullopt);
    // Two values of one name are ambiguous: neither is believed.
    EXPECT_EQ(cookie_value("metropoli_session=a; metropoli_session=b", k_session_cookie), std::nullopt);
    EXPECT_EQ(bearer_token("Bearer mtp_x1"), "mtp_x1");
    EXPECT_EQ(bearer_token("bearer   mtp_x1 "), "mtp_x1");
    EXPECT_EQ(bearer_token("Basic dXNlcjpwYXNz"), std::nullopt);
    EXPECT_EQ(bearer_token("Bearer"), std::nullopt);
    EXPECT_EQ(bearer_token("Bearer a b"), std::nullopt);
}

TEST(Credentials, CookiesAreHttpOnlyStrictAndSecureOnlyUnderTls) {
    EXPECT_EQ(session_cookie("t0k", false), "metropoli_session=t0k; Path=/; HttpOnly; SameSite=Strict");
    EXPECT_EQ(session_cookie("t0k", true),
              "metropoli_session=t0k; Path=/; HttpOnly; SameSite=Strict; Secure");
    EXPECT_NE(cleared_session_cookie(false).find("Max-Age=0"), std::string::npos);
    Request r;
    r.client_address = "10.0.0.2";
    r.forwarded_proto = "https";
    r.forwarded_for = "203.0.113.9, 198.51.100.7";
    // Without --trust-proxy a client's own X-Forwarded-* fields mean nothing.
    EXPECT_FALSE(served_securely(r, false));
    EXPECT_EQ(client_address(r, false), "10.0.0.2");
    EXPECT_TRUE(served_securely(r, true));
    EXPECT_EQ(client_address(r, true), "198.51.100.7");  // what the proxy saw, not what the client claims
    EXPECT_TRUE(same_secret("abc", "abc"));
    EXPECT_FALSE(same_secret("abc", "abd"));
    EXPECT_FALSE(same_secret("abc", "abcd"));
}

// Who the test's credentials name: a Bearer token or a session cookie per actor, each session with its CSRF
// token. Only the gate is under test here; the access library's sessions and tokens have their own tests
// and the authorisation matrix uses them.
Result<Caller> test_callers(const Request& request, storage::Database&, const Clock&) {
    access::Actor admin{"account:1", 1, "admin@example.org", {{access::Role::admin}}};
    access::Actor editor{"account:2", 2, "editor@example.org", {{access::Role::editor, 7}}};
    access::Actor plain{"account:3", 3, "plain@example.org", {}};
    if (auto token = bearer_token(request.authorization)) {
        if (*token == "admin-token") return Caller{admin, Credential::token, ""};
        if (*token == "plain-token") return Caller{plain, Credential::token, ""};
        return make_error(ErrorCode::unauthenticated, "the token is not valid");
    }
    if (auto session = cookie_value(request.cookie, k_session_cookie)) {
        if (*session == "editor-session") return Caller{editor, Credential::session, "editor-csrf"};
        return make_error(ErrorCode::unauthenticated, "the session expired");
    }
    return Caller{};
}

class GateTest : public ::testing::TestWithParam<storage::Engine> {
protected:
    void SetUp() override {
        m_scratch = std::make_unique<storage::testing::ScratchDatabase>(GetParam());
        if (!m_scratch->available()) {
            if (storage::testing::postgres_required()) FAIL() << m_scratch->why_unavailable();
            GTEST_SKIP() << m_scratch->why_unavailable();
        }
        {
            auto db = app::open_database(m_scratch->url(), storage::Access::create);
            ASSERT_TRUE(db) << db.error().message;
            ASSERT_TRUE(app::initialise(**db, "laguna"));
        }
        auto context = app::open_context(m_scratch->url());
        ASSERT_TRUE(context) << context.error().message;
        ApiOptions options;
        options.authenticate = test_callers;
        api = std::make_unique<Api>(std::move(*context), "", std::move(options));
        const auto echo = [](const RoutedRequest& r, RequestContext& ctx) {
            auto out = json_response({{"actor", ctx.actor.id}, {"path", r.path}});
            if (r.route->pattern == "/api/v1/test/login")
                out.headers.emplace_back("Set-Cookie", session_cookie("fresh", ctx.secure));
            return out;
        };
        const json ok = {{"responses", {{"200", {{"description", "OK"}}}}}};
        ASSERT_TRUE(api->add_module(
            [&](Router& router) {
                router.add(
                    {"GET", "/api/v1/test/mine", "Mine", "Prueba", {}, {}, "account.self", true, echo});
                router.add({"GET",
                            "/api/v1/test/accounts",
                            "Accounts",
                            "Prueba",
                            {},
                            {},
                            "account.read",
                            true,
                            echo});
                router.add({"PUT",
                            "/api/v1/test/organisations/{id}",
                            "Edit",
                            "Prueba",
                            {{"id", http::ParamType::integer}},
                            {},
                            "organisation.edit",
                            false,
                            echo,
                            scope_from_path("id")});
                RouteDef login{"POST", "/api/v1/test/login", "Login", "Prueba", {}, {}, "public", false,
                               echo};
                login.changes_data = false;
                router.add(std::move(login));
            },
            {{"GET /api/v1/test/mine", ok},
             {"GET /api/v1/test/accounts", ok},
             {"PUT /api/v1/test/organisations/{id}", ok},
             {"POST /api/v1/test/login", ok}}));
    }

    Response call(const std::string& method, const std::string& target, const std::string& authorization = "",
                  const std::string& cookie = "", const std::string& csrf = "") {
        auto r = parse_target(target);
        EXPECT_TRUE(r) << target;
        r->method = method;
        r->id = "gate-1";
        r->authorization = authorization;
        r->cookie = cookie;
        r->csrf_token = csrf;
        if (method != "GET") {
            r->content_type = "application/json";
            r->body = "{}";
        }
        return *api->handle(*r);
    }

    static std::string header(const Response& r, const std::string& name) {
        for (const auto& [n, v] : r.headers) {
            if (n == name) return v;
        }
        return "";
    }

    std::unique_ptr<storage::testing::ScratchDatabase> m_scratch;
    std::unique_ptr<Api> api;
};

TEST_P(GateTest, NobodyKnownIs401AndSomeoneNotAllowedIs403) {
    const auto anonymous = call("GET", "/api/v1/test/mine");
    EXPECT_EQ(anonymous.status, 401u);
    EXPECT_EQ(anonymous.content_type, "application/problem+json");
    EXPECT_EQ(header(anonymous, "WWW-Authenticate"), "Bearer realm=\"metropoli\"");
    EXPECT_NE(json::parse(anonymous.body).at("detail").get<std::string>().find("account.self"),
              std::string::npos);
    // A credential that is not (or no longer) valid is no better than none.
    EXPECT_EQ(call("GET", "/api/v1/test/mine", "Bearer revoked-token").status, 401u);
    EXPECT_EQ(call("GET", "/api/v1/test/mine", "", "metropoli_session=old").status, 401u);

    const auto mine = call("GET", "/api/v1/test/mine", "Bearer plain-token");
    ASSERT_EQ(mine.status, 200u) << mine.body;
    EXPECT_EQ(json::parse(mine.body).at("actor"), "account:3");
    const auto refused = call("GET", "/api/v1/test/accounts", "Bearer plain-token");
    EXPECT_EQ(refused.status, 403u);
    EXPECT_EQ(refused.content_type, "application/problem+json");
    EXPECT_EQ(call("GET", "/api/v1/test/accounts", "Bearer admin-token").status, 200u);
}

TEST_P(GateTest, TheScopeComesFromTheRoutesPathArgument) {
    const std::string editor = "metropoli_session=editor-session";
    EXPECT_EQ(call("PUT", "/api/v1/test/organisations/7", "", editor, "editor-csrf").status, 200u);
    const auto other = call("PUT", "/api/v1/test/organisations/8", "", editor, "editor-csrf");
    EXPECT_EQ(other.status, 403u);
    EXPECT_NE(json::parse(other.body).at("detail").get<std::string>().find("organisation 8"),
              std::string::npos);
    EXPECT_EQ(call("PUT", "/api/v1/test/organisations/8", "Bearer admin-token").status, 200u);
    EXPECT_EQ(call("PUT", "/api/v1/test/organisations/8", "Bearer plain-token").status, 403u);
}

TEST_P(GateTest, AWriteWithTheCookieNeedsTheSessionsCsrfTokenAndABearerTokenNone) {
    const std::string editor = "metropoli_session=editor-session";
    EXPECT_EQ(call("PUT", "/api/v1/test/organisations/7", "", editor).status, 403u);
    EXPECT_EQ(call("PUT", "/api/v1/test/organisations/7", "", editor, "editor-csrf-but-not").status, 403u);
    EXPECT_EQ(call("PUT", "/api/v1/test/organisations/7", "", editor, "editor-csrf").status, 200u);
    EXPECT_EQ(call("PUT", "/api/v1/test/organisations/7", "Bearer admin-token").status, 200u);
    // A read with the cookie needs none.
    EXPECT_EQ(call("GET", "/api/v1/test/mine", "", editor).status, 200u);
}

TEST_P(GateTest, AnswersForOneCallerAreNeverCachedAndCarryNoStore) {
    const auto first = call("GET", "/api/v1/test/mine", "Bearer plain-token");
    ASSERT_EQ(first.status, 200u);
    EXPECT_EQ(first.cache_control, "no-store");
    EXPECT_EQ(call("GET", "/api/v1/test/mine", "Bearer admin-token").body.find("account:3"),
              std::string::npos);
    EXPECT_EQ(call("GET", "/api/v1/test/mine").status, 401u);  // the earlier 200 was not kept for anyone
    EXPECT_EQ(call("GET", "/api/v1/test/mine").cache_control, "no-store");
    for (const auto& route : api->router().routes()) {
        if (!is_public(route)) {
            EXPECT_FALSE(route.cached) << route.pattern;
        }
    }
    // A public write that sets a cookie is no-store too, and a login does not empty the response cache.
    const auto generation = api->generation();
    const auto login = call("POST", "/api/v1/test/login");
    ASSERT_EQ(login.status, 200u);
    EXPECT_EQ(login.cache_control, "no-store");
    EXPECT_EQ(header(login, "Set-Cookie"), "metropoli_session=fresh; Path=/; HttpOnly; SameSite=Strict");
    EXPECT_EQ(api->generation(), generation);
}

std::string engine_param(const ::testing::TestParamInfo<storage::Engine>& p) {
    return storage::testing::engine_name(p.param);
}

INSTANTIATE_TEST_SUITE_P(Engines, GateTest, ::testing::ValuesIn(storage::testing::all_engines()),
                         engine_param);

TEST(GateDeathTest, AnUnknownPermissionStopsTheProgramAtRegistration) {
    Router router;
    const auto handler = [](const RoutedRequest&, RequestContext&) { return Response{}; };
    EXPECT_DEATH(router.add({"GET", "/api/v1/x", "X", "Prueba", {}, {}, "organisation.edtt", true, handler}),
                 "organisation.edtt");
}

}  // namespace
}  // namespace metropoli::http
