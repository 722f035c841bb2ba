// SPDX-License-Identifier: MIT
// Signing and checking the published head of the audit chain with libsodium's Ed25519 (crypto_sign), and the
// secret key's file.
#include "access/audit_head.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace metropoli::access {

namespace {

std::string to_hex(const unsigned char* bytes, size_t size) {
    std::vector<char> hex(size * 2 + 1);
    sodium_bin2hex(hex.data(), hex.size(), bytes, size);
    return std::string(hex.data(), size * 2);
}

// Exactly `size` bytes from `hex` (no separators), or false.
bool from_hex(const std::string& hex, unsigned char* out, size_t size) {
    size_t written = 0;
    const char* end = nullptr;
    return hex.size() == size * 2 &&
           sodium_hex2bin(out, size, hex.data(), hex.size(), nullptr, &written, &end) == 0 &&
           written == size && end == hex.data() + hex.size();
}

bool is_hex_hash(const std::string& text) {
    return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

Error sodium_failure() {
    return make_error(ErrorCode::internal, "libsodium cannot be initialised");
}

}  // namespace

std::string PublishedHead::signed_text() const {
    const nlohmann::json text = {{"at", at}, {"count", head.count}, {"hash", head.hash}};
    return text.dump();
}

nlohmann::json PublishedHead::to_json() const {
    nlohmann::json out = {{"count", head.count}, {"hash", head.hash}, {"at", at}};
    if (signature) out["signature"] = *signature;
    if (public_key) out["public_key"] = *public_key;
    return out;
}

Result<PublishedHead> parse_published_head(const std::string& text) {
    const auto doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return make_error(ErrorCode::bad_input, "the head is not a JSON object");
    PublishedHead head;
    const auto count = doc.find("count");
    if (count == doc.end() || !count->is_number_integer() || count->get<int64_t>() < 0)
        return make_error(ErrorCode::bad_input, "the head's count is not a whole number of entries");
    head.head.count = count->get<int64_t>();
    const auto hash = doc.find("hash");
    if (hash == doc.end() || !hash->is_string() || !is_hex_hash(hash->get<std::string>()))
        return make_error(ErrorCode::bad_input, "the head's hash is not 64 lowercase hexadecimal digits");
    head.head.hash = hash->get<std::string>();
    const auto at = doc.find("at");
    if (at == doc.end() || !at->is_string() || !parse_iso_utc(at->get<std::string>()))
        return make_error(ErrorCode::bad_input, "the head's at is not a YYYY-MM-DDTHH:MM:SSZ time");
    head.at = at->get<std::string>();
    for (const auto& [name, field] :
         {std::pair{"signature", &head.signature}, std::pair{"public_key", &head.public_key}}) {
        const auto it = doc.find(name);
        if (it == doc.end() || it->is_null()) continue;
        if (!it->is_string())
            return make_error(ErrorCode::bad_input, fmt::format("the head's {} is not text", name));
        *field = it->get<std::string>();
    }
    if (head.signature.has_value() != head.public_key.has_value())
        return make_error(ErrorCode::bad_input, "a signed head needs both its signature and its public key");
    return head;
}

Result<SigningKey> SigningKey::load(const std::string& path) {
    if (sodium_init() < 0) return sodium_failure();
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return make_error(ErrorCode::invalid_argument,
                          fmt::format("cannot open the audit key {}: {}", path, std::strerror(errno)));
    struct stat st {};
    std::string text(256, '\0');
    ssize_t got = -1;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) got = ::read(fd, text.data(), text.size());
    ::close(fd);
    if (!S_ISREG(st.st_mode))
        return make_error(ErrorCode::invalid_argument, fmt::format("the audit key {} is not a file", path));
    if ((st.st_mode & 077) != 0)
        return make_error(ErrorCode::invalid_argument,
                          fmt::format("the audit key {} may be read or written by others (mode {:04o}); "
                                      "`chmod 600 {}` first",
                                      path, st.st_mode & 07777, path));
    text.resize(got > 0 ? static_cast<size_t>(got) : 0);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    SigningKey key;
    bool valid = from_hex(text, key.m_secret.data(), key.m_secret.size());
    sodium_memzero(text.data(), text.size());
    if (valid) {
        // The secret key is seed || public key: rebuilding it from the seed tells a damaged file.
        std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk{};
        std::array<unsigned char, crypto_sign_SECRETKEYBYTES> rebuilt{};
        crypto_sign_seed_keypair(pk.data(), rebuilt.data(), key.m_secret.data());
        valid = sodium_memcmp(rebuilt.data(), key.m_secret.data(), rebuilt.size()) == 0;
        sodium_memzero(rebuilt.data(), rebuilt.size());
    }
    if (!valid)
        return make_error(
            ErrorCode::invalid_argument,
            fmt::format("{} does not hold an audit key (`metropoli audit keygen` writes one)", path));
    return key;
}

SigningKey::~SigningKey() {
    sodium_memzero(m_secret.data(), m_secret.size());
}

SigningKey::SigningKey(SigningKey&& other) noexcept : m_secret(other.m_secret) {
    sodium_memzero(other.m_secret.data(), other.m_secret.size());
}

std::string SigningKey::public_key_hex() const {
    std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk{};
    crypto_sign_ed25519_sk_to_pk(pk.data(), m_secret.data());
    return to_hex(pk.data(), pk.size());
}

PublishedHead SigningKey::sign(PublishedHead head) const {
    const std::string text = head.signed_text();
    std::array<unsigned char, crypto_sign_BYTES> signature{};
    crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(text.data()),
                         text.size(), m_secret.data());
    head.signature = to_hex(signature.data(), signature.size());
    head.public_key = public_key_hex();
    return head;
}

Result<std::string> write_new_key(const std::string& path) {
    if (sodium_init() < 0) return sodium_failure();
    std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk{};
    std::array<unsigned char, crypto_sign_SECRETKEYBYTES> sk{};
    crypto_sign_keypair(pk.data(), sk.data());
    std::string text = to_hex(sk.data(), sk.size()) + "\n";
    sodium_memzero(sk.data(), sk.size());
    // O_EXCL: never overwrite (an existing key may have signed published heads); O_NOFOLLOW: never through a
    // link; 0600 from the start, so the key is never readable by others, not even for a moment.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        const int error = errno;
        sodium_memzero(text.data(), text.size());
        return make_error(
            error == EEXIST ? ErrorCode::conflict : ErrorCode::io_error,
            fmt::format("cannot create the audit key {}: {}", path,
                        error == EEXIST ? "it exists (a key is never overwritten)" : std::strerror(error)));
    }
    const bool written = ::fchmod(fd, 0600) == 0 &&
                         ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                         ::fsync(fd) == 0;
    const int error = errno;
    ::close(fd);
    sodium_memzero(text.data(), text.size());
    if (!written) {
        ::unlink(path.c_str());
        return make_error(ErrorCode::io_error,
                          fmt::format("cannot write the audit key {}: {}", path, std::strerror(error)));
    }
    return to_hex(pk.data(), pk.size());
}

Result<PublishedHead> current_head(storage::Database& db, const Clock& clock, const SigningKey* key) {
    auto head = chain_head(db);
    if (!head) return head.error();
    PublishedHead published{*head, clock.now_iso(), std::nullopt, std::nullopt};
    if (key) return key->sign(std::move(published));
    return published;
}

Status check_head_signature(const PublishedHead& head, const std::string& expected_public_key) {
    if (sodium_init() < 0) return sodium_failure();
    if (!head.signature || !head.public_key) return make_error(ErrorCode::conflict, "the head is not signed");
    if (!expected_public_key.empty() && expected_public_key != *head.public_key)
        return make_error(ErrorCode::conflict, fmt::format("the head is signed by the key {}, not by {}",
                                                           *head.public_key, expected_public_key));
    std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk{};
    std::array<unsigned char, crypto_sign_BYTES> signature{};
    if (!from_hex(*head.public_key, pk.data(), pk.size()))
        return make_error(ErrorCode::conflict, "the head's public key is not 64 hexadecimal digits");
    if (!from_hex(*head.signature, signature.data(), signature.size()))
        return make_error(ErrorCode::conflict, "the head's signature is not 128 hexadecimal digits");
    const std::string text = head.signed_text();
    if (crypto_sign_verify_detached(signature.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                    text.size(), pk.data()) != 0)
        return make_error(ErrorCode::conflict,
                          fmt::format("the head's signature does not verify with the key {}: the head was "
                                      "changed after it was signed, or signed by another key",
                                      *head.public_key));
    return ok_status();
}

}  // namespace metropoli::access
