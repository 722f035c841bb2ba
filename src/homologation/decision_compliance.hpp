// SPDX-License-Identifier: MIT
// Compliance with a harmonised decision: for each of its municipalities and each day, the measure in force
// there against what was agreed. For an observation, what is in force is the resident's effective policy
// (effective_policy: the TOTAL derived from the federal, state, metro and municipal observations) of the
// agreed indicator, with the local extensions of the observation that set it; for an activity rule, the
// homologation matrix's effective rule of the agreed activity (effective_rule) under the colour of that day.
// Each day is `not_yet` (before the agreed date, or nothing coded), `complies`, `stricter` or `laxer`; the
// lag is the days from the agreed date to the first day the municipality met the agreement (complies or
// stricter). Only reads.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "access/actor.hpp"
#include "core/bilingual.hpp"
#include "core/date.hpp"
#include "core/result.hpp"
#include "homologation/activity_rules.hpp"
#include "homologation/decisions.hpp"
#include "storage/database.hpp"

namespace metropoli::homologation {

const std::vector<std::string>& compliance_statuses();  // complies, stricter, laxer, not_yet

// What applied in one municipality on one day, as compared.
struct InForce {
    bool coded = false;
    // an observation's total
    std::optional<int> value, flag;
    nlohmann::json extensions = nlohmann::json::object();
    std::string set_by_jurisdiction, set_by_level;
    // an activity rule
    std::optional<ActivityRule> rule;
    std::optional<std::string> colour;  // the colour the rule was read under
    Bilingual text;                     // in words: "C6 2 general, toque de queda 22:00–05:00", "25 %"
};

// How an observation in force compares with the agreed one: "complies", "stricter" or "laxer" (falls short of
// the agreement in any respect: a lower value, a targeted flag where a general one was agreed, a curfew that
// leaves agreed hours uncovered, a larger capacity, a later closing time, a laxer alcohol rule, larger
// groups). Extensions are compared only where both sides carry them and the values are equal.
std::string compare_observation(const Measure& agreed, int value, std::optional<int> flag,
                                const nlohmann::json& extensions);
// How an activity rule compares with the agreed one, by its allowed value (no over restricted over yes),
// capacity, opening and closing times, group size and stay; a figure agreed and absent from the rule is
// laxer.
std::string compare_rule(const Measure& agreed, const ActivityRule& rule);

struct ComplianceDay {
    Date day;
    std::string status;
    InForce in_force;
};

struct JurisdictionCompliance {
    DecisionJurisdiction place;
    std::vector<ComplianceDay> days;
    std::map<std::string, int> counts;  // days per status
    std::optional<Date> first_met;  // the first day on or after the agreed date that complies or is stricter
    std::optional<int> lag_days;    // first_met - applies_from
};

struct DecisionCompliance {
    Decision decision;
    Date from, to;
    std::vector<JurisdictionCompliance> jurisdictions;
};
nlohmann::json decision_compliance_json(const DecisionCompliance& c);

// The colour under which a municipality's colour-dependent activity rules apply on a day (app: the official
// federal colour of its state that week); none: only rules for any colour apply.
using ColourOfDay =
    std::function<Result<std::optional<std::string>>(const std::string& municipality, Date day)>;

// The compliance of decision `id` from `from` to `to` (at most 400 days; invalid_argument on /to otherwise).
// not_found when the decision is not visible to `who`.
Result<DecisionCompliance> decision_compliance(storage::Database& db, const access::Actor& who, int64_t id,
                                               Date from, Date to, const ColourOfDay& colour_of);

}  // namespace metropoli::homologation
