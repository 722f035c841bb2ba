// SPDX-License-Identifier: MIT
// Progress of long ingests: on a terminal, a live line with bytes done, rows/s and time left; off a terminal,
// nothing until the final summary.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace metropoli::analysis {

class Progress {
public:
    // Live updates go to `out` only when it is a terminal (or when `force_live`).
    explicit Progress(std::FILE* out, bool force_live = false);
    void update(uint64_t bytes_done, uint64_t bytes_total, uint64_t rows);
    void finish();  // clears the live line

private:
    std::FILE* m_out;
    bool m_live;
    bool m_drawn = false;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_last;
};

}  // namespace metropoli::analysis
