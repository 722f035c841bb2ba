// SPDX-License-Identifier: MIT
// SQL for the feeds, the same on SQLite and PostgreSQL.
#include "analysis/feeds/feed_store.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "storage/data_generation.hpp"

namespace metropoli::analysis {

std::string_view feed_name(Feed feed) {
    switch (feed) {
        case Feed::hospital:
            return "hospital";
        case Feed::mobility:
            return "mobility";
        case Feed::economy:
            return "economy";
    }
    return "?";
}

std::optional<Feed> parse_feed(std::string_view name) {
    for (Feed f : {Feed::hospital, Feed::mobility, Feed::economy}) {
        if (feed_name(f) == name) return f;
    }
    return std::nullopt;
}

const std::vector<FeedMetric>& feed_metrics() {
    static const std::vector<FeedMetric> k_metrics = {
        {"irag_general_pct", Feed::hospital, "percent", true},
        {"irag_icu_pct", Feed::hospital, "percent", true},
        {"irag_ventilator_pct", Feed::hospital, "percent", true},
        {"irag_general_occupied", Feed::hospital, "beds", false},
        {"irag_general_available", Feed::hospital, "beds", false},
        {"irag_general_total", Feed::hospital, "beds", false},
        {"irag_ventilator_occupied", Feed::hospital, "beds", false},
        {"irag_ventilator_available", Feed::hospital, "beds", false},
        {"irag_ventilator_total", Feed::hospital, "beds", false},
        {"mobility_retail_and_recreation", Feed::mobility, "percent change from baseline", false},
        {"mobility_grocery_and_pharmacy", Feed::mobility, "percent change from baseline", false},
        {"mobility_parks", Feed::mobility, "percent change from baseline", false},
        {"mobility_transit_stations", Feed::mobility, "percent change from baseline", false},
        {"mobility_workplaces", Feed::mobility, "percent change from baseline", false},
        {"mobility_residential", Feed::mobility, "percent change from baseline", false},
        {"imss_insured", Feed::economy, "insured workers", false},
    };
    return k_metrics;
}

const FeedMetric* find_feed_metric(std::string_view name) {
    for (const auto& m : feed_metrics()) {
        if (m.name == name) return &m;
    }
    return nullptr;
}

namespace {
// Migration 204: every write to the feed tables bumps the data generation (storage/data_generation.hpp).
storage::Migration generation_migration() {
    storage::Migration m{204, "feeds count in the data generation", {}};
    for (const char* table : {"feed_files", "feed_values", "feed_units"}) {
        for (auto& s : storage::generation_triggers(table)) m.statements.push_back(std::move(s));
    }
    return m;
}
}  // namespace

std::vector<storage::Migration> feed_migrations() {
    return {
        {202,
         "context feeds: hospital occupancy, mobility, economy",
         {R"(
CREATE TABLE feed_files (
    id {{serial_pk}},
    feed TEXT NOT NULL CHECK (feed IN ('hospital', 'mobility', 'economy')),
    source_file TEXT NOT NULL,
    path TEXT NOT NULL,
    layout TEXT NOT NULL,
    first_date TEXT NOT NULL,
    last_date TEXT NOT NULL,
    rows_read BIGINT NOT NULL,
    rows_kept BIGINT NOT NULL,
    ingested_at TEXT NOT NULL,
    UNIQUE (feed, source_file)))",
          R"(
CREATE TABLE feed_values (
    file_id BIGINT NOT NULL REFERENCES feed_files (id) ON DELETE CASCADE,
    metric TEXT NOT NULL,
    jurisdiction TEXT NOT NULL,
    unit TEXT NOT NULL,
    day TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (file_id, metric, jurisdiction, unit, day)))",
          "CREATE INDEX feed_values_by_place ON feed_values (metric, jurisdiction, unit, day)",
          "CREATE INDEX feed_values_by_unit ON feed_values (metric, unit, day)",
          R"(
CREATE TABLE feed_units (
    file_id BIGINT NOT NULL REFERENCES feed_files (id) ON DELETE CASCADE,
    unit TEXT NOT NULL,
    jurisdiction TEXT NOT NULL,
    name TEXT NOT NULL,
    institution TEXT NOT NULL,
    PRIMARY KEY (file_id, unit)))"}},
        generation_migration(),
    };
}

namespace {

Error db_error(storage::Database& db, const soci::soci_error& e) {
    return make_error(ErrorCode::database,
                      fmt::format("database {}: {}", db.display_url(), e.get_error_message()));
}

// A DOUBLE PRECISION column whatever type the engine reports (SQLite decides per value and declared type;
// PostgreSQL gives double).
double get_double(const soci::row& row, std::size_t column) {
    switch (row.get_properties(column).get_data_type()) {
        case soci::dt_double:
            return row.get<double>(column);
        case soci::dt_integer:
            return row.get<int>(column);
        case soci::dt_long_long:
            return static_cast<double>(row.get<long long>(column));
        case soci::dt_unsigned_long_long:
            return static_cast<double>(row.get<unsigned long long>(column));
        case soci::dt_string:
            return std::stod(row.get<std::string>(column));
        default:
            throw soci::soci_error("column " + std::to_string(column) + " is not a number");
    }
}

}  // namespace

Result<uint64_t> FeedStore::replace_file(const FeedFile& file, const std::vector<FeedValue>& values,
                                         const std::vector<FeedUnit>& units) {
    uint64_t written = 0;
    auto status = m_db.transaction([&]() -> Status {
        auto& sql = m_db.session();
        const std::string feed(feed_name(file.feed));
        long long id = 0;
        sql << "SELECT id FROM feed_files WHERE feed = :f AND source_file = :s", soci::use(feed),
            soci::use(file.source_file), soci::into(id);
        if (sql.got_data()) {
            sql << "DELETE FROM feed_values WHERE file_id = :id", soci::use(id);
            sql << "DELETE FROM feed_units WHERE file_id = :id", soci::use(id);
            sql << "DELETE FROM feed_files WHERE id = :id", soci::use(id);
        }
        const std::string first = file.first_date.iso(), last = file.last_date.iso();
        const auto rows_read = static_cast<long long>(file.rows_read),
                   rows_kept = static_cast<long long>(file.rows_kept);
        const std::string ingested_at = m_clock.now_iso();
        sql << "INSERT INTO feed_files (feed, source_file, path, layout, first_date, last_date, rows_read, "
               "rows_kept, "
               "ingested_at) VALUES (:f, :s, :p, :l, :a, :b, :r, :k, :at)",
            soci::use(feed), soci::use(file.source_file), soci::use(file.path), soci::use(file.layout),
            soci::use(first), soci::use(last), soci::use(rows_read), soci::use(rows_kept),
            soci::use(ingested_at);
        sql << "SELECT id FROM feed_files WHERE feed = :f AND source_file = :s", soci::use(feed),
            soci::use(file.source_file), soci::into(id);

        std::string metric, jurisdiction, unit, day;
        double value = 0;
        soci::statement insert =
            (sql.prepare << "INSERT INTO feed_values (file_id, metric, jurisdiction, unit, day, value) "
                            "VALUES (:id, :m, :j, :u, :d, :v)",
             soci::use(id), soci::use(metric), soci::use(jurisdiction), soci::use(unit), soci::use(day),
             soci::use(value));
        for (const auto& v : values) {
            metric = v.metric;
            jurisdiction = v.jurisdiction;
            unit = v.unit;
            day = v.date.iso();
            value = v.value;
            insert.execute(true);
            ++written;
        }
        std::string name, institution;
        soci::statement insert_unit =
            (sql.prepare << "INSERT INTO feed_units (file_id, unit, jurisdiction, name, institution) "
                            "VALUES (:id, :u, :j, :n, :i)",
             soci::use(id), soci::use(unit), soci::use(jurisdiction), soci::use(name),
             soci::use(institution));
        for (const auto& u : units) {
            unit = u.code;
            jurisdiction = u.jurisdiction;
            name = u.name;
            institution = u.institution;
            insert_unit.execute(true);
        }
        return ok_status();
    });
    if (!status) return status.error();
    return written;
}

Result<std::vector<StoredFeedFile>> FeedStore::list() {
    try {
        std::vector<StoredFeedFile> out;
        soci::rowset<soci::row> rows =
            (m_db.session().prepare
             << "SELECT f.id, f.feed, f.source_file, f.path, f.layout, f.first_date, f.last_date, "
                "f.rows_read, "
                "f.rows_kept, f.ingested_at, (SELECT COUNT(*) FROM feed_values v WHERE v.file_id = f.id) "
                "FROM feed_files f ORDER BY f.feed, f.source_file");
        for (const auto& row : rows) {
            StoredFeedFile f;
            f.id = storage::get_int64(row, 0);
            f.file.feed = parse_feed(row.get<std::string>(1)).value_or(Feed::hospital);
            f.file.source_file = row.get<std::string>(2);
            f.file.path = row.get<std::string>(3);
            f.file.layout = row.get<std::string>(4);
            f.file.first_date = Date::parse_iso(row.get<std::string>(5)).value_or(Date{});
            f.file.last_date = Date::parse_iso(row.get<std::string>(6)).value_or(Date{});
            f.file.rows_read = static_cast<uint64_t>(storage::get_int64(row, 7));
            f.file.rows_kept = static_cast<uint64_t>(storage::get_int64(row, 8));
            f.ingested_at = row.get<std::string>(9);
            f.values = static_cast<uint64_t>(storage::get_int64(row, 10));
            out.push_back(std::move(f));
        }
        return out;
    } catch (const soci::soci_error& e) {
        return db_error(m_db, e);
    }
}

Result<std::vector<FeedValue>> FeedStore::load(const std::string& metric,
                                               const std::vector<std::string>& jurisdictions,
                                               const std::string& unit, std::optional<Date> from,
                                               std::optional<Date> to) {
    // ISO dates compare as text; these bounds hold every real date.
    const std::string lo = from ? from->iso() : std::string("0000-00-00");
    const std::string hi = to ? to->iso() : std::string("9999-99-99");
    std::vector<FeedValue> out;
    auto read = [&](soci::rowset<soci::row>& rows) -> Status {
        for (const auto& row : rows) {
            FeedValue v;
            v.jurisdiction = row.get<std::string>(0);
            auto day = Date::parse_iso(row.get<std::string>(1));
            if (!day) return make_error(ErrorCode::database, "stored feed value has a corrupt date");
            v.date = *day;
            v.metric = metric;
            v.unit = unit;
            v.value = get_double(row, 2);
            // Rows come by file id within a point: a later file replaces the earlier one's value.
            if (!out.empty() && out.back().jurisdiction == v.jurisdiction && out.back().date == v.date) {
                out.back() = std::move(v);
            } else {
                out.push_back(std::move(v));
            }
        }
        return ok_status();
    };
    try {
        const std::string select =
            "SELECT jurisdiction, day, value FROM feed_values WHERE metric = :m AND unit = :u AND day >= :f "
            "AND "
            "day <= :t";
        const std::string order = " ORDER BY jurisdiction, day, file_id";
        if (jurisdictions.empty()) {
            soci::rowset<soci::row> rows = (m_db.session().prepare << select + order, soci::use(metric),
                                            soci::use(unit), soci::use(lo), soci::use(hi));
            if (auto s = read(rows); !s) return s.error();
        } else {
            std::vector<std::string> sorted = jurisdictions;
            std::sort(sorted.begin(), sorted.end());
            sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
            for (const auto& j : sorted) {
                soci::rowset<soci::row> rows =
                    (m_db.session().prepare << select + " AND jurisdiction = :j" + order, soci::use(metric),
                     soci::use(unit), soci::use(lo), soci::use(hi), soci::use(j));
                if (auto s = read(rows); !s) return s.error();
            }
        }
        return out;
    } catch (const soci::soci_error& e) {
        return db_error(m_db, e);
    } catch (const std::exception& e) {
        return make_error(ErrorCode::database, fmt::format("stored feed value is corrupt: {}", e.what()));
    }
}

Result<std::vector<std::string>> FeedStore::holders(const std::string& metric) {
    try {
        std::vector<std::string> out;
        soci::rowset<std::string> rows =
            (m_db.session().prepare
                 << "SELECT DISTINCT jurisdiction FROM feed_values WHERE metric = :m AND unit = '' "
                    "ORDER BY jurisdiction",
             soci::use(metric));
        for (const auto& j : rows) out.push_back(j);
        return out;
    } catch (const soci::soci_error& e) {
        return db_error(m_db, e);
    }
}

Result<std::optional<FeedUnit>> FeedStore::unit(const std::string& code) {
    try {
        soci::rowset<soci::row> rows =
            (m_db.session().prepare
                 << "SELECT unit, jurisdiction, name, institution FROM feed_units WHERE unit = :u "
                    "ORDER BY file_id DESC",
             soci::use(code));
        for (const auto& row : rows) {
            return std::optional<FeedUnit>(FeedUnit{row.get<std::string>(0), row.get<std::string>(1),
                                                    row.get<std::string>(2), row.get<std::string>(3)});
        }
        return std::optional<FeedUnit>();
    } catch (const soci::soci_error& e) {
        return db_error(m_db, e);
    }
}

}  // namespace metropoli::analysis
