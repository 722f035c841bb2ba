// SPDX-License-Identifier: MIT
// Migration 405: minutes from draft to approved, their amendments, and the votes of a body's seats (on
// minutes now; on harmonised decisions later, hence `subject_type`). Approved minutes are immutable: the
// store refuses the change, and triggers refuse an UPDATE or DELETE of an approved row on both engines. A
// correction is a new row that references the approved one (`corrects_id`).
#include "coordination/migrations.hpp"
#include "storage/data_generation.hpp"

namespace metropoli::coordination::detail {

std::vector<storage::Migration> minutes_migrations() {
    storage::Migration m{405,
                         "minutes, amendments, votes; approved minutes immutable",
                         {R"(
CREATE TABLE minutes (
    id {{serial_pk}},
    meeting_id BIGINT NOT NULL REFERENCES meetings (id),
    corrects_id BIGINT REFERENCES minutes (id),
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'approved')),
    text TEXT NOT NULL,
    approval_method TEXT CHECK (approval_method IN ('vote', 'coordinator')),
    approved_at TEXT,
    approved_by TEXT,
    text_sha256 TEXT,
    signatories TEXT NOT NULL DEFAULT '[]',
    published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    example INTEGER NOT NULL DEFAULT 0 CHECK (example IN (0, 1)),
    version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (state = 'draft' OR (approved_at IS NOT NULL AND text_sha256 IS NOT NULL))))",
                          R"(
CREATE TABLE minutes_amendments (
    id {{serial_pk}},
    minutes_id BIGINT NOT NULL REFERENCES minutes (id),
    author TEXT NOT NULL,
    person_id BIGINT REFERENCES people (id),
    seat_id BIGINT REFERENCES seats (id),
    text TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'accepted', 'rejected')),
    created_at TEXT NOT NULL,
    decided_at TEXT))",
                          R"(
CREATE TABLE votes (
    id {{serial_pk}},
    subject_type TEXT NOT NULL CHECK (subject_type IN ('minutes', 'decision')),
    subject_id BIGINT NOT NULL,
    meeting_id BIGINT NOT NULL REFERENCES meetings (id),
    seat_id BIGINT NOT NULL REFERENCES seats (id),
    choice TEXT NOT NULL CHECK (choice IN ('for', 'against', 'abstain')),
    person_id BIGINT REFERENCES people (id),
    by_alternate INTEGER NOT NULL DEFAULT 0 CHECK (by_alternate IN (0, 1)),
    cast_by TEXT NOT NULL,
    cast_at TEXT NOT NULL,
    UNIQUE (subject_type, subject_id, seat_id)))",
                          storage::sqlite_only(R"(
CREATE TRIGGER minutes_approved_no_update BEFORE UPDATE ON minutes WHEN OLD.state = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'approved minutes are immutable: UPDATE refused');
END)"),
                          storage::sqlite_only(R"(
CREATE TRIGGER minutes_approved_no_delete BEFORE DELETE ON minutes WHEN OLD.state = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'approved minutes are immutable: DELETE refused');
END)"),
                          storage::postgresql_only(R"(
CREATE FUNCTION minutes_approved_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.state = 'approved' THEN
        RAISE EXCEPTION 'approved minutes are immutable: % refused', TG_OP;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$)"),
                          storage::postgresql_only(R"(
CREATE TRIGGER minutes_approved_no_change BEFORE UPDATE OR DELETE ON minutes
FOR EACH ROW EXECUTE FUNCTION minutes_approved_immutable())")}};
    storage::add_generation_triggers(m, {"minutes", "minutes_amendments", "votes"});
    return {m};
}

}  // namespace metropoli::coordination::detail
