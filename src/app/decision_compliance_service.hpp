// SPDX-License-Identifier: MIT
// The compliance of a harmonised decision for a stored region: an activity rule's colour-dependent rules read
// under the official federal semáforo colour of each municipality's state in the week of each day
// (app/official_semaforo, as the homologation matrix does); an observation's effective policy needs no
// colour.
#pragma once

#include "access/actor.hpp"
#include "core/date.hpp"
#include "core/region.hpp"
#include "core/result.hpp"
#include "homologation/decision_compliance.hpp"
#include "storage/database.hpp"

namespace metropoli::app {

Result<homologation::DecisionCompliance> decision_compliance_for(storage::Database& db, const Region& region,
                                                                 const access::Actor& who, int64_t decision,
                                                                 Date from, Date to);

}  // namespace metropoli::app
