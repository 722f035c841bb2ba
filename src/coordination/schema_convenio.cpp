// SPDX-License-Identifier: MIT
// Migration 420: the coordination agreement (convenio): its parties, their signatures, its clauses and the
// agreements that carry each clause out.
#include "coordination/migrations.hpp"
#include "storage/data_generation.hpp"

namespace metropoli::coordination::detail {

std::vector<storage::Migration> convenio_migrations() {
    storage::Migration m{420,
                         "the convenio: parties, signatures, clauses, the agreements that carry them out",
                         {R"(
CREATE TABLE convenios (
    id {{serial_pk}},
    seed_key TEXT UNIQUE,
    title TEXT NOT NULL,
    region_id TEXT NOT NULL DEFAULT '',
    body_id BIGINT REFERENCES bodies (id),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_signature', 'in_force', 'expired')),
    valid_from TEXT,
    valid_to TEXT,
    preamble TEXT NOT NULL DEFAULT '',
    example INTEGER NOT NULL DEFAULT 0 CHECK (example IN (0, 1)),
    version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)))",
                          R"(
CREATE TABLE convenio_parties (
    id {{serial_pk}},
    convenio_id BIGINT NOT NULL REFERENCES convenios (id),
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    kind TEXT NOT NULL CHECK (kind IN ('state_government', 'municipal_government', 'federal_agency',
        'civil_society', 'other')),
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (convenio_id, organisation_id)))",
                          R"(
CREATE TABLE convenio_signatures (
    id {{serial_pk}},
    party_id BIGINT NOT NULL UNIQUE REFERENCES convenio_parties (id),
    signed_by TEXT NOT NULL,
    signer_title TEXT NOT NULL DEFAULT '',
    signed_on TEXT NOT NULL,
    evidence TEXT NOT NULL CHECK (evidence IN ('original', 'scanned_copy', 'electronic_signature',
        'public_act', 'other')),
    evidence_url TEXT NOT NULL DEFAULT '',
    document_id BIGINT REFERENCES documents (id),
    recorded_by TEXT NOT NULL,
    created_at TEXT NOT NULL))",
                          R"(
CREATE TABLE convenio_clauses (
    id {{serial_pk}},
    convenio_id BIGINT NOT NULL REFERENCES convenios (id),
    number TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    task TEXT CHECK (task IS NULL OR task IN ('analizar', 'coordinar', 'homologar', 'comunicar')),
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (convenio_id, number)))",
                          R"(
CREATE TABLE clause_agreements (
    clause_id BIGINT NOT NULL REFERENCES convenio_clauses (id) ON DELETE CASCADE,
    agreement_id BIGINT NOT NULL REFERENCES agreements (id),
    PRIMARY KEY (clause_id, agreement_id)))"}};
    storage::add_generation_triggers(
        m, {"convenios", "convenio_parties", "convenio_signatures", "convenio_clauses", "clause_agreements"});
    return {m};
}

}  // namespace metropoli::coordination::detail
