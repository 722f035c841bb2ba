// SPDX-License-Identifier: MIT
// SQL for releases and series, the same on SQLite and PostgreSQL.
#include "analysis/releases/release_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <set>

#include "core/text.hpp"
#include "storage/data_generation.hpp"

namespace metropoli::analysis {

namespace {
// Migration 203: every write to the release tables bumps the data generation (storage/data_generation.hpp).
storage::Migration generation_migration() {
    storage::Migration m{203, "releases count in the data generation", {}};
    for (const char* table : {"releases", "release_series"}) {
        for (auto& s : storage::generation_triggers(table)) m.statements.push_back(std::move(s));
    }
    return m;
}
}  // namespace

std::vector<storage::Migration> analysis_migrations() {
    return {
        {201,
         "releases and their series",
         {R"(
CREATE TABLE releases (
    id {{serial_pk}},
    source TEXT NOT NULL CHECK (source IN ('ssa', 'municipal')),
    release_date TEXT NOT NULL,
    schema_name TEXT NOT NULL,
    scope TEXT NOT NULL,
    files TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    rows_read BIGINT NOT NULL,
    rows_kept BIGINT NOT NULL,
    rows_out_of_scope BIGINT NOT NULL,
    rows_rejected BIGINT NOT NULL,
    fields_set_aside BIGINT NOT NULL,
    UNIQUE (source, release_date)))",
          R"(
CREATE TABLE release_series (
    release_id BIGINT NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    municipality TEXT NOT NULL,
    measure TEXT NOT NULL,
    basis TEXT NOT NULL,
    first_date TEXT NOT NULL,
    last_date TEXT NOT NULL,
    total BIGINT NOT NULL,
    daily TEXT NOT NULL,
    cells TEXT NOT NULL,
    PRIMARY KEY (release_id, measure, basis, municipality)))"}},
        generation_migration(),
        // The stored series as rows SQL can read without Metrópoli's decoder (docs/sql.md): one row per
        // (release, municipality, measure, basis, day) with its count, zeros included, and one per day, age
        // band and sex where the count is not zero. Dates are ISO-8601 text, as release_date is.
        {210,
         "daily_counts views over the stored series",
         {storage::sqlite_only(R"(
CREATE VIEW daily_counts AS
SELECT r.release_date, r.source, s.municipality, s.measure, s.basis,
       date(s.first_date, '+' || d.key || ' days') AS date, d.value AS value
FROM releases r JOIN release_series s ON s.release_id = r.id, json_each('[' || s.daily || ']') d)"),
          storage::sqlite_only(R"(
CREATE VIEW daily_counts_by_age_sex AS
SELECT r.release_date, r.source, s.municipality, s.measure, s.basis,
       date(s.first_date, '+' || (c.value ->> 0) || ' days') AS date,
       CASE c.value ->> 1 WHEN 8 THEN '80+' WHEN 9 THEN 'unknown'
            ELSE ((c.value ->> 1) * 10) || '-' || ((c.value ->> 1) * 10 + 9) END AS age_band,
       CASE c.value ->> 2 WHEN 0 THEN 'mujer' WHEN 1 THEN 'hombre' ELSE 'no_especificado' END AS sex,
       c.value ->> 3 AS value
FROM releases r JOIN release_series s ON s.release_id = r.id,
     json_each('[[' || replace(rtrim(s.cells, ';'), ';', '],[') || ']]') c
WHERE s.cells <> '')"),
          storage::postgresql_only(R"(
CREATE VIEW daily_counts AS
SELECT r.release_date, r.source, s.municipality, s.measure, s.basis,
       to_char(CAST(s.first_date AS date) + CAST(d.ord - 1 AS integer), 'YYYY-MM-DD') AS date,
       CAST(d.value AS bigint) AS value
FROM releases r JOIN release_series s ON s.release_id = r.id
CROSS JOIN LATERAL unnest(string_to_array(s.daily, ',')) WITH ORDINALITY AS d(value, ord))"),
          storage::postgresql_only(R"(
CREATE VIEW daily_counts_by_age_sex AS
SELECT r.release_date, r.source, s.municipality, s.measure, s.basis,
       to_char(CAST(s.first_date AS date) + CAST(split_part(c.cell, ',', 1) AS integer), 'YYYY-MM-DD') AS date,
       CASE CAST(split_part(c.cell, ',', 2) AS integer) WHEN 8 THEN '80+' WHEN 9 THEN 'unknown'
            ELSE (CAST(split_part(c.cell, ',', 2) AS integer) * 10) || '-' ||
                 (CAST(split_part(c.cell, ',', 2) AS integer) * 10 + 9) END AS age_band,
       CASE CAST(split_part(c.cell, ',', 3) AS integer) WHEN 0 THEN 'mujer' WHEN 1 THEN 'hombre'
            ELSE 'no_especificado' END AS sex,
       CAST(split_part(c.cell, ',', 4) AS bigint) AS value
FROM releases r JOIN release_series s ON s.release_id = r.id
CROSS JOIN LATERAL string_to_table(rtrim(s.cells, ';'), ';') AS c(cell)
WHERE s.cells <> '')")}},
    };
}

namespace {

// Test hook for the crash-safety scenario: kill -9 ourselves in the middle of a release's transaction.
uint64_t kill_after_series() {
    const char* v = std::getenv("METROPOLI_FAULT_KILL_AFTER_SERIES");
    return v ? std::strtoull(v, nullptr, 10) : 0;
}

Error db_error(storage::Database& db, const soci::soci_error& e) {
    return make_error(ErrorCode::database,
                      fmt::format("database {}: {}", db.display_url(), e.get_error_message()));
}

}  // namespace

ReleaseInfo release_info(std::string source, Date release_date, std::string scope, std::string files,
                         const IngestReport& report) {
    ReleaseInfo info;
    info.source = std::move(source);
    info.release_date = release_date;
    info.schema = report.schema;
    info.scope = std::move(scope);
    info.files = std::move(files);
    info.rows_read = report.rows_read;
    info.rows_kept = report.rows_kept;
    info.rows_out_of_scope = report.rows_out_of_scope;
    info.rows_rejected = report.rows_rejected;
    info.fields_set_aside = report.fields_set_aside();
    return info;
}

namespace {

// What the stored release of (source, date) holds, as far as a replacement could lose it.
struct StoredExtent {
    std::string scope;
    long long rows_kept = 0;
    long long series = 0;  // of the measures being replaced
};

StoredExtent stored_extent(soci::session& sql, long long id,
                           const std::vector<std::pair<Measure, Basis>>& only_measures) {
    StoredExtent e;
    sql << "SELECT scope, rows_kept FROM releases WHERE id = :id", soci::use(id), soci::into(e.scope),
        soci::into(e.rows_kept);
    if (only_measures.empty()) {
        sql << "SELECT COUNT(*) FROM release_series WHERE release_id = :id", soci::use(id),
            soci::into(e.series);
    }
    for (const auto& [m, b] : only_measures) {
        const std::string mn(measure_name(m)), bn(basis_name(b));
        long long n = 0;
        sql << "SELECT COUNT(*) FROM release_series WHERE release_id = :id AND measure = :m AND basis = :b",
            soci::use(id), soci::use(mn), soci::use(bn), soci::into(n);
        e.series += n;
    }
    return e;
}

Error holds_less(const ReleaseInfo& info, const StoredExtent& stored, const std::string& what) {
    return make_error(
        ErrorCode::conflict,
        fmt::format("the stored {} release of {} ({}, {} rows kept, {} series) holds more than {} "
                    "({}); nothing was stored. A replacement with less must be asked for explicitly",
                    info.source, info.release_date.iso(), stored.scope, with_thousands(stored.rows_kept),
                    with_thousands(stored.series), info.files, what));
}

}  // namespace

Result<uint64_t> ReleaseStore::replace_release(const ReleaseInfo& info, const SeriesProducer& produce,
                                               const std::vector<std::pair<Measure, Basis>>& only_measures,
                                               Replacement replacement) {
    uint64_t written = 0;
    StoredExtent stored;
    const uint64_t kill_after = kill_after_series();
    auto status = m_db.transaction([&]() -> Status {
        auto& sql = m_db.session();
        const std::string date = info.release_date.iso();
        long long id = 0;
        sql << "SELECT id FROM releases WHERE source = :s AND release_date = :d", soci::use(info.source),
            soci::use(date), soci::into(id);
        const bool exists = sql.got_data();
        const bool guarded = exists && replacement == Replacement::never_with_less;
        if (guarded) {
            stored = stored_extent(sql, id, only_measures);
            const auto kept = static_cast<long long>(info.rows_kept);
            if (stored.scope != info.scope && info.scope != "national")
                return holds_less(info, stored, fmt::format("scope {}", info.scope));
            if (only_measures.empty() && kept < stored.rows_kept)
                return holds_less(info, stored, fmt::format("{} rows kept", with_thousands(kept)));
        }
        if (exists && !only_measures.empty()) {
            for (const auto& [m, b] : only_measures) {
                const std::string mn(measure_name(m)), bn(basis_name(b));
                sql << "DELETE FROM release_series WHERE release_id = :id AND measure = :m AND basis = :b",
                    soci::use(id), soci::use(mn), soci::use(bn);
            }
        } else if (exists) {
            sql << "DELETE FROM release_series WHERE release_id = :id", soci::use(id);
            sql << "DELETE FROM releases WHERE id = :id", soci::use(id);
        }
        const auto rows_read = static_cast<long long>(info.rows_read),
                   rows_kept = static_cast<long long>(info.rows_kept),
                   rows_out = static_cast<long long>(info.rows_out_of_scope),
                   rows_rejected = static_cast<long long>(info.rows_rejected),
                   set_aside = static_cast<long long>(info.fields_set_aside);
        const std::string ingested_at = m_clock.now_iso();
        if (exists && !only_measures.empty()) {
            sql << "UPDATE releases SET files = :f, ingested_at = :at, rows_read = :r, rows_kept = :k, "
                   "rows_out_of_scope = :o, rows_rejected = :j, fields_set_aside = :a WHERE id = :id",
                soci::use(info.files), soci::use(ingested_at), soci::use(rows_read), soci::use(rows_kept),
                soci::use(rows_out), soci::use(rows_rejected), soci::use(set_aside), soci::use(id);
        } else {
            sql << "INSERT INTO releases (source, release_date, schema_name, scope, files, ingested_at, "
                   "rows_read, "
                   "rows_kept, rows_out_of_scope, rows_rejected, fields_set_aside) VALUES (:s, :d, :sc, "
                   ":scope, :f, "
                   ":at, :r, :k, :o, :j, :a)",
                soci::use(info.source), soci::use(date), soci::use(info.schema), soci::use(info.scope),
                soci::use(info.files), soci::use(ingested_at), soci::use(rows_read), soci::use(rows_kept),
                soci::use(rows_out), soci::use(rows_rejected), soci::use(set_aside);
            sql << "SELECT id FROM releases WHERE source = :s AND release_date = :d", soci::use(info.source),
                soci::use(date), soci::into(id);
        }

        std::string municipality, measure, basis, first, last, daily, cells;
        long long total = 0;
        soci::statement insert =
            (sql.prepare
                 << "INSERT INTO release_series (release_id, municipality, measure, basis, first_date, "
                    "last_date, total, daily, cells) VALUES (:id, :mu, :me, :ba, :f, :l, :t, :d, :c)",
             soci::use(id), soci::use(municipality), soci::use(measure), soci::use(basis), soci::use(first),
             soci::use(last), soci::use(total), soci::use(daily), soci::use(cells));
        Status produced = produce([&](const SeriesRecord& s) -> Status {
            municipality = s.municipality;
            measure = measure_name(s.measure);
            basis = basis_name(s.basis);
            first = s.first.iso();
            last = s.last().iso();
            total = static_cast<long long>(s.total());
            daily = encode_daily(s.daily);
            cells = encode_cells(s.cells);
            insert.execute(true);
            ++written;
            if (kill_after > 0 && written == kill_after) std::raise(SIGKILL);
            return ok_status();
        });
        if (!produced) return produced;
        if (guarded && static_cast<long long>(written) < stored.series)
            return holds_less(info, stored,
                              fmt::format("{} series", with_thousands(static_cast<long long>(written))));
        return ok_status();
    });
    if (!status) return status.error();
    return written;
}

Result<std::vector<StoredRelease>> ReleaseStore::list() {
    try {
        std::vector<StoredRelease> out;
        soci::rowset<soci::row> rows =
            (m_db.session().prepare
             << "SELECT r.id, r.source, r.release_date, r.schema_name, r.scope, r.files, r.ingested_at, "
                "r.rows_read, "
                "r.rows_kept, r.rows_out_of_scope, r.rows_rejected, r.fields_set_aside, "
                "(SELECT COUNT(*) FROM release_series s WHERE s.release_id = r.id) FROM releases r "
                "ORDER BY r.release_date, r.source");
        for (const auto& row : rows) {
            StoredRelease r;
            r.id = storage::get_int64(row, 0);
            r.info.source = row.get<std::string>(1);
            r.info.release_date = Date::parse_iso(row.get<std::string>(2)).value_or(Date{});
            r.info.schema = row.get<std::string>(3);
            r.info.scope = row.get<std::string>(4);
            r.info.files = row.get<std::string>(5);
            r.ingested_at = row.get<std::string>(6);
            r.info.rows_read = static_cast<uint64_t>(storage::get_int64(row, 7));
            r.info.rows_kept = static_cast<uint64_t>(storage::get_int64(row, 8));
            r.info.rows_out_of_scope = static_cast<uint64_t>(storage::get_int64(row, 9));
            r.info.rows_rejected = static_cast<uint64_t>(storage::get_int64(row, 10));
            r.info.fields_set_aside = static_cast<uint64_t>(storage::get_int64(row, 11));
            r.series = static_cast<uint64_t>(storage::get_int64(row, 12));
            out.push_back(std::move(r));
        }
        for (auto& r : out) {
            const auto id = static_cast<long long>(r.id);
            soci::rowset<std::string> measures =
                (m_db.session().prepare
                     << "SELECT DISTINCT measure FROM release_series WHERE release_id = :id ORDER BY measure",
                 soci::use(id));
            for (const auto& m : measures) r.measures.push_back(m);
        }
        return out;
    } catch (const soci::soci_error& e) {
        return db_error(m_db, e);
    }
}

Result<StoredRelease> ReleaseStore::pick_release(Measure m, Basis b, std::optional<Date> release_date,
                                                 const std::string& source,
                                                 const std::vector<std::string>& municipalities) {
    auto all = list();
    if (!all) return all.error();
    const std::string mn(measure_name(m)), bn(basis_name(b));
    std::vector<const StoredRelease*> candidates;
    for (const auto& r : *all) {
        if (!source.empty() && r.info.source != source) continue;
        if (release_date && r.info.release_date != *release_date) continue;
        if (std::find(r.measures.begin(), r.measures.end(), mn) == r.measures.end()) continue;
        candidates.push_back(&r);
    }
    if (candidates.empty()) {
        return make_error(ErrorCode::not_found,
                          fmt::format("no stored release{}{} holds measure '{}' by {}",
                                      release_date ? " of " + release_date->iso() : std::string(),
                                      source.empty() ? std::string() : " from source " + source, mn, bn));
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const auto* x, const auto* y) {
        return x->info.release_date != y->info.release_date
                   ? x->info.release_date > y->info.release_date
                   : x->info.source == "ssa" && y->info.source != "ssa";
    });
    if (release_date) return *candidates.front();
    try {
        const std::set<std::string> wanted(municipalities.begin(), municipalities.end());
        for (const auto* r : candidates) {
            const auto id = static_cast<long long>(r->id);
            soci::rowset<std::string> held =
                (m_db.session().prepare
                     << "SELECT municipality FROM release_series WHERE release_id = :id AND "
                        "measure = :m AND basis = :b",
                 soci::use(id), soci::use(mn), soci::use(bn));
            for (const auto& code : held) {
                if (wanted.count(code)) return *r;
            }
        }
    } catch (const soci::soci_error& e) {
        return db_error(m_db, e);
    }
    return *candidates.front();
}

Result<std::vector<SeriesRecord>> ReleaseStore::load(int64_t release_id, Measure m, Basis b,
                                                     const std::vector<std::string>& municipalities,
                                                     bool with_cells) {
    try {
        const std::set<std::string> wanted(municipalities.begin(), municipalities.end());
        const std::string mn(measure_name(m)), bn(basis_name(b));
        const auto id = static_cast<long long>(release_id);
        std::vector<SeriesRecord> out;
        std::string select = std::string("SELECT municipality, first_date, daily, ") +
                             (with_cells ? "cells" : "''") +
                             " FROM release_series WHERE release_id = :id AND measure = :m AND basis = :b";
        const std::string only = municipalities.size() == 1 ? municipalities.front() : std::string();
        if (!only.empty()) select += " AND municipality = :mu";
        soci::rowset<soci::row> rows =
            only.empty() ? (m_db.session().prepare << select, soci::use(id), soci::use(mn), soci::use(bn))
                         : (m_db.session().prepare << select, soci::use(id), soci::use(mn), soci::use(bn),
                            soci::use(only));
        for (const auto& row : rows) {
            SeriesRecord s;
            s.municipality = row.get<std::string>(0);
            if (!wanted.count(s.municipality)) continue;
            s.measure = m;
            s.basis = b;
            auto first = Date::parse_iso(row.get<std::string>(1));
            auto daily = decode_daily(row.get<std::string>(2));
            if (!first || !daily) return make_error(ErrorCode::database, "stored series is corrupt");
            s.first = *first;
            s.daily = std::move(*daily);
            if (with_cells) {
                auto cells = decode_cells(row.get<std::string>(3));
                if (!cells) return cells.error();
                s.cells = std::move(*cells);
            }
            out.push_back(std::move(s));
        }
        return out;
    } catch (const soci::soci_error& e) {
        return db_error(m_db, e);
    }
}

}  // namespace metropoli::analysis
