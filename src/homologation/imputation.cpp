// SPDX-License-Identifier: MIT
// The TOTAL imputation rule, reading by reading.
#include "homologation/imputation.hpp"

namespace metropoli::homologation {

ImputedDay impute_total(const DayPolicy& lower, const DayPolicy& higher) {
    ImputedDay out;
    out.policy = lower;
    out.policy.date = lower.date;
    for (int c = 0; c < k_component_count; ++c) {
        const auto component = static_cast<Component>(c);
        const bool flagged = component_flagged(component);
        for (int s = 0; s < k_segment_count; ++s) {
            const auto segment = static_cast<Segment>(s);
            const auto& own = lower.at(component, segment);
            const auto& high = higher.at(component, segment);
            auto& set_by = out.set_by[static_cast<size_t>(c)][static_cast<size_t>(s)];
            set_by = own ? SetBy::lower : SetBy::none;
            if (!high) continue;
            const bool general = !flagged || high->flag.value_or(0) == 1;
            if (general && (!own || high->value >= own->value)) {
                out.policy.set(component, segment, *high);
                set_by = SetBy::higher;
            }
        }
    }
    return out;
}

}  // namespace metropoli::homologation
