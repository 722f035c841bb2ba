// SPDX-License-Identifier: MIT
// A risk level for one place and day: each component of a scheme scored from the indicators, combined by the
// scheme's rule. A missing input is reported, never guessed: the level is given only when every value the
// missing components could take leads to the same level.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/indicators/indicators.hpp"
#include "analysis/risk/risk_scheme.hpp"

namespace metropoli::analysis {

struct ComponentScore {
    const RiskComponent* component = nullptr;
    std::optional<double> value;  // indicator × scale
    std::optional<double> points;
    const RiskBand* band = nullptr;
    Date window_from, window_to;
    std::vector<ReleaseRef> releases;
    bool complete = true;  // false when the value reaches into the incomplete days
    Bilingual missing;     // why there is no value
};

struct RiskAssessment {
    Date date;
    std::vector<ComponentScore> components;
    std::optional<double> score;          // all components known
    double score_min = 0, score_max = 0;  // the range the missing components leave open
    const RiskLevel* level = nullptr;     // set when the range maps to one level
    const RiskLevel* level_min = nullptr;
    const RiskLevel* level_max = nullptr;
    std::vector<std::string> missing;  // ids of the components without a value
    bool complete = true;              // every known component is complete
};

RiskAssessment assess_risk(const RiskScheme& scheme, const std::vector<IndicatorValue>& indicators,
                           Date date);

}  // namespace metropoli::analysis
