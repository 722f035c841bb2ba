// SPDX-License-Identifier: MIT
// The schema coordination owns (versions 400-499), one file per concept, each owned by that concept's store:
// bodies, seats and their terms, meetings, agenda, invitations, attendance (400, schema_bodies.cpp); minutes,
// amendments and votes (405, schema_minutes.cpp); agreements, statuses, progress updates and evidence
// documents (410, schema_agreements.cpp); the convenio (420, schema_convenio.cpp); who does what where (430,
// schema_activities.cpp). Applied with every other module's by app::open_database.
#pragma once

#include <vector>

#include "storage/migrations.hpp"

namespace metropoli::coordination {

std::vector<storage::Migration> coordination_migrations();

namespace detail {
// Each concept's migrations, for coordination_migrations().
std::vector<storage::Migration> body_migrations();
std::vector<storage::Migration> minutes_migrations();
std::vector<storage::Migration> minutes_more_migrations();
std::vector<storage::Migration> agreement_migrations();
std::vector<storage::Migration> agreement_more_migrations();  // 411, schema_agreements_more.cpp
std::vector<storage::Migration> convenio_migrations();
std::vector<storage::Migration> activity_migrations();
}  // namespace detail

}  // namespace metropoli::coordination
