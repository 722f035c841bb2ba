// SPDX-License-Identifier: MIT
// The metro picture of the bundled record (data/policy_laguna_2020/) on SQLite and PostgreSQL: the five
// municipalities side by side, the spread, the metro-effective policy, the divergences in words and the metro
// index, each figure of 5 November 2020 worked by hand.
#include "homologation/metro_picture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>

#include "access/access_fixture.hpp"
#include "core/test_dates.hpp"
#include "homologation/migrations.hpp"
#include "homologation/policy_seed.hpp"
#include "metropoli_source_dir.hpp"

namespace metropoli::homologation {
namespace {

using access::testing::param_name;

using metropoli::testing::day;

class MetroPictureTest : public access::testing::AccessTest {
protected:
    void SetUp() override {
        AccessTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        auto migrated = storage::migrate(*m_db, homologation_migrations(), m_clock);
        ASSERT_TRUE(migrated) << migrated.error().message;
        auto seeded = seed_policy_observations(
            *m_db, m_clock, "laguna", std::string(METROPOLI_SOURCE_DIR) + "/data/policy_laguna_2020");
        ASSERT_TRUE(seeded) << seeded.error().message;
    }
    static const MetroIndicatorDay* row(const MetroPicture& p, const std::string& indicator,
                                        const char* iso) {
        for (const auto& r : p.rows)
            if (r.indicator == indicator && r.day == day(iso)) return &r;
        return nullptr;
    }
};

TEST_P(MetroPictureTest, NovemberTheFifthSideBySide) {
    auto picture = metro_picture(*m_db, "zm-laguna", day("2020-11-01"), day("2020-11-30"));
    ASSERT_TRUE(picture) << picture.error().message;
    ASSERT_EQ(picture->members.size(), 5u);
    EXPECT_EQ(picture->members[2].name, "Torreón");
    EXPECT_EQ(picture->indicators, (std::vector<std::string>{"C1", "C2", "C4", "C5", "C6", "H6"}));
    const auto* c6 = row(*picture, "C6", "2020-11-05");
    ASSERT_NE(c6, nullptr);
    EXPECT_EQ(c6->strictest, 2);
    EXPECT_EQ(c6->most_lenient, 1);
    EXPECT_EQ(c6->spread, 1);
    EXPECT_EQ(c6->strictest_in, (std::vector<std::string>{"10007", "10012"}));
    ASSERT_TRUE(c6->metro_effective);
    EXPECT_EQ(c6->metro_effective->value, 2);
    EXPECT_EQ(c6->metro_effective->flag, 0);  // not in force everywhere
    EXPECT_TRUE(c6->diverges);
    EXPECT_EQ(c6->divergence.es,
              "C6 Permanencia en casa: Gómez Palacio, Lerdo 2 (toque de queda 22:00–05:00); Francisco "
              "I. Madero, Matamoros, Torreón 1");
    EXPECT_EQ(c6->divergence.en,
              "C6 Stay at home requirements: Gómez Palacio, Lerdo 2 (curfew 22:00–05:00); "
              "Francisco I. Madero, Matamoros, Torreón 1");
    // Schools: 3 everywhere, generally: the metro-effective value is general, nothing diverges.
    const auto* c1 = row(*picture, "C1", "2020-11-05");
    EXPECT_EQ(c1->metro_effective->flag, 1);
    EXPECT_FALSE(c1->diverges);
    EXPECT_EQ(c1->spread, 0);
    std::cout << "[metro picture] divergent days in November 2020:";
    for (const auto& [indicator, n] : picture->divergent_days) std::cout << " " << indicator << " " << n;
    std::cout << "\n";
    EXPECT_EQ(picture->divergent_days.at("C6"), 15);
    EXPECT_EQ(picture->divergent_days.at("C2"), 30);
    EXPECT_EQ(picture->divergent_days.count("C1"), 0u);
}

TEST_P(MetroPictureTest, TheMetroIndexIsOxcgrtsOverTheMetroEffectivePolicy) {
    auto picture = metro_picture(*m_db, "zm-laguna", day("2020-11-05"), day("2020-11-05"), "C6");
    ASSERT_TRUE(picture) << picture.error().message;
    EXPECT_EQ(picture->indicators, (std::vector<std::string>{"C6"}));
    EXPECT_EQ(picture->rows.size(), 1u);
    ASSERT_EQ(picture->indices.size(), 1u);
    const auto& d = picture->indices.front();
    // Metro: C1 3 general (100), C2 3 targeted (100·2.5/3), C4 3 targeted (100·2.5/4), C5 1 targeted
    // (100·0.5/2), C6 2 targeted (100·1.5/3), C3 C7 C8 H1 uncoded (0): 962.5/3/9 = 35.648… -> 35.65.
    EXPECT_EQ(d.metro.at("SI").cents, 3565);
    EXPECT_EQ(d.metro.at("SI").components, 6);
    // Torreón: C1 100, C2 1 general 33.33…, C4 3 general 75, C5 1 general 50, C6 1 general 33.33…: 291.67/9.
    EXPECT_EQ(d.municipalities.at("05035").at("SI").cents, 3241);
    // Gómez Palacio: C1 100, C2 3 general 100, C6 2 general 66.67: 266.67/9.
    EXPECT_EQ(d.municipalities.at("10007").at("SI").cents, 2963);
}

TEST_P(MetroPictureTest, TheSummaryNamesNovember2020AndItsCurfew) {
    auto summary = metro_summary(*m_db, "zm-laguna");
    ASSERT_TRUE(summary) << summary.error().message;
    ASSERT_TRUE(*summary);
    const auto& s = **summary;
    std::cout << "[metro summary] month " << s.from.iso() << " to " << s.to.iso() << ", "
              << s.divergent_indicator_days << " divergent indicator-days\n";
    EXPECT_EQ(s.from, day("2020-11-01"));
    EXPECT_EQ(s.to, day("2020-11-30"));
    EXPECT_EQ(s.divergent_indicator_days, 30 + 30 + 30 + 15 + 30);
    const auto c6 = std::find_if(s.indicators.begin(), s.indicators.end(),
                                 [](const auto& i) { return i.indicator == "C6"; });
    ASSERT_NE(c6, s.indicators.end());
    EXPECT_EQ(c6->days, 15);
    EXPECT_EQ(c6->value_days, 15);
    // Where the coded values differ comes first: C2 (Torreón 1, Gómez Palacio 3 all month), then the curfew;
    // C4, C5 and H6 diverge only because Durango's municipalities code nothing for them.
    ASSERT_GE(s.indicators.size(), 2u);
    EXPECT_EQ(s.indicators[0].indicator, "C2");
    EXPECT_EQ(s.indicators[0].value_days, 30);
    EXPECT_EQ(s.indicators[1].indicator, "C6");
    for (size_t i = 2; i < s.indicators.size(); ++i)
        EXPECT_EQ(s.indicators[i].value_days, 0) << s.indicators[i].indicator;
    EXPECT_EQ(c6->example, day("2020-11-03"));
    EXPECT_NE(c6->text.es.find("Gómez Palacio, Lerdo 2 (toque de queda 22:00–05:00)"), std::string::npos);
    EXPECT_NE(c6->text.es.find("Torreón 1"), std::string::npos);
    const auto json = metro_summary_json(*summary);
    EXPECT_EQ(json.at("summary").at("from"), "2020-11-01");
}

TEST_P(MetroPictureTest, RefusesWhatItCannotCompute) {
    auto bad = metro_picture(*m_db, "05035", day("2020-11-01"), day("2020-11-02"));
    ASSERT_FALSE(bad);
    EXPECT_TRUE(bad.error().message.starts_with("/body:"));
    bad = metro_picture(*m_db, "zm-laguna", day("2020-11-01"), day("2020-11-02"), "E3");
    ASSERT_FALSE(bad);
    EXPECT_TRUE(bad.error().message.starts_with("/indicator:"));
    bad = metro_picture(*m_db, "zm-laguna", day("2020-11-02"), day("2020-11-01"));
    ASSERT_FALSE(bad);
    EXPECT_TRUE(bad.error().message.starts_with("/to:"));
}

INSTANTIATE_TEST_SUITE_P(Engines, MetroPictureTest, ::testing::ValuesIn(storage::testing::all_engines()),
                         param_name);

}  // namespace
}  // namespace metropoli::homologation
