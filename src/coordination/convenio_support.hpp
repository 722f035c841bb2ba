// SPDX-License-Identifier: MIT
// Internal to the convenio's store: reading a whole convenio (parties, signatures, clauses, their agreements
// and the roll-up), and the inserts the use cases and the seed share. Not part of the library's interface.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

#include "access/actor.hpp"
#include "coordination/convenio.hpp"

namespace metropoli::coordination::detail {

// A numeric column whatever type the engine reports for it.
double get_number(const soci::row& row, std::size_t column);

// The convenio with everything below it, or nullopt.
std::optional<Convenio> load_convenio(soci::session& sql, long long id);
// The convenio a clause belongs to, or nullopt.
std::optional<int64_t> clause_convenio(soci::session& sql, long long clause);

// Inserts (fields already valid) and audits; returns the new id.
Result<int64_t> insert_convenio(storage::Database& db, const Clock& clock, const access::Actor& who,
                                const std::string& request_id, const ConvenioFields& f,
                                const std::optional<std::string>& seed_key);
// Inserts a party of a draft convenio, bumps its version, audits.
Status insert_party(storage::Database& db, const Clock& clock, const access::Actor& who,
                    const std::string& request_id, const Convenio& c, const NewParty& party);
// Inserts a clause of a draft convenio, bumps its version, audits.
Status insert_clause(storage::Database& db, const Clock& clock, const access::Actor& who,
                     const std::string& request_id, const Convenio& c, const ClauseFields& clause);

}  // namespace metropoli::coordination::detail
