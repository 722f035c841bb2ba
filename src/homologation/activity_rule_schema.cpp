// SPDX-License-Identifier: MIT
// Migration 520: the activity catalogue, the documents rules cite and the activity rules themselves (activity
// x semáforo colour x jurisdiction, with validity dates, versions and the bundled flag), owned by
// activity_rules.
#include "homologation/activity_rules.hpp"
#include "storage/data_generation.hpp"

namespace metropoli::homologation {

std::vector<storage::Migration> activity_rule_migrations() {
    storage::Migration m{
        520,
        "activity rules: catalogue, sources and rules per jurisdiction",
        {R"(
CREATE TABLE activity_catalogue (
    id {{serial_pk}},
    key TEXT NOT NULL UNIQUE,
    name_es TEXT NOT NULL,
    name_en TEXT NOT NULL,
    essential TEXT NOT NULL CHECK (essential IN ('essential', 'non_essential', 'not_applicable')),
    scian TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL))",
         R"(
CREATE TABLE activity_rule_sources (
    id {{serial_pk}},
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('dof', 'periodico_oficial', 'press_release', 'press', 'cabildo', 'other')),
    title TEXT NOT NULL,
    issuer TEXT NOT NULL,
    published_on TEXT,
    url TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL))",
         R"(
CREATE TABLE activity_rules (
    id {{serial_pk}},
    activity_id BIGINT NOT NULL REFERENCES activity_catalogue (id),
    level TEXT NOT NULL CHECK (level IN ('federal', 'state', 'municipality')),
    jurisdiction TEXT NOT NULL,
    area TEXT NOT NULL DEFAULT '',
    municipalities TEXT NOT NULL DEFAULT '',
    colour TEXT CHECK (colour IS NULL OR colour IN ('rojo', 'naranja', 'amarillo', 'verde')),
    valid_from TEXT,
    valid_to TEXT,
    allowed TEXT NOT NULL CHECK (allowed IN ('yes', 'no', 'restricted')),
    capacity_pct INTEGER CHECK (capacity_pct IS NULL OR capacity_pct BETWEEN 0 AND 100),
    opens TEXT,
    closes TEXT,
    max_people INTEGER CHECK (max_people IS NULL OR max_people >= 0),
    max_stay_minutes INTEGER CHECK (max_stay_minutes IS NULL OR max_stay_minutes > 0),
    conditions_es TEXT NOT NULL DEFAULT '',
    conditions_en TEXT NOT NULL DEFAULT '',
    source_id BIGINT NOT NULL REFERENCES activity_rule_sources (id),
    unverified INTEGER NOT NULL DEFAULT 0 CHECK (unverified IN (0, 1)),
    verification_note TEXT NOT NULL DEFAULT '',
    bundled INTEGER NOT NULL DEFAULT 0 CHECK (bundled IN (0, 1)),
    version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (valid_to IS NULL OR valid_from IS NOT NULL),
    CHECK (valid_to IS NULL OR valid_to >= valid_from)))",
         "CREATE INDEX activity_rules_by_activity ON activity_rules (activity_id, jurisdiction)"}};
    storage::add_generation_triggers(m, {"activity_catalogue", "activity_rule_sources", "activity_rules"});
    return {m};
}

}  // namespace metropoli::homologation
