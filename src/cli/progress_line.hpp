// SPDX-License-Identifier: MIT
// The live line of a long ingest: on a terminal, bytes done, rows/s and time left; off a terminal, nothing
// until the final summary.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "analysis/ingest/progress.hpp"

namespace metropoli::cli {

class ProgressLine {
public:
    // Live updates go to `out` only when it is a terminal (or when `force_live`).
    explicit ProgressLine(std::FILE* out, bool force_live = false);
    void update(uint64_t bytes_done, uint64_t bytes_total, uint64_t rows);
    void finish();  // clears the live line
    // Draws a report of the ingest (update, or finish when it is the last).
    void operator()(const analysis::IngestProgress& progress);

private:
    std::FILE* m_out;
    bool m_live;
    bool m_drawn = false;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_last;
};

}  // namespace metropoli::cli
