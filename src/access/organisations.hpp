// SPDX-License-Identifier: MIT
// The registry of organisations, the first shared registry of Metrópoli: governments, health authorities, the
// armed forces, chambers, academic centres and civil society, with the sectors and jurisdictions where they
// act and whether they belong to the coalition. Public to read; written by an admin or the organisation's own
// editors, each write checked against the permission table and audited in its transaction.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::access {

// The kinds an organisation may be, as stored and sent: "federal_government", "state_government",
// "municipal_government", "health_authority", "armed_forces", "business_chamber", "academic_centre",
// "civil_society", "other".
const std::vector<std::string>& organisation_kinds();
bool is_organisation_kind(std::string_view kind);

// One stored organisation. Its JSON (organisation_json) uses these names.
struct Organisation {
    int64_t id = 0;
    std::string name;                        // "Jurisdicción Sanitaria de Torreón, Matamoros y Viesca"
    std::string short_name;                  // unique: "Jurisdicción Sanitaria Torreón"
    std::string kind;                        // one of organisation_kinds()
    std::vector<std::string> sectors;        // free words: "salud", "seguridad", ...
    std::vector<std::string> jurisdictions;  // INEGI codes where it acts: "05" (a state), "05035"
    bool coalition = false;                  // in the coalition of supporting organisations
    std::string contact;                     // free text, may be empty
    std::string website;                     // empty or an http(s) URL
    bool seed = false;                       // created by Metrópoli from the source deck (still editable)
    int64_t version = 1;                     // 1 when created, bumped by every update
    std::string created_at, updated_at;      // ISO-8601 UTC
};

// {id, name, short_name, kind, sectors, jurisdictions, coalition, contact, website, seed, version,
// created_at, updated_at}.
nlohmann::json organisation_json(const Organisation& organisation);

// The fields of a create or an update; an update changes only those set. A create needs name, short_name
// and kind.
struct OrganisationFields {
    std::optional<std::string> name, short_name, kind;
    std::optional<std::vector<std::string>> sectors, jurisdictions;
    std::optional<bool> coalition;
    std::optional<std::string> contact, website;
};

// The fields of a JSON object ({"name": ..., "sectors": [...], ...}); invalid_argument naming the first field
// of the wrong type or unknown, as a JSON pointer ("/sectors/1: ..."). Does not check values (the writes do).
Result<OrganisationFields> organisation_fields_from_json(const nlohmann::json& body);

struct OrganisationFilter {
    std::optional<std::string> kind = std::nullopt;    // exactly this kind
    std::optional<std::string> sector = std::nullopt;  // acts in this sector (compared case-insensitively)
    std::optional<bool> coalition = std::nullopt;
};

// The organisations matching `filter`, by name. Only reads.
Result<std::vector<Organisation>> list_organisations(storage::Database& db,
                                                     const OrganisationFilter& filter = {});

// One organisation; not_found when there is none with `id`. Only reads.
Result<Organisation> get_organisation(storage::Database& db, int64_t id);

// An organisation named by its id ("12") or its short name (exact, or case-insensitive when that is
// unambiguous), as the command line takes them; not_found otherwise. Only reads.
Result<Organisation> find_organisation(storage::Database& db, std::string_view id_or_short_name);

// Adds an organisation (permission "organisation.create"): forbidden without it; invalid_argument for a
// missing or malformed field; conflict when its name or short name is taken. Audited as
// "organisation.create" with every field.
Result<Organisation> create_organisation(storage::Database& db, const Clock& clock, const Actor& who,
                                         const std::string& request_id, const OrganisationFields& fields);

// Changes the fields set in `changes` of organisation `id` (permission "organisation.edit" for that
// organisation), provided its stored version is `expected_version`: precondition_failed otherwise (someone
// else changed it since it was read; nothing is written). Bumps the version and updated_at even when no field
// changes. Audited as "organisation.update" with the changed fields (before and after).
Result<Organisation> update_organisation(storage::Database& db, const Clock& clock, const Actor& who,
                                         const std::string& request_id, int64_t id, int64_t expected_version,
                                         const OrganisationFields& changes);

// Creates the organisations the source deck names for region `region_id` that are not there yet (by their
// stable seed key, so renaming a seed does not bring it back), as `system`, audited; returns how many were
// added. Regions other than "laguna" have no seeds yet (0).
Result<int> seed_organisations(storage::Database& db, const Clock& clock, std::string_view region_id);

// The organisation seeded with `key` (laguna_seeds()), whatever it has been renamed to; not_found when that
// seed was never made. Only reads.
Result<Organisation> find_seed_organisation(storage::Database& db, std::string_view key);

// The seeds of La Laguna, in the deck's order (for tests and documentation).
struct OrganisationSeed {
    std::string key;  // stable: "coahuila-ejecutivo"
    OrganisationFields fields;
};
const std::vector<OrganisationSeed>& laguna_seeds();

}  // namespace metropoli::access
