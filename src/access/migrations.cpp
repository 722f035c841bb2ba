// SPDX-License-Identifier: MIT
// Migrations 310-311 of access, the same tables on SQLite and PostgreSQL.
#include "access/migrations.hpp"

#include "storage/data_generation.hpp"

namespace metropoli::access {

namespace {

using storage::add_generation_triggers;

// 310: the registries. Timestamps are ISO-8601 UTC text from a Clock; JSON lists are TEXT. An e-mail is
// stored normalised (trimmed, ASCII letters lower-cased: accounts.cpp), so UNIQUE makes it unique whatever
// its case; the CHECK on password_hash keeps anything but an argon2id hash out.
storage::Migration registries() {
    storage::Migration m{310,
                         "organisations, people, accounts and role grants",
                         {R"(
CREATE TABLE organisations (
    id {{serial_pk}},
    seed_key TEXT UNIQUE,
    name TEXT NOT NULL UNIQUE,
    short_name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('federal_government', 'state_government', 'municipal_government',
        'health_authority', 'armed_forces', 'business_chamber', 'academic_centre', 'civil_society', 'other')),
    sectors TEXT NOT NULL DEFAULT '[]',
    jurisdictions TEXT NOT NULL DEFAULT '[]',
    coalition INTEGER NOT NULL DEFAULT 0 CHECK (coalition IN (0, 1)),
    contact TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL))",
                          R"(
CREATE TABLE people (
    id {{serial_pk}},
    name TEXT NOT NULL,
    created_at TEXT NOT NULL))",
                          R"(
CREATE TABLE person_organisations (
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (person_id, organisation_id)))",
                          R"(
CREATE TABLE accounts (
    id {{serial_pk}},
    email TEXT NOT NULL UNIQUE,
    person_id BIGINT NOT NULL REFERENCES people (id),
    password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    state TEXT NOT NULL CHECK (state IN ('active', 'disabled')),
    last_login TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL))",
                          R"(
CREATE TABLE role_grants (
    id {{serial_pk}},
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'analyst', 'editor', 'member')),
    organisation_id BIGINT REFERENCES organisations (id),
    body_id BIGINT,
    created_at TEXT NOT NULL,
    CHECK ((role = 'editor') = (organisation_id IS NOT NULL)),
    CHECK ((role = 'member') = (body_id IS NOT NULL))))",
                          R"(
CREATE UNIQUE INDEX role_grants_unique
    ON role_grants (account_id, role, COALESCE(organisation_id, 0), COALESCE(body_id, 0)))"}};
    add_generation_triggers(m,
                            {"organisations", "people", "person_organisations", "accounts", "role_grants"});
    return m;
}

// 311: what changes on every request or attempt. These tables have no data-generation triggers on purpose:
// resolving a session or a token touches its last_seen/last_used and every failed login adds a row, so
// counting them would empty the server's response cache on every request; nothing cached depends on them
// (answers that depend on the actor are never cached). They are listed in tables_outside_generation().
// Only hashes of tokens are stored (SHA-256); a session's CSRF token is derived from its token, not stored.
storage::Migration request_state() {
    return {311,
            "sessions, API tokens and login failures",
            {R"(
CREATE TABLE sessions (
    id {{serial_pk}},
    token_hash TEXT NOT NULL UNIQUE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    client_address TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    expires_at TEXT NOT NULL))",
             "CREATE INDEX sessions_account ON sessions (account_id)",
             R"(
CREATE TABLE api_tokens (
    id {{serial_pk}},
    token_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    grants TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used TEXT,
    revoked_at TEXT))",
             "CREATE INDEX api_tokens_account ON api_tokens (account_id)",
             R"(
CREATE TABLE login_failures (
    id {{serial_pk}},
    login TEXT NOT NULL,
    client_address TEXT NOT NULL,
    at TEXT NOT NULL))",
             "CREATE INDEX login_failures_login ON login_failures (login, at)",
             "CREATE INDEX login_failures_address ON login_failures (client_address, at)"}};
}

}  // namespace

std::vector<storage::Migration> access_migrations() {
    return {registries(), request_state()};
}

const std::vector<std::string>& tables_outside_generation() {
    static const std::vector<std::string> tables = {"sessions", "api_tokens", "login_failures"};
    return tables;
}

}  // namespace metropoli::access
