// SPDX-License-Identifier: MIT
#include "core/text.hpp"

#include <gtest/gtest.h>

namespace metropoli {

TEST(Text, NameKeyFoldsAccentsCaseAndEncoding) {
    EXPECT_EQ(name_key("Gómez Palacio"), "gomez palacio");
    EXPECT_EQ(name_key("GOMEZ PALACIO"), "gomez palacio");
    EXPECT_EQ(name_key("G\xF3mez Palacio"), "gomez palacio");  // latin-1
    EXPECT_EQ(name_key("Torreón"), "torreon");
    EXPECT_EQ(name_key("Francisco I. Madero"), "francisco i madero");
    EXPECT_EQ(name_key("Peñón  Blanco"), "penon blanco");
}

TEST(Text, ParseIntIsStrict) {
    EXPECT_EQ(parse_int("05035"), 5035);
    EXPECT_EQ(parse_int("-3"), -3);
    EXPECT_FALSE(parse_int(""));
    EXPECT_FALSE(parse_int("12a"));
    EXPECT_FALSE(parse_int("99999999999999999999"));
}

TEST(Text, Thousands) {
    EXPECT_EQ(with_thousands(1434283), "1,434,283");
    EXPECT_EQ(with_thousands(843), "843");
    EXPECT_EQ(with_thousands(-1000), "-1,000");
}

}  // namespace metropoli
