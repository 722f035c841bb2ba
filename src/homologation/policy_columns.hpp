// SPDX-License-Identifier: MIT
// The coded policy of one jurisdiction over consecutive days in columns — one byte per reading, one column
// per component and segment — and the TOTAL imputation and the indices over whole columns at once: the same
// rules and the same rounded values as impute_total and compute_variant_cents day by day (the reference,
// which tests compare this form against), as integer arithmetic over contiguous arrays the compiler
// vectorises. Pure: no storage, no files.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/date.hpp"
#include "homologation/indices.hpp"

namespace metropoli::homologation {

// One reading as a byte: -1 missing, else 2·value + flag. The flag bit is kept only for a component with a
// flag (F_j = 1), and a blank flag is 0: every rule reads a blank flag as 0 (targeted, not general).
int8_t encode_reading(Component c, const std::optional<Reading>& r);
// The reading of a byte: a flagged component gets its flag (0 or 1), another none.
std::optional<Reading> decode_reading(Component c, int8_t code);

struct PolicyColumns {
    Date first;    // the date of day 0
    int days = 0;  // consecutive days from `first`
    // codes[(component · k_segment_count + segment) · days + day], as encode_reading gives.
    std::vector<int8_t> codes;
    // The share vaccinated of each day in hundredths of a percent (0..10000), -1 unknown.
    std::vector<int32_t> vaccinated;

    PolicyColumns() = default;
    PolicyColumns(Date first, int days);  // every reading missing, every share unknown

    std::span<int8_t> column(Component c, Segment s) {
        return {codes.data() + column_offset(c, s), static_cast<size_t>(days)};
    }
    std::span<const int8_t> column(Component c, Segment s) const {
        return {codes.data() + column_offset(c, s), static_cast<size_t>(days)};
    }
    // Sets days [from, to] (0-based, inclusive) of one component and segment to one reading.
    void fill(Component c, Segment s, int from, int to, const std::optional<Reading>& r);
    // Every reading missing, every share unknown; the same dates.
    void clear();

private:
    size_t column_offset(Component c, Segment s) const {
        return (static_cast<size_t>(c) * k_segment_count + static_cast<size_t>(s)) *
               static_cast<size_t>(days);
    }
};

// The columns of `days`, which must be consecutive dates in order; a share vaccinated must be a whole number
// of hundredths of a percent within 0..100 %. Anything else: std::invalid_argument naming the day.
PolicyColumns columns_of(const std::vector<DayPolicy>& days);
// Day `d` back as a DayPolicy (blank flags read back as 0).
DayPolicy day_of(const PolicyColumns& columns, int d);

// impute_total of every day: `out` gets `lower`'s dates and shares vaccinated and the total's readings.
// `higher` must cover the same days, and `out` be neither of them (std::invalid_argument otherwise).
void impute_total(const PolicyColumns& lower, const PolicyColumns& higher, PolicyColumns& out);

// compute_variant_cents of every day: out[0..3][d] the non-vaccinated, vaccinated, simple and weighted
// average cents of day d, -1 where not computed. Each span must hold `columns.days` values.
void compute_variant_cents(const PolicyColumns& columns, Index index, std::array<std::span<int16_t>, 4> out,
                           const IndexOptions& options = {});

// Every index in every variant: out[(4·i + variant)·days + d] for the indices i in the order SI, GRI, CHI,
// ESI, LSI, each as compute_variant_cents gives it; the components the indices share are summed once. `out`
// must hold 20·days values.
void compute_all_variant_cents(const PolicyColumns& columns, std::span<int16_t> out,
                               const IndexOptions& options = {});

}  // namespace metropoli::homologation
