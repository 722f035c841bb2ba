// SPDX-License-Identifier: MIT
// The data generation: one stored counter that every write bumps, whatever the table and whichever process
// writes, so a reader (the server's response cache) knows its answers are stale by reading one row.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"

namespace metropoli::storage {

// Migration 103: table `data_generation` (one row, `generation` from 0), the PostgreSQL function that bumps
// it, and the triggers of storage's own tables (jurisdictions, metro_members, regions, audit_log).
Migration data_generation_migration();
// Migration 104: on PostgreSQL the function bumps the generation once per transaction, at its first write.
Migration data_generation_once_per_transaction_migration();

// The statements that make every write to `table` bump the generation in the writing transaction (so the new
// generation becomes visible with the data, never before): SQLite row triggers after INSERT, UPDATE and
// DELETE; a PostgreSQL statement trigger after INSERT, UPDATE, DELETE or TRUNCATE. Every module that creates
// a table adds these to the same migration.
std::vector<Statement> generation_triggers(const std::string& table);
// Appends generation_triggers of each of `tables` to `m`.
void add_generation_triggers(Migration& m, std::initializer_list<const char*> tables);

// The stored generation. Only reads.
Result<int64_t> data_generation(Database& db);

// The tables with no generation trigger, beside schema_migrations, data_generation itself and the tables in
// `outside` (those a module leaves out on purpose because they change on every request, e.g. sessions:
// access::tables_outside_generation()); empty when every write is counted. Only reads.
Result<std::vector<std::string>> tables_without_generation_triggers(
    Database& db, const std::vector<std::string>& outside = {});

}  // namespace metropoli::storage
