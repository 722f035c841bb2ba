// SPDX-License-Identifier: MIT
#include "analysis/ingest/aggregate.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace metropoli::analysis {

TEST(CountKey, PacksAndUnpacksInSeriesOrder) {
    CountKey k{2500, Measure::deaths, Basis::death, 7000, 8, 2};
    const auto u = CountKey::unpack(k.pack());
    EXPECT_EQ(u.municipality, 2500u);
    EXPECT_EQ(u.measure, Measure::deaths);
    EXPECT_EQ(u.basis, Basis::death);
    EXPECT_EQ(u.day, 7000);
    EXPECT_EQ(u.age_band, 8);
    EXPECT_EQ(u.sex, 2);
    CountKey later_day = k;
    later_day.day = 7001;
    later_day.age_band = 0;
    EXPECT_LT(k.pack(), later_day.pack());
    EXPECT_EQ(CountKey::series_of(k.pack()), CountKey::series_of(later_day.pack()));
}

TEST(CountTable, SpillingToRunsGivesTheSameCountsAsMemory) {
    std::mt19937_64 rng(42);
    std::map<uint64_t, uint64_t> expected;
    CountTable small(1024);  // forces many spills
    CountTable other(1 << 20);
    for (int i = 0; i < 200000; ++i) {
        const uint64_t key = rng() % 50000 * 7919;
        const uint32_t n = static_cast<uint32_t>(rng() % 3 + 1);
        expected[key] += n;
        (i % 3 ? small : other).add(key, n);
    }
    EXPECT_GT(small.runs(), 10u);
    std::map<uint64_t, uint64_t> got;
    uint64_t previous = 0;
    bool ordered = true;
    auto status = CountTable::merge_tables({&small, &other}, [&](uint64_t k, uint64_t c) {
        ordered = ordered && (got.empty() || k > previous);
        previous = k;
        got[k] += c;
    });
    ASSERT_TRUE(status);
    EXPECT_TRUE(ordered);
    EXPECT_EQ(got, expected);
}

}  // namespace metropoli::analysis
