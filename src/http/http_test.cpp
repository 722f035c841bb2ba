// SPDX-License-Identifier: MIT
// The API without sockets (every documented route answers; the document lists every route), and the server
// with real sockets: ETag and 304, limits, slow clients, the connection cap, the access log, graceful
// SIGTERM. Every test runs on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "access/accounts.hpp"
#include "access/organisations.hpp"
#include "access/tokens.hpp"
#include "analysis/feeds/feed_ingest.hpp"
#include "analysis/ingest/municipal_ingest.hpp"
#include "analysis/ingest/ssa_ingest.hpp"
#include "analysis/risk/risk_scheme.hpp"
#include "coordination/agreements.hpp"
#include "coordination/bodies.hpp"
#include "coordination/meetings.hpp"
#include "core/text.hpp"
#include "homologation/decisions.hpp"
#include "homologation/observations.hpp"
#include "http/api.hpp"
#include "http/export_site.hpp"
#include "http/handler_support.hpp"
#include "http/minutes_examples.hpp"
#include "http/route_modules.hpp"
#include "http/schema_check.hpp"
#include "http/server.hpp"
#include "http/share_pages.hpp"
#include "metropoli_source_dir.hpp"
#include "storage/test_support.hpp"

namespace metropoli::http {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using storage::testing::ScratchDatabase;

// One database per engine for the suite: the region, the official municipal series, the Red IRAG
// percentages, the mobility of 2020 and the per-person sample. Each is built once per process, by the first
// test that runs on its engine, and dropped with the suite.
class HttpTest : public ::testing::TestWithParam<storage::Engine> {
protected:
    struct SuiteDatabase {
        std::unique_ptr<ScratchDatabase> scratch;
        bool built = false;  // false after a fatal failure while building: every later test fails too
    };

    static void SetUpTestSuite() {
        suite_dir = fs::temp_directory_path() / fs::path("metropoli_http_" + std::to_string(::getpid()));
        fs::create_directories(suite_dir);
    }

    static void TearDownTestSuite() {
        databases.clear();
        fs::remove_all(suite_dir);
    }

    void SetUp() override {
        const storage::Engine engine = GetParam();
        m_dir = suite_dir / storage::testing::engine_name(engine);
        fs::create_directories(m_dir);
        auto [it, first] = databases.try_emplace(engine);
        SuiteDatabase& suite = it->second;
        if (first) {
            suite.scratch = std::make_unique<ScratchDatabase>(engine);
            if (suite.scratch->available()) {
                build(suite.scratch->url());
                suite.built = !HasFatalFailure();
            }
        }
        if (!suite.scratch->available()) {
            if (storage::testing::postgres_required()) FAIL() << suite.scratch->why_unavailable();
            GTEST_SKIP() << suite.scratch->why_unavailable();
        }
        ASSERT_TRUE(suite.built) << "the suite's database on " << storage::testing::engine_name(engine)
                                 << " could not be built (see the first test's failure)";
        m_url = suite.scratch->url();
    }

    static void build(const std::string& url) {
        auto db = app::open_database(url, storage::Access::create);
        ASSERT_TRUE(db) << db.error().message;
        auto region = app::initialise(**db, "laguna");
        ASSERT_TRUE(region) << region.error().message;
        const std::string data = std::string(METROPOLI_SOURCE_DIR) + "/data";
        analysis::ReleaseStore store(**db);
        for (const char* f : {"/ssa_municipal/Casos_Diarios_Municipio_Confirmados_20220402_coah_dgo.csv",
                              "/ssa_municipal/Casos_Diarios_Municipio_Defunciones_20210312_coah_dgo.csv"}) {
            analysis::IngestReport report;
            ASSERT_TRUE(analysis::ingest_municipal(data + f, *region, store, {}, report));
        }
        analysis::FeedStore feeds(**db);
        ASSERT_TRUE(analysis::ingest_feed(
            analysis::Feed::hospital,
            data + "/hospital/irag_porcentaje_ocupacion_estatal_coah_dgo_20200407_20210205.csv", *region,
            feeds));
        // The mobility and the per-person sample too, so that every part of every document is checked
        // (schemas).
        ASSERT_TRUE(analysis::ingest_feed(analysis::Feed::mobility,
                                          data + "/mobility/2020_MX_Region_Mobility_Report_coah_dgo.csv",
                                          *region, feeds));
        analysis::IngestReport ssa;
        ASSERT_TRUE(analysis::ingest_ssa(data + "/ssa/samples/datos_abiertos_20200430_coah_dgo.csv", *region,
                                         store, {}, ssa));
        // The Mesa's example meeting and its approved minutes, for the public minutes routes' examples.
        auto minutes = testing::add_example_minutes(**db, system_clock());
        ASSERT_TRUE(minutes) << minutes.error().message;
        // The Mesa's example meeting and one agreement decided in it, with a progress report carrying an
        // evidence document, so that the agreements' examples (id 1) answer.
        ASSERT_TRUE(coordination::seed_bodies(**db, system_clock(), "laguna"));
        ASSERT_TRUE(coordination::seed_meetings(**db, system_clock(), "laguna"));
        auto meeting = coordination::find_example_meeting(**db);
        ASSERT_TRUE(meeting && *meeting);
        const access::Actor cli = access::cli_actor("http-test");
        coordination::NewAgreement a;
        a.reference = "PRUEBA-HTTP-1";
        a.meeting = (*meeting)->id;
        a.title = "Reporte diario compartido de ocupación hospitalaria";
        a.responsible = access::find_seed_organisation(**db, "torreon-ejecutivo")->id;
        a.jurisdictions = {"05035"};
        a.due_date = Date::parse_iso("2020-06-01");
        auto made = coordination::create_agreement(**db, system_clock(), cli, "", a);
        ASSERT_TRUE(made) << made.error().message;
        coordination::NewProgress p;
        p.reported_on = *Date::parse_iso("2020-05-20");
        p.progress = 40;
        p.document = coordination::NewDocument{"reporte.pdf", "application/pdf", "%PDF-1.4 reporte"};
        auto reported = coordination::report_progress(**db, system_clock(), cli, "", made->id, p);
        ASSERT_TRUE(reported) << reported.error().message;
        // The decisions' examples (id 1) answer with votes, a tally, agreements and a compliance calendar:
        // initialise seeded the preset's example decision, the Mesa's curfew of November 2020, carried.
        auto decision = homologation::get_decision(**db, cli, 1);
        ASSERT_TRUE(decision) << decision.error().message;
        ASSERT_TRUE(decision->example);
        ASSERT_EQ(decision->state, "carried");
        ASSERT_EQ(decision->agreements.size(), 4u);
    }

    // Gómez Palacio's curfew of November 2020, as a POST body and as the library's input.
    static json observation_body() {
        return {{"jurisdiction", "10007"},
                {"scope", "GOV"},
                {"indicator", "C6"},
                {"value", 2},
                {"flag", 1},
                {"start_date", "2020-11-03"},
                {"end_date", "2020-11-17"},
                {"source",
                 {{"kind", "periodico_oficial"},
                  {"title", "Decreto de prueba"},
                  {"issuer", "Gobierno de Durango"},
                  {"issued_on", "2020-11-02"},
                  {"url", "https://example.org/decreto"}}},
                {"extensions", {{"curfew_from", "22:00"}, {"curfew_to", "05:00"}}}};
    }

    Api make_api() const {
        auto context = app::open_context(m_url);
        EXPECT_TRUE(context);
        return Api(std::move(*context), "");
    }

    static Response get(Api& api, const std::string& target) {
        auto r = parse_target(target);
        EXPECT_TRUE(r) << target;
        return *api.handle(*r);
    }

    static inline fs::path suite_dir;
    static inline std::map<storage::Engine, SuiteDatabase> databases;
    fs::path m_dir;     // this engine's folder for the files a test writes
    std::string m_url;  // this engine's suite database
};

TEST_P(HttpTest, TheDocumentListsEveryRouteAndNothingElse) {
    Api api = make_api();
    std::set<std::string> documented, routed;
    const json doc = json::parse(get(api, "/api/v1/openapi.json").body);
    for (const auto& [path, item] : doc.at("paths").items()) {
        for (const auto& [method, op] : item.items()) documented.insert(method + " " + path);
    }
    for (const auto& r : api.router().routes()) {
        std::string method = r.method;
        for (auto& c : method) c = static_cast<char>(std::tolower(c));
        routed.insert(method + " " + r.pattern);
    }
    EXPECT_EQ(documented, routed);
}

// Whether a path of the document has a GET anyone may call (the others are the authorisation matrix's).
bool public_get(const json& item) {
    return item.contains("get") && !item.at("get").contains("x-permission");
}

// Whether that GET answers JSON (an HXL CSV export does not: it has no JSON schema to check).
bool json_get(const json& item) {
    return item.at("get").at("responses").at("200").at("content").contains("application/json");
}

size_t public_gets(const Api& api) {
    size_t n = 0;
    for (const auto& r : api.router().routes()) n += r.method == "GET" && is_public(r);
    return n;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += "\n  " + l;
    return out;
}

TEST_P(HttpTest, EveryDocumentedRouteAnswersWithItsExamples) {
    Api api = make_api();
    const json doc = json::parse(get(api, "/api/v1/openapi.json").body);
    size_t answered = 0;
    for (const auto& [path, item] : doc.at("paths").items()) {
        if (!public_get(item)) continue;
        const std::string target = example_target(path, item.at("get"));
        const auto r = get(api, target);
        EXPECT_EQ(r.status, 200u) << target << ": " << r.body;
        if (path != "/healthz") {  // health is never cached
            EXPECT_FALSE(r.etag.empty()) << target;
        }
        if (json_get(item)) {
            EXPECT_TRUE(json::accept(r.body)) << target;
        }
        ++answered;
    }
    EXPECT_EQ(answered, public_gets(api));
}

TEST_P(HttpTest, EveryResponseMatchesItsDocumentedSchema) {
    Api api = make_api();
    const json doc = json::parse(get(api, "/api/v1/openapi.json").body);
    const SchemaCheck check(doc);
    // Each route with its examples, then the documents the web application and the static export read, every
    // scheme, and the forms without examples.
    std::vector<std::pair<std::string, std::string>> targets;  // (pattern, target)
    size_t not_json = 0;  // the iCalendar exports: checked as calendars above
    for (const auto& [path, item] : doc.at("paths").items()) {
        if (public_get(item) && !json_get(item)) ++not_json;
        if (public_get(item) && json_get(item))
            targets.emplace_back(path, example_target(path, item.at("get")));
    }
    for (const char* code : {"zm-laguna", "05009", "05017", "05035", "10007", "10012"}) {
        targets.emplace_back("/api/v1/dashboard/{code}", std::string("/api/v1/dashboard/") + code);
        targets.emplace_back("/api/v1/indicator-series/{code}",
                             std::string("/api/v1/indicator-series/") + code);
        targets.emplace_back("/api/v1/indicators/{code}/{date}",
                             std::string("/api/v1/indicators/") + code + "/2021-02-05");
    }
    for (const auto& scheme : analysis::risk_scheme_ids(app::data_paths())) {
        targets.emplace_back("/api/v1/risk",
                             "/api/v1/risk?jurisdiction=05035&date=2020-11-15&scheme=" + scheme);
        targets.emplace_back("/api/v1/metro",
                             "/api/v1/metro?zone=zm-laguna&date=2020-06-01&scheme=" + scheme);
    }
    targets.emplace_back("/api/v1/jurisdictions", "/api/v1/jurisdictions");
    targets.emplace_back("/api/v1/jurisdictions/{code}", "/api/v1/jurisdictions/zm-laguna");
    targets.emplace_back("/api/v1/indicators", "/api/v1/indicators?jurisdiction=05035");
    size_t checked = 0;
    for (const auto& [pattern, target] : targets) {
        const auto r = get(api, target);
        ASSERT_EQ(r.status, 200u) << target << ": " << r.body;
        const auto& schema = doc.at("paths")
                                 .at(pattern)
                                 .at("get")
                                 .at("responses")
                                 .at("200")
                                 .at("content")
                                 .at("application/json")
                                 .at("schema");
        const auto errors = check.errors(schema, json::parse(r.body));
        EXPECT_TRUE(errors.empty()) << target << ":" << joined(errors);
        ++checked;
    }
    EXPECT_GE(checked + not_json, public_gets(api) + 18);
}

TEST(SchemaCheck, RefusesWhatTheSchemaDoesNotAllow) {
    const json doc = json::parse(R"({"components": {"schemas": {
        "Text": {"type": "object", "properties": {"es": {"type": "string"}, "en": {"type": "string"}}, "required": ["es", "en"]},
        "Level": {"oneOf": [{"type": "string"}, {"type": "object", "properties": {"min": {"type": "string"}}, "required": ["min"]},
                            {"type": "null"}]}}}})");
    const SchemaCheck check(doc);
    const json text = {{"$ref", "#/components/schemas/Text"}};
    EXPECT_TRUE(check.errors(text, {{"es", "hola"}, {"en", "hello"}}).empty());
    EXPECT_EQ(check.errors(text, {{"es", "hola"}}).size(), 1u);  // required
    EXPECT_EQ(check.errors(text, {{"es", "hola"}, {"en", "hello"}, {"fr", "salut"}}).size(),
              1u);                                                           // undocumented member
    EXPECT_EQ(check.errors(text, {{"es", 1}, {"en", "hello"}}).size(), 1u);  // type
    const json level = {{"$ref", "#/components/schemas/Level"}};
    for (const auto& ok : {json("verde"), json{{"min", "verde"}}, json()})
        EXPECT_TRUE(check.errors(level, ok).empty()) << ok;
    EXPECT_EQ(check.errors(level, 3).size(), 1u);  // no alternative
    EXPECT_EQ(check.errors(json::parse(R"({"oneOf": [{"type": "number"}, {"type": "integer"}]})"), 3).size(),
              1u);  // two alternatives
    const json nullable = json::parse(R"({"type": ["number", "null"]})");
    EXPECT_TRUE(check.errors(nullable, json()).empty());
    EXPECT_TRUE(check.errors(nullable, 2.5).empty());
    EXPECT_EQ(check.errors(nullable, "2.5").size(), 1u);
    EXPECT_EQ(check.errors(json::parse(R"({"type": "string", "enum": ["a", "b"]})"), "c").size(), 1u);
    EXPECT_EQ(check.errors(json::parse(R"({"type": "string", "format": "date"})"), "2020-13-01").size(), 1u);
    EXPECT_EQ(
        check.errors(json::parse(R"({"type": "array", "items": {"type": "integer"}})"), json::array({1, 2.5}))
            .size(),
        1u);
    EXPECT_EQ(check.errors(json::parse(R"({"type": "object", "allOf": []})"), json::object()).size(),
              1u);  // an unknown keyword
    EXPECT_EQ(check.errors(json::parse(R"({"$ref": "#/components/schemas/Nothing"})"), 1).size(), 1u);
}

// The web build generates its TypeScript types from web/openapi.json (web/README.md): it must be the document
// the server serves.
TEST_P(HttpTest, TheWebApplicationsDocumentIsTheServedOne) {
    Api api = make_api();
    const auto committed = read_file(std::string(METROPOLI_SOURCE_DIR) + "/web/openapi.json");
    ASSERT_TRUE(committed) << committed.error().message;
    EXPECT_EQ(json::parse(*committed), json::parse(get(api, "/api/v1/openapi.json").body))
        << "web/openapi.json is stale: run `metropoli openapi --output web/openapi.json`";
    auto served = served_openapi(app::data_paths().root);
    ASSERT_TRUE(served) << served.error().message;
    EXPECT_EQ(*served, json::parse(get(api, "/api/v1/openapi.json").body));
}

// The series the web application reads give, day by day, what /api/v1/indicators gives for that day.
TEST_P(HttpTest, IndicatorSeriesAreTheIndicatorsOfEachDay) {
    Api api = make_api();
    const json series = json::parse(get(api, "/api/v1/indicator-series/05035").body);
    const auto& dates = series.at("dates");
    ASSERT_GT(dates.size(), 400u);
    size_t compared = 0;
    for (size_t i = 0; i < dates.size(); i += 37) {
        const std::string day = dates[i];
        const json one = json::parse(get(api, "/api/v1/indicators/05035/" + day).body);
        const auto& list = one.at("indicators");
        ASSERT_EQ(list.size(), series.at("indicators").size());
        for (size_t k = 0; k < list.size(); ++k) {
            const auto& column = series.at("indicators")[k];
            const auto& v = list[k];
            ASSERT_EQ(column.at("id"), v.at("id"));
            EXPECT_EQ(column.at("values")[i], v.at("value")) << day << " " << v.at("id");
            const json* span = nullptr;
            for (const auto& s : column.at("spans")) {
                if (s.at("from").get<std::string>() <= day && day <= s.at("to").get<std::string>()) span = &s;
            }
            ASSERT_TRUE(span) << day << " " << v.at("id");
            EXPECT_EQ(span->at("complete"), v.at("complete")) << day << " " << v.at("id");
            auto end = [&](const json& e) {
                return e.is_string() ? e.get<std::string>()
                                     : (*Date::parse_iso(day) + e.get<int32_t>()).iso();
            };
            EXPECT_EQ(end(span->at("window_from")), v.at("window_from")) << day << " " << v.at("id");
            EXPECT_EQ(end(span->at("window_to")), v.at("window_to")) << day << " " << v.at("id");
            json releases = json::array();
            for (const auto& r : span->at("releases"))
                releases.push_back(series.at("releases").at(r.get<size_t>()));
            EXPECT_EQ(releases, v.at("releases")) << day << " " << v.at("id");
            ++compared;
        }
    }
    EXPECT_GT(compared, 300u);
    // A run of days: the same values, from the same computation.
    const json run =
        json::parse(get(api, "/api/v1/indicator-series/05035?from=2020-11-01&to=2020-11-15").body);
    ASSERT_EQ(run.at("dates").size(), 15u);
    const size_t offset =
        static_cast<size_t>(*Date::parse_iso("2020-11-01") - *Date::parse_iso(dates[0].get<std::string>()));
    for (size_t k = 0; k < run.at("indicators").size(); ++k) {
        for (size_t i = 0; i < 15; ++i) {
            EXPECT_EQ(run.at("indicators")[k].at("values")[i],
                      series.at("indicators")[k].at("values")[offset + i]);
        }
    }
    EXPECT_EQ(get(api, "/api/v1/indicator-series/05035?from=2020-11-15&to=2020-11-01").status, 400u);
    EXPECT_EQ(get(api, "/api/v1/indicator-series/05035?from=2000-01-01&to=2020-11-01").status,
              400u);  // over ten years
    EXPECT_EQ(get(api, "/api/v1/indicator-series/Atlantis").status, 404u);
}

// The first screen: the server's choice decides every place of the zone from complete data, is the day and
// scheme the overview opens on, and each level is the one /risk gives; a range names its missing components.
TEST_P(HttpTest, TheFirstScreenOpensOnADecidedLevel) {
    Api api = make_api();
    const json first = json::parse(get(api, "/api/v1/first-screen").body);
    const json overview = json::parse(get(api, "/api/v1/overview").body);
    const std::string date = first.at("date"), scheme = first.at("scheme");
    EXPECT_EQ(overview.at("default_date"), date);
    EXPECT_EQ(overview.at("default_scheme"), scheme);
    ASSERT_EQ(first.at("places").size(), 6u);
    ASSERT_EQ(first.at("states").size(), 2u);
    size_t ranges = 0;
    for (const auto& place : first.at("places")) {
        const std::string code = place.at("code");
        for (const auto& a : place.at("assessments")) {
            const json risk = json::parse(get(api, "/api/v1/risk?jurisdiction=" + code + "&scheme=" +
                                                       a.at("scheme").get<std::string>() + "&date=" + date)
                                              .body);
            if (a.at("scheme") == scheme) {
                ASSERT_TRUE(a.at("level").is_string()) << code << " is not decided by the chosen scheme";
                EXPECT_TRUE(a.at("complete").get<bool>()) << code;
                EXPECT_TRUE(a.at("missing").empty()) << code;
            }
            if (a.at("level").is_string()) {
                EXPECT_EQ(a.at("level"), risk.at("level").at("id")) << code << " " << a.at("scheme");
                continue;
            }
            ASSERT_TRUE(a.at("level").is_object()) << code << " " << a.at("scheme");
            EXPECT_EQ(a.at("level").at("min"), risk.at("level_min").at("id"));
            EXPECT_EQ(a.at("level").at("max"), risk.at("level_max").at("id"));
            // Every missing component /risk names (those counted in the level) is named, with how far it
            // reaches.
            std::set<std::string> named;
            for (const auto& m : a.at("missing")) named.insert(m.at("id").get<std::string>());
            EXPECT_FALSE(named.empty()) << code << " " << a.at("scheme");
            for (const auto& id : risk.at("missing")) {
                EXPECT_TRUE(named.count(id.get<std::string>())) << id;
            }
            if (a.at("missing").size() == 1) {
                EXPECT_EQ(a.at("missing")[0].at("up_to"), a.at("level").at("max"));
            }
            ++ranges;
        }
        for (const auto& v : place.at("indicators")) {
            if (v.at("value").is_null() || v.at("week_before").is_null()) continue;
            const double now = v.at("value"), before = v.at("week_before");
            const std::string trend = v.at("trend");
            if (std::abs(now - before) < 0.05 * std::abs(before)) {
                EXPECT_EQ(trend, "flat");
            } else {
                EXPECT_EQ(trend, now > before ? "up" : "down") << code << " " << v.at("id");
            }
        }
    }
    EXPECT_GT(ranges, 0u) << "the bundled data leave some scheme undecided on the chosen day";
    // The next day, or any later one, no scheme decides every place from complete data.
    for (const auto& s : overview.at("schemes")) {
        const auto& dates = overview.at("dates");
        size_t from = 0;
        while (from < dates.size() && dates[from] != date) ++from;
        for (size_t i = from + 1; i < dates.size(); ++i) {
            bool all = true;
            for (const auto& p : overview.at("places"))
                all = all && p.at("levels").at(s.at("id").get<std::string>())[i].is_string();
            if (!all) continue;
            // Decided, so it must be from incomplete data: past the zone's incomplete_from.
            EXPECT_GE(dates[i].get<std::string>(), overview.at("incomplete_from").get<std::string>())
                << s.at("id") << " decides " << dates[i] << " from complete data, later than " << date;
        }
    }
    for (const auto& state : first.at("states")) {
        EXPECT_TRUE(state.contains("official_semaforo"));
    }
}

TEST_P(HttpTest, ErrorsAreProblemDetails) {
    Api api = make_api();
    auto unknown = get(api, "/api/v1/nothing");
    EXPECT_EQ(unknown.status, 404u);
    EXPECT_EQ(unknown.content_type, "application/problem+json");
    EXPECT_EQ(json::parse(unknown.body).at("status"), 404);
    auto bad_date = get(api, "/api/v1/indicators?jurisdiction=zm-laguna&date=2020-13-45");
    EXPECT_EQ(bad_date.status, 400u);
    EXPECT_NE(json::parse(bad_date.body).at("detail").get<std::string>().find("2020-13-45"),
              std::string::npos);
    EXPECT_EQ(get(api, "/api/v1/risk?jurisdiction=Atlantis").status, 404u);
    EXPECT_EQ(get(api, "/api/v1/risk?jurisdiction=zm-laguna&scheme=nope").status, 404u);
    EXPECT_EQ(get(api, "/api/v1/rt?jurisdiction=zm-laguna&si_mean=0.5").status, 400u);
    EXPECT_EQ(get(api, "/api/v1/series?jurisdiction=05035&measure=unicorns").status, 400u);
    auto post = parse_target("/api/v1/releases");
    post->method = "POST";
    auto refused = *api.handle(*post);
    EXPECT_EQ(refused.status, 405u);
    EXPECT_FALSE(parse_target("/api/v1/%zz"));
    EXPECT_FALSE(parse_target("/a%00b"));
}

TEST_P(HttpTest, FilesStayInsideTheWebFolder) {
    const fs::path web = m_dir / "web";
    fs::create_directories(web / "assets");
    std::ofstream(web / "index.html") << "<!doctype html><title>Metrópoli</title>";
    std::ofstream(m_dir / "secret.txt") << "no";
    auto context = app::open_context(m_url);
    ASSERT_TRUE(context);
    Api api(std::move(*context), web.string());
    auto index = get(api, "/");
    EXPECT_EQ(index.status, 200u);
    EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(get(api, "/../secret.txt").status, 404u);
    EXPECT_EQ(get(api, "/%2e%2e/secret.txt").status, 404u);
    EXPECT_EQ(get(api, "/.hidden").status, 404u);
    EXPECT_EQ(json::parse(get(api, "/config.json").body).at("static"), false);
}

TEST_P(HttpTest, TheLiveServerServesEachPlacesSharePage) {
    // The link-preview page the static export writes, served live at the same path, for the same figures.
    Api api = make_api();
    const auto page = get(api, "/share/10007.html");
    ASSERT_EQ(page.status, 200u) << page.body;
    EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
    const auto first = json::parse(get(api, "/api/v1/first-screen").body);
    for (const auto& place : first.at("places")) {
        if (place.at("code") == "10007") {
            EXPECT_EQ(page.body, share_page(first, place));
        }
    }
    EXPECT_NE(page.body.find("<meta property=\"og:title\" content=\"Gómez Palacio: nivel de riesgo "),
              std::string::npos);
    EXPECT_NE(page.body.find("url=../#/m/10007"), std::string::npos);
    EXPECT_EQ(get(api, "/share/zm-laguna.html").status, 200u);
    EXPECT_EQ(get(api, "/share/99999.html").status, 404u);
    EXPECT_EQ(get(api, "/share/.html").status, 404u);
    EXPECT_EQ(get(api, "/share/%3Cscript%3E.html").status, 404u);
    auto post = parse_target("/share/10007.html");
    ASSERT_TRUE(post);
    post->method = "POST";
    EXPECT_EQ(api.handle(*post)->status, 405u);
}

TEST_P(HttpTest, TheIndicatorsOfTheApiAreTheCommandLinesFigures) {
    Api api = make_api();
    const auto body = json::parse(get(api, "/api/v1/indicators/zm-laguna/2020-11-15").body);
    double incidence = -1;
    for (const auto& i : body.at("indicators")) {
        if (i.at("id") == "incidence_7d_per_100k") incidence = i.at("value").get<double>();
    }
    // 1,537 cases in the week to 2020-11-15 over 1,434,283 inhabitants (tests/scenarios/indicators_laguna.py
    // checks the same figure from the official file).
    EXPECT_NEAR(incidence, 1537.0 / 1434283.0 * 1e5, 1e-9);
}

TEST_P(HttpTest, APlacePageCarriesItsStatesPositivityFromTheStateSeries) {
    Api api = make_api();
    const auto torreon = json::parse(get(api, "/api/v1/dashboard/05035").body);
    const auto& dates = torreon.at("dates");
    const auto day = static_cast<size_t>(std::find(dates.begin(), dates.end(), "2020-11-10") - dates.begin());
    ASSERT_LT(day, dates.size());
    ASSERT_EQ(torreon.at("state_positivity").size(), 1u);  // Torreón's state only
    const auto& coahuila = torreon.at("state_positivity").at(0);
    EXPECT_EQ(coahuila.at("code"), "05");
    EXPECT_EQ(coahuila.at("name"), "Coahuila");
    EXPECT_EQ(coahuila.at("cutoffs").size(), 5u);
    // 2,322 confirmed and 1,831 negative in the week to 2020-11-10 (data/ssa_state/PROVENANCE.md), by the
    // newest cut-off, 2021-12-07.
    EXPECT_EQ(coahuila.at("percent").at(day), 55.91);
    EXPECT_EQ(coahuila.at("confirmed").at(day), 2322);
    EXPECT_EQ(coahuila.at("negative").at(day), 1831);
    EXPECT_EQ(coahuila.at("suspected").at(day), 414);
    EXPECT_EQ(coahuila.at("cutoffs").at(coahuila.at("cutoff").at(day).get<size_t>()), "2021-12-07");
    EXPECT_EQ(coahuila.at("incomplete_from"), "2021-11-24");
    // After the newest cut-off no state series covers a day: null, never a zero.
    EXPECT_TRUE(coahuila.at("percent").back().is_null());
    EXPECT_TRUE(coahuila.at("cutoff").back().is_null());
    for (const char* key : {"percent", "pending_percent", "confirmed", "negative", "suspected", "cutoff"})
        EXPECT_EQ(coahuila.at(key).size(), dates.size()) << key;
    // The metro zone spans both states.
    const auto zone = json::parse(get(api, "/api/v1/dashboard/zm-laguna").body);
    ASSERT_EQ(zone.at("state_positivity").size(), 2u);
    EXPECT_EQ(zone.at("state_positivity").at(1).at("code"), "10");
}

TEST_P(HttpTest, TheHomologationMatrixNamesTheNovember2020Divergence) {
    auto api = make_api();
    const auto matrix = get(api, "/api/v1/homologation-matrix?date=2020-11-10");
    ASSERT_EQ(matrix.status, 200u) << matrix.body;
    const auto body = json::parse(matrix.body);
    EXPECT_EQ(body["places"][2]["name"], "Torreón");
    EXPECT_EQ(body["places"][2]["colour"], "naranja");
    EXPECT_EQ(body["places"][3]["colour"], "rojo");
    std::string restaurants;
    for (const auto& d : body["divergences"])
        if (d["activity"] == "restaurantes") restaurants = d["text"]["es"];
    EXPECT_EQ(restaurants,
              "Restaurantes y cafeterías: Francisco I. Madero, Matamoros, Torreón 50 % hasta 23:00, estancia "
              "máx. 120 "
              "min; Gómez Palacio, Lerdo 25 %");
    const auto durango = json::parse(get(api, "/api/v1/activity-rules?jurisdiction=10&on=2020-11-10").body);
    EXPECT_EQ(durango["rules"].size(), 9u);
    EXPECT_EQ(get(api, "/api/v1/homologation-matrix").status, 400u) << "the date is required";
    EXPECT_EQ(get(api, "/api/v1/homologation-matrix?date=2020-11-31").status, 400u);
}

TEST_P(HttpTest, ThePolicyMetroPictureNamesTheNovember2020CurfewDivergence) {
    auto api = make_api();
    const auto metro = get(api, "/api/v1/policy/metro?from=2020-11-01&to=2020-11-30&indicator=C6");
    ASSERT_EQ(metro.status, 200u) << metro.body;
    const auto body = json::parse(metro.body);
    EXPECT_EQ(body["members"].size(), 5u);
    EXPECT_EQ(body["divergent_days"]["C6"], 15);
    ASSERT_EQ(body["rows"].size(), 30u);
    const auto& fifth = body["rows"][4];
    EXPECT_EQ(fifth["date"], "2020-11-05");
    EXPECT_EQ(
        fifth["divergence"]["es"],
        "C6 Permanencia en casa: Gómez Palacio, Lerdo 2 (toque de queda 22:00–05:00); Francisco I. Madero, "
        "Matamoros, Torreón 1");
    EXPECT_EQ(body["indices"][4]["metro"]["SI"]["value"], "35.65");
    const auto summary = json::parse(get(api, "/api/v1/policy/metro-summary").body);
    EXPECT_EQ(summary["summary"]["from"], "2020-11-01");
    const auto effective =
        get(api, "/api/v1/policy/effective?jurisdiction=10007&from=2020-11-05&to=2020-11-05");
    ASSERT_EQ(effective.status, 200u) << effective.body;
    const auto days = json::parse(effective.body)["days"];
    EXPECT_EQ(days.size(), 16u);  // every ordinal indicator
    for (const auto& d : days) {
        if (d["indicator"] != "C6") continue;
        EXPECT_EQ(d["value"], 2);
        EXPECT_EQ(d["set_by"]["jurisdiction"], "10");
        EXPECT_EQ(d["set_by"]["extensions"]["curfew_from"], "22:00");
    }
    EXPECT_EQ(get(api, "/api/v1/policy/metro?from=2020-11-01").status, 400u) << "to is required";
    EXPECT_EQ(get(api, "/api/v1/policy/metro?from=2020-11-31&to=2020-12-01").status, 400u);
    EXPECT_EQ(get(api, "/api/v1/policy/metro?from=2020-11-30&to=2020-11-01").status, 400u);
    EXPECT_EQ(get(api, "/api/v1/policy/metro?from=2020-01-01&to=2021-06-30").status, 400u) << "over 366 days";
    EXPECT_EQ(get(api, "/api/v1/policy/metro?from=2020-11-01&to=2020-11-02&indicator=E3").status, 400u);
    EXPECT_EQ(get(api, "/api/v1/policy/effective?jurisdiction=10999&from=2020-11-01&to=2020-11-02").status,
              400u);
}

// A coder (analyst) enters an observation through the API and submits it; the coder cannot approve it; a
// coordinator approves it at the version read; only then does anyone see it.
TEST_P(HttpTest, AnObservationIsEnteredSubmittedAndApprovedThroughTheApi) {
    auto context = app::open_context(m_url, storage::Access::write);
    ASSERT_TRUE(context) << context.error().message;
    Api api(std::move(*context), "");
    std::string coder, reviewer;
    {
        auto db = app::open_database(m_url);
        ASSERT_TRUE(db);
        const access::Actor cli = access::cli_actor("http-test");
        const auto token_for = [&](const std::string& email, access::Role role) {
            access::NewAccount n;
            n.email = email;
            n.name = "Persona de prueba";
            n.password = "una frase larga de prueba";
            n.grants = {{role}};
            auto made = access::create_account(**db, system_clock(), cli, "", n,
                                               access::PasswordOptions::fastest_for_tests());
            EXPECT_TRUE(made) << made.error().message;
            auto actor = access::account_actor(**db, made->id);
            auto t = access::create_token(**db, system_clock(), *actor, "", made->id, "prueba");
            EXPECT_TRUE(t) << t.error().message;
            return "Bearer " + t->token;
        };
        coder = token_for("codifica.http@metropoli.example", access::Role::analyst);
        reviewer = token_for("revisa.http@metropoli.example", access::Role::coordinator);
    }
    const auto call = [&](const std::string& method, const std::string& target, const std::string& who,
                          const std::string& body = "", const std::string& if_match = "") {
        auto r = parse_target(target);
        EXPECT_TRUE(r) << target;
        r->method = method;
        r->authorization = who;
        r->client_address = "127.0.0.1";
        if (method != "GET") {
            r->content_type = "application/json";
            r->body = body;
            r->if_match = if_match;
        }
        return *api.handle(*r);
    };
    const auto ids = [](const Response& r) {
        std::set<int64_t> out;
        const json body = json::parse(r.body);
        for (const auto& o : body.at("observations")) out.insert(o.at("id").get<int64_t>());
        return out;
    };
    json bad = observation_body();
    bad["value"] = 9;
    const auto refused = call("POST", "/api/v1/policy/observations", coder, bad.dump());
    ASSERT_EQ(refused.status, 422u) << refused.body;
    EXPECT_EQ(json::parse(refused.body).at("errors").at(0).at("pointer"), "/value");

    const auto made = call("POST", "/api/v1/policy/observations", coder, observation_body().dump());
    ASSERT_EQ(made.status, 201u) << made.body;
    EXPECT_EQ(made.etag, "\"v1\"");
    const json draft = json::parse(made.body);
    const int64_t id = draft.at("id");
    const std::string one = "/api/v1/policy/observations/" + std::to_string(id);
    EXPECT_EQ(draft.at("review_state"), "draft");
    EXPECT_EQ(draft.at("coder"), "codifica.http@metropoli.example");
    EXPECT_EQ(draft.at("indicator_name").at("es"), "Permanencia en casa");

    EXPECT_EQ(call("GET", one, "").status, 404u) << "a draft is not public";
    EXPECT_EQ(call("GET", "/api/v1/policy/observations?state=draft", "").status, 401u);
    EXPECT_FALSE(ids(call("GET", "/api/v1/policy/observations", "")).count(id));
    const auto drafts = call("GET", "/api/v1/policy/observations?state=draft", coder);
    ASSERT_EQ(drafts.status, 200u) << drafts.body;
    EXPECT_TRUE(ids(drafts).count(id));
    EXPECT_EQ(drafts.cache_control, "no-store") << "an answer for one caller";

    EXPECT_EQ(call("PUT", one, coder, observation_body().dump()).status, 428u);
    EXPECT_EQ(call("PUT", one, coder, observation_body().dump(), "\"v9\"").status, 412u);
    json later = observation_body();
    later["end_date"] = "2020-11-18";
    const auto edited = call("PUT", one, coder, later.dump(), "\"v1\"");
    ASSERT_EQ(edited.status, 200u) << edited.body;
    EXPECT_EQ(edited.etag, "\"v2\"");
    const auto submitted = call("POST", one + "/submit", coder, "", "\"v2\"");
    ASSERT_EQ(submitted.status, 200u) << submitted.body;
    EXPECT_EQ(json::parse(submitted.body).at("review_state"), "submitted");

    EXPECT_EQ(call("POST", one + "/approve", coder, "", "\"v3\"").status, 403u) << "a coder does not review";
    EXPECT_EQ(call("POST", one + "/approve", reviewer, "", "\"v2\"").status, 412u);
    const auto silent = call("POST", one + "/reject", reviewer, R"({"reason": ""})", "\"v3\"");
    ASSERT_EQ(silent.status, 422u) << silent.body;
    EXPECT_EQ(json::parse(silent.body).at("errors").at(0).at("pointer"), "/reason");
    const auto approved = call("POST", one + "/approve", reviewer, "", "\"v3\"");
    ASSERT_EQ(approved.status, 200u) << approved.body;
    EXPECT_EQ(json::parse(approved.body).at("review_state"), "approved");
    EXPECT_EQ(json::parse(approved.body).at("reviewer"), "revisa.http@metropoli.example");
    EXPECT_EQ(call("POST", one + "/submit", coder, "", "\"v4\"").status, 409u);
    EXPECT_EQ(call("PUT", one, coder, later.dump(), "\"v4\"").status, 409u)
        << "an approved one is not edited";

    const auto open = call("GET", one, "");
    ASSERT_EQ(open.status, 200u) << open.body;
    EXPECT_EQ(open.etag, "\"v4\"");
    EXPECT_TRUE(ids(call("GET", "/api/v1/policy/observations?jurisdiction=10007", "")).count(id));
    const auto codebook = json::parse(call("GET", "/api/v1/policy/codebook", "").body);
    EXPECT_EQ(codebook.at("indicators").size(), 25u);
    EXPECT_FALSE(codebook.at("jurisdictions").empty());
    // Every local extension an observation carries is named in words by the codebook, in the form's order.
    std::vector<std::string> keys;
    for (const auto& f : codebook.at("extensions")) {
        keys.push_back(f.at("key"));
        EXPECT_FALSE(f.at("es").get<std::string>().empty()) << f.dump();
        EXPECT_FALSE(f.at("en").get<std::string>().empty()) << f.dump();
    }
    EXPECT_EQ(keys, (std::vector<std::string>{"curfew_from", "curfew_to", "capacity_pct", "closing_time",
                                              "alcohol_sales", "alcohol_until", "max_group_size"}));
    EXPECT_EQ(codebook.at("extensions").at(0).at("es"), "Toque de queda desde");
    // Kept in a variable: a range-for over a member of a temporary would read it after it is destroyed.
    const auto opened = json::parse(open.body);
    for (const auto& [key, value] : opened.at("extensions").items())
        EXPECT_NE(std::find(keys.begin(), keys.end(), key), keys.end()) << key;
}

TEST_P(HttpTest, ExportSiteIsWholeOrNothing) {
    const fs::path web = m_dir / "export_web";
    fs::create_directories(web / "assets");
    std::ofstream(web / "index.html") << "<!doctype html><title>Metrópoli</title>";
    std::ofstream(web / "assets" / "app.js") << "console.log('x')";
    const fs::path out = m_dir / "site";
    fs::create_directories(out);
    std::ofstream(out / "previous.txt") << "the export before";

    // No built application: refused, and the previous export stays as it was.
    auto context = app::open_context(m_url);
    ASSERT_TRUE(context);
    auto refused = export_site(std::move(*context), (m_dir / "nowhere").string(), out.string());
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("no built web application"), std::string::npos);
    EXPECT_TRUE(fs::exists(out / "previous.txt"));

    context = app::open_context(m_url);
    ASSERT_TRUE(context);
    auto done = export_site(std::move(*context), web.string(), out.string());
    ASSERT_TRUE(done) << done.error().message;
    EXPECT_FALSE(fs::exists(out / "previous.txt"));  // replaced as a whole
    EXPECT_FALSE(fs::exists(m_dir / "site.partial"));
    EXPECT_TRUE(fs::exists(out / "assets" / "app.js"));
    EXPECT_EQ(json::parse(*read_file((out / "config.json").string())).at("static"), true);
    for (const char* doc : {"overview", "geo", "schemes", "dashboard/zm-laguna", "dashboard/05035",
                            "indicators/05035/2021-02-05"}) {
        const auto text = read_file((out / "api" / "v1" / (std::string(doc) + ".json")).string());
        ASSERT_TRUE(text) << doc;
        EXPECT_TRUE(json::accept(*text)) << doc;
    }
    // Share pages: each place's level in its link-preview tags, then on to its page.
    const auto share = read_file((out / "share" / "10007.html").string());
    ASSERT_TRUE(share);
    EXPECT_NE(share->find("<meta property=\"og:title\" content=\"Gómez Palacio: nivel de riesgo "),
              std::string::npos);
    EXPECT_NE(share->find("twitter:card"), std::string::npos);
    EXPECT_NE(share->find("url=../#/m/10007"), std::string::npos);
    EXPECT_EQ(spanish_date("2021-02-05"), "5 de febrero de 2021");
    // A trailing slash names the same folder.
    context = app::open_context(m_url);
    ASSERT_TRUE(context);
    auto slashed = export_site(std::move(*context), web.string(), out.string() + "/");
    ASSERT_TRUE(slashed) << slashed.error().message;
    EXPECT_TRUE(fs::exists(out / "config.json"));
    EXPECT_FALSE(fs::exists(m_dir / "site.partial"));
    // The snapshot is the live API's document, byte for byte.
    Api api = make_api();
    EXPECT_EQ(*read_file((out / "api" / "v1" / "dashboard" / "05035.json").string()),
              get(api, "/api/v1/dashboard/05035").body);
}

// A module that exists only here, to prove the write seam: a note per id, read with its ETag, replaced by PUT
// with a JSON body and If-Match. Its state lives in memory; what is tested is the router, the body, the
// problem details with JSON pointers, the optimistic concurrency and the cache's generation.
struct NotesModule {
    std::mutex mutex;
    std::map<std::string, std::string> notes{{"1", "primera nota"}};

    static std::string etag_for(const std::string& text) { return etag_of(json{{"text", text}}.dump()); }

    void registrar(Router& router) {
        router.add({"GET",
                    "/api/v1/test/notes/{id}",
                    "A note",
                    "Prueba",
                    {{"id"}},
                    {},
                    "public",
                    true,
                    [this](const RoutedRequest& r, RequestContext&) {
                        std::lock_guard lock(mutex);
                        auto it = notes.find(r.args[0]);
                        if (it == notes.end()) return problem(404, "", "no such note", r.path);
                        return json_response({{"text", it->second}});
                    }});
        router.add(
            {"PUT",
             "/api/v1/test/notes/{id}",
             "Replace a note",
             "Prueba",
             {{"id"}},
             {},
             "public",
             false,
             [this](const RoutedRequest& r, RequestContext& ctx) {
                 auto body = json_body(r);
                 if (!body) return problem_of(body.error(), r.path);
                 std::vector<FieldError> errors;
                 if (!body->contains("text") || !body->at("text").is_string())
                     errors.push_back({"/text", "text is required"});
                 else if (body->at("text").get<std::string>().empty())
                     errors.push_back({"/text", "text must not be empty"});
                 if (!errors.empty()) return invalid_fields(errors, r.path);
                 std::lock_guard lock(mutex);
                 auto it = notes.find(r.args[0]);
                 if (it == notes.end()) return problem(404, "", "no such note", r.path);
                 if (auto ok = check_if_match(r, etag_for(it->second)); !ok)
                     return problem_of(ok.error(), r.path);
                 it->second = body->at("text").get<std::string>();
                 auto out = json_response({{"text", it->second}, {"by", ctx.actor.id}, {"at", ctx.now}});
                 out.etag = etag_for(it->second);
                 return out;
             }});
    }
    static json operations() {
        const json ok = {{"responses", {{"200", {{"description", "OK"}}}}}};
        return {{"GET /api/v1/test/notes/{id}", ok}, {"PUT /api/v1/test/notes/{id}", ok}};
    }
};

Request write(const std::string& target, const std::string& body, const std::string& if_match,
              const std::string& content_type = "application/json") {
    auto r = parse_target(target);
    EXPECT_TRUE(r);
    r->method = "PUT";
    r->body = body;
    r->content_type = content_type;
    r->if_match = if_match;
    r->id = "test-1";
    return *r;
}

TEST_P(HttpTest, WritesTakeJsonBodiesAndIfMatchAndRefreshTheCache) {
    auto context = app::open_context(m_url);
    ASSERT_TRUE(context);
    ApiOptions options;
    const FixedClock clock(*parse_iso_utc("2026-12-01T12:00:00Z"));
    options.clock = &clock;
    Api api(std::move(*context), "", std::move(options));
    NotesModule notes;
    ASSERT_TRUE(api.add_module([&](Router& r) { notes.registrar(r); }, NotesModule::operations()));
    // Documented like every route.
    const auto doc = json::parse(get(api, "/api/v1/openapi.json").body);
    EXPECT_TRUE(doc.at("paths").at("/api/v1/test/notes/{id}").contains("put"));

    const auto read = get(api, "/api/v1/test/notes/1");
    ASSERT_EQ(read.status, 200u);
    const std::string etag = read.etag;
    EXPECT_EQ(etag, NotesModule::etag_for("primera nota"));

    EXPECT_EQ(api.handle(write("/api/v1/test/notes/1", R"({"text":"x"})", ""))->status,
              428u);  // If-Match required
    EXPECT_EQ(api.handle(write("/api/v1/test/notes/1", R"({"text":"x"})", "\"stale\""))->status, 412u);
    EXPECT_EQ(api.handle(write("/api/v1/test/notes/1", R"({"text":"x"})", etag, "text/plain"))->status, 415u);
    EXPECT_EQ(api.handle(write("/api/v1/test/notes/1", "{not json", etag))->status, 400u);
    auto invalid = api.handle(write("/api/v1/test/notes/1", R"({"text":""})", etag));
    ASSERT_EQ(invalid->status, 422u);
    EXPECT_EQ(json::parse(invalid->body).at("errors").at(0).at("pointer"), "/text");
    EXPECT_EQ(invalid->content_type, "application/problem+json");
    EXPECT_EQ(get(api, "/api/v1/test/notes/1").body, read.body);  // nothing refused changed anything

    const auto generation = api.generation();
    auto done = api.handle(write("/api/v1/test/notes/1", R"({"text":"segunda nota"})", etag));
    ASSERT_EQ(done->status, 200u) << done->body;
    EXPECT_EQ(json::parse(done->body).at("at"), "2026-12-01T12:00:00Z");
    EXPECT_EQ(json::parse(done->body).at("by"), "anonymous");
    EXPECT_GT(api.generation(), generation);
    // The cached read is gone with the write: the next read sees the new text and its new ETag.
    const auto after = get(api, "/api/v1/test/notes/1");
    EXPECT_EQ(json::parse(after.body).at("text"), "segunda nota");
    EXPECT_NE(after.etag, etag);
    // The old ETag is now stale.
    EXPECT_EQ(api.handle(write("/api/v1/test/notes/1", R"({"text":"tercera"})", etag))->status, 412u);
    // A method the resource does not take: 405 with Allow.
    auto del = write("/api/v1/test/notes/1", "", "");
    del.method = "DELETE";
    auto refused = api.handle(del);
    EXPECT_EQ(refused->status, 405u);
    ASSERT_FALSE(refused->headers.empty());
    EXPECT_EQ(refused->headers.front().second, "GET, HEAD, PUT");
}

// The cache follows the stored data generation: a write by another connection to a table the server never
// asks about (release_series; the old check only counted releases and feed files) empties it, and no write
// leaves it as it is.
TEST_P(HttpTest, AWriteToAnyTableByAnotherConnectionEmptiesTheCache) {
    using namespace std::chrono_literals;
    Api api = make_api();
    ASSERT_EQ(get(api, "/api/v1/releases").status, 200u);
    ASSERT_EQ(get(api, "/api/v1/jurisdictions").status, 200u);
    std::this_thread::sleep_for(1100ms);  // the stored generation is read at most once a second
    ASSERT_EQ(get(api, "/api/v1/releases").status, 200u);
    const auto generation = api.generation();
    EXPECT_EQ(api.cache_entries(), 2u);  // nothing was written: both answers are still cached

    {
        auto db = storage::Database::open(m_url, storage::Access::write);
        ASSERT_TRUE(db) << db.error().message;
        auto updated = db->execute("UPDATE release_series SET cells = cells WHERE municipality = '05035'");
        ASSERT_TRUE(updated) << updated.error().message;
    }
    std::this_thread::sleep_for(1100ms);
    ASSERT_EQ(get(api, "/api/v1/releases").status, 200u);
    EXPECT_GT(api.generation(), generation);
    EXPECT_EQ(api.cache_entries(), 1u);  // emptied, then this answer stored for the new generation
}

// A raw client: sends bytes (and, after a pause, the rest), reads until the server closes.
std::string talk(unsigned short port, const std::string& bytes, std::chrono::milliseconds pause = {},
                 const std::string& rest = "") {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket s(ioc);
    s.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    boost::asio::write(s, boost::asio::buffer(bytes));
    if (pause.count()) std::this_thread::sleep_for(pause);
    boost::system::error_code ec;
    if (!rest.empty()) boost::asio::write(s, boost::asio::buffer(rest), ec);
    std::string out;
    char buf[4096];
    while (!ec) {  // every exchange here ends with the server closing the connection
        const size_t n = s.read_some(boost::asio::buffer(buf), ec);
        out.append(buf, n);
    }
    return out;
}

TEST_P(HttpTest, ServerLimitsTimeoutsCapAndGracefulShutdown) {
    Api api = make_api();
    ServerOptions options;
    options.port = 0;
    options.threads = 2;
    options.header_limit = 1024;
    options.request_timeout = std::chrono::seconds(1);
    options.idle_timeout = std::chrono::seconds(5);
    options.max_connections = 3;
    options.access_log = (m_dir / "access.log").string();
    std::promise<unsigned short> bound;
    auto served = std::async(std::launch::async, [&] {
        const Handlers handlers{[&api](const Request& r) { return api.quick(r); },
                                [&api](const Request& r) { return api.handle(r); }};
        return serve(options, handlers, [&](unsigned short p) { bound.set_value(p); });
    });
    const unsigned short port = bound.get_future().get();

    // ETag, then 304 for the same tag.
    const std::string first =
        talk(port, "GET /api/v1/releases HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    ASSERT_NE(first.find("HTTP/1.1 200"), std::string::npos) << first;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(first, m, std::regex("ETag: (\"[^\"]+\")")));
    const std::string again =
        talk(port, "GET /api/v1/releases HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + m[1].str() +
                       "\r\nConnection: close\r\n\r\n");
    EXPECT_NE(again.find("HTTP/1.1 304"), std::string::npos) << again;
    EXPECT_NE(
        talk(port, "HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").find("HTTP/1.1 200"),
        std::string::npos);

    // gzip for clients that accept it: its own ETag, and Vary.
    const std::string zipped = talk(
        port,
        "GET /api/v1/schemes HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, br\r\nConnection: close\r\n\r\n");
    EXPECT_NE(zipped.find("Content-Encoding: gzip"), std::string::npos) << zipped.substr(0, 400);
    EXPECT_NE(zipped.find("Vary: Accept-Encoding"), std::string::npos);
    EXPECT_NE(zipped.find("-gzip\""), std::string::npos);
    EXPECT_NE(zipped.find("\r\n\r\n\x1f\x8b"), std::string::npos);
    EXPECT_EQ(talk(port, "GET /api/v1/schemes HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                  .find("Content-Encoding"),
              std::string::npos);

    // Headers over the limit: 431.
    const std::string big =
        talk(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: " + std::string(4000, 'a') + "\r\n\r\n");
    EXPECT_NE(big.find("HTTP/1.1 431"), std::string::npos) << big.substr(0, 80);

    // A client trickling its request is cut off at the request timeout: the connection closes unanswered.
    const auto t0 = std::chrono::steady_clock::now();
    const std::string slow =
        talk(port, "GET /healthz HTTP/1.1\r\nHo", std::chrono::milliseconds(1600), "st: x\r\n\r\n");
    EXPECT_EQ(slow.find("HTTP/1.1 200"), std::string::npos) << slow.substr(0, 80);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(4));

    // The connection cap: three idle connections held, the fourth gets 503.
    {
        boost::asio::io_context ioc;
        std::vector<boost::asio::ip::tcp::socket> held;
        for (int i = 0; i < 3; ++i) {
            held.emplace_back(ioc);
            held.back().connect({boost::asio::ip::make_address("127.0.0.1"), port});
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        const std::string refused = talk(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        EXPECT_NE(refused.find("HTTP/1.1 503"), std::string::npos) << refused.substr(0, 80);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_NE(
        talk(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").find("HTTP/1.1 200"),
        std::string::npos);

    // SIGTERM: the server stops accepting and returns.
    std::raise(SIGTERM);
    ASSERT_EQ(served.wait_for(std::chrono::seconds(8)), std::future_status::ready);
    EXPECT_TRUE(served.get());

    auto log = read_file(options.access_log);
    ASSERT_TRUE(log);
    EXPECT_NE(log->find("\"target\":\"/api/v1/releases\",\"status\":304"), std::string::npos) << *log;
    EXPECT_NE(log->find("\"status\":431"), std::string::npos);
}

std::string engine_param(const ::testing::TestParamInfo<storage::Engine>& p) {
    return storage::testing::engine_name(p.param);
}

INSTANTIATE_TEST_SUITE_P(Engines, HttpTest, ::testing::ValuesIn(storage::testing::all_engines()),
                         engine_param);

}  // namespace
}  // namespace metropoli::http
