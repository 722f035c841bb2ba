// SPDX-License-Identifier: MIT
// TRY and TRY_ASSIGN propagate the first error and keep going on success.
#include "core/result.hpp"

#include <gtest/gtest.h>

namespace metropoli {
namespace {

Result<int> half(int v) {
    if (v % 2) return make_error(ErrorCode::invalid_argument, "odd: " + std::to_string(v));
    return v / 2;
}

Result<int> quarter(int v) {
    TRY_ASSIGN(h, half(v));
    TRY_ASSIGN(q, half(h));
    return q;
}

Status both_even(int a, int b) {
    TRY(half(a));
    TRY(half(b));
    return ok_status();
}

TEST(Try, PropagatesTheFirstErrorAndAssignsValues) {
    EXPECT_EQ(*quarter(12), 3);
    ASSERT_FALSE(quarter(6));
    EXPECT_EQ(quarter(6).error().message, "odd: 3");
    EXPECT_TRUE(both_even(2, 4));
    EXPECT_EQ(both_even(2, 5).error().message, "odd: 5");
}

}  // namespace
}  // namespace metropoli
