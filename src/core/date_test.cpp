// SPDX-License-Identifier: MIT
#include "core/date.hpp"

#include <gtest/gtest.h>

namespace metropoli {

TEST(Date, ParsesIsoAndRoundTrips) {
    auto d = Date::parse_iso("2020-04-30");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->iso(), "2020-04-30");
    EXPECT_EQ(d->year(), 2020);
    EXPECT_EQ(d->month(), 4);
    EXPECT_EQ(d->day(), 30);
    EXPECT_EQ(Date::parse_iso("1970-01-01")->days(), 0);
    EXPECT_EQ((*Date::parse_iso("2020-03-01") - *Date::parse_iso("2020-02-28")), 2);  // leap year
}

TEST(Date, RejectsSentinelsAndArtefacts) {
    EXPECT_FALSE(Date::parse_iso("9999-99-99"));
    EXPECT_FALSE(Date::parse_iso("-001-11-30"));
    EXPECT_FALSE(Date::parse_iso("2021-02-29"));
    EXPECT_FALSE(Date::parse_iso("2020-4-30"));
    EXPECT_FALSE(Date::parse_iso(""));
}

TEST(Date, CivilConversionIsExactOverCenturies) {
    for (int32_t n = -200000; n < 200000; n += 17) {
        int y;
        unsigned m, d;
        civil_from_days(n, y, m, d);
        EXPECT_EQ(days_from_civil(y, m, d), n);
    }
}

}  // namespace metropoli
