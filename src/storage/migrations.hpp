// SPDX-License-Identifier: MIT
// Versioned schema migrations. Each module contributes its own list; `migrate` applies, in version order,
// those not yet recorded in `schema_migrations`, each in its own transaction.
#pragma once

#include <string>
#include <vector>

#include "storage/database.hpp"

namespace metropoli::storage {

// One schema step. `sql` holds statements separated by ";" and may use the placeholder {{serial_pk}} for an
// auto-increment integer primary key, rendered per engine.
struct Migration {
    int version;  // unique across modules: core/storage 100-199, analysis 200-299, ...
    std::string name;
    std::string sql;
};

// Applies every pending migration; returns how many ran. A migration newer than this program is an error
// (the database was made by a newer Metrópoli).
Result<int> migrate(Database& db, std::vector<Migration> migrations);

// The highest applied version, or 0 for a database without migrations. Only reads.
Result<int> schema_version(Database& db);

// The highest version in `migrations` (0 when empty): the schema version this program expects.
int latest_version(const std::vector<Migration>& migrations);

// The migrations owned by storage (jurisdictions, metro members, regions).
std::vector<Migration> storage_migrations();

}  // namespace metropoli::storage
