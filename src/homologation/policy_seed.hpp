// SPDX-License-Identifier: MIT
// The bundled 2020 record of La Laguna coded on the OxCGRT scale (data/policy_laguna_2020/): its
// jurisdictions, the source documents and the observations, each checked by record_observation's validation.
#pragma once

#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::homologation {

// Loads jurisdictions.csv, sources.csv, observations.csv and federal_semaforo.csv under `directory` in one
// transaction, as `system` (so approved, with the coder and reviewer each row names), with one audit entry
// (`policy.observations.seed`), when no region observation is stored yet; nothing otherwise. Only for the La
// Laguna preset (`region` == "laguna"). A row that does not pass is refused naming the file, line and field,
// and nothing is loaded. The number of observations loaded (0 when nothing was done).
Result<int> seed_policy_observations(storage::Database& db, const Clock& clock, const std::string& region,
                                     const std::string& directory);

}  // namespace metropoli::homologation
