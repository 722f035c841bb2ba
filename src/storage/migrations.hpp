// SPDX-License-Identifier: MIT
// Versioned schema migrations. Each module contributes its own list; `migrate` applies, in version order,
// those not yet recorded in `schema_migrations`, each in its own transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "storage/database.hpp"

namespace metropoli::storage {

// One SQL statement of a migration, executed whole: it is never split, so it may hold ';' inside a SQLite
// trigger body (BEGIN ...; END) or a PostgreSQL dollar-quoted function body ($$ ...; $$). It must be exactly
// one statement (on SQLite a second one is refused rather than silently skipped) and must not hold ":name"
// outside quotes (SOCI would read it as a bound parameter). The placeholder {{serial_pk}} is an
// auto-increment integer primary key, rendered per engine. A statement made by sqlite_only/postgresql_only
// runs on that engine alone.
struct Statement {
    Statement(const char* text) : sql(text) {}  // NOLINT(google-explicit-constructor): listed as literals
    Statement(std::string text) : sql(std::move(text)) {}  // NOLINT(google-explicit-constructor)
    std::string sql;
    std::optional<Engine> only;  // nullopt: both engines
};
Statement sqlite_only(std::string sql);
Statement postgresql_only(std::string sql);

// One schema step: its statements run in order in one transaction.
struct Migration {
    int version;  // unique across modules: core/storage 100-199, analysis 200-299, ...; never renumbered
    std::string name;
    std::vector<Statement> statements;
};

// Applies every pending migration (every version not recorded, whatever its place in the order), recording
// each with `clock`'s time; returns how many ran. A database whose highest version is newer than every
// migration here is an error (it was made by a newer Metrópoli).
Result<int> migrate(Database& db, std::vector<Migration> migrations, const Clock& clock = system_clock());

// The highest applied version, or 0 for a database without migrations. Only reads.
Result<int> schema_version(Database& db);

// The versions in `migrations` not yet applied to `db`, ascending. Only reads.
Result<std::vector<int>> pending_versions(Database& db, const std::vector<Migration>& migrations);

// The highest version in `migrations` (0 when empty): the schema version this program expects.
int latest_version(const std::vector<Migration>& migrations);

// The migrations owned by storage: jurisdictions, metro members and regions (101); the append-only audit
// log (102, see audit_log.hpp).
std::vector<Migration> storage_migrations();

}  // namespace metropoli::storage
