// SPDX-License-Identifier: MIT
#include "analysis/risk/risk.hpp"

#include <gtest/gtest.h>

#include "metropoli_source_dir.hpp"

namespace metropoli::analysis {
namespace {

DataPaths paths() {
    return DataPaths{METROPOLI_SOURCE_DIR};
}

RiskScheme scheme(const char* id) {
    auto s = load_risk_scheme(paths(), id);
    EXPECT_TRUE(s) << (s ? "" : s.error().message);
    return *s;
}

std::vector<IndicatorValue> values(std::initializer_list<std::pair<const char*, double>> list) {
    std::vector<IndicatorValue> out;
    for (const auto& [id, v] : list) {
        IndicatorValue x;
        x.def = find_indicator(id);
        EXPECT_NE(x.def, nullptr) << id;
        x.value = v;
        out.push_back(x);
    }
    return out;
}

TEST(RiskSchemes, EveryBundledSchemeLoads) {
    const auto ids = risk_scheme_ids(paths());
    EXPECT_EQ(ids, (std::vector<std::string>{"covid-act-now", "harvard", "semaforo-v1", "semaforo-v2",
                                             "who-transmission"}));
    for (const auto& id : ids) {
        auto s = load_risk_scheme(paths(), id);
        ASSERT_TRUE(s) << s.error().message;
        EXPECT_EQ(s->id, id);
    }
    EXPECT_EQ(scheme("semaforo-v2").components.size(), 10u);
    EXPECT_EQ(scheme("semaforo-v1").components.size(), 4u);
}

TEST(RiskSchemes, BandsAreHalfOpen) {
    const auto v2 = scheme("semaforo-v2");
    const auto& rt = v2.components.front();
    EXPECT_EQ(band_of(v2, rt, 0.99)->points, 0);
    EXPECT_EQ(band_of(v2, rt, 1.0)->points, 1);  // [1.0, 1.5)
    EXPECT_EQ(band_of(v2, rt, 1.4999)->points, 1);
    EXPECT_EQ(band_of(v2, rt, 2.5)->points, 4);
    const auto can = scheme("covid-act-now");
    const auto& density = can.components.front();
    EXPECT_EQ(band_of(can, density, 1.0)->points, 0);  // CAN: value <= 1 is Low
    EXPECT_EQ(band_of(can, density, 1.0001)->points, 1);
    EXPECT_EQ(band_of(can, density, 75.0)->points, 3);
    EXPECT_EQ(band_of(can, density, 75.1)->points, 4);
    EXPECT_EQ(analysis::band_text(v2, *band_of(v2, rt, 1.2)), "[1, 1.5)");
    EXPECT_EQ(analysis::band_text(can, *band_of(can, density, 5)), "(1, 10]");
}

// Covid Act Now's published API row for Alaska: caseDensity 23.6 -> High (2), testPositivityRatio 0.033 ->
// Medium (1), infectionRate 0.89 -> Low (0), icuCapacityRatio 0.79 -> Medium (1), overall High (2).
TEST(RiskAssessment, CovidActNowAlaska) {
    const auto can = scheme("covid-act-now");
    auto r = assess_risk(
        can,
        values({{"case_density_per_100k", 23.6}, {"positivity_7d", 3.3}, {"rt", 0.89}, {"irag_icu_pct", 79}}),
        Date{});
    ASSERT_TRUE(r.score);
    EXPECT_EQ(*r.components[0].points, 2);
    EXPECT_EQ(*r.components[1].points, 0);
    EXPECT_EQ(*r.components[2].points, 1);
    EXPECT_EQ(*r.components[3].points, 1);
    EXPECT_EQ(*r.score, 2);
    ASSERT_NE(r.level, nullptr);
    EXPECT_EQ(r.level->id, "high");
    // A second published row: caseDensity 32.2 -> Critical (3), ICU 0.82 -> High (2), overall Critical.
    auto r2 = assess_risk(
        can,
        values({{"case_density_per_100k", 32.2}, {"positivity_7d", 8}, {"rt", 1.0}, {"irag_icu_pct", 82}}),
        Date{});
    EXPECT_EQ(*r2.components[3].points, 2);
    EXPECT_EQ(r2.level->id, "critical");
    // Low case density makes the overall Low whatever the rest.
    auto r3 = assess_risk(can, values({{"case_density_per_100k", 0.5}, {"positivity_7d", 30}, {"rt", 2.0}}),
                          Date{});
    EXPECT_EQ(r3.level->id, "low");
}

TEST(RiskAssessment, MissingComponentsLeaveARangeNeverAGuess) {
    const auto v2 = scheme("semaforo-v2");
    // Five components at 4 points: 20 known, 5 missing worth 0..20 -> 20..40, naranja or rojo.
    auto r = assess_risk(v2,
                         values({{"rt", 3},
                                 {"mortality_14d_per_100k", 12},
                                 {"irag_general_pct", 80},
                                 {"irag_ventilator_pct", 80},
                                 {"trend_mortality", 0.5}}),
                         Date{});
    EXPECT_FALSE(r.score);
    EXPECT_EQ(r.missing.size(), 5u);
    EXPECT_EQ(r.score_min, 20);
    EXPECT_EQ(r.score_max, 40);
    EXPECT_EQ(r.level, nullptr);
    EXPECT_EQ(r.level_min->id, "naranja");
    EXPECT_EQ(r.level_max->id, "rojo");
    // Eight at 4 points: 32 already, so rojo whatever the two missing ones are.
    auto sure = assess_risk(v2,
                            values({{"rt", 3},
                                    {"mortality_14d_per_100k", 12},
                                    {"irag_general_pct", 80},
                                    {"irag_ventilator_pct", 80},
                                    {"trend_mortality", 0.5},
                                    {"estimated_active_per_100k", 150},
                                    {"hospitalized_14d_per_100k", 50},
                                    {"positivity_7d", 60}}),
                            Date{});
    ASSERT_NE(sure.level, nullptr);
    EXPECT_EQ(sure.level->id, "rojo");
    EXPECT_FALSE(sure.score);
}

TEST(RiskAssessment, SemaforoV1IsAWeightedMean) {
    const auto v1 = scheme("semaforo-v1");
    // occupancy 4 pts × 0.5 + trends 1 pt × 0.2 × 2 + positivity 1 pt × 0.1 = 2.5: naranja.
    auto r = assess_risk(v1,
                         values({{"irag_general_pct", 75},
                                 {"trend_syndrome", -0.3},
                                 {"trend_hospitalized", -0.3},
                                 {"positivity_7d", 10}}),
                         Date{});
    ASSERT_TRUE(r.score);
    EXPECT_NEAR(*r.score, 2.5, 1e-12);
    EXPECT_EQ(r.level->id, "naranja");
}

TEST(RiskSchemes, BadFilesAreRefusedWithWhere) {
    const std::string base =
        R"({"id":"x","version":"1","name_es":"x","name_en":"x","source":"s","combine":"sum",
        "levels":[{"id":"a","label_es":"a","label_en":"a","from":0}],"components":[{"id":"c","indicator":"%s",
        "label_es":"c","label_en":"c","bands":%s}]})";
    auto make = [&](const char* indicator, const char* bands) {
        char buf[1024];
        std::snprintf(buf, sizeof buf, base.c_str(), indicator, bands);
        return parse_risk_scheme(buf, "x.json");
    };
    EXPECT_TRUE(make("rt", R"([{"to":1,"points":0},{"from":1,"points":1}])"));
    auto gap = make("rt", R"([{"to":1,"points":0},{"from":1.5,"points":1}])");
    ASSERT_FALSE(gap);
    EXPECT_NE(gap.error().message.find("x.json: component c: band 2 does not start where band 1 ends"),
              std::string::npos);
    auto unknown = make("nope", R"([{"points":0}])");
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("unknown indicator 'nope'"), std::string::npos);
    EXPECT_FALSE(parse_risk_scheme("{", "y.json"));
    auto missing_scheme = load_risk_scheme(paths(), "semaforo-v9");
    ASSERT_FALSE(missing_scheme);
    EXPECT_NE(missing_scheme.error().message.find("semaforo-v2"), std::string::npos);
}

}  // namespace
}  // namespace metropoli::analysis
