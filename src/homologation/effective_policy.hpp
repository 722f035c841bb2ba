// SPDX-License-Identifier: MIT
// The resident's effective policy (OxCGRT's TOTAL) for a municipality of the region, day by day: derived from
// the approved observations of the federation ("00"), the municipality's state ("05", "10"), any metro body
// it belongs to ("zm-laguna") and the municipality itself, with OxCGRT's imputation rule (impute_total)
// applied level by level, top down: the state's total is the state's own reading imputed with the
// federation's, the metro body's with the state's total, the municipality's with the one above. Each day says
// which jurisdiction, level and observation set the value, and carries that observation's local extensions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "homologation/imputation.hpp"
#include "homologation/local_extensions.hpp"
#include "storage/database.hpp"

namespace metropoli::homologation {

// The longest range one call computes (about ten years).
inline constexpr int k_max_effective_days = 3700;

// Which observation a reading of the total comes from.
struct SetByObservation {
    std::string jurisdiction;  // "00", "10", "zm-laguna", "10007"
    std::string level;         // federal, state, metro_body, municipality
    int64_t observation = 0;
    LocalExtensions extensions;
    bool unverified = false;
};

// One indicator of one municipality on one day. No value: nothing applies at any level that day (missing
// data, not 0).
struct EffectiveDay {
    Date day;
    std::optional<int> value, flag;
    std::optional<SetByObservation> set_by;
};

// Every ordinal component of one municipality on one day: the total as indices read it, and what set each
// reading (per component and segment; absent where the reading is).
struct EffectiveRecord {
    DayPolicy policy;
    std::array<std::array<std::optional<SetByObservation>, k_segment_count>, k_component_count> set_by{};
};

// Observation rules for one level: only `approved` observations count; WIDE is preferred to GOV, then the
// latest start, then the latest recorded. A targeted observation (flag 0) of a higher level that names its
// municipalities (`applies_to`) is, for a municipality it names, a general one there (flag 1); for any other
// it does not apply. One that names none stays targeted, and OxCGRT's rule does not impute it.
//
// invalid_argument: `municipality` not a registered municipality, `to` before `from`, a range longer than
// k_max_effective_days, an indicator that is not one of the sixteen ordinal ones (C1–C8, E1, E2, H1–H3,
// H6–H8).
Result<std::vector<EffectiveDay>> effective_policy(storage::Database& db, const std::string& municipality,
                                                   const std::string& indicator, Date from, Date to,
                                                   const std::string& segment = "E");
// Every component, day by day from `from` to `to`.
Result<std::vector<EffectiveRecord>> effective_policies(storage::Database& db,
                                                        const std::string& municipality, Date from, Date to);

}  // namespace metropoli::homologation
