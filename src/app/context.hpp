// SPDX-License-Identifier: MIT
// The application context an entry point works with: the data paths, the database and the stored region.
#pragma once

#include <memory>
#include <string>

#include "core/region.hpp"
#include "core/region_loader.hpp"
#include "storage/database.hpp"

namespace metropoli::app {

// Where data/ and regions/ are: $METROPOLI_HOME, else the source tree this binary was built from.
DataPaths data_paths();

// Opens the database and brings its schema up to date (all modules' migrations).
Result<std::unique_ptr<storage::Database>> open_database(const std::string& url);

// `metropoli init`: migrate, then load and store the region preset `region_id` (or a preset file path).
Result<Region> initialise(storage::Database& db, const std::string& region_id_or_file);

// Opens an initialised database and reads its region back.
struct Context {
    std::unique_ptr<storage::Database> db;
    Region region;
};
Result<Context> open_context(const std::string& url);

}  // namespace metropoli::app
