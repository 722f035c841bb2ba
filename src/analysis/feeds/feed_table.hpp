// SPDX-License-Identifier: MIT
// Internal to the feed ingest: a feed's CSV file checked for completeness, typed cells whose errors name
// file, line and column, the collection of values (repeated points caught), and the three parsers.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analysis/feeds/feed_store.hpp"
#include "core/csv.hpp"
#include "core/region.hpp"

namespace metropoli::analysis {

class FeedTable {
public:
    // Reads and parses `path`. An empty file, a last line without its line break (a cut download) or a row
    // whose field count differs from the header is bad_input naming the file and the line.
    static Result<FeedTable> read(const std::string& path);

    const std::string& path() const { return m_path; }
    const std::vector<std::string>& header() const { return m_csv.header; }
    size_t rows() const { return m_csv.rows.size(); }
    uint64_t line(size_t row) const { return m_csv.row_lines[row]; }

    // Index of a header column, compared without case and surrounding blanks; -1 when absent.
    int column(std::string_view name) const;
    // The cell, without surrounding blanks.
    std::string_view cell(size_t row, int column) const;

    // "<file>: line L, column C (name): <what>; nothing was stored".
    Error error(size_t row, int column, const std::string& what) const;
    // "<file>: unknown layout of the <feed> feed: expected the columns of ...; found ...".
    Error unknown_layout(
        std::string_view feed,
        const std::vector<std::pair<std::string, std::vector<std::string_view>>>& layouts) const;
    // Whether every column of `names` is present.
    bool has_all(const std::vector<std::string_view>& names) const;

    // A YYYY-MM-DD date.
    Result<Date> date(size_t row, int column) const;
    // A decimal number; nullopt for an empty cell (a missing value, not zero).
    Result<std::optional<double>> number(size_t row, int column) const;
    // A non-negative whole number; nullopt for an empty cell.
    Result<std::optional<double>> count(size_t row, int column) const;

private:
    std::string m_path;
    CsvTable m_csv;
};

// What a parser produced from one file.
struct ParsedFeed {
    std::string layout;
    std::vector<FeedValue> values;
    std::vector<FeedUnit> units;
    uint64_t rows_read = 0, rows_kept = 0, rows_out_of_scope = 0;
    uint64_t missing = 0;  // empty cells
    uint64_t repeats = 0;  // points given twice with the same value
    std::vector<std::string> warnings;
};

// Adds values to a ParsedFeed. The same point (jurisdiction, unit, metric, date) twice is ignored when the
// values agree and an error naming both lines when they differ.
class FeedCollector {
public:
    FeedCollector(const FeedTable& table, ParsedFeed& parsed) : m_table(table), m_parsed(parsed) {}
    Status add(size_t row, int column, FeedValue value);

private:
    const FeedTable& m_table;
    ParsedFeed& m_parsed;
    std::unordered_map<std::string, std::pair<double, uint64_t>> m_seen;  // point -> (value, line)
};

// The parsers: fill `out` from `table`, or return the first error (nothing is stored then).
Status parse_hospital(const FeedTable& table, const Region& region, ParsedFeed& out);
Status parse_mobility(const FeedTable& table, const Region& region, ParsedFeed& out);
Status parse_economy(const FeedTable& table, const Region& region, ParsedFeed& out);

}  // namespace metropoli::analysis
