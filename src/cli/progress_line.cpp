// SPDX-License-Identifier: MIT
// The live progress line.
#include "cli/progress_line.hpp"

#include <fmt/format.h>
#include <unistd.h>

namespace metropoli::cli {

ProgressLine::ProgressLine(std::FILE* out, bool force_live)
    : m_out(out),
      m_live(force_live || (out && ::isatty(::fileno(out)))),
      m_start(std::chrono::steady_clock::now()),
      m_last(m_start) {}

void ProgressLine::update(uint64_t bytes_done, uint64_t bytes_total, uint64_t rows) {
    if (!m_live) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - m_last < std::chrono::milliseconds(250)) return;
    m_last = now;
    const double elapsed = std::chrono::duration<double>(now - m_start).count();
    const double fraction =
        bytes_total ? static_cast<double>(bytes_done) / static_cast<double>(bytes_total) : 0.0;
    const double left = fraction > 0.01 ? elapsed * (1 - fraction) / fraction : 0.0;
    fmt::print(m_out, "\r  {:.1f} / {:.1f} MB ({:.0f}%)  {:.2f} M rows/s  {:.0f} s left   ",
               static_cast<double>(bytes_done) / 1e6, static_cast<double>(bytes_total) / 1e6, fraction * 100,
               elapsed > 0 ? static_cast<double>(rows) / elapsed / 1e6 : 0.0, left);
    std::fflush(m_out);
    m_drawn = true;
}

void ProgressLine::operator()(const analysis::IngestProgress& progress) {
    if (progress.done) {
        finish();
    } else {
        update(progress.bytes_done, progress.bytes_total, progress.rows);
    }
}

void ProgressLine::finish() {
    if (m_drawn) {
        fmt::print(m_out, "\r{:80}\r", "");
        std::fflush(m_out);
    }
    m_drawn = false;
}

}  // namespace metropoli::cli
