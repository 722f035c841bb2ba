// SPDX-License-Identifier: MIT
// The homologation matrix of a day for a stored region: its metro zones' municipalities in the zones' order,
// each under the official federal semáforo colour of its state in the week of that day
// (app/official_semaforo, data/semaforo/), which decides the colour-dependent rules. A week the compilation
// lacks leaves the colour empty, and only the rules for any colour apply there.
#pragma once

#include "core/date.hpp"
#include "core/region.hpp"
#include "core/result.hpp"
#include "homologation/homologation_matrix.hpp"
#include "storage/database.hpp"

namespace metropoli::app {

Result<homologation::HomologationMatrix> homologation_matrix_for(storage::Database& db, const Region& region,
                                                                 Date day);

}  // namespace metropoli::app
