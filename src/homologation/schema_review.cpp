// SPDX-License-Identifier: MIT
// Migration 560: the review of an observation entered by hand: its version (the If-Match of its edits and
// steps), the observation it corrects, the reviewer's reason, when it was submitted and reviewed; and the
// uniqueness of (source, jurisdiction, level, indicator, segment, start) kept for original observations only,
// so that a correction may cite the same document from the same day as the observation it supersedes.
#include "homologation/migrations.hpp"
#include "storage/data_generation.hpp"

namespace metropoli::homologation {

namespace {

// SQLite cannot drop a table's UNIQUE constraint: the table is rebuilt with every column of 500 and 510 and
// the new ones, and its index and triggers made again.
std::vector<storage::Statement> sqlite_rebuild() {
    const std::string columns =
        "id, jurisdiction, level, indicator, segment, value, flag, start_date, end_date, announced_on, "
        "implemented_on, notes, source_id, coder, reviewer, review_state, created_at, curfew_from, "
        "curfew_to, "
        "capacity_pct, closing_time, alcohol_sales, alcohol_until, max_group_size, applies_to, unverified, "
        "verification_note";
    std::vector<storage::Statement> out{
        storage::sqlite_only(R"(CREATE TABLE policy_observations_560 (
    id {{serial_pk}},
    jurisdiction TEXT NOT NULL REFERENCES policy_jurisdictions (code),
    level TEXT NOT NULL CHECK (level IN ('NAT_TOTAL', 'NAT_WIDE', 'NAT_GOV', 'STATE_TOTAL', 'STATE_WIDE', 'STATE_GOV',
                                         'CITY_TOTAL', 'CITY_WIDE', 'CITY_GOV', 'TOTAL', 'WIDE', 'GOV')),
    indicator TEXT NOT NULL,
    segment TEXT NOT NULL CHECK (segment IN ('E', 'NV', 'V', 'M', 'EV')),
    value TEXT NOT NULL,
    flag INTEGER CHECK (flag IS NULL OR flag IN (0, 1)),
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    announced_on TEXT,
    implemented_on TEXT,
    notes TEXT NOT NULL DEFAULT '',
    source_id BIGINT NOT NULL REFERENCES policy_sources (id),
    coder TEXT NOT NULL,
    reviewer TEXT,
    review_state TEXT NOT NULL CHECK (review_state IN ('draft', 'submitted', 'approved', 'rejected')),
    created_at TEXT NOT NULL,
    curfew_from TEXT,
    curfew_to TEXT,
    capacity_pct INTEGER CHECK (capacity_pct IS NULL OR (capacity_pct >= 0 AND capacity_pct <= 100)),
    closing_time TEXT,
    alcohol_sales TEXT CHECK (alcohol_sales IS NULL OR alcohol_sales IN ('allowed', 'restricted_hours', 'ley_seca')),
    alcohol_until TEXT,
    max_group_size INTEGER CHECK (max_group_size IS NULL OR max_group_size >= 1),
    applies_to TEXT NOT NULL DEFAULT '',
    unverified INTEGER NOT NULL DEFAULT 0,
    verification_note TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    supersedes BIGINT REFERENCES policy_observations (id),
    review_reason TEXT NOT NULL DEFAULT '',
    submitted_at TEXT,
    reviewed_at TEXT,
    CHECK (end_date >= start_date)))"),
        storage::sqlite_only("INSERT INTO policy_observations_560 (" + columns + ") SELECT " + columns +
                             " FROM policy_observations"),
        storage::sqlite_only("DROP TABLE policy_observations"),
        storage::sqlite_only("ALTER TABLE policy_observations_560 RENAME TO policy_observations"),
        storage::sqlite_only("CREATE INDEX policy_observations_place ON policy_observations (jurisdiction, "
                             "level, start_date)"),
    };
    for (auto& s : storage::generation_triggers("policy_observations"))
        if (s.only == storage::Engine::sqlite) out.push_back(std::move(s));
    return out;
}

}  // namespace

storage::Migration observation_review_migration() {
    storage::Migration m{560,
                         "the review of policy observations: version, correction link, reason, submitted and "
                         "reviewed times; one original observation per source, place, indicator and start",
                         sqlite_rebuild()};
    for (const char* column :
         {"version BIGINT NOT NULL DEFAULT 1", "supersedes BIGINT REFERENCES policy_observations (id)",
          "review_reason TEXT NOT NULL DEFAULT ''", "submitted_at TEXT", "reviewed_at TEXT"})
        m.statements.push_back(
            storage::postgresql_only(std::string("ALTER TABLE policy_observations ADD COLUMN ") + column));
    m.statements.push_back(storage::postgresql_only(R"(DO $$
DECLARE
    name TEXT;
BEGIN
    SELECT conname INTO name FROM pg_constraint
     WHERE conrelid = CAST('policy_observations' AS regclass) AND contype = 'u';
    EXECUTE 'ALTER TABLE policy_observations DROP CONSTRAINT ' || quote_ident(name);
END;
$$)"));
    for (const char* statement :
         {"CREATE UNIQUE INDEX policy_observations_original ON policy_observations (source_id, jurisdiction, "
          "level, "
          "indicator, segment, start_date) WHERE supersedes IS NULL",
          "CREATE INDEX policy_observations_supersedes ON policy_observations (supersedes)",
          "CREATE INDEX policy_observations_state ON policy_observations (review_state, jurisdiction)"})
        m.statements.emplace_back(storage::Statement{statement});
    return m;
}

}  // namespace metropoli::homologation
