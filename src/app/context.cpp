// SPDX-License-Identifier: MIT
// Opening and initialising Metrópoli databases.
#include "app/context.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "access/migrations.hpp"
#include "access/organisations.hpp"
#include "analysis/feeds/feed_store.hpp"
#include "analysis/releases/release_store.hpp"
#include "coordination/agreements.hpp"
#include "coordination/bodies.hpp"
#include "coordination/convenio.hpp"
#include "coordination/meetings.hpp"
#include "coordination/migrations.hpp"
#include "coordination/minutes.hpp"
#include "homologation/activity_rules.hpp"
#include "homologation/decisions.hpp"
#include "homologation/declared_colours.hpp"
#include "homologation/migrations.hpp"
#include "homologation/observations.hpp"
#include "homologation/policy_seed.hpp"
#include "metropoli_source_dir.hpp"
#include "storage/migrations.hpp"
#include "storage/region_store.hpp"

namespace metropoli::app {

DataPaths data_paths() {
    if (const char* home = std::getenv("METROPOLI_HOME"); home && *home) return DataPaths{home};
    return DataPaths{METROPOLI_SOURCE_DIR};
}

namespace {

std::vector<storage::Migration> all_migrations() {
    auto migrations = storage::storage_migrations();
    for (auto& m : analysis::analysis_migrations()) migrations.push_back(std::move(m));
    for (auto& m : analysis::feed_migrations()) migrations.push_back(std::move(m));
    for (auto& m : access::access_migrations()) migrations.push_back(std::move(m));
    for (auto& m : coordination::coordination_migrations()) migrations.push_back(std::move(m));
    for (auto& m : homologation::homologation_migrations()) migrations.push_back(std::move(m));
    for (auto& m : homologation::activity_rule_migrations()) migrations.push_back(std::move(m));
    for (auto& m : homologation::declared_colour_migrations()) migrations.push_back(std::move(m));
    for (auto& m : homologation::decision_migrations()) migrations.push_back(std::move(m));
    return migrations;
}

Error not_initialised(const storage::Database& db) {
    return make_error(
        ErrorCode::not_found,
        fmt::format("database {} is not initialised (run `metropoli init` first)", db.display_url()));
}

// A read whose database needs migrations: they run through a writable connection, closed again after.
Status upgrade_for_reading(const std::string& url, const std::string& shown, int current, int latest,
                           const std::vector<int>& pending) {
    auto migrated = [&]() -> Status {
        auto writable = storage::Database::open(url, storage::Access::write);
        if (!writable) return writable.error();
        if (auto applied = storage::migrate(*writable, all_migrations()); !applied) return applied.error();
        return ok_status();
    }();
    if (migrated) return migrated;
    const std::string why =
        storage::sqlite_file_read_only(url)
            ? "it is read-only (run any metropoli command on it once with write access to upgrade it)"
            : migrated.error().message;
    return make_error(
        ErrorCode::conflict,
        fmt::format("database {} has schema version {} and this program needs {} (migrations {} "
                    "not applied), but the migrations cannot run: {}",
                    shown, current, latest, fmt::join(pending, ", "), why));
}

// The stored region as the audit log shows it, or null before the first `init`.
Result<nlohmann::json> stored_region_state(storage::Database& db) {
    auto region = storage::load_stored_region(db);
    if (!region) {
        if (region.error().code == ErrorCode::not_found) return nlohmann::json();
        return region.error();
    }
    return nlohmann::json{{"region", region->id},
                          {"name", region->name},
                          {"states", region->states},
                          {"metro_zones", region->metro_zones},
                          {"jurisdictions", region->jurisdictions.size()}};
}

}  // namespace

Result<std::unique_ptr<storage::Database>> open_database(const std::string& url, storage::Access access) {
    auto db = storage::Database::open(url, access);
    if (!db) return db.error();
    auto owned = std::make_unique<storage::Database>(std::move(*db));
    const auto migrations = all_migrations();
    const int latest = storage::latest_version(migrations);
    auto current = storage::schema_version(*owned);
    if (!current) return current.error();
    // Pending by version, not by the highest: a module may add a migration below another module's latest.
    auto pending = storage::pending_versions(*owned, migrations);
    if (!pending) return pending.error();
    if (*current > latest) {
        return make_error(ErrorCode::conflict,
                          fmt::format("database {} has schema version {}, newer than this program's {}",
                                      owned->display_url(), *current, latest));
    }
    if (pending->empty()) return owned;
    if (access != storage::Access::create && *current == 0) return not_initialised(*owned);
    if (access == storage::Access::read) {
        const std::string shown = owned->display_url();
        owned.reset();
        if (auto s = upgrade_for_reading(url, shown, *current, latest, *pending); !s) return s.error();
        auto reopened = storage::Database::open(url, access);
        if (!reopened) return reopened.error();
        return std::make_unique<storage::Database>(std::move(*reopened));
    }
    auto applied = storage::migrate(*owned, migrations);
    if (!applied) return applied.error();
    return owned;
}

Result<Region> initialise(storage::Database& db, const std::string& region, const access::Attribution& by,
                          const Clock& clock) {
    const auto paths = data_paths();
    auto loaded = std::filesystem::exists(region) && !std::filesystem::is_directory(region)
                      ? load_region_file(region, paths)
                      : load_region(region, paths);
    if (!loaded) return loaded.error();
    auto saved = db.transaction([&]() -> Status {
        TRY_ASSIGN(before, stored_region_state(db));
        TRY(storage::save_region(db, *loaded, clock));
        TRY_ASSIGN(after, stored_region_state(db));
        access::AuditEntry entry{"region.init", "region", loaded->id, access::diff_of(before, after)};
        return access::audit(db, clock, by.actor, by.request_id, entry);
    });
    if (!saved) return saved.error();
    // The organisations the region's source names (La Laguna's Mesa de Salud), once, as `system`.
    if (auto seeded = access::seed_organisations(db, clock, loaded->id); !seeded) return seeded.error();
    // Coordinar's preset, in that order, each once: the Mesa de Salud and its seats, its example meeting of 4
    // May 2020, that meeting's approved example minutes, a handful of example agreements decided in it, and
    // the example convenio (a draft for the Mesa to edit, never a signed document).
    if (auto seeded = coordination::seed_bodies(db, clock, loaded->id); !seeded) return seeded.error();
    if (auto seeded = coordination::seed_meetings(db, clock, loaded->id); !seeded) return seeded.error();
    if (auto seeded = coordination::seed_example_minutes(db, clock, loaded->id); !seeded)
        return seeded.error();
    if (auto seeded = coordination::seed_example_agreements(db, clock, loaded->id); !seeded)
        return seeded.error();
    if (auto seeded = coordination::seed_example_convenio(db, clock, loaded->id); !seeded)
        return seeded.error();
    // Homologar's preset: the activity catalogue, the federal 2020 semáforo baseline and La Laguna's state
    // and municipal rules of 2020 (data/activity_rules/), in one transaction, once.
    if (auto seeded =
            homologation::seed_activity_rules(db, clock, loaded->id, paths.data_dir() + "/activity_rules");
        !seeded)
        return seeded.error();
    // The declared semáforo colours: the federal colour of the region's states from both compilations and the
    // states' own declarations (data/semaforo/), in one transaction, once.
    if (auto seeded = homologation::seed_declared_colours(db, clock, *loaded, paths.data_dir() + "/semaforo");
        !seeded)
        return seeded.error();
    // The same record coded on the OxCGRT scale (data/policy_laguna_2020/): the region's jurisdictions, the
    // federal semáforo per state colour, Durango's and Coahuila's November 2020 measures and Torreón's,
    // approved, in one transaction, once.
    if (auto seeded = homologation::seed_policy_observations(db, clock, loaded->id,
                                                             paths.data_dir() + "/policy_laguna_2020");
        !seeded)
        return seeded.error();
    // The places observations are coded for: the nation, the region's states, its metro zones and their
    // municipalities (a jurisdiction already registered is left as it is).
    std::vector<homologation::PolicyJurisdiction> coded;
    for (const auto& j : loaded->jurisdictions) {
        const bool state =
            j.kind == JurisdictionKind::state &&
            std::find(loaded->states.begin(), loaded->states.end(), j.code) != loaded->states.end();
        const bool zone = j.kind == JurisdictionKind::metro_zone &&
                          std::find(loaded->metro_zones.begin(), loaded->metro_zones.end(), j.code) !=
                              loaded->metro_zones.end();
        if (j.kind == JurisdictionKind::nation) coded.push_back({j.code, j.name, "federal", {}});
        if (state) coded.push_back({j.code, j.name, "state", {}});
        if (zone) coded.push_back({j.code, j.name, "metro_body", j.members});
    }
    for (const auto& zone : loaded->metro_zones)
        if (const Jurisdiction* z = loaded->find(zone))
            for (const auto& m : z->members)
                if (const Jurisdiction* member = loaded->find(m))
                    coded.push_back({member->code, member->name, "municipality", {}});
    if (auto registered = homologation::register_policy_jurisdictions(db, clock, coded); !registered)
        return registered.error();
    // The example harmonised decision: the Mesa's metropolitan curfew of November 2020, voted in an example
    // meeting of 10 November and carried, with the agreements it created (decision_seed.cpp), once.
    if (auto seeded = homologation::seed_example_decision(db, clock, loaded->id); !seeded)
        return seeded.error();
    return loaded;
}

Result<Context> open_context(const std::string& url, storage::Access access) {
    auto db = open_database(url, access);
    if (!db) return db.error();
    auto region = storage::load_stored_region(**db);
    if (!region) return region.error();
    return Context{std::move(*db), std::move(*region)};
}

}  // namespace metropoli::app
