// SPDX-License-Identifier: MIT
// Activity rules: for an activity of the catalogue, in a jurisdiction (the federation "00", a state "05", a
// municipality "05035", possibly limited to some of its municipalities), under one semáforo colour or any,
// between two dates: whether it is allowed (yes, no, restricted), at what capacity, between which hours, for
// how many people and how long, on which conditions, and the document that says so. Public to read; written
// by coordinators (permission "activity_rule.edit") with the version read, each write audited in its
// transaction. The bundled 2020 record of La Laguna (data/activity_rules/) is loaded once by `init`.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "access/actor.hpp"
#include "core/bilingual.hpp"
#include "core/clock.hpp"
#include "core/date.hpp"
#include "core/result.hpp"
#include "homologation/activity_catalogue.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"

namespace metropoli::homologation {

// Migration 520 (activity_rule_schema.cpp); applied with every other module's by app::open_database.
std::vector<storage::Migration> activity_rule_migrations();

const std::vector<std::string>& semaforo_colours();  // rojo, naranja, amarillo, verde
const std::vector<std::string>& allowed_values();    // yes, no, restricted

// "federal" for "00", "state" for a two-digit code, "municipality" for a five-digit one; empty otherwise.
std::string level_of(const std::string& jurisdiction);

struct ActivityRule {
    int64_t id = 0;
    std::string activity;  // the catalogue's key
    Bilingual activity_name;
    std::string level;         // federal, state, municipality
    std::string jurisdiction;  // "00", "05", "05035"
    std::string area;          // a named part of the jurisdiction ("La Laguna de Durango"), or empty
    std::vector<std::string> municipalities;  // the rule is limited to these; empty: the whole jurisdiction
    std::optional<std::string> colour;        // in force only under this colour; none: under any
    std::optional<Date> valid_from,
        valid_to;         // no valid_from: a date the sources do not give (never in force)
    std::string allowed;  // yes, no, restricted
    std::optional<int> capacity_pct;
    std::optional<std::string> opens, closes;  // "HH:MM"
    std::optional<int> max_people, max_stay_minutes;
    Bilingual conditions;
    RuleSource source;
    bool unverified = false;
    std::string verification_note;
    bool bundled = false;
    int64_t version = 1;
    std::string created_at, updated_at;

    // Whether it is in force on `day` under `colour` for municipality `code`.
    bool in_force(Date day, const std::optional<std::string>& colour_of_day, const std::string& code) const;
};
nlohmann::json activity_rule_json(const ActivityRule& r);

// What a write sends. Strings empty and optionals unset are "none".
struct ActivityRuleFields {
    std::string activity, jurisdiction, area;
    std::vector<std::string> municipalities;
    std::optional<std::string> colour;
    std::optional<Date> valid_from, valid_to;
    std::string allowed;
    std::optional<int> capacity_pct;
    std::optional<std::string> opens, closes;
    std::optional<int> max_people, max_stay_minutes;
    Bilingual conditions;
    std::string source;  // a source's key
    bool unverified = false;
    std::string verification_note;
};
// Reads a POST/PUT body; invalid_argument naming the field ("/capacity_pct: …").
Result<ActivityRuleFields> activity_rule_fields_from_json(const nlohmann::json& body);

struct ActivityRuleFilter {
    std::optional<std::string> activity = std::nullopt, jurisdiction = std::nullopt;
    std::optional<Date> on = std::nullopt;  // in force on that day, under any colour
};

Result<std::vector<ActivityRule>> list_activity_rules(storage::Database& db,
                                                      const ActivityRuleFilter& filter = {});
Result<ActivityRule> get_activity_rule(storage::Database& db, int64_t id);

// activity_rule.edit. Refused with invalid_argument naming the field: an unknown activity or source, a
// jurisdiction that is not "00" or an INEGI state or municipality code, municipalities outside the
// jurisdiction, an unknown colour or allowed value, a capacity outside 0–100, hours that are not HH:MM
// between 00:00 and 24:00, valid_to before valid_from or without it.
Result<ActivityRule> create_activity_rule(storage::Database& db, const Clock& clock, const access::Actor& who,
                                          const std::string& request_id, const ActivityRuleFields& fields);
// As create, at the version read (precondition_failed when it changed since); raises the version.
Result<ActivityRule> update_activity_rule(storage::Database& db, const Clock& clock, const access::Actor& who,
                                          const std::string& request_id, int64_t id, int64_t version,
                                          const ActivityRuleFields& fields);

// Loads data/activity_rules/ (activities.json, sources.json, rules.json under `directory`) in one
// transaction, as `system`, when the catalogue is empty; nothing otherwise. Only for the La Laguna preset
// (`region` == "laguna"). The number of rules loaded (0 when nothing was done).
Result<int> seed_activity_rules(storage::Database& db, const Clock& clock, const std::string& region,
                                const std::string& directory);

}  // namespace metropoli::homologation
