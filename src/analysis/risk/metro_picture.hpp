// SPDX-License-Identifier: MIT
// The metro picture: every municipality of a metro zone assessed on the same day by the same scheme, side by
// side with the zone as a whole, and the divergences named. The view that ignores the state border.
#pragma once

#include <string>
#include <vector>

#include "analysis/risk/risk.hpp"
#include "core/region.hpp"

namespace metropoli::analysis {

struct PlaceAssessment {
    const Jurisdiction* jurisdiction = nullptr;
    RiskAssessment risk;
};

struct Divergence {
    std::string kind;       // "level" or "component"
    std::string component;  // for "component": the component id
    std::string text_es, text_en;
};

struct MetroPicture {
    const Jurisdiction* zone = nullptr;
    PlaceAssessment whole;                // the zone as one place (sums, summed population)
    std::vector<PlaceAssessment> places;  // its municipalities, in the zone's order
    std::vector<Divergence> divergences;
};

// Names where the municipalities part: different levels (with the states they lie in), and components whose
// points differ by 2 or more between municipalities.
std::vector<Divergence> find_divergences(const std::vector<PlaceAssessment>& places);

}  // namespace metropoli::analysis
