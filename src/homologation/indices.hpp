// SPDX-License-Identifier: MIT
// The OxCGRT indices of one jurisdiction, computed exactly: Stringency (SI), Government Response (GRI),
// Containment and Health (CHI), Economic Support (ESI) and the Legacy Stringency index (LSI), in their
// vaccine-differentiated variants, with the k-1 missing-data rule, the rule of the last seven days and the
// display series that carries the last value over recent gaps. Pure: no storage, no files.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "homologation/exact.hpp"

namespace metropoli::homologation {

// Population segments of differentiated coding: E everyone, NV non-vaccinated, V vaccinated, M majority,
// EV (C8 only) everyone, else the vaccinated.
enum class Segment { everyone, non_vaccinated, vaccinated, majority, everyone_or_vaccinated };
inline constexpr int k_segment_count = 5;
std::string_view segment_code(Segment s);  // "E", "NV", "V", "M", "EV"
std::optional<Segment> parse_segment(std::string_view code);

// The sixteen ordinal indicators the indices use, in the codebook's order.
enum class Component { c1, c2, c3, c4, c5, c6, c7, c8, e1, e2, h1, h2, h3, h6, h7, h8 };
inline constexpr int k_component_count = 16;
std::string_view component_code(Component c);  // "C1"
std::optional<Component> parse_component(std::string_view code);
int component_max(Component c);       // N_j
bool component_flagged(Component c);  // F_j = 1

// One coded value: the ordinal and its flag (blank when the value is 0, or when the file left it blank).
struct Reading {
    int value = 0;
    std::optional<int> flag;
    friend bool operator==(const Reading&, const Reading&) = default;
};

// Everything the indices need of one jurisdiction on one day. A reading that is absent is missing data.
struct DayPolicy {
    Date date;
    std::array<std::array<std::optional<Reading>, k_segment_count>, k_component_count> readings{};
    std::optional<Rational> population_vaccinated;  // percent, for the weighted average

    const std::optional<Reading>& at(Component c, Segment s) const {
        return readings[static_cast<size_t>(c)][static_cast<size_t>(s)];
    }
    void set(Component c, Segment s, Reading r) {
        readings[static_cast<size_t>(c)][static_cast<size_t>(s)] = r;
    }
};

enum class Index { si, gri, chi, esi, lsi };
std::string_view index_code(Index i);  // "SI", "GRI", "CHI", "ESI", "LSI"
std::optional<Index> parse_index(std::string_view code);
std::string_view index_column_name(Index i);  // "StringencyIndex", ..., "LegacyStringencyIndex"

// non_vaccinated: NV where coded, else E; vaccinated: V, else E; simple_average: (NV + V) / 2;
// weighted_average: w·V + (1 − w)·NV with w the share vaccinated; average: weighted where the share is
// known, else simple (the v1 timeseries and the legacy files publish this one). ESI is never differentiated.
enum class Variant { non_vaccinated, vaccinated, simple_average, weighted_average, average };
std::string_view variant_code(Variant v);  // "NonVaccinated", "Vaccinated", "SimpleAverage", ...
std::optional<Variant> parse_variant(std::string_view code);

// Which components count before they existed. backfilled (the v1 and late live files): every component,
// always (k = 16, 14, 9). historical (the live files of 2020-21 as published then): H6 only from 22 Oct
// 2020, H7 from 9 Dec 2020, H8 from 15 Mar 2021, with k reduced accordingly.
enum class KRule { backfilled, historical };
// What the averages average. rounded_variants (the v1 files): NV and V each rounded to hundredths first.
// exact_variants: the unrounded NV and V.
enum class AverageOf { rounded_variants, exact_variants };

struct IndexOptions {
    KRule k_rule = KRule::backfilled;
    AverageOf average_of = AverageOf::rounded_variants;
    // The rule of the last seven days: when set, a day of the seven ending here that has fewer components
    // than another of those days is rejected. Unset: no such rule (the v1 files, final).
    std::optional<Date> recent_until;
};

struct IndexValue {
    Rational exact;      // before rounding
    int64_t cents = 0;   // rounded half to even
    int components = 0;  // components with data (the smaller of NV and V for an average)
};

// The index of one day, or nullopt when rejected (fewer than k−1 components; ESI: E1 or E2 missing).
std::optional<IndexValue> compute_index(const DayPolicy& day, Index index, Variant variant,
                                        const IndexOptions& options = {});

// The rounded hundredths of the non-vaccinated, vaccinated, simple and weighted average variants of one day,
// each as compute_index(day, index, variant, options)->cents gives it, the two single populations computed
// once (ESI: the same reading four times).
std::array<std::optional<int64_t>, 4> compute_variant_cents(const DayPolicy& day, Index index,
                                                            const IndexOptions& options = {});

struct SeriesPoint {
    Date date;
    std::optional<IndexValue> value;
};
// The index over consecutive days (any order in, date order out), the rule of the last seven days applied
// when options.recent_until is set.
std::vector<SeriesPoint> compute_series(std::vector<DayPolicy> days, Index index, Variant variant,
                                        const IndexOptions& options = {});
// The display series ("…ForDisplay"): as `series`, but a day without value among the seven ending at
// `until` takes the last value before it.
std::vector<SeriesPoint> display_series(const std::vector<SeriesPoint>& series, Date until);

}  // namespace metropoli::homologation
