// SPDX-License-Identifier: MIT
// Internal to the observations: what recording, editing and reviewing one share inside their transaction (the
// checks of an input, the source document's id, one observation read whatever its state, its audited fields).
// Not part of the library's interface.
#pragma once

#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "homologation/observations.hpp"

namespace metropoli::homologation::detail {

// Every field of `in`, for `who`; invalid_argument naming the field (observations.cpp).
Status check_observation_input(soci::session& sql, const access::Actor& who, const ObservationInput& in);
// The id of a source document with exactly these fields, made when there is none (observations.cpp).
long long observation_source_id(soci::session& sql, const ObservationSource& s, const std::string& who,
                                const std::string& now);
// A region's observation by id, whatever its state (observations.cpp).
std::optional<Observation> load_observation(soci::session& sql, int64_t id);
// The fields an audit entry of an observation records (observations.cpp).
nlohmann::json audited_observation(const Observation& o);
// That `in.supersedes` names an approved observation of the same jurisdiction, scope, indicator and segment
// that no approved correction replaces yet; invalid_argument or conflict naming /supersedes
// (observation_review.cpp).
Status check_correction(soci::session& sql, const ObservationInput& in);

}  // namespace metropoli::homologation::detail
