// SPDX-License-Identifier: MIT
// The authorisation matrix: every route the router knows, called by every kind of caller (anonymous, each
// role, an editor of another organisation, a disabled account, an expired session, a cookie write with a
// wrong CSRF token, a revoked token), each answer checked against the status the permission table says. A
// route the matrix does not list fails it, and so does a route registered with another permission than the
// one listed here.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>

#include "analysis/ingest/municipal_ingest.hpp"
#include "app/context.hpp"
#include "http/api.hpp"
#include "http/credentials.hpp"
#include "http/gate.hpp"

namespace metropoli::http {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// One caller: what its requests carry, and who the gate should find (nullopt: nobody, the credential
// refused).
struct MatrixCaller {
    std::string name;
    std::string authorization;  // "Bearer ..."
    std::string cookie;         // "metropoli_session=..."
    std::string csrf;           // the X-CSRF-Token its writes carry
    std::optional<access::Actor> actor;
    bool wrong_csrf = false;  // its cookie writes carry a token that is not its session's
};

// One route: the permission the test expects it to declare, the request made, what it is about, and its
// status when the gate lets the caller through.
struct MatrixRoute {
    std::string route;       // "METHOD /pattern", as registered
    std::string permission;  // as registered
    std::string target;      // empty: the OpenAPI document's examples
    unsigned allowed = 200;
    access::Scope scope = {};
    std::string body = {};
    std::string if_match = {};
};

// Every route of `metropoli serve`. A new route needs its line here.
const std::vector<MatrixRoute>& matrix_routes() {
    static const std::vector<MatrixRoute> routes = {
        {"GET /healthz", "public", "/healthz"},
        {"GET /api/v1/openapi.json", "public", "/api/v1/openapi.json"},
        {"GET /api/v1/regions", "public", ""},
        {"GET /api/v1/jurisdictions", "public", ""},
        {"GET /api/v1/jurisdictions/{code}", "public", ""},
        {"GET /api/v1/releases", "public", ""},
        {"GET /api/v1/series", "public", ""},
        {"GET /api/v1/indicators", "public", ""},
        {"GET /api/v1/indicators/{code}/{date}", "public", ""},
        {"GET /api/v1/indicator-series/{code}", "public", ""},
        {"GET /api/v1/rt", "public", ""},
        {"GET /api/v1/risk", "public", ""},
        {"GET /api/v1/metro", "public", ""},
        {"GET /api/v1/schemes", "public", ""},
        {"GET /api/v1/overview", "public", ""},
        {"GET /api/v1/first-screen", "public", ""},
        {"GET /api/v1/dashboard/{code}", "public", ""},
        {"GET /api/v1/geo", "public", ""},
    };
    return routes;
}

// The status the permission table gives `caller` on `route`.
unsigned expected_status(const MatrixRoute& route, const MatrixCaller& caller) {
    const auto* row = access::find_permission(route.permission);
    if (row == nullptr) return 0;  // never: the registration would have stopped the program
    if (row->anyone) return route.allowed;
    if (!caller.actor || caller.actor->anonymous()) return 401;
    const bool write = route.route.rfind("GET ", 0) != 0;
    if (write && !caller.cookie.empty() && caller.wrong_csrf) return 403;
    return access::permits(*caller.actor, route.permission, route.scope) ? route.allowed : 403;
}

// The request a GET operation of the document makes with the example of each parameter that has one.
std::string example_target(const std::string& path, const json& operation) {
    std::string target = path;
    std::string query;
    for (const auto& p : operation.value("parameters", json::array())) {
        if (!p.contains("example")) continue;
        const std::string value =
            p.at("example").is_string() ? p.at("example").get<std::string>() : p.at("example").dump();
        if (p.at("in") == "path") {
            target = std::regex_replace(target, std::regex("\\{" + p.at("name").get<std::string>() + "\\}"),
                                        value);
        } else {
            query += (query.empty() ? "?" : "&") + p.at("name").get<std::string>() + "=" + value;
        }
    }
    return target + query;
}

constexpr int64_t k_organisation_a = 1;
constexpr int64_t k_organisation_b = 2;
constexpr int64_t k_body = 1;

// The callers, and an authenticator that knows their credentials. The gate is what is tested; sessions and
// tokens themselves are the access library's (and its tests').
std::vector<MatrixCaller> make_callers() {
    using access::Role;
    const auto account = [](int64_t id, const std::string& email, std::vector<access::Grant> grants) {
        return access::Actor{"account:" + std::to_string(id), id, email, std::move(grants)};
    };
    return {
        {"anonymous", "", "", "", access::Actor{}},
        {"admin", "", "metropoli_session=s-admin", "c-admin", account(1, "admin@a.mx", {{Role::admin}})},
        {"coordinator", "Bearer t-coordinator", "", "", account(2, "coord@a.mx", {{Role::coordinator}})},
        {"analyst", "Bearer t-analyst", "", "", account(3, "analyst@a.mx", {{Role::analyst}})},
        {"editor of A", "", "metropoli_session=s-editor-a", "c-editor-a",
         account(4, "editor@a.mx", {{Role::editor, k_organisation_a}})},
        {"editor of B", "", "metropoli_session=s-editor-b", "c-editor-b",
         account(5, "editor@b.mx", {{Role::editor, k_organisation_b}})},
        {"member", "Bearer t-member", "", "",
         account(6, "member@a.mx", {{Role::member, std::nullopt, k_body}})},
        {"disabled account", "", "metropoli_session=s-disabled", "c-disabled", std::nullopt},
        {"expired session", "", "metropoli_session=s-expired", "c-expired", std::nullopt},
        {"wrong CSRF token", "", "metropoli_session=s-editor-a", "c-not-editor-a",
         account(4, "editor@a.mx", {{Role::editor, k_organisation_a}}), true},
        {"revoked token", "Bearer t-revoked", "", "", std::nullopt},
    };
}

Result<Caller> matrix_authenticator(const Request& request, storage::Database&, const Clock&) {
    static const std::vector<MatrixCaller> callers = make_callers();
    const auto token = bearer_token(request.authorization);
    const auto session = cookie_value(request.cookie, k_session_cookie);
    if (!token && !session) return Caller{};
    for (const auto& c : callers) {
        if (!c.actor || c.wrong_csrf) continue;
        if (token && c.authorization == "Bearer " + *token) return Caller{*c.actor, Credential::token, ""};
        if (!token && session && c.cookie == "metropoli_session=" + *session)
            return Caller{*c.actor, Credential::session, c.csrf};
    }
    return make_error(ErrorCode::unauthenticated,
                      "La sesión o el token no es válido / The session or token is not valid");
}

class AuthorisationMatrix : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir = fs::temp_directory_path() / fs::path("metropoli_matrix_" + std::to_string(::getpid()));
        fs::create_directories(dir);
        db_file = (dir / "matrix.db").string();
        auto db = app::open_database(db_file, storage::Access::create);
        ASSERT_TRUE(db) << db.error().message;
        auto region = app::initialise(**db, "laguna");
        ASSERT_TRUE(region) << region.error().message;
        analysis::ReleaseStore store(**db);
        analysis::IngestReport report;
        ASSERT_TRUE(analysis::ingest_municipal(
            std::string(METROPOLI_SOURCE_DIR) +
                "/data/ssa_municipal/Casos_Diarios_Municipio_Confirmados_20220402_coah_dgo.csv",
            *region, store, {}, report));
    }
    static void TearDownTestSuite() { fs::remove_all(dir); }

    static inline fs::path dir;
    static inline std::string db_file;
};

TEST_F(AuthorisationMatrix, EveryRouteAnswersEveryCallerAsThePermissionTableSays) {
    auto context = app::open_context(db_file);
    ASSERT_TRUE(context);
    ApiOptions options;
    options.authenticate = matrix_authenticator;
    Api api(std::move(*context), "", std::move(options));
    const json doc = json::parse(api.handle(*parse_target("/api/v1/openapi.json"))->body);

    // The matrix lists exactly the router's routes, each with the permission it is registered with.
    std::map<std::string, const RouteDef*> registered;
    for (const auto& r : api.router().routes()) registered[r.method + " " + r.pattern] = &r;
    std::set<std::string> listed;
    for (const auto& m : matrix_routes()) {
        listed.insert(m.route);
        auto it = registered.find(m.route);
        if (it == registered.end()) {
            ADD_FAILURE() << m.route << " is in the matrix but not a route";
            continue;
        }
        EXPECT_EQ(it->second->permission, m.permission)
            << m.route << " is registered with another permission";
    }
    for (const auto& [id, route] : registered) {
        EXPECT_TRUE(listed.count(id)) << id << " has no line in the authorisation matrix (matrix_routes())";
    }

    const auto callers = make_callers();
    size_t calls = 0;
    for (const auto& m : matrix_routes()) {
        if (!registered.count(m.route)) continue;
        const auto space = m.route.find(' ');
        const std::string method = m.route.substr(0, space);
        const std::string pattern = m.route.substr(space + 1);
        std::string target = m.target;
        if (target.empty()) {
            std::string lower = method;
            for (auto& c : lower) c = static_cast<char>(std::tolower(c));
            target = example_target(pattern, doc.at("paths").at(pattern).at(lower));
        }
        for (const auto& caller : callers) {
            auto request = parse_target(target);
            ASSERT_TRUE(request) << target;
            request->method = method;
            request->id = "matrix";
            request->authorization = caller.authorization;
            request->cookie = caller.cookie;
            if (method != "GET") {
                request->csrf_token = caller.csrf;
                request->content_type = "application/json";
                request->body = m.body.empty() ? "{}" : m.body;
                request->if_match = m.if_match;
            }
            const auto answer = api.handle(*request);
            const unsigned expected = expected_status(m, caller);
            EXPECT_EQ(answer->status, expected)
                << m.route << " (" << target << ") by " << caller.name << ": " << answer->body.substr(0, 300);
            if (answer->status == 401 || answer->status == 403) {
                EXPECT_EQ(answer->content_type, "application/problem+json")
                    << m.route << " by " << caller.name;
            }
            if (!is_public(*registered.at(m.route))) {
                EXPECT_EQ(answer->cache_control, "no-store") << m.route << " by " << caller.name;
            }
            ++calls;
        }
    }
    EXPECT_EQ(calls, matrix_routes().size() * callers.size());
    std::cout << "authorisation matrix: " << matrix_routes().size() << " routes x " << callers.size()
              << " callers = " << calls << " requests\n";
    RecordProperty("routes", static_cast<int>(matrix_routes().size()));
    RecordProperty("callers", static_cast<int>(callers.size()));
}

}  // namespace
}  // namespace metropoli::http
