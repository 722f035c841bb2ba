// SPDX-License-Identifier: MIT
// Passwords: the policy a new one must meet (length, not a common password) and argon2id hashing through
// libsodium's crypto_pwhash_str. Only the hash is ever stored; the hash itself is a secret too (never logged,
// never in an audit entry or an answer).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace metropoli::access {

// The cost of a new hash. A stored hash carries its own parameters, so verifying needs none and a change here
// applies to passwords set from then on.
struct PasswordOptions {
    unsigned long long opslimit = 2;  // crypto_pwhash_OPSLIMIT_INTERACTIVE
    std::size_t memlimit = 67108864;  // crypto_pwhash_MEMLIMIT_INTERACTIVE (64 MiB)

    // The cheapest argon2id libsodium accepts (1 pass, 8 KiB): for tests only, where hundreds of hashes must
    // take milliseconds. Never for real passwords.
    static PasswordOptions fastest_for_tests() { return {1, 8192}; }
};

// Minimum length of a password, in characters (UTF-8 code points), and the longest one taken, in bytes.
inline constexpr std::size_t k_min_password_chars = 12;
inline constexpr std::size_t k_max_password_bytes = 1024;

// invalid_argument (in Spanish and English) when `password` is shorter than 12 characters, longer than 1024
// bytes, not valid UTF-8, or in the bundled list of common passwords (data/access/common-passwords.txt,
// compared case-insensitively). The message never repeats the password.
Status check_password_policy(std::string_view password);

// Whether `password`, lower-cased (ASCII letters), is in the bundled list.
bool is_common_password(std::string_view password);

// How many passwords the bundled list holds.
std::size_t common_password_count();

// The argon2id hash of `password` in libsodium's string form ("$argon2id$v=19$m=...,t=...,p=1$salt$hash").
// Does not check the policy. internal when libsodium refuses (out of memory).
Result<std::string> hash_password(std::string_view password, const PasswordOptions& options = {});

// Whether `password` matches `hash` (a crypto_pwhash_str string); false for a malformed hash.
bool verify_password(const std::string& hash, std::string_view password);

// A hash of a random password made once per process with `options`, to verify against when a login names no
// account, so that an unknown e-mail takes as long as a wrong password.
const std::string& dummy_password_hash(const PasswordOptions& options);

}  // namespace metropoli::access
