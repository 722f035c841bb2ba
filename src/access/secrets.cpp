// SPDX-License-Identifier: MIT
// libsodium behind the helpers of secrets.hpp.
#include "access/secrets.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace metropoli::access {

namespace {

// sodium_init is thread-safe and idempotent; it fails only when the system has no source of randomness.
void ensure_sodium() {
    static const bool ready = [] {
        if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
        return true;
    }();
    (void)ready;
}

}  // namespace

std::string random_token(std::size_t bytes) {
    ensure_sodium();
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(out.find('\0'));
    sodium_memzero(raw.data(), raw.size());
    return out;
}

std::string sha256_hex(std::string_view text) {
    ensure_sodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    std::string out(crypto_hash_sha256_BYTES * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), digest, sizeof digest);
    out.pop_back();
    return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    ensure_sodium();
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string random_password(std::size_t length) {
    ensure_sodium();
    static constexpr std::string_view k_alphabet =
        "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string out;
    out.reserve(length);
    for (std::size_t i = 0; i < length; ++i)
        out.push_back(k_alphabet[randombytes_uniform(static_cast<uint32_t>(k_alphabet.size()))]);
    return out;
}

}  // namespace metropoli::access
