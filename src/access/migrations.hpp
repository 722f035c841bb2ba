// SPDX-License-Identifier: MIT
// The schema access owns (versions 300-399): organisations, people, accounts, role grants, sessions, API
// tokens, login throttling. Applied with every other module's by app::open_database.
#pragma once

#include <vector>

#include "storage/migrations.hpp"

namespace metropoli::access {

std::vector<storage::Migration> access_migrations();

}  // namespace metropoli::access
