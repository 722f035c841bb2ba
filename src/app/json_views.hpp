// SPDX-License-Identifier: MIT
// JSON views of indicators, risk assessments and the metro picture, shared by the command line, the HTTP API and
// the static export so that every surface says the same thing in the same shape.
#pragma once

#include <nlohmann/json.hpp>

#include "app/assessment.hpp"

namespace metropoli::app {

nlohmann::json indicator_json(const analysis::IndicatorValue& v);
nlohmann::json indicators_json(const DayIndicators& day, int incomplete_days);
nlohmann::json risk_json(const analysis::RiskScheme& scheme, const analysis::RiskAssessment& r);
nlohmann::json rt_json(const RtRun& run);
nlohmann::json metro_json(const MetroView& view);
nlohmann::json scheme_json(const analysis::RiskScheme& scheme);  // id, names, levels with colours
nlohmann::json jurisdiction_json(const Jurisdiction& j, bool with_geometry);

// "naranja", or "amarillo..rojo" when missing inputs leave a range, or "" when no level applies.
std::string level_name(const analysis::RiskAssessment& r);

}  // namespace metropoli::app
