// SPDX-License-Identifier: MIT
// The stored observations: an OxCGRT file imported in one transaction (observations as runs of days with
// the same value and flag, notes, daily facts and the published index values), with its audit entry; and
// the days of one jurisdiction read back for the indices.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "access/audit.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "homologation/compare.hpp"
#include "homologation/indices.hpp"
#include "homologation/oxcgrt_file.hpp"
#include "storage/database.hpp"

namespace metropoli::homologation {

struct ImportReport {
    int64_t source_id = 0;
    std::string file, layout;
    bool already_imported = false;  // the same bytes were imported before: nothing written
    size_t records = 0, observations = 0, notes = 0, published = 0;
    std::vector<std::string> jurisdictions;  // "UK_SCO STATE_TOTAL", …
};

// Imports one OxCGRT file (`text`, named `file` in messages and in its source row): all or nothing. A file
// whose SHA-256 is already stored is not imported again (already_imported, nothing written), so importing
// the same file twice neither duplicates nor shrinks anything. The write is audited as `policy.import`
// (entity policy_source:ID) by `who`.
Result<ImportReport> import_oxcgrt_file(storage::Database& db, const Clock& clock,
                                        const access::Attribution& who, const std::string& file,
                                        std::string_view text);

// The levels stored for a jurisdiction ("NAT_TOTAL", "NAT_GOV", …), sorted.
Result<std::vector<std::string>> stored_levels(storage::Database& db, const std::string& jurisdiction);

// Every day with observations of a jurisdiction at a level, in date order; where two sources code the same
// indicator, segment and day, the one imported later wins. Only observations that count are read (approved,
// not superseded: observation_review.hpp). Nothing after `until`; an observation "until further notice" runs
// to `until`, else to the latest day any stored observation names.
Result<std::vector<DayPolicy>> load_days(storage::Database& db, const std::string& jurisdiction,
                                         const std::string& level, std::optional<Date> until = std::nullopt);

// The published index values of a jurisdiction at a level, per source file (title), in import order.
struct PublishedSet {
    std::string source;
    std::vector<PublishedValue> values;
};
Result<std::vector<PublishedSet>> load_published(storage::Database& db, const std::string& jurisdiction,
                                                 const std::string& level);

// The stored days of a jurisdiction at a level as OxCGRT records (values, flags, notes, daily facts), for
// export_fullwithnotes; where two sources code the same day, the later one wins.
Result<std::vector<OxRecord>> load_records(storage::Database& db, const std::string& jurisdiction,
                                           const std::string& level,
                                           std::optional<Date> until = std::nullopt);

}  // namespace metropoli::homologation
