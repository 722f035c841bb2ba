// SPDX-License-Identifier: MIT
// The application context an entry point works with: the data paths, the database and the stored region.
#pragma once

#include <memory>
#include <string>

#include "access/audit.hpp"
#include "core/clock.hpp"
#include "core/region.hpp"
#include "core/region_loader.hpp"
#include "storage/database.hpp"

namespace metropoli::app {

// Where data/ and regions/ are: $METROPOLI_HOME, else the source tree this binary was built from.
DataPaths data_paths();

// Opens the database for `access` with this program's schema (every module's migrations):
// - create (`init`, `demo`): a missing SQLite file is created; pending migrations are applied.
// - write (ingest): the database must exist and have been initialised; pending migrations are applied.
// - read (every other command): the database must exist and have been initialised, and nothing is written
//   when its schema is current. Pending migrations are applied through a writable connection first; on a
//   read-only database they are a conflict error saying so.
// A missing or uninitialised database is a not_found error telling to run `metropoli init`.
Result<std::unique_ptr<storage::Database>> open_database(const std::string& url,
                                                         storage::Access access = storage::Access::create);

// `metropoli init`: load the region preset `region_id` (or a preset file path) and store it, with its audit
// entry by `by` in the same transaction: action "region.init", entity "region:ID", the diff of the stored
// region (id, name, jurisdictions, metro zones) before and after. Then the region's seeds, each once, as the
// system: its organisations (access), and Coordinar's bodies, example meeting and example minutes.
Result<Region> initialise(storage::Database& db, const std::string& region_id_or_file,
                          const access::Attribution& by = {}, const Clock& clock = system_clock());

// Opens an initialised database (as open_database) and reads its region back.
struct Context {
    std::unique_ptr<storage::Database> db;
    Region region;
};
Result<Context> open_context(const std::string& url, storage::Access access = storage::Access::read);

}  // namespace metropoli::app
