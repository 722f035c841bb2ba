// SPDX-License-Identifier: MIT
// Every request is matched to a route with its parameters checked by type; spellings of one question share
// one key; junk is refused; the route table and the OpenAPI document list the same parameters with the same
// types.
#include "http/router.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/text.hpp"
#include "http/response_cache.hpp"
#include "http/route_modules.hpp"
#include "metropoli_source_dir.hpp"

namespace metropoli::http {
namespace {

const Router& modules() {
    static const Router router = [] {
        Router r;
        add_module_routes(
            r, [] { return Response{}; }, AccessRouteOptions{}, nullptr);
        return r;
    }();
    return router;
}

Result<RoutedRequest> route(const std::string& target, const std::string& method = "GET") {
    static std::vector<std::unique_ptr<Request>> kept;  // routed requests point at their request
    auto r = parse_target(target);
    EXPECT_TRUE(r) << target;
    r->method = method;
    kept.push_back(std::make_unique<Request>(*r));
    return modules().route(*kept.back());
}

TEST(Routes, SpellingsOfOneQuestionShareOneKey) {
    const auto a = route("/api/v1/indicators?jurisdiction=zm-laguna&date=2020-11-15&si_mean=4.7&window=7");
    const auto b = route("/api/v1/indicators?window=7.0&si_mean=4.70&date=2020-11-15&jurisdiction=zm-laguna");
    const auto c =
        route("/api/v1/indicators?window=7&si_mean=47e-1&date=2020-11-15&jurisdiction=zm-laguna&source=");
    ASSERT_TRUE(a && b && c);
    EXPECT_EQ(a->key, b->key);
    EXPECT_EQ(a->key, c->key);
    EXPECT_EQ(a->query.at("si_mean"), "4.7");
    EXPECT_EQ(a->query.count("source"), 0u);
    const auto path = route("/api/v1/indicators/05035/2020-11-15");
    ASSERT_TRUE(path);
    EXPECT_EQ(path->route->pattern, "/api/v1/indicators/{code}/{date}");
    EXPECT_EQ(path->args, (std::vector<std::string>{"05035", "2020-11-15"}));
    EXPECT_NE(path->key, route("/api/v1/indicators/05035/2020-11-16")->key);
}

TEST(Routes, RefuseUnknownParametersAndValuesOfTheWrongType) {
    struct Case {
        const char* target;
        ErrorCode code;
        const char* says;
    };
    for (const auto& c :
         {Case{"/api/v1/jurisdictions?junk=1", ErrorCode::invalid_argument, "unknown parameter 'junk'"},
          Case{"/api/v1/overview?x=1", ErrorCode::invalid_argument, "unknown parameter 'x'"},
          Case{"/api/v1/releases?a=b", ErrorCode::invalid_argument, "takes none"},
          Case{"/api/v1/rt?jurisdiction=x&incomplete_days=nan", ErrorCode::invalid_argument,
               "incomplete_days"},
          Case{"/api/v1/rt?jurisdiction=x&window=inf", ErrorCode::invalid_argument, "window"},
          Case{"/api/v1/rt?jurisdiction=x&window=0x10", ErrorCode::invalid_argument, "window"},
          Case{"/api/v1/rt?jurisdiction=x&window=7.5", ErrorCode::invalid_argument, "a whole number"},
          Case{"/api/v1/rt?jurisdiction=x&si_sd=1e999", ErrorCode::invalid_argument, "si_sd"},
          Case{"/api/v1/risk?jurisdiction=x&date=2020-02-30", ErrorCode::invalid_argument, "date"},
          Case{"/api/v1/series?jurisdiction=x&from=0001-01-01", ErrorCode::invalid_argument,
               "from 2000 to 2099"},
          Case{"/api/v1/series?jurisdiction=x&to=2100-01-01", ErrorCode::invalid_argument, "from"},
          Case{"/api/v1/indicators/05035/yesterday", ErrorCode::invalid_argument, "date"},
          Case{"/api/v1/nothing", ErrorCode::not_found, "no resource"},
          Case{"/api/v1/releases/", ErrorCode::not_found, "no resource"},
          Case{"/api/v1//releases", ErrorCode::not_found, "no resource"},
          Case{"/api/v1/jurisdictions/", ErrorCode::not_found, "no resource"}}) {
        auto r = route(c.target);
        ASSERT_FALSE(r) << c.target;
        EXPECT_EQ(r.error().code, c.code) << c.target;
        EXPECT_NE(r.error().message.find(c.says), std::string::npos) << c.target << ": " << r.error().message;
    }
    auto long_value = route("/api/v1/series?jurisdiction=" + std::string(300, '9'));
    ASSERT_FALSE(long_value);
    EXPECT_LT(long_value.error().message.size(), 200u);  // the value is cut, not echoed whole
}

TEST(Routes, NoValueCanSpellAnotherRequestsKey) {
    // Found by the fuzzer: with a separator byte as the delimiter, one parameter holding it read as two.
    const auto two = route("/api/v1/series?jurisdiction=05035&measure=deaths");
    const auto one = route("/api/v1/series?jurisdiction=05035%1Fmeasure=deaths");
    const auto shifted = route("/api/v1/series?jurisdiction=05035%1Fmeasure%3Ddeaths");
    ASSERT_TRUE(two && one && shifted);
    EXPECT_NE(two->key, one->key);
    EXPECT_NE(two->key, shifted->key);
    EXPECT_NE(route("/api/v1/jurisdictions/a%1Fb")->key, route("/api/v1/jurisdictions/a")->key);
}

TEST(Routes, MethodsOtherThanTheRoutesAre405WithAllow) {
    auto r = route("/api/v1/releases", "DELETE");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::not_allowed);
    EXPECT_EQ(modules().allowed("/api/v1/releases"), "GET, HEAD");
    EXPECT_TRUE(route("/api/v1/releases", "HEAD"));
}

TEST(Routes, TheOpenApiDocumentIsBuiltFromTheRegistrations) {
    auto base = openapi_base(METROPOLI_SOURCE_DIR);
    auto operations = module_operations(METROPOLI_SOURCE_DIR);
    ASSERT_TRUE(base && operations);
    auto doc = modules().openapi(*base, *operations);
    ASSERT_TRUE(doc) << doc.error().message;
    size_t operations_seen = 0;
    for (const auto& [path, item] : doc->at("paths").items()) operations_seen += item.size();
    EXPECT_EQ(operations_seen, modules().routes().size());
    // Parameters come from the registration, ranges included.
    const auto& rt = doc->at("paths").at("/api/v1/rt").at("get");
    bool documented = false;
    for (const auto& p : rt.at("parameters")) {
        if (p.at("name") == "si_sd") {
            documented = true;
            EXPECT_EQ(p.at("schema").at("exclusiveMinimum"), 0);
            EXPECT_EQ(p.at("schema").at("maximum"), 60);
        }
    }
    EXPECT_TRUE(documented);
    // A route without its operation, or an operation without its route, is refused.
    Router more = modules();
    more.add({"GET",
              "/api/v1/undocumented",
              "x",
              "t",
              {},
              {},
              "public",
              true,
              [](const RoutedRequest&, RequestContext&) { return Response{}; }});
    auto refused = more.openapi(*base, *operations);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("GET /api/v1/undocumented"), std::string::npos);
    auto extra = *operations;
    extra["GET /api/v1/ghost"] = nlohmann::json::object();
    auto ghost = modules().openapi(*base, extra);
    ASSERT_FALSE(ghost);
    EXPECT_NE(ghost.error().message.find("GET /api/v1/ghost"), std::string::npos);
}

TEST(ResponseCache, StaysWithinItsBytesAndForgetsOlderData) {
    ResponseCache cache(64 * 1024);
    auto response = [](size_t bytes) {
        auto r = std::make_shared<Response>();
        r->body.assign(bytes, 'x');
        return std::shared_ptr<const Response>(r);
    };
    for (int i = 0; i < 1000; ++i) cache.put("k" + std::to_string(i), 1, response(1000));
    EXPECT_LE(cache.bytes(), 64u * 1024);
    EXPECT_GT(cache.entries(), 10u);
    EXPECT_TRUE(cache.find("k999", 1));   // the newest stay
    EXPECT_FALSE(cache.find("k0", 1));    // the oldest went first
    EXPECT_FALSE(cache.find("k999", 2));  // another data version sees nothing
    cache.put("big", 1, response(1 << 20));
    EXPECT_FALSE(cache.find("big", 1));  // larger than the whole budget: not kept
    cache.put("new", 2, response(10));
    EXPECT_EQ(cache.entries(), 1u);  // newer data: everything before is gone
    cache.put("old", 1, response(10));
    EXPECT_FALSE(cache.find("old", 1));  // computed on older data: never stored
}

}  // namespace
}  // namespace metropoli::http
