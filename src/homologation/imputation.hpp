// SPDX-License-Identifier: MIT
// OxCGRT's TOTAL imputation: what applies to the residents of a lower jurisdiction, from its own coded policy
// (WIDE) and a higher level's (GOV). The higher level's value replaces the lower one when it is general (flag
// 1; an indicator without a flag counts as general) and at least as strict. Only the sixteen ordinal
// indicators of the indices are imputed: E3, E4, H4 and H5 are amounts each government spends, not levels.
#pragma once

#include <array>

#include "homologation/indices.hpp"

namespace metropoli::homologation {

enum class SetBy { none, lower, higher };

struct ImputedDay {
    DayPolicy policy;
    // Which level's reading the total holds, per component and segment.
    std::array<std::array<SetBy, k_segment_count>, k_component_count> set_by{};
};

// The total of one day: `lower` (e.g. STATE_WIDE) and `higher` (e.g. NAT_GOV) of the same date.
ImputedDay impute_total(const DayPolicy& lower, const DayPolicy& higher);

}  // namespace metropoli::homologation
