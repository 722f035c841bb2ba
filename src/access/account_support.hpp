// SPDX-License-Identifier: MIT
// Internal to access: the account queries sessions and tokens share with accounts.cpp. Each runs inside the
// caller's transaction (or read) on `sql`; SOCI exceptions pass through to it.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

#include "access/accounts.hpp"

namespace metropoli::access::detail {

Status check_email(const std::string& email);
// A grant's scope fits its role (editor: an organisation that exists; member: a body; others: neither).
Status check_grant(soci::session& sql, const Grant& grant);
Result<Account> load_account(soci::session& sql, int64_t id);
// The actor of an account ("account:ID", its e-mail, its grants), whatever its state.
Actor actor_of(const Account& account);
Result<std::string> password_hash_of(soci::session& sql, int64_t account_id);
// Deletes the account's sessions, but the one whose token is `keep_token`.
Status end_sessions(soci::session& sql, int64_t account_id, const std::optional<std::string>& keep_token);
// Stores a new password hash (made before the transaction: argon2id is slow on purpose).
Status store_password_hash(soci::session& sql, int64_t account_id, const std::string& hash,
                           const Clock& clock);
Result<StoredGrant> insert_grant(soci::session& sql, const Clock& clock, int64_t account_id,
                                 int64_t person_id, const Grant& grant);
nlohmann::json audited_grants(const std::vector<Grant>& grants);

}  // namespace metropoli::access::detail
