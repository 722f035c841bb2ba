// SPDX-License-Identifier: MIT
#include "core/csv.hpp"

#include <gtest/gtest.h>

namespace metropoli {

TEST(Csv, QuotedFieldsEmbeddedNewlinesAndCrlf) {
    auto t = parse_csv(
        "\xEF\xBB\xBF"
        "a,b\r\n1,\"x, \"\"y\"\"\nz\"\r\n2,w\r\n",
        "t.csv");
    ASSERT_TRUE(t) << t.error().message;
    ASSERT_EQ(t->rows.size(), 2u);
    EXPECT_EQ(t->header[0], "a");
    EXPECT_EQ(t->rows[0][1], "x, \"y\"\nz");
    EXPECT_EQ(t->row_lines[1], 4u);
    EXPECT_EQ(t->column("b"), 1);
}

TEST(Csv, WrongFieldCountNamesLine) {
    auto t = parse_csv("a,b\n1,2\n3\n", "t.csv");
    ASSERT_FALSE(t);
    EXPECT_EQ(t.error().message, "t.csv: line 3: expected 2 fields, found 1");
}

TEST(Csv, UnterminatedQuote) {
    auto t = parse_csv("a\n\"oops\n", "t.csv");
    ASSERT_FALSE(t);
    EXPECT_NE(t.error().message.find("unterminated"), std::string::npos);
}

}  // namespace metropoli
