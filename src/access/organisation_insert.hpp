// SPDX-License-Identifier: MIT
// Internal to access: the one insert of an organisation, shared by create_organisation and the seeds.
#pragma once

#include <optional>
#include <string>

#include "access/organisations.hpp"

namespace metropoli::access::detail {

// Inserts one organisation inside the caller's open transaction and audits it as "organisation.create";
// `seed_key` marks a seed. Validates the fields; conflict when the name or short name is taken.
Result<Organisation> insert_organisation(storage::Database& db, const Clock& clock, const Actor& who,
                                         const std::string& request_id, const OrganisationFields& f,
                                         const std::optional<std::string>& seed_key);

}  // namespace metropoli::access::detail
