// SPDX-License-Identifier: MIT
// The migration runner and the storage module's own schema.
#include "storage/migrations.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace metropoli::storage {

namespace {

std::string render(const std::string& sql, Engine engine) {
    std::string out = sql;
    const std::string placeholder = "{{serial_pk}}";
    const std::string replacement =
        engine == Engine::sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
    for (size_t pos; (pos = out.find(placeholder)) != std::string::npos;) out.replace(pos, placeholder.size(), replacement);
    return out;
}

std::vector<std::string> split_statements(const std::string& sql) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < sql.size()) {
        size_t end = sql.find(';', start);
        if (end == std::string::npos) end = sql.size();
        std::string statement = sql.substr(start, end - start);
        if (statement.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(statement);
        start = end + 1;
    }
    return out;
}

Status ensure_table(Database& db) {
    return db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL)");
}

}  // namespace

Result<int> schema_version(Database& db) {
    try {
        // Looked up rather than created, so that reading the version never writes.
        int tables = 0;
        if (db.engine() == Engine::sqlite) {
            db.session() << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
                soci::into(tables);
        } else {
            db.session() << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                            "AND table_name = 'schema_migrations'",
                soci::into(tables);
        }
        if (tables == 0) return 0;
        int version = 0;
        soci::indicator ind;
        db.session() << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
        return ind == soci::i_ok ? version : 0;
    } catch (const soci::soci_error& e) {
        return make_error(ErrorCode::database, fmt::format("database {}: {}", db.display_url(), e.get_error_message()));
    }
}

int latest_version(const std::vector<Migration>& migrations) {
    int latest = 0;
    for (const auto& m : migrations) latest = std::max(latest, m.version);
    return latest;
}

Result<int> migrate(Database& db, std::vector<Migration> migrations) {
    std::sort(migrations.begin(), migrations.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
    for (size_t i = 1; i < migrations.size(); ++i) {
        if (migrations[i].version == migrations[i - 1].version) {
            return make_error(ErrorCode::internal, fmt::format("two migrations share version {}", migrations[i].version));
        }
    }
    if (auto s = ensure_table(db); !s) return s.error();
    auto current = schema_version(db);
    if (!current) return current.error();
    if (!migrations.empty() && *current > migrations.back().version) {
        return make_error(ErrorCode::conflict,
                          fmt::format("database {} has schema version {}, newer than this program's {}",
                                      db.display_url(), *current, migrations.back().version));
    }
    auto applied_already = [&](int version) {
        int seen = 0;
        db.session() << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(version), soci::into(seen);
        return seen > 0;
    };
    int applied = 0;
    for (const auto& m : migrations) {
        try {
            if (applied_already(m.version)) continue;
        } catch (const soci::soci_error& e) {
            return make_error(ErrorCode::database, e.get_error_message());
        }
        bool ran = false;
        auto status = db.transaction([&]() -> Status {
            // Checked again inside the write transaction: a second `init` running at the same time waits for
            // the first and then finds the migration applied.
            if (db.engine() == Engine::postgresql) db.session() << "LOCK TABLE schema_migrations IN EXCLUSIVE MODE";
            if (applied_already(m.version)) return ok_status();
            for (const auto& statement : split_statements(render(m.sql, db.engine()))) {
                if (auto s = db.execute(statement); !s) return s;
            }
            db.session() << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, "
                            "CURRENT_TIMESTAMP)",
                soci::use(m.version), soci::use(m.name);
            ran = true;
            return ok_status();
        });
        if (!status) {
            return make_error(status.error().code,
                              fmt::format("migration {} ({}): {}", m.version, m.name, status.error().message));
        }
        applied += ran ? 1 : 0;
    }
    return applied;
}

std::vector<Migration> storage_migrations() {
    return {
        {101, "jurisdictions and regions", R"(
CREATE TABLE jurisdictions (
    code TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('nation', 'state', 'municipality', 'metro_zone')),
    name TEXT NOT NULL,
    state_code TEXT,
    population_census_2020 BIGINT,
    population_conapo_2020 BIGINT,
    geometry TEXT NOT NULL DEFAULT '');
CREATE TABLE metro_members (
    metro_code TEXT NOT NULL REFERENCES jurisdictions (code) ON DELETE CASCADE,
    municipality_code TEXT NOT NULL REFERENCES jurisdictions (code) ON DELETE CASCADE,
    PRIMARY KEY (metro_code, municipality_code));
CREATE TABLE regions (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    states TEXT NOT NULL,
    metro_zones TEXT NOT NULL,
    comparisons TEXT NOT NULL,
    loaded_at TEXT NOT NULL)
)"},
    };
}

}  // namespace metropoli::storage
