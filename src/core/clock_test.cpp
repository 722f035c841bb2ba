// SPDX-License-Identifier: MIT
#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace metropoli {

TEST(Clock, FormatsAndParsesIsoUtcWithSecondsAndZ) {
    const auto at = parse_iso_utc("2021-03-12T08:30:05Z");
    ASSERT_TRUE(at);
    EXPECT_EQ(format_iso_utc(*at), "2021-03-12T08:30:05Z");
    EXPECT_EQ(at->time_since_epoch().count(), 1615537805);
    EXPECT_EQ(format_iso_utc(Instant{}), "1970-01-01T00:00:00Z");
    EXPECT_EQ(format_iso_utc(*parse_iso_utc("2020-02-29T23:59:59Z")), "2020-02-29T23:59:59Z");
}

TEST(Clock, ParsingIsStrict) {
    for (const char* bad :
         {"2021-03-12 08:30:05", "2021-03-12T08:30:05", "2021-03-12T08:30:05+00:00", "2021-03-12T08:30:05.5Z",
          "2021-02-29T00:00:00Z", "2021-03-12T24:00:00Z", "2021-03-12T08:60:00Z", "2021-03-12T08:30:60Z",
          "2021-03-12t08:30:05z", "2021-03-12T8:30:05Z", "", "2021-03-12T08:3a:05Z"}) {
        EXPECT_FALSE(parse_iso_utc(bad)) << bad;
    }
}

TEST(Clock, FixedClockStandsStillUntilMoved) {
    FixedClock clock(*parse_iso_utc("2021-03-12T08:30:05Z"));
    EXPECT_EQ(clock.now_iso(), "2021-03-12T08:30:05Z");
    EXPECT_EQ(clock.now_iso(), "2021-03-12T08:30:05Z");
    clock.advance(std::chrono::hours(16));
    EXPECT_EQ(clock.now_iso(), "2021-03-13T00:30:05Z");
    clock.set(*parse_iso_utc("1999-12-31T23:59:59Z"));
    EXPECT_EQ(clock.now_iso(), "1999-12-31T23:59:59Z");
}

TEST(Clock, SystemClockIsUtcNowToTheSecond) {
    const auto before = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const auto now = system_clock().now();
    const auto after = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    EXPECT_LE(before, now);
    EXPECT_LE(now, after);
    const std::string text = system_clock().now_iso();
    ASSERT_TRUE(parse_iso_utc(text)) << text;
    EXPECT_EQ(&system_clock(), &system_clock());
}

}  // namespace metropoli
