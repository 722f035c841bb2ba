// SPDX-License-Identifier: MIT
// Migration 510: an observation's local extensions as typed columns (curfew hours, capacity, closing time,
// alcohol sales, group size), the municipalities a targeted observation names, its unverified mark, and the
// members of a metro body.
#include "homologation/migrations.hpp"
#include "storage/data_generation.hpp"

namespace metropoli::homologation {

storage::Migration local_extensions_migration() {
    storage::Migration m{
        510,
        "the local extensions of an observation, the municipalities it targets and the members of a metro "
        "body",
        {
            "ALTER TABLE policy_observations ADD COLUMN curfew_from TEXT",
            "ALTER TABLE policy_observations ADD COLUMN curfew_to TEXT",
            "ALTER TABLE policy_observations ADD COLUMN capacity_pct INTEGER CHECK (capacity_pct IS NULL OR "
            "(capacity_pct >= 0 AND capacity_pct <= 100))",
            "ALTER TABLE policy_observations ADD COLUMN closing_time TEXT",
            "ALTER TABLE policy_observations ADD COLUMN alcohol_sales TEXT CHECK (alcohol_sales IS NULL OR "
            "alcohol_sales IN ('allowed', 'restricted_hours', 'ley_seca'))",
            "ALTER TABLE policy_observations ADD COLUMN alcohol_until TEXT",
            "ALTER TABLE policy_observations ADD COLUMN max_group_size INTEGER CHECK (max_group_size IS NULL "
            "OR "
            "max_group_size >= 1)",
            // A targeted observation (geographic flag 0) of a state, the federation or a metro body may name
            // the municipalities it covers (';'-separated INEGI codes); empty: the whole jurisdiction or
            // unnamed.
            "ALTER TABLE policy_observations ADD COLUMN applies_to TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE policy_observations ADD COLUMN unverified INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE policy_observations ADD COLUMN verification_note TEXT NOT NULL DEFAULT ''",
            R"(CREATE TABLE policy_jurisdiction_members (
    body TEXT NOT NULL REFERENCES policy_jurisdictions (code),
    municipality TEXT NOT NULL REFERENCES policy_jurisdictions (code),
    PRIMARY KEY (body, municipality)))",
        }};
    storage::add_generation_triggers(m, {"policy_jurisdiction_members"});
    return m;
}

}  // namespace metropoli::homologation
