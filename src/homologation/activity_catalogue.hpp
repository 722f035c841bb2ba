// SPDX-License-Identifier: MIT
// The activity catalogue the activity rules are written for (an activity or sector, whether the 2020
// framework counted it essential, its SCIAN codes) and the documents the rules cite (DOF, Periódico Oficial,
// press releases and press: title, issuer, date, address). Both are loaded from data/activity_rules/ and read
// by everyone.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/bilingual.hpp"
#include "core/date.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::homologation {

struct CatalogueActivity {
    int64_t id = 0;
    std::string key;  // "restaurantes"
    Bilingual name;
    std::string essential;           // essential, non_essential, not_applicable
    std::vector<std::string> scian;  // SCIAN 2018 codes, possibly none
    int position = 0;                // the matrix's row order
};
nlohmann::json catalogue_activity_json(const CatalogueActivity& a);

struct RuleSource {
    int64_t id = 0;
    std::string key;   // "siglo-1765525"
    std::string kind;  // dof, periodico_oficial, press_release, press, cabildo, other
    std::string title, issuer;
    std::optional<Date> published_on;  // none when the source's date is not known
    std::string url;                   // empty when the reference gives no address
    std::string note;
};
nlohmann::json rule_source_json(const RuleSource& s);

// The catalogue in its order; the sources by key.
Result<std::vector<CatalogueActivity>> list_catalogue(storage::Database& db);
Result<std::vector<RuleSource>> list_rule_sources(storage::Database& db);

}  // namespace metropoli::homologation
