// SPDX-License-Identifier: MIT
// The schema of the audit log: an append-only table of who did what, when, chained by hashes. The database
// itself refuses to change or remove an entry, so no code path (nor a hand-typed statement) can rewrite
// history.
#pragma once

#include "storage/migrations.hpp"

namespace metropoli::storage {

// Migration 102, table `audit_log`, one row per recorded action:
// - id: ascending entry number (auto-increment);
// - at: when, as ISO-8601 UTC text from a Clock ("2021-03-12T08:30:05Z");
// - actor: who (an account or a program, e.g. "cli:ingest");
// - action: what, a short stable verb ("release.replace");
// - subject: what it was done to ("release:ssa:2021-03-12");
// - detail: a JSON object as text ('{}' when there is nothing more);
// - prev_hash: the hash of the entry before; hash: this entry's hash over prev_hash and its own fields.
//   Both are unique, so the chain cannot fork. How the hash is computed belongs to the code that appends.
// UPDATE and DELETE (and TRUNCATE on PostgreSQL) fail with "audit_log is append-only: UPDATE refused"
// (DELETE, TRUNCATE); on SQLite an INSERT that would replace an entry (INSERT OR REPLACE, an upsert) fails
// with "audit_log is append-only: an INSERT may not replace an entry". Dropping the table is not prevented:
// the guarantee is against writes, not against the owner of the schema.
Migration audit_log_migration();

}  // namespace metropoli::storage
