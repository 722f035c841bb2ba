// SPDX-License-Identifier: MIT
// Coding one observation of a region's jurisdiction (the federation "00", a state "05", a municipality
// "05035", a metro body "zm-laguna"): the indicator on the OxCGRT scale with its flag, segment and dates, the
// source document, the local extensions (local_extensions.hpp) and who coded and reviewed it. The one write
// every entry path uses (the API, the web, the bundled 2020 record): checked field by field, each refusal
// naming the field as a JSON pointer, in one transaction with its audit entry (`policy.observation.create`).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "core/date.hpp"
#include "core/result.hpp"
#include "homologation/local_extensions.hpp"
#include "storage/database.hpp"

namespace metropoli::homologation {

// The day an observation "until further notice" ends on in the store; read back as no end.
inline constexpr const char* k_open_end = "9999-12-31";

// A jurisdiction of the region, registered for coding: kind federal, state, municipality or metro_body; a
// metro body lists its member municipalities.
struct PolicyJurisdiction {
    std::string code, name, kind;
    std::vector<std::string> members;
};
// Registers each jurisdiction not yet registered (and a metro body's members), in the caller's transaction
// or its own; nothing for one already there. How many were new.
Result<int> register_policy_jurisdictions(storage::Database& db, const Clock& clock,
                                          const std::vector<PolicyJurisdiction>& jurisdictions);

struct ObservationSource {
    std::string kind;  // dof, periodico_oficial, cabildo, press_release, other
    std::string title, issuer;
    std::optional<Date> issued_on;  // none: a date the source does not give
    std::string url;                // http:// or https://
};

struct ObservationInput {
    std::string jurisdiction;  // a registered code of kind federal, state, municipality or metro_body
    std::string scope;         // GOV (decreed by this level) or WIDE (this level and below); TOTAL is derived
    std::string indicator;     // C1 … M1
    std::string segment = "E";
    std::string value;        // an ordinal "0".."N"; an amount for E3, E4, H4, H5; text for M1
    std::optional<int> flag;  // 0 targeted, 1 general (geographic); required when the value is not 0
    std::vector<std::string> applies_to;       // with flag 0: the municipalities a higher level targets
    std::optional<Date> start_date, end_date;  // no end: until further notice
    std::optional<Date> announced_on, implemented_on;
    std::string notes;
    ObservationSource source;
    LocalExtensions extensions;
    bool unverified = false;  // a date or figure the source does not fix; verification_note says which
    std::string verification_note;
    // Only the system's seed sets these: the observation is then recorded as approved, coded and reviewed by
    // them. Anyone else's observation is a draft coded by them.
    std::string coder, reviewer;
    // A correction: the approved observation this one replaces once approved (observation_review.hpp). It
    // must code the same jurisdiction, scope, indicator and segment, and may cite the same document from the
    // same day.
    std::optional<int64_t> supersedes;
};
// Reads a POST body (the fields above, `source` and `extensions` as objects, dates ISO); invalid_argument
// naming the field.
Result<ObservationInput> observation_input_from_json(const nlohmann::json& body);

struct Observation {
    int64_t id = 0;
    std::string jurisdiction, scope, indicator, segment, value;
    std::optional<int> flag;
    std::vector<std::string> applies_to;
    Date start_date;
    std::optional<Date> end_date;
    std::optional<Date> announced_on, implemented_on;
    std::string notes;
    int64_t source_id = 0;
    ObservationSource source;
    LocalExtensions extensions;
    bool unverified = false;
    std::string verification_note;
    std::string coder, reviewer, review_state, created_at;
    // The review (migration 560): the version its edits and steps name, the observation it corrects and the
    // approved correction that replaces it, the reviewer's reason for a rejection, when it was submitted and
    // reviewed (empty: not yet).
    std::string jurisdiction_name;
    int64_t version = 1;
    std::optional<int64_t> supersedes, superseded_by;
    std::string review_reason, submitted_at, reviewed_at;
};
// With the indicator's name and the value's label from the codebook ({"es", "en"}, null when there is none).
nlohmann::json observation_json(const Observation& o);

// Permission `policy.code` (analysts and coordinators; the system and the command line). Refused with
// invalid_argument naming the field ("/indicator", "/value", "/flag", "/applies_to/0", "/segment",
// "/end_date", "/source/url", "/extensions/curfew_from", …): a jurisdiction not registered or of a kind
// that is not coded here, a scope other than GOV or WIDE, an indicator not in the codebook or before it
// existed, a value outside its scale, a flag where the indicator has none or missing where it has one, a
// segment the indicator is not differentiated by, dates out of order, a source without title, issuer or
// http(s) URL, extensions that do not fit the indicator and value. Records the source document (reusing an
// identical one), the observation (`draft`, or `approved` for the system's seed) and the audit entry, in one
// transaction; the id.
Result<int64_t> record_observation(storage::Database& db, const Clock& clock, const access::Actor& who,
                                   const std::string& request_id, const ObservationInput& input);

// The same inside the caller's open transaction, without its own audit entry when `audited` is false (the
// seed audits the whole load once).
Result<int64_t> record_observation_in(storage::Database& db, const Clock& clock, const access::Actor& who,
                                      const std::string& request_id, const ObservationInput& input,
                                      bool audited);

Result<Observation> get_observation(storage::Database& db, int64_t id);
// The region's observations (not the imported OxCGRT ones) of `jurisdiction` (every one when empty), in
// jurisdiction, indicator and start order.
Result<std::vector<Observation>> list_observations(storage::Database& db,
                                                   const std::string& jurisdiction = "");

}  // namespace metropoli::homologation
