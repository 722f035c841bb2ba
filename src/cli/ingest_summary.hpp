// SPDX-License-Identifier: MIT
// What the command line prints after an ingest, and the rejects file it writes.
#pragma once

#include <string>
#include <vector>

#include "analysis/releases/ingest_report.hpp"
#include "core/result.hpp"

namespace metropoli::cli {

// The summary printed after every ingest: counts, the reasons of rejects with examples, and the set-aside
// values by column.
std::string format_summary(const analysis::IngestReport& report);

// Writes every reject of every report as CSV (file,line,column,reason).
Status write_rejects_file(const std::string& path, const std::vector<analysis::IngestReport>& reports);

}  // namespace metropoli::cli
