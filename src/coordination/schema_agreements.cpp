// SPDX-License-Identifier: MIT
// Migration 410: agreements (acuerdos) with their owners, the configurable statuses, dated progress updates
// and the evidence documents attached to them (stored with their SHA-256).
#include "coordination/migrations.hpp"
#include "storage/data_generation.hpp"

namespace metropoli::coordination::detail {

std::vector<storage::Migration> agreement_migrations() {
    storage::Migration m{410,
                         "agreements, statuses, progress updates, evidence documents",
                         {R"(
CREATE TABLE agreement_statuses (
    id {{serial_pk}},
    key TEXT NOT NULL UNIQUE,
    name_es TEXT NOT NULL,
    name_en TEXT NOT NULL,
    typical_progress INTEGER NOT NULL CHECK (typical_progress BETWEEN 0 AND 100),
    position INTEGER NOT NULL DEFAULT 0,
    closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1))))",
                          R"(
CREATE TABLE agreements (
    id {{serial_pk}},
    reference TEXT NOT NULL UNIQUE,
    meeting_id BIGINT REFERENCES meetings (id),
    imported INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1)),
    parent_id BIGINT REFERENCES agreements (id),
    weight DOUBLE PRECISION CHECK (weight IS NULL OR weight >= 0),
    title TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    responsible_id BIGINT NOT NULL REFERENCES organisations (id),
    status_id BIGINT NOT NULL REFERENCES agreement_statuses (id),
    progress DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    start_date TEXT,
    due_date TEXT,
    example INTEGER NOT NULL DEFAULT 0 CHECK (example IN (0, 1)),
    version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (meeting_id IS NOT NULL OR imported = 1),
    CHECK (due_date IS NULL OR start_date IS NULL OR due_date >= start_date)))",
                          R"(
CREATE TABLE agreement_coresponsibles (
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (agreement_id, organisation_id)))",
                          R"(
CREATE TABLE agreement_jurisdictions (
    agreement_id BIGINT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    jurisdiction TEXT NOT NULL,
    PRIMARY KEY (agreement_id, jurisdiction)))",
                          storage::sqlite_only(R"(
CREATE TABLE documents (
    id {{serial_pk}},
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL CHECK (size >= 0),
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    uploaded_by TEXT NOT NULL,
    created_at TEXT NOT NULL))"),
                          storage::postgresql_only(R"(
CREATE TABLE documents (
    id {{serial_pk}},
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL CHECK (size >= 0),
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL,
    uploaded_by TEXT NOT NULL,
    created_at TEXT NOT NULL))"),
                          R"(
CREATE TABLE progress_updates (
    id {{serial_pk}},
    agreement_id BIGINT NOT NULL REFERENCES agreements (id),
    reported_on TEXT NOT NULL,
    progress DOUBLE PRECISION NOT NULL CHECK (progress BETWEEN 0 AND 100),
    status_id BIGINT REFERENCES agreement_statuses (id),
    text TEXT NOT NULL DEFAULT '',
    evidence_url TEXT NOT NULL DEFAULT '',
    document_id BIGINT REFERENCES documents (id),
    reported_by TEXT NOT NULL,
    created_at TEXT NOT NULL))"}};
    storage::add_generation_triggers(m, {"agreement_statuses", "agreements", "agreement_coresponsibles",
                                         "agreement_jurisdictions", "documents", "progress_updates"});
    return {m};
}

}  // namespace metropoli::coordination::detail
