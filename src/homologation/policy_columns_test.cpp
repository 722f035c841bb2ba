// SPDX-License-Identifier: MIT
// The columnar form against the per-day reference: on random runs of days (every reading present or not, any
// value and flag including blank flags and flags on a 0, all five segments, shares vaccinated or none, dates
// across the introduction of H6, H7 and H8), the columns' TOTAL imputation gives impute_total's readings and
// the columns' cents (one index, and all at once) give compute_variant_cents's, under every k rule and
// average option.
#include "homologation/policy_columns.hpp"

#include <gtest/gtest.h>

#include "homologation/imputation.hpp"

namespace metropoli::homologation {
namespace {

struct Rng {
    uint64_t state;
    int below(int n) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return static_cast<int>(state % static_cast<uint64_t>(n));
    }
};

// `n` consecutive days from `first`, the readings held for a few days at a time (as coded runs are).
std::vector<DayPolicy> random_days(Rng& rng, Date first, int n, bool shares) {
    std::vector<DayPolicy> days(static_cast<size_t>(n));
    for (int d = 0; d < n; ++d) days[static_cast<size_t>(d)].date = first + d;
    for (int c = 0; c < k_component_count; ++c) {
        const auto component = static_cast<Component>(c);
        for (int s = 0; s < k_segment_count; ++s) {
            const int missing = s == 0 ? 2 : 6;  // in tenths: the E segment is coded more often
            for (int d = 0; d < n;) {
                const int length = 1 + rng.below(8);
                std::optional<Reading> r;
                if (rng.below(10) >= missing) {
                    r = Reading{rng.below(component_max(component) + 1), std::nullopt};
                    const int f = rng.below(4);
                    if (f < 3) r->flag = f == 2 ? 1 : f;  // blank a quarter of the time, flags on a 0 too
                }
                for (int i = d; i < std::min(n, d + length); ++i)
                    days[static_cast<size_t>(i)].readings[static_cast<size_t>(c)][static_cast<size_t>(s)] = r;
                d += length;
            }
        }
    }
    if (shares)
        for (auto& day : days)
            if (rng.below(4) > 0) day.population_vaccinated = Rational(rng.below(10001), 100);
    return days;
}

TEST(PolicyColumns, ReadingsRoundTrip) {
    for (int c = 0; c < k_component_count; ++c) {
        const auto component = static_cast<Component>(c);
        EXPECT_EQ(decode_reading(component, encode_reading(component, std::nullopt)), std::nullopt);
        for (int v = 0; v <= component_max(component); ++v)
            for (int f = 0; f < 2; ++f) {
                const auto back = decode_reading(component, encode_reading(component, Reading{v, f}));
                ASSERT_TRUE(back);
                EXPECT_EQ(back->value, v);
                EXPECT_EQ(back->flag, component_flagged(component) ? std::optional<int>(f) : std::nullopt);
            }
    }
}

TEST(PolicyColumns, RejectsGapsAndSharesItCannotHold) {
    std::vector<DayPolicy> days(2);
    days[0].date = *Date::from_ymd(2021, 1, 1);
    days[1].date = days[0].date + 2;
    EXPECT_THROW(columns_of(days), std::invalid_argument);
    days[1].date = days[0].date + 1;
    days[1].population_vaccinated = Rational(100, 3);
    EXPECT_THROW(columns_of(days), std::invalid_argument);
    days[1].population_vaccinated = Rational(10001, 100);
    EXPECT_THROW(columns_of(days), std::invalid_argument);
    days[1].population_vaccinated = Rational(4321, 100);
    EXPECT_EQ(columns_of(days).vaccinated[1], 4321);
}

TEST(PolicyColumns, EqualThePerDayReference) {
    Rng rng{0x9E3779B97F4A7C15ull};
    long imputed = 0, compared = 0, computed = 0;
    for (int run = 0; run < 300; ++run) {
        const Date first = *Date::from_ymd(2020, 9, 1) + rng.below(300);
        const int n = 1 + rng.below(120);
        const auto lower = random_days(rng, first, n, true);
        const auto higher = random_days(rng, first, n, false);
        PolicyColumns total;
        impute_total(columns_of(lower), columns_of(higher), total);
        std::vector<DayPolicy> reference;
        for (int d = 0; d < n; ++d) {
            reference.push_back(
                impute_total(lower[static_cast<size_t>(d)], higher[static_cast<size_t>(d)]).policy);
            const DayPolicy back = day_of(total, d);
            for (int c = 0; c < k_component_count; ++c)
                for (int s = 0; s < k_segment_count; ++s) {
                    const auto component = static_cast<Component>(c);
                    const auto segment = static_cast<Segment>(s);
                    ASSERT_EQ(encode_reading(component, back.at(component, segment)),
                              encode_reading(component, reference.back().at(component, segment)))
                        << run << " " << d << " " << component_code(component) << " "
                        << segment_code(segment);
                    ++imputed;
                }
        }
        std::vector<int16_t> all(static_cast<size_t>(20 * n));
        std::array<std::vector<int16_t>, 4> cents;
        for (auto& c : cents) c.assign(static_cast<size_t>(n), 0);
        for (KRule k : {KRule::backfilled, KRule::historical})
            for (AverageOf average : {AverageOf::rounded_variants, AverageOf::exact_variants}) {
                const IndexOptions options{k, average, std::nullopt};
                compute_all_variant_cents(total, all, options);
                size_t i = 0;
                for (Index index : {Index::si, Index::gri, Index::chi, Index::esi, Index::lsi}) {
                    compute_variant_cents(total, index, {cents[0], cents[1], cents[2], cents[3]}, options);
                    for (int d = 0; d < n; ++d) {
                        const auto one =
                            compute_variant_cents(reference[static_cast<size_t>(d)], index, options);
                        for (size_t v = 0; v < 4; ++v) {
                            ASSERT_EQ(cents[v][static_cast<size_t>(d)], one[v] ? *one[v] : -1)
                                << run << " " << d << " " << index_code(index) << " variant " << v;
                            ASSERT_EQ(all[(4 * i + v) * static_cast<size_t>(n) + static_cast<size_t>(d)],
                                      cents[v][static_cast<size_t>(d)])
                                << "all indices at once: " << run << " " << d << " " << index_code(index);
                            ++compared;
                            computed += one[v] ? 1 : 0;
                        }
                    }
                    ++i;
                }
            }
    }
    std::printf(
        "policy columns: %ld imputed readings and %ld cents (%ld computed) equal the per-day reference\n",
        imputed, compared, computed);
    EXPECT_GT(computed, compared / 4);  // the random days are not mostly rejected
}

}  // namespace
}  // namespace metropoli::homologation
