// SPDX-License-Identifier: MIT
// The review of an observation entered by hand: draft → submitted (by its coder) → approved or rejected (by a
// reviewer who is not its coder, permission policy.review; a rejection says why). A draft (or a rejected
// observation, which goes back to draft) is edited at the version read; an approved one is never edited: a
// correction is a new observation that supersedes it, and once the correction is approved the old one no
// longer counts. Every step checks the version read (precondition_failed when it changed), runs in one
// transaction and is audited: policy.observation.submit, .approve, .reject (and .update for edits).
// Only approved observations that no approved correction supersedes count for the indices and the
// effective policy (`counted_observations_sql`).
#pragma once

#include <cstdint>
#include <string>

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "homologation/observations.hpp"
#include "storage/database.hpp"

namespace metropoli::homologation {

// The name an observation records as its coder or reviewer when `who` codes or reviews it: the actor's label
// (an account's e-mail, the command-line user), else its id.
std::string coder_of(const access::Actor& who);

// draft → submitted, by its coder (policy.code). not_found, forbidden (someone else's, or no permission),
// precondition_failed (version), conflict (not a draft).
Result<Observation> submit_observation(storage::Database& db, const Clock& clock, const access::Actor& who,
                                       const std::string& request_id, int64_t id, int64_t version);
// submitted → approved (policy.review; never by its coder). A correction is approved only while the
// observation it supersedes is approved and not superseded already (conflict otherwise).
Result<Observation> approve_observation(storage::Database& db, const Clock& clock, const access::Actor& who,
                                        const std::string& request_id, int64_t id, int64_t version);
// submitted → rejected (policy.review; never by its coder), with a reason (invalid_argument "/reason: …"
// when empty or longer than 2000 bytes).
Result<Observation> reject_observation(storage::Database& db, const Clock& clock, const access::Actor& who,
                                       const std::string& request_id, int64_t id, int64_t version,
                                       const std::string& reason);

// Checks that observation `id` may be edited by `who` at `version`: it exists, `who` is its coder with
// policy.code, the version is current, and it is a draft or rejected (conflict for a submitted one, and for
// an approved one: "record a correction that supersedes it"). The observation as stored.
Result<Observation> editable_observation(storage::Database& db, const access::Actor& who, int64_t id,
                                         int64_t version);
// Replaces every field of draft (or rejected) observation `id` at `version` with `input`, checked as
// record_observation checks it (invalid_argument naming the field); a rejected one becomes a draft again. The
// version rises; audited as policy.observation.update with the fields before and after.
Result<Observation> update_observation(storage::Database& db, const Clock& clock, const access::Actor& who,
                                       const std::string& request_id, int64_t id, int64_t version,
                                       const ObservationInput& input);

// A WHERE condition on policy_observations aliased `alias` that keeps the observations that count.
std::string counted_observations_sql(const std::string& alias);

}  // namespace metropoli::homologation
