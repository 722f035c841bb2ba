// SPDX-License-Identifier: MIT
// The official federal semáforo colour of a state in a day's week, from the bundled compilation.
#include "app/official_semaforo.hpp"

#include <gtest/gtest.h>

#include "app/context.hpp"
#include "core/test_dates.hpp"

namespace metropoli::app {
namespace {

using metropoli::testing::day;

TEST(OfficialSemaforo, WeeksStartOnTheYearsFirstMonday) {
    EXPECT_EQ(monday_week(day("2020-06-01")).first, "2020-W22");
    EXPECT_EQ(monday_week(day("2020-06-07")).first, "2020-W22");
    EXPECT_EQ(monday_week(day("2020-06-07")).second, day("2020-06-01"));
    EXPECT_EQ(monday_week(day("2020-06-08")).first, "2020-W23");
    // 2021 starts on a Friday: its first days are week 0, week 1 starts on Monday 4 January.
    EXPECT_EQ(monday_week(day("2021-01-03")).first, "2021-W00");
    EXPECT_EQ(monday_week(day("2021-01-04")).first, "2021-W01");
    EXPECT_EQ(monday_week(day("2021-03-01")).first, "2021-W09");
}

TEST(OfficialSemaforo, ReadsTheStatesColourOfTheWeek) {
    const auto paths = data_paths();
    auto coahuila = official_colour(paths, "Coahuila", day("2020-06-03"));
    ASSERT_TRUE(coahuila) << coahuila.error().message;
    ASSERT_TRUE(coahuila->has_value());
    EXPECT_EQ((*coahuila)->colour, "rojo");
    EXPECT_EQ((*coahuila)->week, "2020-W22");
    // The compilation's week 2020-W33 (17-23 August 2020): Coahuila naranja.
    auto august = official_colour(paths, "Coahuila", day("2020-08-20"));
    ASSERT_TRUE(august && august->has_value());
    EXPECT_EQ((*august)->colour, "naranja");
    // 2022-W01 is missing from the file, and an unknown state has no colour: neither is guessed.
    auto missing = official_colour(paths, "Durango", day("2022-01-05"));
    ASSERT_TRUE(missing);
    EXPECT_FALSE(missing->has_value());
    auto unknown = official_colour(paths, "Atlántida", day("2020-06-03"));
    ASSERT_TRUE(unknown);
    EXPECT_FALSE(unknown->has_value());
    // Before the first week of the file.
    auto early = official_colour(paths, "Coahuila", day("2020-04-01"));
    ASSERT_TRUE(early);
    EXPECT_FALSE(early->has_value());
}

}  // namespace
}  // namespace metropoli::app
