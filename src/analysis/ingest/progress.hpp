// SPDX-License-Identifier: MIT
// How far a long ingest has got, reported to whoever runs it (the command line draws a live line from it).
#pragma once

#include <cstdint>
#include <functional>

namespace metropoli::analysis {

struct IngestProgress {
    uint64_t bytes_done = 0;   // of the input file, read so far
    uint64_t bytes_total = 0;  // the input file's size
    uint64_t rows = 0;         // records parsed so far
    bool done = false;         // the last report: every byte has been read
};

// Called on the reader thread after each chunk, then once with `done`; it must return quickly.
using ProgressCallback = std::function<void(const IngestProgress&)>;

}  // namespace metropoli::analysis
