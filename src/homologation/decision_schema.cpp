// SPDX-License-Identifier: MIT
// Migration 530: harmonised decisions. A decision is a measure (an observation on the OxCGRT scale with its
// local extensions, or an activity rule) proposed for several municipalities, each with the organisation that
// owes its implementation there, put to a vote of a body's seats in one of its meetings (the votes are
// Coordinar's `votes` rows with subject_type 'decision'), and closed with its tally; a carried decision lists
// the agreements it created. Migration 531: the example mark.
#include "homologation/decisions.hpp"
#include "storage/data_generation.hpp"

namespace metropoli::homologation {

std::vector<storage::Migration> decision_migrations() {
    storage::Migration m{
        530,
        "harmonised decisions: the measure, the jurisdictions and their owners, the result, the agreements",
        {R"(
CREATE TABLE harmonised_decisions (
    id {{serial_pk}},
    reference TEXT NOT NULL UNIQUE,
    body_id BIGINT NOT NULL REFERENCES bodies (id),
    meeting_id BIGINT NOT NULL REFERENCES meetings (id),
    title TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    measure_kind TEXT NOT NULL CHECK (measure_kind IN ('observation', 'activity_rule')),
    measure TEXT NOT NULL,
    applies_from TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'carried', 'rejected', 'no_quorum')),
    tally TEXT,
    closed_at TEXT,
    closed_by TEXT,
    proposed_by TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (state = 'proposed' OR (closed_at IS NOT NULL AND tally IS NOT NULL))))",
         R"(
CREATE TABLE harmonised_decision_jurisdictions (
    decision_id BIGINT NOT NULL REFERENCES harmonised_decisions (id),
    jurisdiction TEXT NOT NULL,
    owner_id BIGINT NOT NULL REFERENCES organisations (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (decision_id, jurisdiction)))",
         R"(
CREATE TABLE harmonised_decision_agreements (
    decision_id BIGINT NOT NULL REFERENCES harmonised_decisions (id),
    agreement_id BIGINT NOT NULL UNIQUE REFERENCES agreements (id),
    PRIMARY KEY (decision_id, agreement_id)))",
         "CREATE INDEX harmonised_decisions_meeting ON harmonised_decisions (meeting_id)"}};
    storage::add_generation_triggers(
        m, {"harmonised_decisions", "harmonised_decision_jurisdictions", "harmonised_decision_agreements"});
    // 531: a preset's example decision (decision_seed.cpp), told apart as Coordinar tells its example
    // meetings and agreements.
    storage::Migration example{
        531,
        "harmonised decisions: the example mark of a preset's example decision",
        {"ALTER TABLE harmonised_decisions ADD COLUMN example INTEGER NOT NULL DEFAULT 0 "
         "CHECK (example IN (0, 1))"}};
    return {m, example};
}

}  // namespace metropoli::homologation
