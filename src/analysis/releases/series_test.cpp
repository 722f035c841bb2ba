// SPDX-License-Identifier: MIT
#include "analysis/releases/series.hpp"

#include <gtest/gtest.h>

namespace metropoli::analysis {

TEST(SeriesCodec, RoundTrips) {
    const std::vector<uint64_t> daily = {0, 3, 12345678901ull, 0};
    EXPECT_EQ(encode_daily(daily), "0,3,12345678901,0");
    EXPECT_EQ(*decode_daily(encode_daily(daily)), daily);
    const std::vector<Cell> cells = {{0, 3, 1, 2}, {5, 8, 0, 1}};
    auto back = decode_cells(encode_cells(cells));
    ASSERT_TRUE(back);
    ASSERT_EQ(back->size(), 2u);
    EXPECT_EQ((*back)[1].offset, 5u);
    EXPECT_EQ((*back)[1].age_band, 8);
    EXPECT_EQ((*back)[1].count, 1u);
    EXPECT_TRUE(decode_daily("").value().empty());
}

TEST(SeriesCodec, CorruptTextIsAnError) {
    EXPECT_FALSE(decode_daily("1,x"));
    EXPECT_FALSE(decode_cells("1,2,3"));
    EXPECT_FALSE(decode_cells("1,12,0,1;"));  // age band out of range
}

}  // namespace metropoli::analysis
