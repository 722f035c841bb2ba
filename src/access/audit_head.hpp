// SPDX-License-Identifier: MIT
// The published head of the audit chain: its entry count and last hash at a moment, optionally signed with an
// Ed25519 key kept outside the database, so that a rewrite of the whole chain (which verify_chain alone
// cannot see) shows against any head published before it.
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "access/audit.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::access {

// {count, hash, at} and, when signed, the Ed25519 signature of signed_text() and the public key (hex both).
struct PublishedHead {
    ChainHead head;
    std::string at;  // when it was read, "2021-03-12T08:30:05Z"
    std::optional<std::string> signature;
    std::optional<std::string> public_key;

    // What the signature covers: {"at":…,"count":…,"hash":…}, keys sorted, no spaces.
    std::string signed_text() const;
    // {"count", "hash", "at"} plus "signature" and "public_key" when signed.
    nlohmann::json to_json() const;
};

// Parses a head document (as to_json writes it); bad_input naming what is wrong.
Result<PublishedHead> parse_published_head(const std::string& text);

// An Ed25519 secret key read from its file. The key never leaves this object; it is wiped on destruction.
class SigningKey {
public:
    // Reads a key file written by write_new_key. Refused (invalid_argument) when the file is readable or
    // writable by anyone but its owner (as ssh refuses such keys), is a link, or does not hold a key.
    static Result<SigningKey> load(const std::string& path);
    ~SigningKey();
    SigningKey(SigningKey&& other) noexcept;
    SigningKey(const SigningKey&) = delete;
    SigningKey& operator=(const SigningKey&) = delete;
    SigningKey& operator=(SigningKey&&) = delete;

    std::string public_key_hex() const;
    // `head` with its signature and this key's public key.
    PublishedHead sign(PublishedHead head) const;

private:
    SigningKey() = default;
    std::array<unsigned char, 64> m_secret{};
};

// Creates a new key pair and writes the secret key to `path` (created, never overwritten; mode 0600; one
// line of hex). Returns the public key in hex.
Result<std::string> write_new_key(const std::string& path);

// The chain's head now, stamped with `clock`'s time and signed by `key` when given.
Result<PublishedHead> current_head(storage::Database& db, const Clock& clock,
                                   const SigningKey* key = nullptr);

// Whether `head`'s signature is valid for its public key (or for `expected_public_key`, hex, when given,
// which must then also be the head's). ok for a valid one; conflict for a head without a signature, a wrong
// one, or another key.
Status check_head_signature(const PublishedHead& head, const std::string& expected_public_key = "");

}  // namespace metropoli::access
