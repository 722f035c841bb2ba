// SPDX-License-Identifier: MIT
// `metropoli ingest hospital|mobility|economy`: read one feed file strictly, then replace in one transaction
// what a file of the same name contributed to that feed before.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/audit.hpp"
#include "analysis/feeds/feed_store.hpp"
#include "core/region.hpp"

namespace metropoli::analysis {

struct FeedReport {
    Feed feed = Feed::hospital;
    std::string source;  // the path as given
    std::string layout;  // e.g. "state-absolute", "hospital-percent", "google-region-mobility", "imss-cvegeo"
    uint64_t rows_read = 0, rows_kept = 0, rows_out_of_scope = 0;
    uint64_t values = 0;   // figures stored
    uint64_t missing = 0;  // empty cells: missing values, not zeros
    uint64_t units = 0;    // hospitals (CLUES) named by the file
    std::optional<Date> first, last;
    uint64_t dates = 0;
    std::vector<std::string> jurisdictions;  // codes with figures, sorted
    std::vector<std::string> warnings;
    double seconds = 0;
};

// Ingests one file of `feed` (its layout told by its header). On success, everything a file of the same name
// (without folders) stored for that feed is replaced, and an audit entry by `by` appended in the same
// transaction: action "feed.ingest" (new) or "feed.replace", entity "feed:FEED:FILE NAME", the diff of the
// stored file (path, layout, first and last date, rows read and kept, values). On any error nothing changes:
// an unknown layout (the message lists the expected and the found columns), a bad date or number or an
// unknown place (file, line and column), a truncated last line, or no figure for the region's places.
Result<FeedReport> ingest_feed(Feed feed, const std::string& path, const Region& region, FeedStore& store,
                               const access::Attribution& by = {});

// One line (rows, values, dates, jurisdictions), then one per warning.
std::string format_feed_summary(const FeedReport& report);

}  // namespace metropoli::analysis
