// SPDX-License-Identifier: MIT
// What an ingest saw: rows read, kept, out of scope and rejected (each with line, column and reason), and
// values outside the catalogue that were set aside field by field, reported by value and count.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace metropoli::analysis {

struct Reject {
    uint64_t line = 0;  // 1-based line in the file (the header is line 1)
    std::string column;
    std::string reason;
};

struct SetAside {
    std::string column;
    std::string value;
    uint64_t count = 0;
    uint64_t first_line = 0;
};

struct IngestReport {
    std::string source;  // file, or zip:member
    std::string schema;
    std::string release_date;
    std::string scope;
    bool bom = false;
    uint64_t bytes = 0;
    uint64_t rows_read = 0;
    uint64_t rows_kept = 0;
    uint64_t rows_out_of_scope = 0;
    uint64_t rows_rejected = 0;
    std::vector<Reject> rejects;                     // in line order; at most k_max_reject_details
    std::map<std::string, uint64_t> reject_reasons;  // reason (without values) -> count
    std::vector<SetAside> set_aside;                 // by column, then count
    std::vector<std::string> warnings;
    uint64_t series_written = 0;
    double seconds = 0;

    static constexpr size_t k_max_reject_details = 100000;
    uint64_t fields_set_aside() const;
};

}  // namespace metropoli::analysis
