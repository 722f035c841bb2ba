// SPDX-License-Identifier: MIT
// Appending to the audit chain, walking it, and reading it back. Storage's audit_log columns hold an entry
// as: subject = "entity_type:entity_id", detail = {"diff": …, "request_id": …}.
#include "access/audit.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace metropoli::access {

namespace {

constexpr std::array<std::string_view, 5> k_secret_names = {"password", "password_hash", "token",
                                                            "token_hash", "secret"};

Error bug(std::string message) {
    return make_error(ErrorCode::internal, "audit: " + std::move(message));
}

// The first secret field name anywhere in `value`, or empty.
std::string secret_inside(const nlohmann::json& value) {
    if (value.is_object()) {
        for (const auto& [key, inner] : value.items()) {
            if (is_secret_field(key)) return key;
            if (auto found = secret_inside(inner); !found.empty()) return found;
        }
    } else if (value.is_array()) {
        for (const auto& inner : value) {
            if (auto found = secret_inside(inner); !found.empty()) return found;
        }
    }
    return {};
}

std::string dump_strict(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
}

std::string sha256_hex(const std::string& bytes) {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

// An entry from its stored columns. A detail that is not what audit() writes is kept as its text in `diff`
// (so it can still be shown); its hash then cannot match, which verify_chain reports.
StoredAuditEntry audit_entry_from_row(const soci::row& row) {
    StoredAuditEntry e;
    e.id = storage::get_int64(row, 0);
    e.at = row.get<std::string>(1);
    e.actor = row.get<std::string>(2);
    e.action = row.get<std::string>(3);
    const auto subject = row.get<std::string>(4);
    const auto colon = subject.find(':');
    e.entity_type = subject.substr(0, colon);
    e.entity_id = colon == std::string::npos ? std::string() : subject.substr(colon + 1);
    const auto detail_text = row.get<std::string>(5);
    auto detail = nlohmann::json::parse(detail_text, nullptr, false);
    if (!detail.is_discarded() && detail.is_object() && detail.contains("diff") &&
        detail["diff"].is_object() && detail.value("request_id", nlohmann::json()).is_string() &&
        detail.size() == 2) {
        e.diff = detail["diff"];
        e.request_id = detail["request_id"].get<std::string>();
    } else {
        e.diff = detail_text;
    }
    e.prev_hash = row.get<std::string>(6);
    e.hash = row.get<std::string>(7);
    return e;
}

const char* const k_select_entries =
    "SELECT id, at, actor, action, subject, detail, prev_hash, hash FROM audit_log";

std::string short_hash(const std::string& hash) {
    return hash.substr(0, 12) + "…";
}

}  // namespace

bool is_secret_field(std::string_view key) {
    std::string lower(key);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const auto name : k_secret_names) {
        if (lower == name) return true;
        if (lower.size() > name.size() && lower.ends_with(name) &&
            lower[lower.size() - name.size() - 1] == '_')
            return true;
    }
    return false;
}

nlohmann::json diff_of(const nlohmann::json& before, const nlohmann::json& after) {
    const auto empty = nlohmann::json::object();
    const auto& b = before.is_object() ? before : empty;
    const auto& a = after.is_object() ? after : empty;
    nlohmann::json diff = nlohmann::json::object();
    auto value = [](const nlohmann::json& object, const std::string& key) {
        auto it = object.find(key);
        return it == object.end() ? nlohmann::json() : *it;
    };
    for (const auto& [key, v] : b.items()) {
        if (value(a, key) != v) diff[key] = {{"before", v}, {"after", value(a, key)}};
    }
    for (const auto& [key, v] : a.items()) {
        if (!b.contains(key) && !v.is_null()) diff[key] = {{"before", nullptr}, {"after", v}};
    }
    return diff;
}

nlohmann::json to_json(const StoredAuditEntry& e) {
    return {{"id", e.id},
            {"at", e.at},
            {"actor", e.actor},
            {"action", e.action},
            {"entity_type", e.entity_type},
            {"entity_id", e.entity_id},
            {"diff", e.diff},
            {"request_id", e.request_id}};
}

std::string canonical_entry_json(const StoredAuditEntry& e) {
    // nlohmann::json objects are std::maps: keys come out sorted at every depth.
    const nlohmann::json canonical = {{"action", e.action},
                                      {"actor", e.actor},
                                      {"at", e.at},
                                      {"diff", e.diff},
                                      {"entity_id", e.entity_id},
                                      {"entity_type", e.entity_type},
                                      {"request_id", e.request_id}};
    return dump_strict(canonical);
}

std::string entry_hash(const StoredAuditEntry& e) {
    return sha256_hex(e.prev_hash + canonical_entry_json(e));
}

Status audit(storage::Database& db, const Clock& clock, const Actor& who, const std::string& request_id,
             const AuditEntry& entry) {
    if (!db.in_transaction())
        return bug(fmt::format("{} of {}:{} outside a transaction (call it inside db.transaction)",
                               entry.action, entry.entity_type, entry.entity_id));
    if (entry.action.empty() || entry.entity_type.empty())
        return bug("an entry needs an action and an entity type");
    if (entry.entity_type.find(':') != std::string::npos)
        return bug(fmt::format("entity type '{}' holds a ':'", entry.entity_type));
    if (!entry.diff.is_object()) return bug(fmt::format("the diff of {} is not a JSON object", entry.action));
    if (auto secret = secret_inside(entry.diff); !secret.empty())
        return bug(fmt::format("the diff of {} holds the secret field '{}'; secrets are never audited",
                               entry.action, secret));
    StoredAuditEntry e;
    e.at = clock.now_iso();
    e.actor = who.id;
    e.action = entry.action;
    e.entity_type = entry.entity_type;
    e.entity_id = entry.entity_id;
    e.diff = entry.diff;
    e.request_id = request_id;
    std::string detail;
    try {
        detail = dump_strict({{"diff", e.diff}, {"request_id", e.request_id}});
    } catch (const nlohmann::json::exception&) {
        return bug(fmt::format("the entry of {} is not valid UTF-8", entry.action));
    }
    if (sodium_init() < 0) return bug("libsodium cannot be initialised");
    auto& sql = db.session();
    // The lock conflicts with itself and with plain writes, not with reads: two appenders take turns, and
    // the second reads the first's entry as its predecessor. SQLite's writers are already one at a time.
    if (db.engine() == storage::Engine::postgresql) sql << "LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE";
    std::string prev;
    sql << "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", soci::into(prev);
    e.prev_hash = sql.got_data() ? prev : k_genesis_hash;
    e.hash = entry_hash(e);
    const std::string subject = e.entity_type + ":" + e.entity_id;
    sql << "INSERT INTO audit_log (at, actor, action, subject, detail, prev_hash, hash) "
           "VALUES (:at, :actor, :action, :subject, :detail, :prev, :hash)",
        soci::use(e.at), soci::use(e.actor), soci::use(e.action), soci::use(subject), soci::use(detail),
        soci::use(e.prev_hash), soci::use(e.hash);
    return ok_status();
}

Result<VerifyReport> verify_chain(storage::Database& db) {
    if (sodium_init() < 0) return bug("libsodium cannot be initialised");
    try {
        VerifyReport report;
        std::string expected_prev = k_genesis_hash;
        int64_t previous_id = 0;
        soci::rowset<soci::row> rows =
            (db.session().prepare << std::string(k_select_entries) + " ORDER BY id");
        for (const auto& row : rows) {
            const auto e = audit_entry_from_row(row);
            ++report.checked;
            const auto n = report.checked;
            if (e.prev_hash != expected_prev) {
                report.first_broken = e.id;
                report.reason =
                    n == 1 ? fmt::format(
                                 "entry 1 (id {}) does not start the chain: its prev_hash {} is not the "
                                 "genesis hash (entries before it were removed)",
                                 e.id, short_hash(e.prev_hash))
                           : fmt::format(
                                 "entry {} (id {}): its prev_hash {} is not the hash {} of entry {} (id "
                                 "{}): an entry between them was removed, or the chain rewritten",
                                 n, e.id, short_hash(e.prev_hash), short_hash(expected_prev), n - 1,
                                 previous_id);
                return report;
            }
            std::string recomputed;
            try {
                recomputed = entry_hash(e);
            } catch (const nlohmann::json::exception&) {
                recomputed.clear();
            }
            if (recomputed != e.hash) {
                report.first_broken = e.id;
                report.reason = fmt::format(
                    "entry {} (id {}) was changed: its fields (at, actor, action, subject, detail) do not "
                    "match its hash {}{}",
                    n, e.id, short_hash(e.hash),
                    e.diff.is_string() ? " (its detail is not what the log writes)" : "");
                return report;
            }
            expected_prev = e.hash;
            previous_id = e.id;
        }
        return report;
    } catch (const soci::soci_error& e) {
        return make_error(ErrorCode::database,
                          fmt::format("database {}: {}", db.display_url(), e.get_error_message()));
    }
}

Result<ChainHead> chain_head(storage::Database& db) {
    try {
        ChainHead head;
        long long count = 0;
        std::string hash;
        // One statement, one snapshot: the count and the hash belong to the same state of the chain.
        db.session()
            << "SELECT (SELECT COUNT(*) FROM audit_log), COALESCE((SELECT hash FROM audit_log ORDER BY "
               "id DESC LIMIT 1), '" +
                   k_genesis_hash + "')",
            soci::into(count), soci::into(hash);
        head.count = count;
        head.hash = hash;
        return head;
    } catch (const soci::soci_error& e) {
        return make_error(ErrorCode::database,
                          fmt::format("database {}: {}", db.display_url(), e.get_error_message()));
    }
}

Status chain_holds(storage::Database& db, const ChainHead& head) {
    if (head.count < 0) return make_error(ErrorCode::invalid_argument, "a head's count cannot be negative");
    if (head.count == 0) {
        if (head.hash == k_genesis_hash) return ok_status();
        return make_error(ErrorCode::conflict, "a head of 0 entries must have the genesis hash");
    }
    try {
        auto& sql = db.session();
        const long long offset = head.count - 1;
        std::string hash;
        sql << "SELECT hash FROM audit_log ORDER BY id LIMIT 1 OFFSET :n", soci::use(offset),
            soci::into(hash);
        if (!sql.got_data()) {
            long long count = 0;
            sql << "SELECT COUNT(*) FROM audit_log", soci::into(count);
            return make_error(
                ErrorCode::conflict,
                fmt::format("the chain has {} entries, fewer than the {} of the published head: "
                            "entries were removed",
                            count, head.count));
        }
        if (hash != head.hash)
            return make_error(ErrorCode::conflict,
                              fmt::format("entry {} has hash {}, not the published head's {}: the chain was "
                                          "rewritten up to there",
                                          head.count, hash, head.hash));
        return ok_status();
    } catch (const soci::soci_error& e) {
        return make_error(ErrorCode::database,
                          fmt::format("database {}: {}", db.display_url(), e.get_error_message()));
    }
}

Result<std::vector<StoredAuditEntry>> audit_entries(storage::Database& db, const AuditFilter& filter) {
    const bool one = filter.entity.find(':') != std::string::npos;
    const std::string subject = one ? filter.entity : "";
    const std::string prefix = !one && !filter.entity.empty() ? filter.entity + ":" : "";
    const int prefix_length = static_cast<int>(prefix.size());
    const std::string from = filter.from ? filter.from->iso() + "T00:00:00Z" : "";
    try {
        std::vector<StoredAuditEntry> out;
        // Every condition is always bound; an empty value switches it off (so the statement is one text).
        soci::rowset<soci::row> rows =
            (db.session().prepare
                 << std::string(k_select_entries) +
                        " WHERE (CAST(:s1 AS TEXT) = '' OR subject = CAST(:s2 AS TEXT))"
                        " AND (CAST(:p1 AS TEXT) = '' OR substr(subject, 1, CAST(:n AS INTEGER))"
                        " = CAST(:p2 AS TEXT))"
                        " AND (CAST(:a1 AS TEXT) = '' OR actor = CAST(:a2 AS TEXT))"
                        " AND (CAST(:f1 AS TEXT) = '' OR at >= CAST(:f2 AS TEXT)) ORDER BY id",
             soci::use(subject), soci::use(subject), soci::use(prefix), soci::use(prefix_length),
             soci::use(prefix), soci::use(filter.actor), soci::use(filter.actor), soci::use(from),
             soci::use(from));
        for (const auto& row : rows) out.push_back(audit_entry_from_row(row));
        return out;
    } catch (const soci::soci_error& e) {
        return make_error(ErrorCode::database,
                          fmt::format("database {}: {}", db.display_url(), e.get_error_message()));
    }
}

}  // namespace metropoli::access
