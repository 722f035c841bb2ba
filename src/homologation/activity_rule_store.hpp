// SPDX-License-Identifier: MIT
// Internal to the activity rules: the checked insert that create_activity_rule and the bundled data's loader
// share (inside the caller's transaction). Not part of the library's interface.
#pragma once

#include "homologation/activity_rules.hpp"

namespace metropoli::homologation::detail {

// Checks the fields (invalid_argument naming the field) and inserts; audits the insert unless `bundled` (the
// loader audits the whole load once). The id.
Result<int64_t> insert_activity_rule(storage::Database& db, const Clock& clock, const access::Actor& who,
                                     const std::string& request_id, const ActivityRuleFields& fields,
                                     bool bundled);

}  // namespace metropoli::homologation::detail
