// SPDX-License-Identifier: MIT
// Login throttling: failed logins slow down further attempts, per login name and per client address. The
// failures are rows in the database (table login_failures), so every server process on one database sees the
// same counts; a login name that has no account is counted like one that has, so a 429 never tells whether an
// e-mail exists.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::access {

struct ThrottleOptions {
    std::chrono::seconds window{15 * 60};  // failures older than this are forgotten
    int free_failures = 5;                 // per login name, within the window, before waits begin
    int free_failures_per_address = 20;    // per client address (many people may share one, behind a NAT)
    std::chrono::seconds first_wait{30};   // after the last free failure; doubles with each further one
    std::chrono::seconds longest_wait{15 * 60};
};

// ok when `login` (an e-mail, normalised by the caller) and `client_address` may try now; otherwise
// too_many_requests with Error::retry_after_seconds set (at least 1) and a bilingual message.
Status check_login_throttle(storage::Database& db, const Clock& clock, std::string_view login,
                            std::string_view client_address, const ThrottleOptions& options = {});

// Records one failed login (in its own transaction) and forgets failures older than the window.
Status record_login_failure(storage::Database& db, const Clock& clock, std::string_view login,
                            std::string_view client_address, const ThrottleOptions& options = {});

// Forgets the failures of `login` (after it logged in). The address's stay until they age out, so one account
// that works does not lift the limit of an address trying many.
Status clear_login_failures(storage::Database& db, std::string_view login);

}  // namespace metropoli::access
