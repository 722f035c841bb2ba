// SPDX-License-Identifier: MIT
#include "analysis/indicators/indicators.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/test_dates.hpp"

namespace metropoli::analysis {
namespace {

using metropoli::testing::day;

InputSeries constant(double per_day, Date first, int days, Date release, std::string source = "ssa") {
    InputSeries s;
    s.present = true;
    s.first = first;
    s.values.assign(static_cast<size_t>(days), per_day);
    s.source = std::move(source);
    s.release = release;
    return s;
}

// 60 days from 2020-06-01 (to 2020-07-30); released 2020-09-01, so every day is complete.
IndicatorInputs steady() {
    IndicatorInputs in;
    in.jurisdiction = "99001";
    in.population = 100000;
    const Date first = day("2020-06-01"), release = day("2020-09-01");
    in[Input::confirmed] = constant(10, first, 60, release);
    in[Input::suspected] = constant(20, first, 60, release);
    in[Input::negative] = constant(5, first, 60, release);
    in[Input::lab_positive] = constant(3, first, 60, release);
    in[Input::lab_negative] = constant(7, first, 60, release);
    in[Input::hospitalized] = constant(2, first, 60, release);
    in[Input::icu] = constant(0.5, first, 60, release);
    in[Input::deaths] = constant(1, first, 60, release);
    return in;
}

const IndicatorValue& get(const std::vector<IndicatorValue>& values, std::string_view id) {
    for (const auto& v : values) {
        if (v.def->id == id) return v;
    }
    ADD_FAILURE() << "no indicator " << id;
    return values.front();
}

std::vector<IndicatorValue> on(const IndicatorInputs& in, const char* iso,
                               IndicatorOptions options = default_indicator_options()) {
    const Date d = day(iso);
    auto table = compute_indicators(in, d - 30, d, options);
    return indicators_on(in, table, d, options);
}

TEST(Indicators, SteadySeriesGivesTheTextbookValues) {
    const auto v = on(steady(), "2020-07-30");
    EXPECT_DOUBLE_EQ(*get(v, "confirmed_daily").value, 10);
    EXPECT_DOUBLE_EQ(*get(v, "confirmed_7d_mean").value, 10);
    EXPECT_DOUBLE_EQ(*get(v, "incidence_7d_per_100k").value, 70);
    EXPECT_DOUBLE_EQ(*get(v, "incidence_14d_per_100k").value, 140);
    EXPECT_DOUBLE_EQ(*get(v, "case_density_per_100k").value, 10);
    EXPECT_DOUBLE_EQ(*get(v, "active_cases").value, 140);
    // 140 active + 280 active suspects × 30 % positivity.
    EXPECT_DOUBLE_EQ(*get(v, "estimated_active_cases").value, 224);
    EXPECT_DOUBLE_EQ(*get(v, "positivity_lab_7d").value, 30);
    EXPECT_DOUBLE_EQ(*get(v, "positivity_7d").value, 30);  // no antigen input: lab only
    EXPECT_FALSE(get(v, "positivity_antigen_7d").value);
    EXPECT_NE(get(v, "positivity_antigen_7d").note.es.find("antigen_positive"), std::string::npos);
    EXPECT_DOUBLE_EQ(*get(v, "hospitalized_14d_per_100k").value, 28);
    EXPECT_DOUBLE_EQ(*get(v, "icu_share_14d").value, 25);
    EXPECT_DOUBLE_EQ(*get(v, "mortality_14d_per_100k").value, 14);
    EXPECT_DOUBLE_EQ(*get(v, "case_fatality").value, 10);
    EXPECT_DOUBLE_EQ(*get(v, "growth_rate").value, 0);
    EXPECT_FALSE(get(v, "doubling_time").value);
    EXPECT_NE(get(v, "doubling_time").note.es.find("no crecen"), std::string::npos);
    EXPECT_DOUBLE_EQ(*get(v, "trend_confirmed").value, 0);
    EXPECT_DOUBLE_EQ(*get(v, "trend_syndrome").value, 0);
    EXPECT_TRUE(get(v, "incidence_7d_per_100k").complete);
    EXPECT_EQ(get(v, "incidence_7d_per_100k").releases.front(),
              (ReleaseRef{"ssa", day("2020-09-01"), "confirmed", {}}));
    EXPECT_EQ(release_text(get(v, "incidence_7d_per_100k").releases.front()), "ssa 2020-09-01 (confirmed)");
    EXPECT_EQ(get(v, "doubling_time").note.en, "cases are not growing: no doubling time");
    EXPECT_FALSE(get(v, "irag_general_pct").value);
}

TEST(Indicators, GrowthAndDoublingTime) {
    auto in = steady();
    // Doubling each week: 10/day in the week before, 20/day in the last week.
    for (size_t i = 53; i < 60; ++i) in[Input::confirmed].values[i] = 20;
    const auto v = on(in, "2020-07-30");
    EXPECT_NEAR(*get(v, "growth_rate").value, std::log(2.0) / 7, 1e-12);
    EXPECT_NEAR(*get(v, "doubling_time").value, 7, 1e-9);
    EXPECT_DOUBLE_EQ(*get(v, "trend_confirmed").value, 1.0);
}

TEST(Indicators, IncompleteDaysAreFlaggedAndDaysAfterTheReleaseHaveNoValue) {
    auto in = steady();
    in[Input::confirmed].release = day("2020-07-25");
    const auto inside = on(in, "2020-07-20");
    EXPECT_TRUE(get(inside, "incidence_7d_per_100k").value);
    EXPECT_FALSE(get(inside, "incidence_7d_per_100k").complete);  // within 14 days of the release
    EXPECT_TRUE(get(inside, "mortality_7d_per_100k").complete);   // deaths come from another release
    const auto after = on(in, "2020-07-28");
    EXPECT_FALSE(get(after, "incidence_7d_per_100k").value);
    EXPECT_NE(get(after, "incidence_7d_per_100k").note.es.find("2020-07-25"), std::string::npos);
    IndicatorOptions options = default_indicator_options();
    options.incomplete_days = 3;
    EXPECT_TRUE(get(on(in, "2020-07-20", options), "incidence_7d_per_100k").complete);
}

TEST(Indicators, RtIsTheLastCompleteWindowAndAgreesWithEstimateRt) {
    auto in = steady();
    in[Input::confirmed].release = day("2020-08-05");  // complete up to 2020-07-22
    const auto v = on(in, "2020-07-30");
    const auto& rt = get(v, "rt");
    ASSERT_TRUE(rt.value);
    EXPECT_EQ(rt.window_to, day("2020-07-22"));
    EXPECT_EQ(rt.window_from, day("2020-07-16"));
    EXPECT_FALSE(rt.complete);
    std::vector<double> incidence(52, 10.0);
    auto direct = estimate_rt(incidence, SerialInterval{k_default_si_mean, k_default_si_sd, {}}, RtConfig{});
    ASSERT_TRUE(direct);
    EXPECT_DOUBLE_EQ(*rt.value, direct->windows.back().mean);
    EXPECT_DOUBLE_EQ(*rt.lower, direct->windows.back().quantiles[0]);
}

TEST(Indicators, BedOccupancyComesFromTheFeed) {
    auto in = steady();
    in.beds.push_back(
        BedOccupancyDay{day("2020-07-30"), 71.5, std::nullopt, 40.0, "Coahuila", day("2020-07-29")});
    const auto v = on(in, "2020-07-30");
    EXPECT_DOUBLE_EQ(*get(v, "irag_general_pct").value, 71.5);
    EXPECT_EQ(get(v, "irag_general_pct").releases.front(),
              (ReleaseRef{"red_irag", day("2020-07-29"), "occupancy", "Coahuila"}));
    EXPECT_EQ(release_text(get(v, "irag_general_pct").releases.front()), "Red IRAG Coahuila");
    EXPECT_FALSE(get(v, "irag_icu_pct").value);
    EXPECT_DOUBLE_EQ(*get(v, "irag_ventilator_pct").value, 40.0);
}

TEST(Indicators, NoPopulationMeansNoRates) {
    auto in = steady();
    in.population = 0;
    const auto v = on(in, "2020-07-30");
    EXPECT_FALSE(get(v, "incidence_7d_per_100k").value);
    EXPECT_TRUE(get(v, "active_cases").value);
}

}  // namespace
}  // namespace metropoli::analysis
