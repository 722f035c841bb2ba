// SPDX-License-Identifier: MIT
// Every request is matched to a route with its parameters checked by type; spellings of one question share one
// key; junk is refused; the route table and the OpenAPI document list the same parameters with the same types.
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "http/response_cache.hpp"
#include "http/routes.hpp"

namespace metropoli::http {
namespace {

Result<RoutedRequest> route(const std::string& target) {
    auto r = parse_target(target);
    EXPECT_TRUE(r) << target;
    return route_request(*r);
}

TEST(Routes, SpellingsOfOneQuestionShareOneKey) {
    const auto a = route("/api/v1/indicators?jurisdiction=zm-laguna&date=2020-11-15&si_mean=4.7&window=7");
    const auto b = route("/api/v1/indicators?window=7.0&si_mean=4.70&date=2020-11-15&jurisdiction=zm-laguna");
    const auto c = route("/api/v1/indicators?window=7&si_mean=47e-1&date=2020-11-15&jurisdiction=zm-laguna&source=");
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
    for (const auto& c : {Case{"/api/v1/jurisdictions?junk=1", ErrorCode::invalid_argument, "unknown parameter 'junk'"},
                          Case{"/api/v1/overview?x=1", ErrorCode::invalid_argument, "unknown parameter 'x'"},
                          Case{"/api/v1/releases?a=b", ErrorCode::invalid_argument, "takes none"},
                          Case{"/api/v1/rt?jurisdiction=x&incomplete_days=nan", ErrorCode::invalid_argument, "incomplete_days"},
                          Case{"/api/v1/rt?jurisdiction=x&window=inf", ErrorCode::invalid_argument, "window"},
                          Case{"/api/v1/rt?jurisdiction=x&window=0x10", ErrorCode::invalid_argument, "window"},
                          Case{"/api/v1/rt?jurisdiction=x&window=7.5", ErrorCode::invalid_argument, "a whole number"},
                          Case{"/api/v1/rt?jurisdiction=x&si_sd=1e999", ErrorCode::invalid_argument, "si_sd"},
                          Case{"/api/v1/risk?jurisdiction=x&date=2020-02-30", ErrorCode::invalid_argument, "date"},
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

TEST(Routes, TheTableAndTheOpenApiDocumentAgree) {
    auto text = read_file(std::string(METROPOLI_SOURCE_DIR) + "/src/http/openapi.json");
    ASSERT_TRUE(text);
    const auto doc = nlohmann::json::parse(*text);
    std::set<std::string> documented;
    for (const auto& [path, item] : doc.at("paths").items()) documented.insert(path);
    for (const auto& r : routes()) {
        ASSERT_TRUE(documented.count(r.pattern)) << r.pattern;
        std::set<std::pair<std::string, std::string>> listed, declared;
        for (const auto& p : doc.at("paths").at(r.pattern).at("get").value("parameters", nlohmann::json::array())) {
            const auto& s = p.at("schema");
            const std::string type = s.value("format", "") == "date" ? "date" : s.at("type").get<std::string>();
            listed.insert({p.at("in").get<std::string>() + ":" + p.at("name").get<std::string>(), type});
        }
        const auto type_of = [](ParamType t) {
            switch (t) {
                case ParamType::date: return "date";
                case ParamType::number: return "number";
                case ParamType::integer: return "integer";
                default: return "string";
            }
        };
        for (const auto& p : r.path) declared.insert({"path:" + p.name, type_of(p.type)});
        for (const auto& p : r.query) declared.insert({"query:" + p.name, type_of(p.type)});
        EXPECT_EQ(listed, declared) << r.pattern;
    }
    EXPECT_EQ(documented.size(), routes().size());
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
    EXPECT_FALSE(cache.find("big", 1));   // larger than the whole budget: not kept
    cache.put("new", 2, response(10));
    EXPECT_EQ(cache.entries(), 1u);       // newer data: everything before is gone
    cache.put("old", 1, response(10));
    EXPECT_FALSE(cache.find("old", 1));   // computed on older data: never stored
}

}  // namespace
}  // namespace metropoli::http
