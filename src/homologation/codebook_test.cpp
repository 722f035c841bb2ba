// SPDX-License-Identifier: MIT
// The codebook: every indicator, its scale and flag as the index methodology lists them, labels complete.
#include "homologation/codebook.hpp"

#include <gtest/gtest.h>

#include "homologation/indices.hpp"

namespace metropoli::homologation {
namespace {

TEST(Codebook, HoldsEveryIndicatorInOrder) {
    std::string codes;
    for (const auto& d : codebook()) codes += d.code + " ";
    EXPECT_EQ(codes, "C1 C2 C3 C4 C5 C6 C7 C8 E1 E2 E3 E4 H1 H2 H3 H4 H5 H6 H7 H8 V1 V2 V3 V4 M1 ");
}

TEST(Codebook, ScalesAndFlagsMatchTheIndexMethodology) {
    for (int i = 0; i < k_component_count; ++i) {
        const auto c = static_cast<Component>(i);
        const IndicatorDef* def = find_indicator(component_code(c));
        ASSERT_NE(def, nullptr);
        EXPECT_EQ(def->scale, Scale::ordinal) << def->code;
        EXPECT_EQ(def->max_value, component_max(c)) << def->code;
        EXPECT_EQ(def->flag != FlagKind::none, component_flagged(c)) << def->code;
        ASSERT_EQ(def->labels.size(), static_cast<size_t>(def->max_value + 1)) << def->code;
        for (int v = 0; v <= def->max_value; ++v) {
            EXPECT_EQ(def->labels[static_cast<size_t>(v)].value, v);
            EXPECT_FALSE(def->labels[static_cast<size_t>(v)].es.empty());
            EXPECT_FALSE(def->labels[static_cast<size_t>(v)].en.empty());
        }
    }
    EXPECT_EQ(find_indicator("E1")->flag, FlagKind::sectoral);
    EXPECT_EQ(find_indicator("H7")->flag, FlagKind::cost);
    EXPECT_EQ(find_indicator("C8")->flag, FlagKind::none);
    EXPECT_EQ(find_indicator("H4")->scale, Scale::monetary);
    EXPECT_EQ(find_indicator("H6")->entered, *Date::from_ymd(2020, 10, 22));
    EXPECT_EQ(find_indicator("H8")->entered, *Date::from_ymd(2021, 3, 15));
    EXPECT_EQ(find_indicator("X9"), nullptr);
}

}  // namespace
}  // namespace metropoli::homologation
