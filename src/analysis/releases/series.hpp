// SPDX-License-Identifier: MIT
// A stored series: one municipality, one measure, one date basis, as daily totals from its first to its last
// non-empty day, with the breakdown by age band and sex. Text-encoded so both engines store it alike.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/releases/measure.hpp"
#include "core/date.hpp"
#include "core/result.hpp"

namespace metropoli::analysis {

struct Cell {
    uint32_t offset;  // days after the series' first date
    uint8_t age_band;
    uint8_t sex;
    uint64_t count;
};

struct SeriesRecord {
    std::string municipality;
    Measure measure = Measure::confirmed;
    Basis basis = Basis::onset;
    Date first;
    std::vector<uint64_t> daily;  // daily[i] is the count on first + i
    std::vector<Cell> cells;      // empty when the source has no breakdown (the official municipal series)

    Date last() const { return first + static_cast<int32_t>(daily.size()) - 1; }
    uint64_t total() const;
};

// "3,0,1" for daily totals; "offset,age,sex,count;..." for cells.
std::string encode_daily(const std::vector<uint64_t>& daily);
std::string encode_cells(const std::vector<Cell>& cells);
Result<std::vector<uint64_t>> decode_daily(const std::string& text);
Result<std::vector<Cell>> decode_cells(const std::string& text);

}  // namespace metropoli::analysis
