// SPDX-License-Identifier: MIT
// Releases and their series in the database: replacing a release in one transaction, listing releases, and
// reading the series of one measure for a set of municipalities.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analysis/releases/ingest_report.hpp"
#include "analysis/releases/series.hpp"
#include "core/clock.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"

namespace metropoli::analysis {

// "ssa": the per-person federal release; "municipal": the official daily series by municipality.
struct ReleaseInfo {
    std::string source;
    Date release_date;
    std::string schema;
    std::string scope;
    std::string files;
    uint64_t rows_read = 0, rows_kept = 0, rows_out_of_scope = 0, rows_rejected = 0, fields_set_aside = 0;
};

struct StoredRelease {
    int64_t id = 0;
    ReleaseInfo info;
    // As written: "2021-03-12T08:30:05Z" since the Clock; older rows keep the engine's CURRENT_TIMESTAMP text
    // ("2021-03-12 08:30:05" on SQLite, "2021-03-12 08:30:05.123456+00" on PostgreSQL).
    std::string ingested_at;
    uint64_t series = 0;
    std::vector<std::string> measures;
};

// The release row of an ingest's report.
ReleaseInfo release_info(std::string source, Date release_date, std::string scope, std::string files,
                         const IngestReport& report);

// Whether a release may replace a stored one of the same source and date that holds more.
enum class Replacement {
    never_with_less,  // refuse (conflict) when the stored release has a wider scope, more rows kept, or more
                      // series of the measures replaced: a one-state extract never silently replaces a
                      // national release
    anyway,           // `--replace`: the caller says the smaller release is the right one
};

using SeriesSink = std::function<Status(const SeriesRecord&)>;
using SeriesProducer = std::function<Status(const SeriesSink&)>;

std::vector<storage::Migration> analysis_migrations();

class ReleaseStore {
public:
    // `clock` (which must outlive the store) stamps each release's ingested_at.
    explicit ReleaseStore(storage::Database& db, const Clock& clock = system_clock())
        : m_db(db), m_clock(clock) {}

    // Replaces the release (source, date) with `info` and every series `produce` yields, in one transaction.
    // With `only_measures`, an existing release keeps its other measures (used by the municipal series, one
    // file per measure). Either way the release's ingested_at becomes the clock's time, as ISO-8601 UTC
    // ("2021-03-12T08:30:05Z"). Unless `replacement` is `anyway`, a release that holds less than the stored
    // one (see Replacement) is refused with a conflict and nothing changes. Returns the number of series
    // written.
    Result<uint64_t> replace_release(const ReleaseInfo& info, const SeriesProducer& produce,
                                     const std::vector<std::pair<Measure, Basis>>& only_measures = {},
                                     Replacement replacement = Replacement::never_with_less);

    Result<std::vector<StoredRelease>> list();

    // The release to read a measure from: `release_date` if given; else the newest release (of `source`, if
    // given) holding the measure on that basis for at least one of `municipalities`, or, when none does, the
    // newest holding it at all. On the same date the per-person release wins: it has the breakdown.
    Result<StoredRelease> pick_release(Measure m, Basis b, std::optional<Date> release_date,
                                       const std::string& source,
                                       const std::vector<std::string>& municipalities);

    // The stored series of `municipalities` in one release.
    Result<std::vector<SeriesRecord>> load(int64_t release_id, Measure m, Basis b,
                                           const std::vector<std::string>& municipalities, bool with_cells);

    // The database and clock the store writes with (for a caller that adds to its transaction, such as the
    // audited ingests).
    storage::Database& database() { return m_db; }
    const Clock& clock() const { return m_clock; }

private:
    storage::Database& m_db;
    const Clock& m_clock;
};

}  // namespace metropoli::analysis
