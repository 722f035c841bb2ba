// SPDX-License-Identifier: MIT
// The reconciliation on both engines, on an initialised La Laguna with the official municipal series and the
// Red IRAG percentages: weeks worked by hand from the bundled files — Durango's own red of 3 November 2020
// beside the federal orange, the compilations' disagreement for Coahuila in 2020-W47, Coahuila's and La
// Laguna's unverified yellow of September 2020 — and Harvard's colour for Durango in 2020-W45 computed from
// the municipal file independently (the 7-day mean of new cases by onset per 100,000).
#include "app/semaforo_reconciliation.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "analysis/feeds/feed_ingest.hpp"
#include "analysis/ingest/municipal_ingest.hpp"
#include "core/csv.hpp"
#include "metropoli_source_dir.hpp"
#include "storage/test_support.hpp"

namespace metropoli::app {
namespace {

using storage::testing::ScratchDatabase;

class Reconciliation : public ::testing::TestWithParam<storage::Engine> {
protected:
    void SetUp() override {
        m_scratch = std::make_unique<ScratchDatabase>(GetParam());
        if (!m_scratch->available()) {
            if (storage::testing::postgres_required()) FAIL() << m_scratch->why_unavailable();
            GTEST_SKIP() << m_scratch->why_unavailable();
        }
        auto db = open_database(m_scratch->url(), storage::Access::create);
        ASSERT_TRUE(db) << db.error().message;
        auto region = initialise(**db, "laguna");
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
        m_context = Context{std::move(*db), std::move(*region)};
    }

    static std::vector<std::string> codes(const app::Reconciliation& r) {
        std::vector<std::string> out;
        for (const auto& e : r.explanations) out.push_back(e.code);
        return out;
    }
    static const ComputedColour& scheme(const app::Reconciliation& r, const std::string& id) {
        auto it =
            std::find_if(r.computed.begin(), r.computed.end(), [&](const auto& c) { return c.scheme == id; });
        EXPECT_NE(it, r.computed.end()) << id;
        return *it;
    }
    static std::vector<std::string> declared(const app::Reconciliation& r) {
        std::vector<std::string> out;
        for (const auto& d : r.declared.colours) out.push_back(d.scope + ":" + d.source + ":" + d.colour);
        return out;
    }

    std::unique_ptr<ScratchDatabase> m_scratch;
    Context m_context;
};

// New cases by onset over the seven days ending `last`, for the municipalities of state `state`.
long long cases_in_week(const std::string& state, Date last) {
    auto table =
        read_csv_file(std::string(METROPOLI_SOURCE_DIR) +
                      "/data/ssa_municipal/Casos_Diarios_Municipio_Confirmados_20220402_coah_dgo.csv");
    EXPECT_TRUE(table);
    long long sum = 0;
    for (int back = 0; back < 7; ++back) {
        const Date d = last - back;
        const std::string header = fmt::format("{}/{}/{}", d.day(), d.month(), d.year()),
                          padded = fmt::format("{:02}/{:02}/{}", d.day(), d.month(), d.year());
        int column = table->column(header);
        if (column < 0) column = table->column(padded);
        EXPECT_GE(column, 0) << header;
        for (const auto& row : table->rows)
            if (fmt::format("{:05}", std::stoi(row[0])).substr(0, 2) == state)
                sum += std::stoll(row[static_cast<size_t>(column)]);
    }
    return sum;
}

TEST_P(Reconciliation, DurangosOwnRedBesideTheFederalOrangeIn2020W44) {
    auto r = reconcile_colours(m_context, "10", "2020-W44");
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->monday.iso(), "2020-11-02");
    EXPECT_EQ(r->sunday.iso(), "2020-11-08");
    EXPECT_EQ(declared(*r),
              (std::vector<std::string>{"federal:claudiodanielpc:naranja", "federal:bisaloo:naranja",
                                        "state:durango-rojo-2020-11-03:rojo"}));
    EXPECT_TRUE(r->declared.disagreements.empty());
    auto own = std::find_if(r->explanations.begin(), r->explanations.end(),
                            [](const auto& e) { return e.code == "state_declared_differs"; });
    ASSERT_NE(own, r->explanations.end());
    EXPECT_NE(
        own->es.find("Durango declaró para sí su propio color, rojo, del 3 de noviembre de 2020 al 17 de "
                     "noviembre de 2020"),
        std::string::npos)
        << own->es;
    EXPECT_NE(own->en.find("the federal semáforo had it orange"), std::string::npos) << own->en;
    ASSERT_EQ(r->computed.size(), 5u) << "every bundled scheme";
    ASSERT_TRUE(r->before_week);
    EXPECT_EQ(r->before_week->assessed_on.iso(), "2020-11-01");
}

TEST_P(Reconciliation, HarvardForDurangoIn2020W45IsWorkedFromTheMunicipalFile) {
    auto r = reconcile_colours(m_context, "10", "2020-W45");
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->monday.iso(), "2020-11-09");
    // Both compilations say red for 9-15 November, and Durango's own red (3-17 November) matches them.
    EXPECT_EQ(declared(*r), (std::vector<std::string>{"federal:bisaloo:rojo", "federal:claudiodanielpc:rojo",
                                                      "state:durango-rojo-2020-11-03:rojo"}));
    const Jurisdiction* durango = m_context.region.find("10");
    ASSERT_TRUE(durango && durango->population_census_2020);
    EXPECT_EQ(*durango->population_census_2020, 1832650) << "Censo 2020";
    const long long cases = cases_in_week("10", r->sunday);
    EXPECT_EQ(cases, 1746);
    const double density = static_cast<double>(cases) / 7.0 / 1832650.0 * 100000.0;  // 13.61: [10, 25)
    const auto& harvard = scheme(*r, "harvard");
    ASSERT_FALSE(harvard.error) << harvard.error->message;
    EXPECT_EQ(harvard.level, "naranja");
    EXPECT_TRUE(harvard.semaforo_scale);
    EXPECT_EQ(harvard.comparison, "laxer") << "naranja against the federal rojo";
    ASSERT_EQ(harvard.drivers.size(), 1u);
    EXPECT_EQ(harvard.drivers[0].component, "case_density");
    EXPECT_NEAR(*harvard.drivers[0].value, density, 1e-9);
    // The vintage: the confirmed cases of the release of 2 April 2022, 503 days after Sunday 15 November
    // 2020.
    EXPECT_TRUE(std::any_of(harvard.releases.begin(), harvard.releases.end(), [](const auto& rel) {
        return rel.date.iso() == "2022-04-02" && rel.kind == "confirmed";
    }));
    auto c = codes(*r);
    EXPECT_NE(std::find(c.begin(), c.end(), "computed_differs"), c.end());
    EXPECT_NE(std::find(c.begin(), c.end(), "federal_decided_earlier"), c.end());
    EXPECT_NE(std::find(c.begin(), c.end(), "not_semaforo_scale"), c.end()) << "Covid Act Now and WHO";
    for (const auto& e : r->explanations)
        std::printf("  %s: %s\n  %s\n", e.code.c_str(), e.es.c_str(), e.en.c_str());
    auto vintage = std::find_if(r->explanations.begin(), r->explanations.end(),
                                [](const auto& e) { return e.code == "later_vintage"; });
    ASSERT_NE(vintage, r->explanations.end());
    EXPECT_NE(vintage->en.find(
                  "2021-03-12 (deaths), 2022-04-02 (confirmed cases); the newest 503 days after the week"),
              std::string::npos)
        << vintage->en;
    auto pushed = std::find_if(r->explanations.begin(), r->explanations.end(), [](const auto& e) {
        return e.code == "computed_differs" &&
               std::any_of(e.params.begin(), e.params.end(), [](const auto& p) {
                   return p.first == "scheme" && p.second == std::vector<std::string>{"harvard"};
               });
    });
    ASSERT_NE(pushed, r->explanations.end());
    // Named as a person reads it, not by its identifier.
    EXPECT_EQ(pushed->es.rfind(
                  "Harvard Global Health Institute: casos diarios por 100 mil hab. calcula naranja", 0),
              0u)
        << pushed->es;
    for (const auto& e : r->explanations) {
        for (const char* id : {"harvard ", "semaforo-v1", "covid-act-now", "trend_syndrome", "positivity"})
            EXPECT_EQ(e.es.find(id), std::string::npos) << e.es;
    }
    EXPECT_NE(pushed->es.find("más laxo que el federal rojo"), std::string::npos) << pushed->es;
    EXPECT_NE(pushed->en.find("Daily new cases per 100k (7-day mean) = 13.61 (2 pts, band [10, 25))"),
              std::string::npos)
        << pushed->en;
}

TEST_P(Reconciliation, TheCompilationsDisagreementForCoahuilaIn2020W47IsShownBothWays) {
    auto r = reconcile_colours(m_context, "05035", "2020-W47");
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(declared(*r),
              (std::vector<std::string>{"federal:bisaloo:naranja", "federal:claudiodanielpc:amarillo"}));
    ASSERT_EQ(r->declared.disagreements.size(), 1u);
    EXPECT_EQ(r->declared.disagreements[0].state, "05");
    auto c = codes(*r);
    ASSERT_FALSE(c.empty());
    EXPECT_EQ(c.front(), "compilations_disagree");
    EXPECT_NE(r->explanations.front().es.find("Bisaloo dice naranja, claudiodanielpc amarillo (2020-11-23 … "
                                              "2020-12-06)"),
              std::string::npos)
        << r->explanations.front().es;
    for (const auto& s : r->computed)
        if (s.semaforo_scale && !s.level.empty()) {
            EXPECT_TRUE(s.comparison == "mixed" || s.comparison == "stricter" || s.comparison == "laxer")
                << s.scheme << " " << s.comparison << ": it cannot agree with both";
        }
}

TEST_P(Reconciliation, SeptemberYellowsOfCoahuilaAndItsLagunaAreUnverified) {
    auto torreon = reconcile_colours(m_context, "Torreón", "2020-W38");
    ASSERT_TRUE(torreon) << torreon.error().message;
    EXPECT_EQ(declared(*torreon),
              (std::vector<std::string>{"federal:claudiodanielpc:naranja", "federal:bisaloo:naranja",
                                        "region:zocalo-laguna-amarillo-2020-09:amarillo",
                                        "state:siglo-1746289:amarillo"}));
    for (const auto& d : torreon->declared.colours)
        if (d.scope != "federal") {
            EXPECT_TRUE(d.unverified) << d.source;
        }
    // Gómez Palacio is in Durango: neither Coahuila's colour nor its Laguna's applies there.
    auto gomez = declared_colours_for(m_context, {"10007", "2020-W38"});
    ASSERT_TRUE(gomez) << gomez.error().message;
    EXPECT_EQ(gomez->colours.size(), 2u);
    // The metro zone: both states' federal colours and the Coahuila declarations, each once.
    auto zone = declared_colours_for(m_context, {"zm-laguna", "2020-W38"});
    ASSERT_TRUE(zone) << zone.error().message;
    EXPECT_EQ(zone->colours.size(), 6u);
}

TEST_P(Reconciliation, TheWholeRecordListsEveryDisagreementOfTheRegionsStates) {
    auto all = declared_colours_for(m_context, {});
    ASSERT_TRUE(all) << all.error().message;
    EXPECT_EQ(all->colours.size(), 391u);
    EXPECT_EQ(all->sources.size(), 5u);
    EXPECT_EQ(all->disagreements.size(), 15u) << "Coahuila 9, Durango 6";
}

TEST_P(Reconciliation, BadInputIsRefusedNamingTheField) {
    for (const char* week : {"2020-45", "2020-W54", "W45", "2020-W45x"}) {
        auto r = reconcile_colours(m_context, "10", week);
        ASSERT_FALSE(r) << week;
        EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
        EXPECT_EQ(r.error().message.rfind("/week: ", 0), 0u) << r.error().message;
    }
    auto unknown = reconcile_colours(m_context, "99999", "2020-W45");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(unknown.error().message.rfind("/jurisdiction: ", 0), 0u) << unknown.error().message;
    EXPECT_FALSE(reconcile_colours(m_context, "", "2020-W45"));
    EXPECT_FALSE(reconcile_colours(m_context, "10", ""));
}

INSTANTIATE_TEST_SUITE_P(Engines, Reconciliation, ::testing::ValuesIn(storage::testing::all_engines()),
                         [](const ::testing::TestParamInfo<storage::Engine>& p) {
                             return std::string(storage::testing::engine_name(p.param));
                         });

}  // namespace
}  // namespace metropoli::app
