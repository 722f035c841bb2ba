// SPDX-License-Identifier: MIT
// Persistence of the region model: `init --region` saves it; every other command reads it back, so a
// database is self-contained once initialised.
#pragma once

#include "core/clock.hpp"
#include "core/region.hpp"
#include "storage/database.hpp"

namespace metropoli::storage {

// Replaces the stored jurisdictions, metro-zone membership and active region with `region`, atomically;
// the region's loaded_at is `clock`'s time.
Status save_region(Database& db, const Region& region, const Clock& clock = system_clock());

// Reads the active region back. not_found when the database was never initialised with a region.
Result<Region> load_stored_region(Database& db);

}  // namespace metropoli::storage
