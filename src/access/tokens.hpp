// SPDX-License-Identifier: MIT
// Personal API tokens for scripts, sent as `Authorization: Bearer mtp_...`: shown once when created, stored
// as their SHA-256, revocable, each with its own grants, which never exceed the account's: a token acts with
// the grants it was given that the account still holds.
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

// Every token starts with this, so a leaked one is recognisable (and greppable by secret scanners).
inline constexpr std::string_view k_token_prefix = "mtp_";

struct NewToken {
    int64_t id = 0;
    std::string name;
    std::string token;  // "mtp_" + 32 random bytes in base64url: shown once, never stored
    std::vector<Grant> grants;
};

struct TokenInfo {
    int64_t id = 0;
    int64_t account = 0;
    std::string name;
    std::vector<Grant> grants;
    std::string created_at;
    std::optional<std::string> last_used, revoked_at;
};

// {id, name, grants: [{role, organisation?, body?}], created_at, last_used (null when never), revoked_at
// (null while valid)}.
nlohmann::json token_json(const TokenInfo& token);

// Creates a token for account `account_id` named `name` (1 to 100 bytes): for one's own account
// ("account.self") or another's ("account.tokens": admin, or the command line). `grants` must each be held by
// the account now (forbidden otherwise); nullopt gives all it holds now. Audited as "token.create" (name and
// grants, never the token).
Result<NewToken> create_token(storage::Database& db, const Clock& clock, const Actor& who,
                              const std::string& request_id, int64_t account_id, const std::string& name,
                              const std::optional<std::vector<Grant>>& grants = std::nullopt);

// The tokens of an account, newest first, revoked ones included. Only reads.
Result<std::vector<TokenInfo>> list_tokens(storage::Database& db, int64_t account_id);

// Revokes token `token_id`: its own account's ("account.self") or anyone's ("account.tokens"); not_found
// when there is no such token (or, for "account.self", it is another account's). Audited as "token.revoke".
Status revoke_token(storage::Database& db, const Clock& clock, const Actor& who,
                    const std::string& request_id, int64_t token_id);

// The actor of a Bearer token: its account ("account:ID"), with the token's grants that the account still
// holds; unauthenticated for an unknown or revoked token or a disabled account. Touches last_used when it is
// older than a minute.
Result<Actor> resolve_token(storage::Database& db, const Clock& clock, std::string_view token);

}  // namespace metropoli::access
