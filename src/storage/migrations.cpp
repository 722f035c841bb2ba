// SPDX-License-Identifier: MIT
// The migration runner and the storage module's own schema.
#include "storage/migrations.hpp"

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>

#include "storage/audit_log.hpp"
#include "storage/data_generation.hpp"

namespace metropoli::storage {

namespace {

std::string render(const std::string& sql, Engine engine) {
    std::string out = sql;
    const std::string placeholder = "{{serial_pk}}";
    const std::string replacement =
        engine == Engine::sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
    for (size_t pos; (pos = out.find(placeholder)) != std::string::npos;)
        out.replace(pos, placeholder.size(), replacement);
    return out;
}

std::string first_line(const std::string& sql) {
    const auto start = std::min(sql.find_first_not_of(" \t\r\n"), sql.size());
    return sql.substr(start, sql.find('\n', start) - start);
}

Error several_statements(const std::string& sql) {
    return make_error(
        ErrorCode::internal,
        fmt::format("a migration statement holds more than one statement (give each its own string): {}",
                    first_line(sql)));
}

// SQLite prepares only the first statement of a text and ignores the rest, so a second one would be lost
// without a word. A text SQLite cannot prepare at all is left for execute() to report.
Status check_one_sqlite_statement(Database& db, const std::string& sql) {
    auto* conn = static_cast<soci::sqlite3_session_backend*>(db.session().get_backend())->conn_;
    sqlite_api::sqlite3_stmt* first = nullptr;
    const char* tail = nullptr;
    const int rc =
        sqlite_api::sqlite3_prepare_v2(conn, sql.c_str(), static_cast<int>(sql.size()), &first, &tail);
    sqlite_api::sqlite3_finalize(first);
    if (rc != SQLITE_OK) return ok_status();
    // Whitespace and comments prepare to no statement at all.
    sqlite_api::sqlite3_stmt* second = nullptr;
    const bool more = sqlite_api::sqlite3_prepare_v2(conn, tail, -1, &second, nullptr) != SQLITE_OK || second;
    sqlite_api::sqlite3_finalize(second);
    return more ? Status(several_statements(sql)) : ok_status();
}

// PostgreSQL would run every command of a text executed through SOCI; parsing it as an (unnamed) prepared
// statement refuses several. A failed parse aborts the transaction, so its error is the statement's error.
Status check_one_postgresql_statement(Database& db, const std::string& sql) {
    auto* conn = static_cast<soci::postgresql_session_backend*>(db.session().get_backend())->conn_;
    PGresult* parsed = PQprepare(conn, "", sql.c_str(), 0, nullptr);
    const bool ok = PQresultStatus(parsed) == PGRES_COMMAND_OK;
    const std::string why = ok ? std::string() : PQresultErrorMessage(parsed);
    PQclear(parsed);
    if (ok) return ok_status();
    if (why.find("multiple commands") != std::string::npos) return several_statements(sql);
    return make_error(ErrorCode::database,
                      fmt::format("database {}: {} (in: {})", db.display_url(), why, first_line(sql)));
}

// One migration statement is one statement on either engine: a second one in the same text is refused.
Status check_one_statement(Database& db, const std::string& sql) {
    return db.engine() == Engine::sqlite ? check_one_sqlite_statement(db, sql)
                                         : check_one_postgresql_statement(db, sql);
}

Status ensure_table(Database& db) {
    return db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL)");
}

Error db_error(Database& db, const soci::soci_error& e) {
    return make_error(ErrorCode::database,
                      fmt::format("database {}: {}", db.display_url(), e.get_error_message()));
}

}  // namespace

Statement sqlite_only(std::string sql) {
    Statement s(std::move(sql));
    s.only = Engine::sqlite;
    return s;
}

Statement postgresql_only(std::string sql) {
    Statement s(std::move(sql));
    s.only = Engine::postgresql;
    return s;
}

Result<int> schema_version(Database& db) {
    try {
        // Looked up rather than created, so that reading the version never writes.
        int tables = 0;
        if (db.engine() == Engine::sqlite) {
            db.session()
                << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
                soci::into(tables);
        } else {
            db.session()
                << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                   "AND table_name = 'schema_migrations'",
                soci::into(tables);
        }
        if (tables == 0) return 0;
        int version = 0;
        soci::indicator ind;
        db.session() << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
        return ind == soci::i_ok ? version : 0;
    } catch (const soci::soci_error& e) {
        return db_error(db, e);
    }
}

Result<std::vector<int>> pending_versions(Database& db, const std::vector<Migration>& migrations) {
    std::vector<int> pending;
    for (const auto& m : migrations) pending.push_back(m.version);
    std::sort(pending.begin(), pending.end());
    auto current = schema_version(db);
    if (!current) return current.error();
    if (*current == 0) return pending;  // also when the table is missing: nothing to read
    try {
        soci::rowset<int> applied = (db.session().prepare << "SELECT version FROM schema_migrations");
        for (const int v : applied) std::erase(pending, v);
    } catch (const soci::soci_error& e) {
        return db_error(db, e);
    }
    return pending;
}

int latest_version(const std::vector<Migration>& migrations) {
    int latest = 0;
    for (const auto& m : migrations) latest = std::max(latest, m.version);
    return latest;
}

Result<int> migrate(Database& db, std::vector<Migration> migrations, const Clock& clock) {
    std::sort(migrations.begin(), migrations.end(),
              [](const auto& a, const auto& b) { return a.version < b.version; });
    for (size_t i = 1; i < migrations.size(); ++i) {
        if (migrations[i].version == migrations[i - 1].version) {
            return make_error(ErrorCode::internal,
                              fmt::format("two migrations share version {}", migrations[i].version));
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
        db.session() << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(version),
            soci::into(seen);
        return seen > 0;
    };
    int applied = 0;
    for (const auto& m : migrations) {
        try {
            if (applied_already(m.version)) continue;
        } catch (const soci::soci_error& e) {
            return db_error(db, e);
        }
        bool ran = false;
        auto status = db.transaction([&]() -> Status {
            // Checked again inside the write transaction: a second `init` running at the same time waits for
            // the first and then finds the migration applied.
            if (db.engine() == Engine::postgresql)
                db.session() << "LOCK TABLE schema_migrations IN EXCLUSIVE MODE";
            if (applied_already(m.version)) return ok_status();
            for (const auto& statement : m.statements) {
                if (statement.only && *statement.only != db.engine()) continue;
                const std::string sql = render(statement.sql, db.engine());
                if (auto s = check_one_statement(db, sql); !s) return s;
                if (auto s = db.execute(sql); !s) return s;
            }
            const std::string at = clock.now_iso();
            db.session() << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :at)",
                soci::use(m.version), soci::use(m.name), soci::use(at);
            ran = true;
            return ok_status();
        });
        if (!status) {
            return make_error(status.error().code, fmt::format("migration {} ({}): {}", m.version, m.name,
                                                               status.error().message));
        }
        applied += ran ? 1 : 0;
    }
    return applied;
}

std::vector<Migration> storage_migrations() {
    return {
        {101,
         "jurisdictions and regions",
         {R"(
CREATE TABLE jurisdictions (
    code TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('nation', 'state', 'municipality', 'metro_zone')),
    name TEXT NOT NULL,
    state_code TEXT,
    population_census_2020 BIGINT,
    population_conapo_2020 BIGINT,
    geometry TEXT NOT NULL DEFAULT ''))",
          R"(
CREATE TABLE metro_members (
    metro_code TEXT NOT NULL REFERENCES jurisdictions (code) ON DELETE CASCADE,
    municipality_code TEXT NOT NULL REFERENCES jurisdictions (code) ON DELETE CASCADE,
    PRIMARY KEY (metro_code, municipality_code)))",
          R"(
CREATE TABLE regions (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    states TEXT NOT NULL,
    metro_zones TEXT NOT NULL,
    comparisons TEXT NOT NULL,
    loaded_at TEXT NOT NULL))"}},
        audit_log_migration(),
        data_generation_migration(),
        data_generation_once_per_transaction_migration(),
    };
}

}  // namespace metropoli::storage
