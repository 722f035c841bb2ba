// SPDX-License-Identifier: MIT
// The password policy and argon2id hashing (libsodium crypto_pwhash_str).
#include "access/passwords.hpp"

#include <sodium.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>

#include "access/common_passwords.hpp"
#include "access/secrets.hpp"

namespace metropoli::access {

static_assert(PasswordOptions{}.opslimit == crypto_pwhash_OPSLIMIT_INTERACTIVE);
static_assert(PasswordOptions{}.memlimit == crypto_pwhash_MEMLIMIT_INTERACTIVE);
static_assert(crypto_pwhash_ALG_DEFAULT == crypto_pwhash_ALG_ARGON2ID13);

namespace {

const std::unordered_set<std::string>& common_passwords() {
    static const std::unordered_set<std::string> set = [] {
        std::unordered_set<std::string> out;
        const std::string_view text = k_common_passwords_text;
        std::size_t start = 0;
        while (start < text.size()) {
            std::size_t end = text.find('\n', start);
            if (end == std::string_view::npos) end = text.size();
            if (end > start) out.emplace(text.substr(start, end - start));
            start = end + 1;
        }
        return out;
    }();
    return set;
}

// The number of code points of valid UTF-8 text, or nullopt when it is not valid UTF-8.
std::optional<std::size_t> utf8_length(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++count) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        if (c > 0xF4) {
            return std::nullopt;
        } else if (c >= 0xF0) {
            extra = 3;
        } else if (c >= 0xE0) {
            extra = 2;
        } else if (c >= 0xC2) {
            extra = 1;
        } else if (c >= 0x80) {
            return std::nullopt;  // a continuation byte first, or an overlong 0xC0/0xC1 lead
        }
        if (i + extra >= text.size() && extra > 0) return std::nullopt;
        for (std::size_t k = 1; k <= extra; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return std::nullopt;
        }
        i += extra + 1;
    }
    return count;
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return out;
}

}  // namespace

bool is_common_password(std::string_view password) {
    return common_passwords().count(ascii_lower(password)) > 0;
}

std::size_t common_password_count() {
    return common_passwords().size();
}

Status check_password_policy(std::string_view password) {
    if (password.size() > k_max_password_bytes) {
        return make_error(ErrorCode::invalid_argument,
                          "la contraseña es demasiado larga (máximo 1024 bytes) / the password is too long "
                          "(1024 bytes at most)");
    }
    const auto chars = utf8_length(password);
    if (!chars) {
        return make_error(ErrorCode::invalid_argument,
                          "la contraseña no es texto UTF-8 válido / the password is not valid UTF-8 text");
    }
    if (*chars < k_min_password_chars) {
        return make_error(
            ErrorCode::invalid_argument,
            "la contraseña debe tener al menos 12 caracteres / the password must have at least 12 "
            "characters");
    }
    if (is_common_password(password)) {
        return make_error(
            ErrorCode::invalid_argument,
            "esa contraseña es demasiado común; elija otra / that password is too common; choose "
            "another");
    }
    return ok_status();
}

Result<std::string> hash_password(std::string_view password, const PasswordOptions& options) {
    if (sodium_init() < 0) return make_error(ErrorCode::internal, "libsodium could not be initialised");
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), options.opslimit, options.memlimit) != 0) {
        return make_error(ErrorCode::internal, "hashing a password failed (out of memory?)");
    }
    return std::string(out);
}

bool verify_password(const std::string& hash, std::string_view password) {
    if (sodium_init() < 0) return false;
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

const std::string& dummy_password_hash(const PasswordOptions& options) {
    static std::mutex mutex;
    static std::map<std::pair<unsigned long long, std::size_t>, std::string> hashes;
    const std::lock_guard lock(mutex);
    auto& hash = hashes[{options.opslimit, options.memlimit}];
    if (hash.empty()) {
        auto made = hash_password(random_token(), options);
        hash = made ? *made : std::string("$argon2id$");
    }
    return hash;
}

}  // namespace metropoli::access
