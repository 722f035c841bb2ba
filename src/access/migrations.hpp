// SPDX-License-Identifier: MIT
// The schema access owns (versions 300-399): organisations, people, accounts, role grants (310); sessions,
// API tokens, login throttling (311). Applied with every other module's by app::open_database.
#pragma once

#include <string>
#include <vector>

#include "storage/migrations.hpp"

namespace metropoli::access {

std::vector<storage::Migration> access_migrations();

// The tables of access whose writes deliberately do not bump the data generation (they change on every
// request: sessions, api_tokens, login_failures), for storage::tables_without_generation_triggers.
const std::vector<std::string>& tables_outside_generation();

}  // namespace metropoli::access
