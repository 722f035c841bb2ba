// SPDX-License-Identifier: MIT
// The audit log: every state change appends one entry, inside the transaction that makes the change, to a
// hash chain the database refuses to edit (storage's audit_log table); the chain can be walked and checked,
// and its head (entry count, last hash) published so that even a rewrite of the whole table shows.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "core/date.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::access {

// What one state change did.
struct AuditEntry {
    std::string action;       // stable verb: "organisation.update", "release.ingest", "account.create", ...
    std::string entity_type;  // "organisation", "account", "release", "feed", "region", ... (no ':')
    std::string entity_id;    // "12", "ssa:2021-03-12"
    nlohmann::json diff = nlohmann::json::object();  // {"field": {"before": x, "after": y}}, changed fields
};

// Who a write is done for and in which request, as a library that writes takes it (an ingest's options):
// the command line's `cli:NAME`, an account, or the system (the default) when a program acts on its own.
// `request_id` is empty outside an HTTP request.
struct Attribution {
    Actor actor = system_actor();
    std::string request_id;
};

// The hash before the first entry: 64 zeros.
inline const std::string k_genesis_hash(64, '0');

// Appends one entry inside the caller's open transaction (`db.transaction`), so the change and its trace
// commit or fail together: time from `clock`, actor `who.id`, `request_id` (may be empty). The entry's hash
// is SHA-256 of the previous entry's hash (hex) followed by the entry's canonical JSON (see
// canonical_entry_json). Concurrent writers never fork the chain: on PostgreSQL the table is locked (SHARE
// ROW EXCLUSIVE, so readers go on) until the caller's transaction ends; SQLite's writers are serialised by
// its BEGIN IMMEDIATE. Call it after the writes it records: the lock is held from here to the commit. Refused
// (ErrorCode::internal, a bug of the caller): no open transaction, an empty action or entity type, a
// ':' in the entity type, a diff that is not an object, or a diff holding a secret's name at any depth
// (see is_secret_field).
Status audit(storage::Database& db, const Clock& clock, const Actor& who, const std::string& request_id,
             const AuditEntry& entry);

// The changed fields of two JSON objects: {"key": {"before": b, "after": a}} for every key whose value
// differs (a missing key counts as null). A null `before` (a creation) or `after` (a removal) is an empty
// object.
nlohmann::json diff_of(const nlohmann::json& before, const nlohmann::json& after);

// Whether an object key names a secret the audit log must never hold: password, password_hash, token,
// token_hash, secret, in any case, alone or as the last part of a name ("new_password", "csrf_token").
bool is_secret_field(std::string_view key);

// One stored entry, as read back.
struct StoredAuditEntry {
    int64_t id = 0;
    std::string at;  // "2021-03-12T08:30:05Z"
    std::string actor;
    std::string action;
    std::string entity_type;
    std::string entity_id;
    nlohmann::json diff = nlohmann::json::object();
    std::string request_id;
    std::string prev_hash;
    std::string hash;
};

// {id, at, actor, action, entity_type, entity_id, diff, request_id}: what the CLI's JSON and the API show.
nlohmann::json to_json(const StoredAuditEntry& entry);

// The text the hash covers after the previous hash: the JSON object of action, actor, at, diff, entity_id,
// entity_type and request_id, keys sorted at every depth, no spaces, UTF-8 as is (Python's
// json.dumps(e, sort_keys=True, separators=(",", ":"), ensure_ascii=False)).
std::string canonical_entry_json(const StoredAuditEntry& entry);
// hex(SHA-256(prev_hash + canonical_entry_json(entry))).
std::string entry_hash(const StoredAuditEntry& entry);

// The result of walking the chain. `first_broken` is the id of the first entry that does not hold: its
// content does not match its hash, its prev_hash is not the hash of the entry before it (one was removed or
// the chain rewritten from there), or it is stored unreadably. `checked` counts the entries walked, the
// broken one included.
struct VerifyReport {
    int64_t checked = 0;
    std::optional<int64_t> first_broken;
    std::string reason;  // empty when intact
    bool intact() const { return !first_broken; }
};
// Walks the whole chain in id order.
Result<VerifyReport> verify_chain(storage::Database& db);

// The chain's head: how many entries, and the last one's hash (the genesis hash when empty). One statement,
// so the two agree even while others append.
struct ChainHead {
    int64_t count = 0;
    std::string hash = k_genesis_hash;
};
Result<ChainHead> chain_head(storage::Database& db);

// Whether the chain still holds an earlier head: entry number `head.count` (in id order) has hash
// `head.hash`. Not found or different: ErrorCode::conflict saying what the chain holds instead.
Status chain_holds(storage::Database& db, const ChainHead& head);

// Which entries audit_entries lists. Empty fields select everything.
struct AuditFilter {
    std::string entity;        // "TYPE:ID" (one entity) or "TYPE" (every entity of that type)
    std::string actor;         // exactly, e.g. "cli:ana", "account:12"
    std::optional<Date> from;  // entries on or after that day (UTC)
};
// The entries the filter selects, oldest first.
Result<std::vector<StoredAuditEntry>> audit_entries(storage::Database& db, const AuditFilter& filter);

}  // namespace metropoli::access
