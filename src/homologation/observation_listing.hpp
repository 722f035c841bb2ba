// SPDX-License-Identifier: MIT
// The region's observations as the API, the command line and the web page list them, by who asks: anyone sees
// the approved ones; coders and reviewers (policy.code, policy.review) see drafts, submitted and rejected
// ones too. And the source documents observations cite.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "access/actor.hpp"
#include "core/date.hpp"
#include "core/result.hpp"
#include "homologation/observations.hpp"
#include "storage/database.hpp"

namespace metropoli::homologation {

// draft, submitted, approved, rejected.
const std::vector<std::string>& review_states();

// Whether `who` may see observations that are not approved (a coder or a reviewer).
bool sees_unreviewed(const access::Actor& who);

struct ObservationFilter {
    std::optional<std::string> jurisdiction = std::nullopt, indicator = std::nullopt, state = std::nullopt;
    std::optional<Date> from = std::nullopt, to = std::nullopt;  // in force on some day between them
    size_t limit = 1000;
};

// The region's observations (not OxCGRT's imported ones), newest first, at most filter.limit. Without
// sees_unreviewed(who) only approved ones, and asking for another state is refused (unauthenticated for
// nobody, forbidden otherwise). An unknown state is invalid_argument naming /state; `to` before `from` names
// /to.
Result<std::vector<Observation>> list_observations_for(storage::Database& db, const access::Actor& who,
                                                       const ObservationFilter& filter);
// not_found for an id that does not exist, or that `who` may not see.
Result<Observation> observation_for(storage::Database& db, const access::Actor& who, int64_t id);

// The region's jurisdictions registered for coding (not OxCGRT's), federal first, then by code.
Result<std::vector<PolicyJurisdiction>> list_region_jurisdictions(storage::Database& db);

struct SourceDocument {
    int64_t id = 0;
    ObservationSource source;
    std::string layout;  // an imported OxCGRT file's layout; empty for a document
};
nlohmann::json source_document_json(const SourceDocument& s);
// The source documents observations cite, OxCGRT's files among them, newest first.
Result<std::vector<SourceDocument>> list_source_documents(storage::Database& db);

}  // namespace metropoli::homologation
