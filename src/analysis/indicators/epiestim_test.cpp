// SPDX-License-Identifier: MIT
// The Flu2009 oracle: EpiEstim's own snapshot outputs (tests/testthat/_snaps/estimate_R.md), to 1e-6
// relative.
#include "analysis/indicators/epiestim.hpp"

#include <gtest/gtest.h>

namespace metropoli::analysis {
namespace {

const std::vector<double> k_flu2009 = {1,  1, 0, 2, 5, 3, 3, 3, 6, 2, 5, 9, 13, 12, 13, 11,
                                       12, 6, 6, 6, 3, 1, 0, 2, 0, 0, 0, 0, 2,  0,  2,  0};
const std::vector<double> k_flu2009_si = {0,    .233, .359, .198, .103, .053,
                                          .027, .014, .007, .003, .002, .001};

void expect_rel(double actual, double expected, double tolerance = 1e-6) {
    EXPECT_NEAR(actual, expected, std::abs(expected) * tolerance) << "expected " << expected;
}

const RtWindow& window(const RtEstimate& e, int t_start) {
    for (const auto& w : e.windows) {
        if (w.t_start == t_start) return w;
    }
    ADD_FAILURE() << "no window starting on day " << t_start;
    return e.windows.front();
}

TEST(DiscrSi, MatchesEpiEstimFor26And15) {
    const std::vector<double> expected = {0,         0.2331721, 0.3585794, 0.1981108, 0.1033427, 0.0529052,
                                          0.0268215, 0.0135162, 0.0067834, 0.0033944, 0.0016947, 0.0008446};
    auto w = discr_si(12, 2.6, 1.5);
    ASSERT_TRUE(w);
    ASSERT_EQ(w->size(), expected.size());
    EXPECT_EQ((*w)[0], 0.0);
    // The snapshot prints 7 decimals, so the last values are checked to their printed precision.
    for (size_t k = 1; k < expected.size(); ++k) EXPECT_NEAR((*w)[k], expected[k], 5e-8) << "k = " << k;
}

TEST(DiscrSi, MatchesTheReferenceTableFor47And29) {
    auto w = discr_si(15, 4.7, 2.9);
    ASSERT_TRUE(w);
    const std::vector<double> expected = {.0565, .1781, .1854, .1557, .1208,
                                          .0897, .0649, .0461, .0323, .0224};
    for (size_t k = 1; k <= expected.size(); ++k) EXPECT_NEAR((*w)[k], expected[k - 1], 5e-5) << "k = " << k;
    double sum = 0;
    for (double v : *w) sum += v;
    EXPECT_NEAR(sum, 0.990, 5e-4);
}

TEST(DiscrSi, RefusesWhatEpiEstimRefuses) {
    EXPECT_FALSE(discr_si(10, 1.0, 1.0));
    EXPECT_FALSE(discr_si(10, 2.0, -1.0));
    EXPECT_FALSE(discr_si(-1, 2.0, 1.0));
    EXPECT_FALSE(parametric_si(0.5, 1.0));
}

TEST(EstimateRt, Flu2009NonParametric) {
    auto e = estimate_rt(k_flu2009, SerialInterval{std::nullopt, std::nullopt, k_flu2009_si}, RtConfig{});
    ASSERT_TRUE(e) << e.error().message;
    ASSERT_EQ(e->windows.size(), 25u);  // t_start 2..26
    const auto& first = window(*e, 2);
    EXPECT_EQ(first.t_end, 8);
    expect_rel(first.mean, 1.7356089);
    expect_rel(first.std, 0.40908694);
    expect_rel(first.quantiles[0], 1.02863184);
    expect_rel(first.quantiles[3], 1.7035760);
    expect_rel(first.quantiles[6], 2.6244959);
    expect_rel(first.shape, 18);
    expect_rel(first.scale, 0.09642272);
    expect_rel(window(*e, 14).mean, 0.9369319);
    expect_rel(window(*e, 26).mean, 1.0040161);
    EXPECT_TRUE(first.cv_ok);  // 17 cases >= 11
    EXPECT_EQ(e->min_cases_for_cv, 11);
}

TEST(EstimateRt, Flu2009Parametric) {
    auto e = estimate_rt(k_flu2009, SerialInterval{2.6, 1.5, {}}, RtConfig{});
    ASSERT_TRUE(e) << e.error().message;
    ASSERT_EQ(e->windows.size(), 25u);
    const auto& first = window(*e, 2);
    expect_rel(first.mean, 1.7357977);
    expect_rel(first.std, 0.40913143);
    expect_rel(first.quantiles[0], 1.02874370);
    expect_rel(first.quantiles[3], 1.7037612);
    expect_rel(first.quantiles[6], 2.6247813);
    expect_rel(window(*e, 26).mean, 0.9975352);
    expect_rel(e->si_mean, 2.6);
    expect_rel(e->si_std, 1.55488, 1e-5);  // the snapshot prints 6 significant digits
}

TEST(EstimateRt, PrecomputedParametricSiGivesTheSameWindows) {
    auto si = parametric_si(4.7, 2.9);
    ASSERT_TRUE(si);
    EXPECT_EQ(si->distribution.back(), 0.0);
    auto cached = estimate_rt(k_flu2009, *si, RtConfig{});
    auto direct = estimate_rt(k_flu2009, SerialInterval{4.7, 2.9, {}}, RtConfig{});
    ASSERT_TRUE(cached && direct);
    ASSERT_EQ(cached->windows.size(), direct->windows.size());
    for (size_t i = 0; i < cached->windows.size(); ++i)
        EXPECT_DOUBLE_EQ(cached->windows[i].mean, direct->windows[i].mean);
    EXPECT_DOUBLE_EQ(cached->si_mean, direct->si_mean);
}

TEST(EstimateRt, DropsWindowsEndingAtOrBeforeTheMeanSerialInterval) {
    std::vector<double> incidence(30, 4.0);
    RtConfig config;
    config.window = 3;  // t_end = 4, 5, ...: those <= mean SI 8.0 are dropped
    auto e = estimate_rt(incidence, SerialInterval{8.0, 3.0, {}}, config);
    ASSERT_TRUE(e);
    ASSERT_FALSE(e->windows.empty());
    EXPECT_GT(e->windows.front().t_end, e->si_mean);
    EXPECT_LE(e->windows.front().t_end - 1, e->si_mean);
}

TEST(EstimateRt, RefusesBadInput) {
    const SerialInterval si{4.7, 2.9, {}};
    EXPECT_FALSE(estimate_rt({1.0}, si, RtConfig{}));
    EXPECT_FALSE(estimate_rt({1, 2, -1, 3, 4, 5, 6, 7, 8}, si, RtConfig{}));
    RtConfig bad;
    bad.t_start = {1};
    bad.t_end = {5};
    EXPECT_FALSE(estimate_rt(k_flu2009, si, bad));
    auto not_summing =
        estimate_rt(k_flu2009, SerialInterval{std::nullopt, std::nullopt, {0, 0.5, 0.2}}, RtConfig{});
    ASSERT_FALSE(not_summing);
    EXPECT_NE(not_summing.error().message.find("sum to 1"), std::string::npos);
    EXPECT_FALSE(estimate_rt(k_flu2009, SerialInterval{std::nullopt, std::nullopt, {0.1, 0.9}}, RtConfig{}));
}

}  // namespace
}  // namespace metropoli::analysis
