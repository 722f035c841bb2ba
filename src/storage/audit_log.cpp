// SPDX-License-Identifier: MIT
// Migration 102: the append-only audit log, its refusals written once per engine (SQLite triggers raising
// ABORT, a PL/pgSQL trigger function raising an exception).
#include "storage/audit_log.hpp"

namespace metropoli::storage {

Migration audit_log_migration() {
    return {102,
            "audit log (append-only)",
            {
                R"(
CREATE TABLE audit_log (
    id {{serial_pk}},
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}',
    prev_hash TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL UNIQUE))",
                sqlite_only(R"(
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused');
END)"),
                sqlite_only(R"(
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused');
END)"),
                // REPLACE deletes the conflicting row without firing delete triggers (unless recursive
                // triggers are on), so an insert that collides with an entry is refused before it happens.
                sqlite_only(R"(
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id OR hash = NEW.hash OR prev_hash = NEW.prev_hash)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: an INSERT may not replace an entry');
END)"),
                postgresql_only(R"(
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END;
$$)"),
                postgresql_only(R"(
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only())"),
                postgresql_only(R"(
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only())"),
            }};
}

}  // namespace metropoli::storage
