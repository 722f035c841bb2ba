// SPDX-License-Identifier: MIT
// Migration 500: the observations of policy on the OxCGRT scale, per jurisdiction and level, each with its
// source document, and the index values OxCGRT published beside them.
#include "homologation/migrations.hpp"
#include "storage/data_generation.hpp"

namespace metropoli::homologation {

std::vector<storage::Migration> homologation_migrations() {
    storage::Migration m{
        500,
        "policy observations on the OxCGRT scale, their sources and the published indices",
        {
            // A jurisdiction: OxCGRT's own code for places outside the region (MEX, GBR, UK_SCO), or the
            // region's
            // (the nation 00, a state 05, a municipality 05035, a metro body zm-laguna).
            R"(CREATE TABLE policy_jurisdictions (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    country_code TEXT NOT NULL,
    country_name TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('oxcgrt', 'federal', 'state', 'municipality', 'metro_body')),
    created_at TEXT NOT NULL))",
            // A source document: an OxCGRT file (by its SHA-256, so the same file is never imported twice),
            // or a
            // decree, a Periódico Oficial, a cabildo act, a press release.
            R"(CREATE TABLE policy_sources (
    id {{serial_pk}},
    kind TEXT NOT NULL CHECK (kind IN ('oxcgrt_file', 'dof', 'periodico_oficial', 'cabildo', 'press_release', 'other')),
    title TEXT NOT NULL,
    issuer TEXT NOT NULL,
    issued_on TEXT,
    url TEXT,
    layout TEXT CHECK (layout IS NULL OR layout IN ('fullwithnotes', 'raw', 'legacy', 'timeseries')),
    sha256 TEXT UNIQUE,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL))",
            R"(CREATE TABLE policy_observations (
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
    CHECK (end_date >= start_date),
    UNIQUE (source_id, jurisdiction, level, indicator, segment, start_date)))",
            "CREATE INDEX policy_observations_place ON policy_observations (jurisdiction, level, start_date)",
            // The notes OxCGRT keeps per indicator and day.
            R"(CREATE TABLE policy_notes (
    source_id BIGINT NOT NULL REFERENCES policy_sources (id),
    jurisdiction TEXT NOT NULL REFERENCES policy_jurisdictions (code),
    level TEXT NOT NULL,
    indicator TEXT NOT NULL,
    day TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (source_id, jurisdiction, level, indicator, day)))",
            // What a record carries besides the indicators: cases, deaths, the vaccinated share.
            R"(CREATE TABLE policy_day_facts (
    source_id BIGINT NOT NULL REFERENCES policy_sources (id),
    jurisdiction TEXT NOT NULL REFERENCES policy_jurisdictions (code),
    level TEXT NOT NULL,
    day TEXT NOT NULL,
    confirmed_cases TEXT NOT NULL DEFAULT '',
    confirmed_deaths TEXT NOT NULL DEFAULT '',
    majority_vaccinated TEXT NOT NULL DEFAULT '',
    population_vaccinated TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (source_id, jurisdiction, level, day)))",
            // A published index value, as runs of consecutive days with the same text.
            R"(CREATE TABLE policy_published_indices (
    source_id BIGINT NOT NULL REFERENCES policy_sources (id),
    jurisdiction TEXT NOT NULL REFERENCES policy_jurisdictions (code),
    level TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    index_code TEXT NOT NULL CHECK (index_code IN ('SI', 'GRI', 'CHI', 'ESI', 'LSI')),
    variant TEXT NOT NULL CHECK (variant IN ('NonVaccinated', 'Vaccinated', 'SimpleAverage', 'WeightedAverage', 'Average')),
    display INTEGER NOT NULL CHECK (display IN (0, 1)),
    value TEXT NOT NULL,
    CHECK (end_date >= start_date),
    PRIMARY KEY (source_id, jurisdiction, level, index_code, variant, display, start_date)))",
        }};
    storage::add_generation_triggers(m, {"policy_jurisdictions", "policy_sources", "policy_observations",
                                         "policy_notes", "policy_day_facts", "policy_published_indices"});
    return {m, local_extensions_migration(), observation_review_migration()};
}

}  // namespace metropoli::homologation
