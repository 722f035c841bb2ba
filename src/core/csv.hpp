// SPDX-License-Identifier: MIT
// RFC 4180 reading of small CSV files (catalogues, populations, configuration tables): whole records with
// quoted fields, doubled quotes and embedded newlines. The large federal release has its own streaming
// parser.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace metropoli {

struct CsvTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<size_t> row_lines;  // 1-based line on which each row starts

    // Index of a header column, or -1.
    int column(std::string_view name) const;
};

// Parses CSV text (a BOM is dropped). A row whose field count differs from the header is an error that
// names the source, the line and both counts.
Result<CsvTable> parse_csv(std::string_view text, const std::string& source_name);

// Reads and parses a CSV file.
Result<CsvTable> read_csv_file(const std::string& path);

}  // namespace metropoli
