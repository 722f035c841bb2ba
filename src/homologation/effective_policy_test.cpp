// SPDX-License-Identifier: MIT
// The resident's effective policy on SQLite and PostgreSQL, case by case worked by hand from OxCGRT's rule:
// a higher level's reading replaces the lower one when it is general and at least as strict.
#include "homologation/effective_policy.hpp"

#include <gtest/gtest.h>

#include "homologation/observation_fixture.hpp"

namespace metropoli::homologation {
namespace {

using testing::day;

class EffectivePolicy : public testing::ObservationTest {
protected:
    void SetUp() override {
        ObservationTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        // The federation recommends staying home (C6 1, general) from 1 June 2020 on, and has no measure on
        // public transport (C5 0).
        m_federal_c6 = approved(input("00", "C6", "1", 1, "2020-06-01"));
        m_federal_c5 = approved(input("00", "C5", "0", std::nullopt, "2020-06-01"));
        // Durango: a statewide curfew, 3-17 November.
        auto curfew = input("10", "C6", "2", 1, "2020-11-03", "2020-11-17");
        curfew.extensions.curfew_from = "22:00";
        curfew.extensions.curfew_to = "05:00";
        m_durango_c6 = approved(curfew);
        // Durango closes some sectors somewhere it does not name (targeted, no municipalities).
        approved(input("10", "C2", "2", 0, "2020-11-03", "2020-11-17"));
        // Torreón codes no stay-at-home requirement.
        m_torreon_c6 = approved(input("05035", "C6", "0", std::nullopt, "2020-11-01"));
        // Coahuila limits gatherings to 15 in Torreón only (targeted at a named municipality).
        auto parties = input("05", "C4", "3", 0, "2020-11-01", "2020-11-12");
        parties.applies_to = {"05035"};
        parties.extensions.max_group_size = 15;
        m_coahuila_c4 = approved(parties);
        // Masks: Torreón requires them in some spaces; the metro body, in all shared spaces 10-20 November.
        m_torreon_h6 = approved(input("05035", "H6", "2", 1, "2020-11-01"));
        m_metro_h6 = approved(input("zm-laguna", "H6", "3", 1, "2020-11-10", "2020-11-20"));
        // A draft never counts.
        auto draft =
            record_observation(*m_db, m_clock, m_cli, "", input("10007", "C6", "3", 1, "2020-11-01"));
        ASSERT_TRUE(draft) << draft.error().message;
    }

    EffectiveDay on(const std::string& municipality, const std::string& indicator, const char* iso) {
        auto days = effective_policy(*m_db, municipality, indicator, day(iso), day(iso));
        EXPECT_TRUE(days) << days.error().message;
        if (!days || days->size() != 1) return {};
        return days->front();
    }

    int64_t m_federal_c6 = 0, m_federal_c5 = 0, m_durango_c6 = 0, m_torreon_c6 = 0, m_coahuila_c4 = 0,
            m_torreon_h6 = 0, m_metro_h6 = 0;
};

TEST_P(EffectivePolicy, AStricterGeneralStateMeasureReachesItsMunicipalitiesWithItsCurfew) {
    const auto d = on("10007", "C6", "2020-11-05");
    EXPECT_EQ(d.value, 2);
    EXPECT_EQ(d.flag, 1);
    ASSERT_TRUE(d.set_by);
    EXPECT_EQ(d.set_by->jurisdiction, "10");
    EXPECT_EQ(d.set_by->level, "state");
    EXPECT_EQ(d.set_by->observation, m_durango_c6);
    EXPECT_EQ(d.set_by->extensions.curfew_from, "22:00");
    EXPECT_EQ(d.set_by->extensions.curfew_to, "05:00");
    // Before and after it, the federal recommendation (1 general) is what applies; the draft (3) never does.
    for (const char* iso : {"2020-11-02", "2020-11-18"}) {
        const auto f = on("10007", "C6", iso);
        EXPECT_EQ(f.value, 1) << iso;
        ASSERT_TRUE(f.set_by);
        EXPECT_EQ(f.set_by->observation, m_federal_c6);
        EXPECT_EQ(f.set_by->level, "federal");
    }
}

TEST_P(EffectivePolicy, AGeneralHigherReadingAtLeastAsStrictReplacesTheMunicipalOne) {
    // Torreón codes 0; the federal 1 is general and stricter, so the resident's total is 1, set federally.
    const auto d = on("05035", "C6", "2020-11-05");
    EXPECT_EQ(d.value, 1);
    EXPECT_EQ(d.set_by->observation, m_federal_c6);
    // Before 1 June nothing is coded at any level: missing data, not 0.
    const auto before = on("05035", "C6", "2020-05-31");
    EXPECT_FALSE(before.value);
    EXPECT_FALSE(before.set_by);
}

TEST_P(EffectivePolicy, ATargetedMeasureAppliesWhereItNamesAndNowhereElse) {
    const auto torreon = on("05035", "C4", "2020-11-05");
    EXPECT_EQ(torreon.value, 3);
    EXPECT_EQ(torreon.flag, 1);  // general in Torreón, the municipality it names
    EXPECT_EQ(torreon.set_by->observation, m_coahuila_c4);
    EXPECT_EQ(torreon.set_by->extensions.max_group_size, 15);
    EXPECT_FALSE(on("05017", "C4", "2020-11-05").value);  // Matamoros: not named
    EXPECT_FALSE(on("05035", "C4", "2020-11-13").value);  // after it ended
    // A targeted measure naming no municipality is not imputed (OxCGRT's rule).
    EXPECT_FALSE(on("10007", "C2", "2020-11-05").value);
}

TEST_P(EffectivePolicy, AHigherZeroFillsALevelThatCodedNothing) {
    const auto d = on("10012", "C5", "2020-11-05");
    EXPECT_EQ(d.value, 0);
    EXPECT_FALSE(d.flag);
    EXPECT_EQ(d.set_by->observation, m_federal_c5);
}

TEST_P(EffectivePolicy, AMetroBodySitsBetweenTheStateAndTheMunicipality) {
    EXPECT_EQ(on("05035", "H6", "2020-11-09").value, 2);
    EXPECT_EQ(on("05035", "H6", "2020-11-09").set_by->level, "municipality");
    const auto d = on("05035", "H6", "2020-11-15");
    EXPECT_EQ(d.value, 3);
    EXPECT_EQ(d.set_by->jurisdiction, "zm-laguna");
    EXPECT_EQ(d.set_by->level, "metro_body");
    EXPECT_EQ(d.set_by->observation, m_metro_h6);
    EXPECT_EQ(on("10007", "H6", "2020-11-15").value, 3);  // every member
    EXPECT_EQ(on("05035", "H6", "2020-11-21").set_by->observation, m_torreon_h6);
}

TEST_P(EffectivePolicy, ARangeGivesEveryDayAndEveryComponent) {
    auto days = effective_policy(*m_db, "10007", "C6", day("2020-11-01"), day("2020-11-30"));
    ASSERT_TRUE(days) << days.error().message;
    ASSERT_EQ(days->size(), 30u);
    int curfew_days = 0;
    for (const auto& d : *days) curfew_days += d.value == 2 ? 1 : 0;
    EXPECT_EQ(curfew_days, 15);  // 3-17 November
    auto all = effective_policies(*m_db, "05035", day("2020-11-05"), day("2020-11-06"));
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ(all->front().policy.at(Component::c4, Segment::everyone)->value, 3);
    EXPECT_EQ(all->front().policy.at(Component::h6, Segment::everyone)->value, 2);
}

TEST_P(EffectivePolicy, RefusesWhatItCannotCompute) {
    auto bad = effective_policy(*m_db, "10999", "C6", day("2020-11-01"), day("2020-11-02"));
    ASSERT_FALSE(bad);
    EXPECT_TRUE(bad.error().message.starts_with("/jurisdiction:"));
    bad = effective_policy(*m_db, "10", "C6", day("2020-11-01"), day("2020-11-02"));
    ASSERT_FALSE(bad);  // a state is not a municipality
    bad = effective_policy(*m_db, "10007", "E3", day("2020-11-01"), day("2020-11-02"));
    ASSERT_FALSE(bad);
    EXPECT_TRUE(bad.error().message.starts_with("/indicator:"));
    bad = effective_policy(*m_db, "10007", "C6", day("2020-11-02"), day("2020-11-01"));
    ASSERT_FALSE(bad);
    EXPECT_TRUE(bad.error().message.starts_with("/to:"));
}

INSTANTIATE_TEST_SUITE_P(Engines, EffectivePolicy, ::testing::ValuesIn(storage::testing::all_engines()),
                         testing::param_name);

}  // namespace
}  // namespace metropoli::homologation
