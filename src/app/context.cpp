// SPDX-License-Identifier: MIT
// Opening and initialising Metrópoli databases.
#include "app/context.hpp"

#include <cstdlib>
#include <filesystem>

#include "analysis/feed_store.hpp"
#include "analysis/release_store.hpp"
#include "storage/migrations.hpp"
#include "storage/region_store.hpp"

namespace metropoli::app {

DataPaths data_paths() {
    if (const char* home = std::getenv("METROPOLI_HOME"); home && *home) return DataPaths{home};
    return DataPaths{METROPOLI_SOURCE_DIR};
}

Result<std::unique_ptr<storage::Database>> open_database(const std::string& url) {
    auto db = storage::Database::open(url);
    if (!db) return db.error();
    auto owned = std::make_unique<storage::Database>(std::move(*db));
    auto migrations = storage::storage_migrations();
    for (auto& m : analysis::analysis_migrations()) migrations.push_back(std::move(m));
    for (auto& m : analysis::feed_migrations()) migrations.push_back(std::move(m));
    auto applied = storage::migrate(*owned, migrations);
    if (!applied) return applied.error();
    return owned;
}

Result<Region> initialise(storage::Database& db, const std::string& region) {
    const auto paths = data_paths();
    auto loaded = std::filesystem::exists(region) && !std::filesystem::is_directory(region)
                      ? load_region_file(region, paths)
                      : load_region(region, paths);
    if (!loaded) return loaded.error();
    if (auto saved = storage::save_region(db, *loaded); !saved) return saved.error();
    return loaded;
}

Result<Context> open_context(const std::string& url) {
    auto db = open_database(url);
    if (!db) return db.error();
    auto region = storage::load_stored_region(**db);
    if (!region) return region.error();
    return Context{std::move(*db), std::move(*region)};
}

}  // namespace metropoli::app
