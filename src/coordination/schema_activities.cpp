// SPDX-License-Identifier: MIT
// Migration 430: who does what where (3W/4W): the activities of the supporting organisations by sector and
// municipality (or a point), with the people reached and targeted, as OCHA's 3W and its HXL tags describe
// them.
#include "coordination/migrations.hpp"
#include "storage/data_generation.hpp"

namespace metropoli::coordination::detail {

std::vector<storage::Migration> activity_migrations() {
    storage::Migration m{430, "who does what where: activities of the supporting organisations", {R"(
CREATE TABLE activities (
    id {{serial_pk}},
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    programming_id BIGINT REFERENCES organisations (id),
    funding_id BIGINT REFERENCES organisations (id),
    sector TEXT NOT NULL,
    activity TEXT NOT NULL,
    adm1 TEXT NOT NULL,
    adm2 TEXT,
    latitude DOUBLE PRECISION CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
    longitude DOUBLE PRECISION CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
    start_date TEXT NOT NULL,
    end_date TEXT,
    status TEXT NOT NULL CHECK (status IN ('planned', 'ongoing', 'completed', 'suspended')),
    reached BIGINT CHECK (reached IS NULL OR reached >= 0),
    targeted BIGINT CHECK (targeted IS NULL OR targeted >= 0),
    notes TEXT NOT NULL DEFAULT '',
    example INTEGER NOT NULL DEFAULT 0 CHECK (example IN (0, 1)),
    version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (end_date IS NULL OR end_date >= start_date),
    CHECK ((latitude IS NULL) = (longitude IS NULL))))"}};
    storage::add_generation_triggers(m, {"activities"});
    return {m};
}

}  // namespace metropoli::coordination::detail
