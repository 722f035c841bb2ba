// SPDX-License-Identifier: MIT
// The demo accounts of `metropoli demo`: one per role, each with a fresh random password printed once.
#pragma once

#include "access/actor.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::cli {

// Creates (or, when they exist, gives new passwords to) an admin, a coordinator, an analyst, an editor of the
// Torreón municipal executive and one of Gómez Palacio's municipal health (the seeds), and prints their
// e-mails and passwords with the warning that they are for the demo only. Written (and audited) as `who`.
Status create_demo_accounts(storage::Database& db, const access::Actor& who);

}  // namespace metropoli::cli
