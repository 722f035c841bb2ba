// SPDX-License-Identifier: MIT
// The schema homologation owns (versions 500-599; 520 and above belong to the activity rules): the coded
// observations, their sources, notes and daily facts, and the index values OxCGRT published (500,
// schema_observations.cpp; 510, schema_extensions.cpp). Applied with every other module's by
// app::open_database.
#pragma once

#include <vector>

#include "storage/migrations.hpp"

namespace metropoli::homologation {

std::vector<storage::Migration> homologation_migrations();
// Migration 510 (schema_extensions.cpp): an observation's local extensions, the municipalities a targeted one
// names, its unverified mark, and a metro body's members. Part of homologation_migrations().
storage::Migration local_extensions_migration();

// 560 (schema_review.cpp): the review columns of policy_observations; part of homologation_migrations().
storage::Migration observation_review_migration();

}  // namespace metropoli::homologation
