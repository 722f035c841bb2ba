// SPDX-License-Identifier: MIT
// Migration 400: bodies (the Mesa de Salud, its sub-committees, a Junta), their seats and who held each seat
// when, meetings with their agenda, invitations and attendance. Dates are ISO-8601 text ("2020-05-04"); a
// meeting's times are UTC ("2020-05-04T16:00:00Z"), shown in the region's time zone by the clients.
#include "coordination/migrations.hpp"
#include "storage/data_generation.hpp"

namespace metropoli::coordination::detail {

std::vector<storage::Migration> body_migrations() {
    storage::Migration m{400,
                         "bodies, seats, seat terms, meetings, agenda, invitations, attendance",
                         {R"(
CREATE TABLE bodies (
    id {{serial_pk}},
    seed_key TEXT UNIQUE,
    name TEXT NOT NULL UNIQUE,
    short_name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('mesa', 'subcommittee', 'junta', 'working_group', 'other')),
    parent_id BIGINT REFERENCES bodies (id),
    visibility TEXT NOT NULL CHECK (visibility IN ('private', 'transparent', 'public')),
    minutes_approval TEXT NOT NULL DEFAULT 'vote' CHECK (minutes_approval IN ('vote', 'coordinator')),
    quorum TEXT NOT NULL DEFAULT 'more_than_half' CHECK (quorum IN ('more_than_half', 'two_thirds', 'all')),
    majority TEXT NOT NULL DEFAULT 'simple' CHECK (majority IN ('simple', 'absolute', 'two_thirds')),
    region_id TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    installed_on TEXT,
    seed INTEGER NOT NULL DEFAULT 0 CHECK (seed IN (0, 1)),
    version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL))",
                          R"(
CREATE TABLE seats (
    id {{serial_pk}},
    body_id BIGINT NOT NULL REFERENCES bodies (id),
    seed_key TEXT UNIQUE,
    name TEXT NOT NULL,
    representation TEXT NOT NULL CHECK (representation IN ('civil_society', 'state_executive',
        'health_jurisdiction', 'municipal_executive', 'municipal_health', 'federal_armed_forces',
        'federal_agency', 'academia', 'private_sector', 'other')),
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    position TEXT NOT NULL DEFAULT 'member' CHECK (position IN ('presidency', 'technical_secretariat', 'member')),
    voting INTEGER NOT NULL DEFAULT 1 CHECK (voting IN (0, 1)),
    ordinal INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (body_id, name)))",
                          // Who held a seat when: one row per designation. The current term has no end or an
                          // end on or after today; terms of one seat do not overlap (checked by the store).
                          R"(
CREATE TABLE seat_terms (
    id {{serial_pk}},
    seat_id BIGINT NOT NULL REFERENCES seats (id),
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    person_id BIGINT REFERENCES people (id),
    alternate_person_id BIGINT REFERENCES people (id),
    designated_on TEXT NOT NULL,
    ends_on TEXT,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    CHECK (ends_on IS NULL OR ends_on >= designated_on)))",
                          R"(
CREATE TABLE meetings (
    id {{serial_pk}},
    body_id BIGINT NOT NULL REFERENCES bodies (id),
    title TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('in_person', 'online', 'hybrid')),
    place TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'convened' CHECK (state IN ('convened', 'held', 'cancelled')),
    example INTEGER NOT NULL DEFAULT 0 CHECK (example IN (0, 1)),
    version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (ends_at >= starts_at)))",
                          R"(
CREATE TABLE agenda_items (
    id {{serial_pk}},
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    parent_id BIGINT REFERENCES agenda_items (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    duration_minutes INTEGER NOT NULL DEFAULT 0 CHECK (duration_minutes >= 0)))",
                          R"(
CREATE TABLE invitations (
    id {{serial_pk}},
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    seat_id BIGINT REFERENCES seats (id),
    guest_name TEXT,
    guest_organisation_id BIGINT REFERENCES organisations (id),
    created_at TEXT NOT NULL,
    CHECK ((seat_id IS NULL) <> (guest_name IS NULL))))",
                          "CREATE UNIQUE INDEX invitations_seat ON invitations (meeting_id, seat_id)",
                          R"(
CREATE TABLE attendance (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    seat_id BIGINT NOT NULL REFERENCES seats (id),
    status TEXT NOT NULL CHECK (status IN ('present', 'alternate_present', 'absent', 'excused')),
    person_id BIGINT REFERENCES people (id),
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, seat_id)))"}};
    storage::add_generation_triggers(
        m, {"bodies", "seats", "seat_terms", "meetings", "agenda_items", "invitations", "attendance"});
    return {m};
}

}  // namespace metropoli::coordination::detail
