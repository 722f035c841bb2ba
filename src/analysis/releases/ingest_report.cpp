// SPDX-License-Identifier: MIT
// What an ingest saw.
#include "analysis/releases/ingest_report.hpp"

namespace metropoli::analysis {

uint64_t IngestReport::fields_set_aside() const {
    uint64_t n = 0;
    for (const auto& s : set_aside) n += s.count;
    return n;
}

}  // namespace metropoli::analysis
