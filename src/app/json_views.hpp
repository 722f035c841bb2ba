// SPDX-License-Identifier: MIT
// JSON views of indicators, risk assessments and the metro picture, shared by the command line, the HTTP API
// and the static export so that every surface says the same thing in the same shape.
#pragma once

#include <nlohmann/json.hpp>

#include "app/assessment.hpp"

namespace metropoli::app {

// {"es": …, "en": …}: every text of the views in both languages.
nlohmann::json text_json(const Bilingual& text);
// {"source", "date", "kind"} (and "detail" for the Red IRAG report in force).
nlohmann::json release_json(const analysis::ReleaseRef& r);
nlohmann::json releases_json(const std::vector<analysis::ReleaseRef>& releases);
// A level id ("naranja"), {"min", "max"} when missing inputs leave a range, or null when no level applies.
nlohmann::json level_range_json(const analysis::RiskAssessment& r);

nlohmann::json indicator_json(const analysis::IndicatorValue& v);
nlohmann::json indicators_json(const DayIndicators& day, int incomplete_days);
// A place's indicators on every day of a run, column by column: each indicator's values (and Rt's 2.5
// and 97.5 % quantiles) aligned with `dates`, and its spans, runs of days sharing window, completeness,
// releases (indices into the document's `releases`, each listed once) and note. A window end is an integer
// (days from the day: -6 is six days before) or a fixed day (YYYY-MM-DD).
nlohmann::json indicator_series_json(const IndicatorSeries& series);
nlohmann::json risk_json(const analysis::RiskScheme& scheme, const analysis::RiskAssessment& r);
nlohmann::json rt_json(const RtRun& run);
nlohmann::json metro_json(const MetroView& view);
nlohmann::json scheme_json(const analysis::RiskScheme& scheme);  // id, names, levels with colours
nlohmann::json jurisdiction_json(const Jurisdiction& j, bool with_geometry);

// The command line's CSV form of the same: "naranja", "amarillo..rojo", or "" when no level applies.
std::string level_name(const analysis::RiskAssessment& r);

}  // namespace metropoli::app
