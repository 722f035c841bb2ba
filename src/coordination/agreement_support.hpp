// SPDX-License-Identifier: MIT
// Internal to the agreements concept: reading agreements and statuses back, the roll-up of ancestors, and the
// checks the store, the import and the seeds share. Not part of the library's interface.
#pragma once

#include <soci/soci.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "access/actor.hpp"
#include "coordination/agreements.hpp"
#include "storage/database.hpp"

namespace metropoli::coordination::detail {

double get_double(const soci::row& row, std::size_t column);

// Every agreement (with co-responsibles, jurisdictions and children), or one by id or reference. `hidden`
// receives the ids of agreements whose meeting belongs to a private body.
std::vector<Agreement> select_agreements(soci::session& sql, std::optional<long long> id = std::nullopt,
                                         const std::string* reference = nullptr,
                                         std::vector<int64_t>* hidden = nullptr);
// Whether `who` sees agreements of private bodies (coordinators).
bool sees_private_agreements(const access::Actor& who);
// The agreements `who` may read.
std::vector<Agreement> visible_agreements(soci::session& sql, const access::Actor& who);

std::vector<AgreementStatus> select_statuses(soci::session& sql);
std::optional<AgreementStatus> status_by_key(soci::session& sql, const std::string& key);

// What the audit log keeps of an agreement (its fields, without id, version and timestamps).
nlohmann::json audited_agreement(const Agreement& a);

// Recomputes the progress of `parent` and of each ancestor above it from their children, writing and auditing
// each one that changes ("agreement.rollup"), inside the caller's transaction.
Status roll_up_from(storage::Database& db, const Clock& clock, const access::Actor& who,
                    const std::string& request_id, std::optional<int64_t> parent);

// The checks of a new agreement that need no other row of the file (the store and the import share them);
// the region's jurisdiction codes when a region is stored (empty: only the form is checked).
Status check_agreement_fields(soci::session& sql, const NewAgreement& a);

// Writes an agreement (checked) with its lists and its audit entry; returns its id. `parent_ok` when the
// parent was checked by the caller (the import's parents may be rows of the same file).
Result<int64_t> insert_agreement(storage::Database& db, const Clock& clock, const access::Actor& who,
                                 const std::string& request_id, const NewAgreement& a);

// Writes a progress update (checked) and its consequences; the store and the import share it.
Result<ProgressUpdate> insert_progress(storage::Database& db, const Clock& clock, const access::Actor& who,
                                       const std::string& request_id, const Agreement& agreement,
                                       const NewProgress& p);
// The checks of a progress update that need no write.
Status check_progress_fields(soci::session& sql, const Agreement& agreement, const NewProgress& p);

}  // namespace metropoli::coordination::detail
