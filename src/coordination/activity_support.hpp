// SPDX-License-Identifier: MIT
// Internal to the 3W store: the checked insert that create_activity and the HXL import share (inside the
// caller's transaction). Not part of the library's interface.
#pragma once

#include "coordination/activities.hpp"

namespace metropoli::coordination::detail {

// Checks `who` may record it and the fields (invalid_argument naming the field), inserts, audits; the id.
Result<int64_t> insert_activity(storage::Database& db, const Clock& clock, const access::Actor& who,
                                const std::string& request_id, const ActivityFields& fields);

}  // namespace metropoli::coordination::detail
