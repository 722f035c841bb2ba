// SPDX-License-Identifier: MIT
// The small cryptographic helpers access builds on, all from libsodium: random tokens, SHA-256 of a secret
// for storage, comparisons that take the same time whatever the input.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace metropoli::access {

// `bytes` random bytes from libsodium's generator, as unpadded base64url text (43 characters for 32 bytes).
std::string random_token(std::size_t bytes = 32);

// The SHA-256 of `text` as 64 lower-case hex digits: how session and API tokens are stored (a token is 32
// random bytes, so a fast hash is enough; the stored hash cannot be turned back into the token).
std::string sha256_hex(std::string_view text);

// Whether `a` and `b` are equal, in a time that depends only on their lengths.
bool constant_time_equal(std::string_view a, std::string_view b);

// A random password of `length` characters from an alphabet without look-alikes (no 0/O, 1/l/I), for demo
// accounts.
std::string random_password(std::size_t length = 20);

}  // namespace metropoli::access
