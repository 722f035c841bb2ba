// SPDX-License-Identifier: MIT
// The OxCGRT codebook (final v1 naming) as versioned data: every indicator with its scale, flag kind,
// ordinal labels in Spanish and English, and the day it entered the codebook.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"

namespace metropoli::homologation {

enum class Family { containment, economic, health, vaccine, miscellaneous };
enum class Scale { ordinal, monetary, categorical, binary, text };
// What an indicator's flag says: none; geographic (0 targeted, 1 general); sectoral (E1: 0 formal-only or
// informal-only workers, 1 all workers); cost (H7: 0 at cost to the individual, 1 free or minimal cost).
enum class FlagKind { none, geographic, sectoral, cost };

// One level of an ordinal scale, in both languages.
struct OrdinalLabel {
    int value = 0;
    std::string es, en;
};

struct IndicatorDef {
    std::string code;  // "C1"
    std::string name_en, name_es;
    Family family = Family::containment;
    Scale scale = Scale::ordinal;
    int max_value = 0;  // N_j of the index methodology; 0 when not ordinal
    FlagKind flag = FlagKind::none;
    bool vaccine_differentiated = false;  // published as E/NV/V/M (C8: E/NV/V/EV) from July 2022
    Date entered;                         // the first day of the codebook version that added it
    std::vector<OrdinalLabel> labels;     // ordinal levels 0..max_value; empty otherwise
};

// C1-C8, E1-E4, H1-H8, V1-V4 and M1, in the codebook's order.
const std::vector<IndicatorDef>& codebook();
// The indicator with that code, or nullptr.
const IndicatorDef* find_indicator(std::string_view code);
// "geographic", "sectoral", "cost", "none".
std::string_view flag_kind_name(FlagKind kind);

}  // namespace metropoli::homologation
