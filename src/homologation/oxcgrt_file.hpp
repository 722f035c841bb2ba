// SPDX-License-Identifier: MIT
// OxCGRT's published CSV layouts, read into records: the v1 `fullwithnotes` (147 columns) and `raw` (128)
// subnational files, the legacy and live row layout (`CountryName, CountryCode, [RegionName, RegionCode,]
// [Jurisdiction,] Date, C1_School closing, C1_Flag, …, StringencyIndex, …`, with or without `_Notes`), and
// the wide `timeseries_<Index>` files (published index values only). Pure: text in, records out.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "homologation/indices.hpp"

namespace metropoli::homologation {

enum class Layout { fullwithnotes, raw, legacy, timeseries };
std::string_view layout_name(Layout layout);  // "fullwithnotes", "raw", "legacy", "timeseries"

// One coded value of a record: C1-C8, E1-E4, H1-H8 (with a segment; E for an undifferentiated column),
// or a vaccine summary V1, V2A-V2G, V3, V4 (segment E). `value` is canonical: an ordinal as its integer
// ("2"), anything else as written.
struct OxValue {
    std::string indicator;
    Segment segment = Segment::everyone;
    std::string value;
    std::optional<int> flag;
};

struct OxNote {
    std::string indicator;  // "C1", …, "M1"
    std::string text;
};

struct OxPublished {
    Index index = Index::si;
    Variant variant = Variant::average;  // a column without a variant suffix is the average
    bool display = false;                // a …ForDisplay column
    std::string value;                   // as written ("71.76", "0", "5.56")
};

// One jurisdiction on one day.
struct OxRecord {
    size_t line = 0;  // where the record starts in the file
    std::string country_code, country_name, region_code, region_name, level;
    Date date;
    std::vector<OxValue> values;
    std::vector<OxNote> notes;
    std::vector<OxPublished> published;
    std::string confirmed_cases, confirmed_deaths, majority_vaccinated, population_vaccinated;

    // The OxCGRT code of the jurisdiction: the region's code when there is one (UK_SCO), else the country's.
    const std::string& jurisdiction() const { return region_code.empty() ? country_code : region_code; }
};

struct OxFile {
    Layout layout = Layout::legacy;
    std::vector<std::string> header;
    std::vector<OxRecord> records;
};

// Parses the text of one file named `name` (for messages). Every error names the file, the line and the
// column (number and header name) and the value: an unknown column, a date that is not YYYYMMDD (ddMmmYYYY
// in a timeseries header), an ordinal outside its scale, a flag other than 0 or 1, a published value that is
// not a decimal, a record whose field count differs from the header's.
Result<OxFile> parse_oxcgrt(std::string_view text, const std::string& name);

// The day's policy of a record, for the indices.
DayPolicy day_policy(const OxRecord& record);

// The fullwithnotes layout's 147 column names, in order.
const std::vector<std::string>& fullwithnotes_header();

}  // namespace metropoli::homologation
