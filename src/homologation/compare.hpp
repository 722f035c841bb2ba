// SPDX-License-Identifier: MIT
// Computed indices against the values OxCGRT published: per index and variant, how many are equal, and
// every other one listed, an exact tie that the publisher rounded the other way named as such.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "homologation/indices.hpp"
#include "homologation/oxcgrt_file.hpp"

namespace metropoli::homologation {

// A published value beside the day's policy it is compared with.
struct PublishedValue {
    Date date;
    OxPublished published;
};

// not_computed: the day has observations but the index was rejected; no_observations: nothing coded that
// day, so nothing to compare (counted apart, never a mismatch).
enum class Outcome { equal, tie_rounded_other_way, mismatch, not_computed, no_observations };

struct Difference {
    Date date;
    Index index = Index::si;
    Variant variant = Variant::average;
    bool display = false;
    std::string published;
    std::optional<IndexValue> computed;
    Outcome outcome = Outcome::mismatch;
};

struct ComparisonRow {
    Index index = Index::si;
    Variant variant = Variant::average;
    bool display = false;
    int equal = 0, ties = 0, mismatches = 0, not_computed = 0, no_observations = 0;
};

struct Comparison {
    std::vector<ComparisonRow> rows;      // by index, variant, display
    std::vector<Difference> differences;  // date order within each row
    int total_equal() const;
    int total_mismatches() const;  // mismatches and values not computed; ties apart
    int total_ties() const;
    int total_without_observations() const;
};

// Compares every published value with the index computed from `days` (one jurisdiction, any order) under
// `options`; a display value is compared with the display series ending at the last day.
Comparison compare_published(const std::vector<DayPolicy>& days, const std::vector<PublishedValue>& published,
                             const IndexOptions& options = {});

// "equal", "tie rounded the other way", "mismatch", "not computed", "no observations".
std::string_view outcome_name(Outcome o);

}  // namespace metropoli::homologation
