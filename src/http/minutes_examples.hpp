// SPDX-License-Identifier: MIT
// Test support: the Mesa de Salud, its example meeting of 4 May 2020 and that meeting's approved example
// minutes, each made once, so that the public minutes routes answer their
// OpenAPI examples (meeting 1, minutes 1) in http_test.
#pragma once

#include "coordination/bodies.hpp"
#include "coordination/meetings.hpp"
#include "coordination/minutes.hpp"

namespace metropoli::http::testing {

inline Status add_example_minutes(storage::Database& db, const Clock& clock) {
    TRY(coordination::seed_bodies(db, clock, "laguna"));
    TRY(coordination::seed_meetings(db, clock, "laguna"));
    TRY(coordination::seed_example_minutes(db, clock, "laguna"));
    return ok_status();
}

}  // namespace metropoli::http::testing
