// SPDX-License-Identifier: MIT
// A release replaced together with its audit entry: the store's transaction and the entry commit or fail
// together, so every stored release has a trace of who loaded it.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "access/audit.hpp"
#include "analysis/releases/release_store.hpp"

namespace metropoli::analysis {

// ReleaseStore::replace_release plus, in the same transaction, one audit entry: action "release.ingest"
// (new) or "release.replace" (one of that source and date was stored), entity "release:SOURCE:DATE", and the
// diff of what the release holds (scope, files, rows read, kept and rejected, series, measures) before and
// after. The entry's time is the store's clock, as the release's ingested_at.
Result<uint64_t> replace_release_audited(ReleaseStore& store, const ReleaseInfo& info,
                                         const SeriesProducer& produce,
                                         const std::vector<std::pair<Measure, Basis>>& only_measures,
                                         Replacement replacement, const access::Attribution& by);

}  // namespace metropoli::analysis
