// SPDX-License-Identifier: MIT
// Declared colours: %W weeks worked by hand; both compilations read for all 32 states and compared, every
// disagreement listed (checked day by day, independently of the week comparison, and against the shared
// long file for Coahuila and Durango); the bundled record loads once on both engines in one transaction
// with one audit entry, and reads back by week.
#include "homologation/declared_colours.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/csv.hpp"
#include "core/region_loader.hpp"
#include "core/test_dates.hpp"
#include "homologation/activity_rule_fixture.hpp"
#include "metropoli_source_dir.hpp"

namespace metropoli::homologation::testing {
namespace {

using metropoli::testing::day;
std::string directory() {
    return std::string(METROPOLI_SOURCE_DIR) + "/data/semaforo";
}

TEST(PercentWWeeks, AreWorkedFromTheYearsFirstMonday) {
    // 2020 began on a Wednesday: its first Monday is 6 January, so W01 is 6-12 January and W00 1-5 January.
    EXPECT_EQ(percent_w_week("2020-W01")->first, day("2020-01-06"));
    EXPECT_EQ(percent_w_week("2020-W00")->first, day("2020-01-01"));
    EXPECT_EQ(percent_w_week("2020-W00")->second, day("2020-01-05"));
    // 6 January + 21 weeks = 1 June (the first column of Bisaloo's file); + 44 weeks = 9 November.
    EXPECT_EQ(percent_w_week("2020-W22")->first, day("2020-06-01"));
    EXPECT_EQ(percent_w_week("2020-W22")->second, day("2020-06-07"));
    EXPECT_EQ(percent_w_week("2020-W45")->first, day("2020-11-09"));
    EXPECT_EQ(percent_w_week("2020-W44")->first, day("2020-11-02"));
    // 2021 began on a Friday: first Monday 4 January.
    EXPECT_EQ(percent_w_week("2021-W01")->first, day("2021-01-04"));
    // 2024 begins on a Monday: there is no W00.
    EXPECT_EQ(percent_w_week("2024-W01")->first, day("2024-01-01"));
    EXPECT_FALSE(percent_w_week("2024-W00"));
    EXPECT_FALSE(percent_w_week("2020-W54"));
    EXPECT_FALSE(percent_w_week("2020-W53")) << "6 Jan + 52 weeks is 4 January 2021";
    EXPECT_TRUE(percent_w_week("2020-W52"));
    for (const char* bad : {"2020-45", "2020W45", "2020-w45", "20-W45", "2020-W4", "abcd-W45", ""})
        EXPECT_FALSE(percent_w_week(bad)) << bad;
}

std::vector<StateName> all_states() {
    auto region = load_region("laguna", DataPaths{METROPOLI_SOURCE_DIR});
    EXPECT_TRUE(region) << region.error().message;
    std::vector<StateName> out;
    for (const auto& j : region->jurisdictions)
        if (j.kind == JurisdictionKind::state) out.push_back({j.code, j.name});
    return out;
}

std::vector<DeclaredColour> both_compilations(const std::vector<StateName>& states) {
    auto bisaloo = read_bisaloo(directory() + "/semaforos_bisaloo_wide_2020W22_2023W24.csv", states);
    EXPECT_TRUE(bisaloo) << bisaloo.error().message;
    auto claudio =
        read_claudiodanielpc(directory() + "/semaforo_covidmx_claudiodanielpc_20200601_20211003.csv", states);
    EXPECT_TRUE(claudio) << claudio.error().message;
    auto all = *bisaloo;
    all.insert(all.end(), claudio->begin(), claudio->end());
    return all;
}

TEST(Compilations, AreReadForEveryStateAndEveryDisagreementIsListed) {
    const auto states = all_states();
    ASSERT_EQ(states.size(), 32u);
    const auto federal = both_compilations(states);
    const auto bisaloo =
        std::count_if(federal.begin(), federal.end(), [](auto& d) { return d.source == k_bisaloo; });
    EXPECT_EQ(bisaloo, 32 * 158) << "every state's 158 weeks: the names all match the region's";
    EXPECT_EQ(federal.size() - static_cast<size_t>(bisaloo), 1152u) << "36 periods x 32 states";
    const auto unverified =
        std::count_if(federal.begin(), federal.end(), [](auto& d) { return d.unverified; });
    EXPECT_EQ(unverified, 32) << "the mistyped 26/07/2021-08/09/2021 period, once per state";

    // Independently, day by day: each day of a Bisaloo week against every claudiodanielpc period holding it.
    std::set<std::pair<std::string, std::string>> by_day;  // (state, week)
    for (const auto& b : federal) {
        if (b.source != k_bisaloo) continue;
        for (Date d = b.valid_from; !(b.valid_to < d); d = d + 1)
            for (const auto& c : federal)
                if (c.source == k_claudiodanielpc && c.jurisdiction == b.jurisdiction && c.covers(d, d) &&
                    c.colour != b.colour)
                    by_day.insert({b.jurisdiction, b.week});
    }
    const auto listed = compilation_disagreements(federal);
    std::set<std::pair<std::string, std::string>> weeks;
    for (const auto& w : listed) weeks.insert({w.state, w.week});
    EXPECT_EQ(weeks.size(), listed.size()) << "each state and week once";
    EXPECT_EQ(weeks, by_day);
    std::map<std::string, int> per_week;
    for (const auto& w : listed) ++per_week[w.week];
    EXPECT_EQ(per_week["2020-W24"], 16)
        << "PROVENANCE: 2020-W24, Bisaloo naranja and claudiodanielpc rojo, 16 states";
    const auto all_weeks = compare_compilations(federal);
    const auto compared =
        std::count_if(all_weeks.begin(), all_weeks.end(), [](const auto& w) { return w.compared(); });
    std::printf(
        "compilations: %zu state-weeks where both speak, %zu disagreements (%zu weeks) across 32 states\n",
        static_cast<size_t>(compared), listed.size(), per_week.size());
    for (const auto& [week, n] : per_week) std::printf("  %s: %d states\n", week.c_str(), n);
}

TEST(Compilations, MatchTheSharedLongFileForCoahuilaAndDurango) {
    const auto federal = both_compilations({{"05", "Coahuila"}, {"10", "Durango"}});
    const auto weeks = compare_compilations(federal);
    auto long_file = read_csv_file(directory() + "/semaforo_semanal_coah_dgo_long.csv");
    ASSERT_TRUE(long_file) << long_file.error().message;
    ASSERT_EQ(long_file->rows.size(), weeks.size());
    std::map<std::string, std::pair<int, int>> agreement;  // state -> (agree, compared)
    for (size_t i = 0; i < weeks.size(); ++i) {
        const auto& row = long_file->rows[i];
        const auto& w = weeks[i];
        ASSERT_EQ(row[0], w.state);
        EXPECT_EQ(row[2], w.week);
        EXPECT_EQ(row[3], w.monday.iso());
        EXPECT_EQ(row[4], w.bisaloo);
        std::string joined;
        for (const auto& c : w.claudiodanielpc) joined += (joined.empty() ? "" : "|") + c;
        EXPECT_EQ(row[5], joined) << w.state << " " << w.week;
        EXPECT_EQ(row[7], w.compared() ? (w.agree() ? "1" : "0") : "") << w.state << " " << w.week;
        if (w.compared()) {
            agreement[w.state].second += 1;
            agreement[w.state].first += w.agree() ? 1 : 0;
        }
    }
    EXPECT_EQ(agreement["05"], std::make_pair(60, 69));
    EXPECT_EQ(agreement["10"], std::make_pair(63, 69));
    EXPECT_EQ(compilation_disagreements(federal).size(), 15u);
}

TEST(Compilations, ABadColourIsRefusedNamingTheLineAndColumn) {
    auto bad = read_bisaloo(std::string(METROPOLI_SOURCE_DIR) + "/tests/data/semaforo/bisaloo_bad_colour.csv",
                            {{"05", "Coahuila"}});
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("line 3, column 3 (2020-W23): 'morado'"), std::string::npos)
        << bad.error().message;
}

class DeclaredColours : public ActivityRuleTest {
protected:
    void SetUp() override {
        ActivityRuleTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        auto migrated = storage::migrate(*m_db, declared_colour_migrations(), m_clock);
        ASSERT_TRUE(migrated) << migrated.error().message;
        auto region = load_region("laguna", DataPaths{METROPOLI_SOURCE_DIR});
        ASSERT_TRUE(region) << region.error().message;
        m_region = std::move(*region);
    }
    Region m_region;
};

TEST_P(DeclaredColours, TheBundledRecordLoadsOnceInOneTransactionWithOneAuditEntry) {
    Region tampico = m_region;
    tampico.id = "tampico";
    EXPECT_EQ(*seed_declared_colours(*m_db, m_clock, tampico, directory()), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM declared_colours"), 0);
    auto loaded = seed_declared_colours(*m_db, m_clock, m_region, directory());
    ASSERT_TRUE(loaded) << loaded.error().message;
    // 2 states x 158 Bisaloo weeks + 2 x 36 claudiodanielpc periods + 3 declarations.
    EXPECT_EQ(*loaded, 316 + 72 + 3);
    EXPECT_EQ(count("SELECT COUNT(*) FROM declared_colour_sources"), 5);
    EXPECT_EQ(count("SELECT COUNT(*) FROM declared_colours WHERE scope = 'federal'"), 388);
    EXPECT_EQ(count("SELECT COUNT(*) FROM declared_colours WHERE unverified = 1"), 2 + 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'declared_colours.seed'"), 1);
    EXPECT_EQ(*seed_declared_colours(*m_db, m_clock, m_region, directory()), 0)
        << "a second init loads nothing";
    EXPECT_EQ(count("SELECT COUNT(*) FROM declared_colours"), 391);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'declared_colours.seed'"), 1);

    // 2020-W44 (2-8 November 2020): the federal colour of Durango was naranja in both compilations, and
    // Durango declared itself red from Tuesday 3 November (by first day: the period of 26 October first).
    auto week = list_declared_colours(*m_db, day("2020-11-02"), day("2020-11-08"));
    ASSERT_TRUE(week) << week.error().message;
    std::vector<std::string> durango;
    for (const auto& d : *week)
        if (d.jurisdiction == "10") durango.push_back(d.scope + ":" + d.source + ":" + d.colour);
    EXPECT_EQ(durango, (std::vector<std::string>{"federal:claudiodanielpc:naranja", "federal:bisaloo:naranja",
                                                 "state:durango-rojo-2020-11-03:rojo"}));
    auto sources = list_declared_colour_sources(*m_db);
    ASSERT_TRUE(sources) << sources.error().message;
    ASSERT_EQ(sources->size(), 5u);
    EXPECT_EQ(sources->front().key, "bisaloo");
    EXPECT_EQ(sources->front().licence, "MIT");
    EXPECT_FALSE(sources->at(3).published_on) << "siglo-1746289 gives no day";

    // The region's colour names its municipalities.
    auto september = list_declared_colours(*m_db, day("2020-09-14"), day("2020-09-20"));
    ASSERT_TRUE(september);
    auto laguna =
        std::find_if(september->begin(), september->end(), [](auto& d) { return d.scope == "region"; });
    ASSERT_NE(laguna, september->end());
    EXPECT_EQ(laguna->municipalities, (std::vector<std::string>{"05035", "05017", "05009"}));
    EXPECT_TRUE(laguna->unverified);
}

TEST_P(DeclaredColours, ABadFileWritesNothing) {
    auto refused = seed_declared_colours(*m_db, m_clock, m_region,
                                         std::string(METROPOLI_SOURCE_DIR) + "/tests/data/semaforo");
    ASSERT_FALSE(refused);
    EXPECT_EQ(count("SELECT COUNT(*) FROM declared_colours"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM declared_colour_sources"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'declared_colours.seed'"), 0);
}

TEST_P(DeclaredColours, TheTableRefusesAFederalColourDeclaredByAState) {
    ASSERT_TRUE(seed_declared_colours(*m_db, m_clock, m_region, directory()));
    EXPECT_ANY_THROW(
        m_db->session() << "INSERT INTO declared_colours (scope, declared_by, jurisdiction, valid_from, "
                           "valid_to, colour, source_id, created_at) VALUES ('federal', '05', '05', "
                           "'2020-11-02', '2020-11-08', 'rojo', 1, 'x')");
    EXPECT_ANY_THROW(
        m_db->session() << "INSERT INTO declared_colours (scope, declared_by, jurisdiction, valid_from, "
                           "valid_to, colour, source_id, created_at) VALUES ('state', '05', '05', "
                           "'2020-11-02', '2020-11-08', 'morado', 1, 'x')");
}

INSTANTIATE_TEST_SUITE_P(Engines, DeclaredColours, ::testing::ValuesIn(storage::testing::all_engines()),
                         param_name);

}  // namespace
}  // namespace metropoli::homologation::testing
