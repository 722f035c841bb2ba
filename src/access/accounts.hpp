// SPDX-License-Identifier: MIT
// People, their accounts and the roles granted to them. A person belongs to organisations; an account is a
// person's login (an e-mail, unique whatever its case), an argon2id password hash, a state (active or
// disabled) and its role grants, each optionally scoped to one organisation (editor) or one body (member).
// Every write checks the permission table and is audited in its transaction; no password or hash ever leaves
// this module (the hash is not even in Account).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/actor.hpp"
#include "access/passwords.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::access {

enum class AccountState { active, disabled };
std::string_view account_state_name(AccountState state);  // "active", "disabled"

// A grant as stored: its id (to revoke it) and the grant.
struct StoredGrant {
    int64_t id = 0;
    Grant grant;
};

struct Person {
    int64_t id = 0;
    std::string name;
    std::vector<int64_t> organisations;  // ids, ascending
};

struct Account {
    int64_t id = 0;
    std::string email;  // as stored: lower-case ASCII letters
    Person person;
    AccountState state = AccountState::active;
    std::optional<std::string> last_login;  // ISO-8601 UTC of the last successful login
    std::vector<StoredGrant> grants;
    std::string created_at;
};

// {id, email, person: {id, name}, name, organisations: [ids], state, last_login (null when never),
// grants: [{id, role, organisation?, body?}], created_at}.
nlohmann::json account_json(const Account& account);
// {role, organisation?, body?} (absent scopes left out).
nlohmann::json grant_json(const Grant& grant);
// A grant from {role, organisation?, body?}; invalid_argument naming the field.
Result<Grant> grant_from_json(const nlohmann::json& value);

// The key an e-mail is stored and looked up by: trimmed, ASCII letters lower-cased.
std::string normalise_email(std::string_view email);

struct NewAccount {
    std::string email;
    std::string name;  // the person's name; the e-mail's local part when empty
    std::string password;
    std::vector<int64_t> organisations;  // the person's organisations
    std::vector<Grant> grants;
};

// Creates a person and her account (permission "account.create"): invalid_argument for a malformed e-mail,
// a password the policy refuses (passwords.hpp), a grant scoped wrongly (editor needs an organisation, member
// a body, the others neither) or an organisation that does not exist; conflict when the e-mail is taken. The
// password is hashed with `options`. Audited as "account.create" (e-mail, name, organisations, grants; never
// the password).
Result<Account> create_account(storage::Database& db, const Clock& clock, const Actor& who,
                               const std::string& request_id, const NewAccount& account,
                               const PasswordOptions& options = {});

// Every account, by e-mail. Only reads (the caller checks "account.read").
Result<std::vector<Account>> list_accounts(storage::Database& db);
// One account; not_found when missing. Only reads.
Result<Account> get_account(storage::Database& db, int64_t id);
Result<Account> find_account_by_email(storage::Database& db, std::string_view email);

// Disables or enables an account (permission "account.disable"). Disabling ends its sessions; its API tokens
// stop resolving while it is disabled. Audited as "account.disable" / "account.enable".
Result<Account> set_account_state(storage::Database& db, const Clock& clock, const Actor& who,
                                  const std::string& request_id, int64_t account_id, AccountState state);

// Changes the password of `who`'s own account (permission "account.self"), given the current one:
// unauthenticated when `current_password` is wrong; invalid_argument when the new one fails the policy. Ends
// every session of the account except the one whose token is `keep_session_token` (the caller's), so a
// stolen session dies with the old password. Audited as "account.password" (no secret in it).
Status change_own_password(storage::Database& db, const Clock& clock, const Actor& who,
                           const std::string& request_id, std::string_view current_password,
                           std::string_view new_password,
                           const std::optional<std::string>& keep_session_token = {},
                           const PasswordOptions& options = {});

// Sets another account's password (permission "account.password": admin, or the command line), ending all
// its sessions. Audited as "account.password".
Status reset_password(storage::Database& db, const Clock& clock, const Actor& who,
                      const std::string& request_id, int64_t account_id, std::string_view new_password,
                      const PasswordOptions& options = {});

// Grants a role (permission "role.grant"): invalid_argument for a wrongly scoped grant or a missing
// organisation; conflict when the account already has exactly that grant. An editor grant also makes the
// person a member of the organisation. Audited as "role.grant".
Result<StoredGrant> grant_role(storage::Database& db, const Clock& clock, const Actor& who,
                               const std::string& request_id, int64_t account_id, const Grant& grant);

// Revokes grant `grant_id` of account `account_id` (permission "role.revoke"); not_found when the account has
// no such grant. Audited as "role.revoke".
Status revoke_grant(storage::Database& db, const Clock& clock, const Actor& who,
                    const std::string& request_id, int64_t account_id, int64_t grant_id);
// The same, naming the grant by its value (the command line's `role revoke EMAIL ROLE --org ORG`).
Status revoke_role(storage::Database& db, const Clock& clock, const Actor& who, const std::string& request_id,
                   int64_t account_id, const Grant& grant);

// Adds the person of an account to an organisation (permission "account.create"). Audited as
// "account.organisation".
Status add_to_organisation(storage::Database& db, const Clock& clock, const Actor& who,
                           const std::string& request_id, int64_t account_id, int64_t organisation_id);

// The actor of an active account, with its current grants: what a session or a token resolves to. Only reads.
Result<Actor> account_actor(storage::Database& db, int64_t account_id);

}  // namespace metropoli::access
