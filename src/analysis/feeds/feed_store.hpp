// SPDX-License-Identifier: MIT
// The context feeds (Red IRAG hospital occupancy, Google mobility, IMSS insured workers) in the database:
// their metrics, replacing what one source file contributed in one transaction, and reading values back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/date.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"

namespace metropoli::analysis {

enum class Feed { hospital, mobility, economy };

std::string_view feed_name(Feed feed);  // "hospital", "mobility", "economy"
std::optional<Feed> parse_feed(std::string_view name);

// A figure a feed stores, e.g. "irag_general_pct" (hospital, percent of beds occupied).
struct FeedMetric {
    std::string_view name;
    Feed feed;
    std::string_view unit;  // "percent", "beds", "percent change from baseline", "insured workers"
    bool per_hospital;      // also published per hospital (CLUES)
};

// Every feed metric: hospital, then mobility, then economy.
const std::vector<FeedMetric>& feed_metrics();
// The metric of that name, or nullptr.
const FeedMetric* find_feed_metric(std::string_view name);

// One stored figure: a jurisdiction's value of a metric on a day, or one hospital's when `unit` is set.
struct FeedValue {
    std::string jurisdiction;  // INEGI municipality or state code, "00", or a metro zone id
    std::string unit;          // CLUES of a hospital; empty for a jurisdiction's own figure
    Date date;
    std::string metric;
    double value = 0;
};

// A reporting unit named by a file (a hospital): its CLUES, state, name and institution.
struct FeedUnit {
    std::string code;
    std::string jurisdiction;
    std::string name;
    std::string institution;
};

// What one source file contributed. Files are identified by (feed, source_file): the name without folders.
struct FeedFile {
    Feed feed = Feed::hospital;
    std::string source_file;
    std::string path;
    std::string layout;
    Date first_date, last_date;
    uint64_t rows_read = 0, rows_kept = 0;
};

struct StoredFeedFile {
    int64_t id = 0;
    FeedFile file;
    std::string ingested_at;  // as StoredRelease::ingested_at
    uint64_t values = 0;
};

// Migration 202: feed_files, feed_values, feed_units.
std::vector<storage::Migration> feed_migrations();

class FeedStore {
public:
    // `clock` (which must outlive the store) stamps each file's ingested_at.
    explicit FeedStore(storage::Database& db, const Clock& clock = system_clock())
        : m_db(db), m_clock(clock) {}

    // Replaces everything stored from (file.feed, file.source_file) with `values` and `units`, in one
    // transaction: on any error the previous rows stay. The file's ingested_at is the clock's time, as
    // ISO-8601 UTC ("2021-03-12T08:30:05Z"). Returns the number of values written.
    Result<uint64_t> replace_file(const FeedFile& file, const std::vector<FeedValue>& values,
                                  const std::vector<FeedUnit>& units);

    // Stored files, by feed and name.
    Result<std::vector<StoredFeedFile>> list();

    // Values of `metric` from `from` to `to` (each optional, inclusive), by jurisdiction then date. With an
    // empty `unit`, the jurisdictions' own figures for `jurisdictions` (every jurisdiction when empty); with
    // a CLUES, that hospital's. When several files hold the same point, the file ingested last wins.
    Result<std::vector<FeedValue>> load(const std::string& metric,
                                        const std::vector<std::string>& jurisdictions,
                                        const std::string& unit, std::optional<Date> from,
                                        std::optional<Date> to);

    // The jurisdictions holding their own figures of `metric`, sorted.
    Result<std::vector<std::string>> holders(const std::string& metric);

    // A stored hospital by CLUES (as the file ingested last names it), or nullopt.
    Result<std::optional<FeedUnit>> unit(const std::string& code);

    // The database and clock the store writes with (for a caller that adds to its transaction, such as the
    // audited ingests).
    storage::Database& database() { return m_db; }
    const Clock& clock() const { return m_clock; }

private:
    storage::Database& m_db;
    const Clock& m_clock;
};

}  // namespace metropoli::analysis
