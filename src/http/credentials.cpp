// SPDX-License-Identifier: MIT
#include "http/credentials.hpp"

#include "core/text.hpp"

namespace metropoli::http {

namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
    std::optional<std::string> found;
    while (!header.empty()) {
        const size_t semi = header.find(';');
        const std::string_view pair = trimmed(header.substr(0, semi));
        header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
        const size_t eq = pair.find('=');
        if (eq == std::string_view::npos || trimmed(pair.substr(0, eq)) != name) continue;
        if (found) return std::nullopt;
        std::string_view value = trimmed(pair.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
            value = value.substr(1, value.size() - 2);
        found = std::string(value);
    }
    if (found && found->empty()) return std::nullopt;
    return found;
}

std::optional<std::string> bearer_token(std::string_view authorization) {
    authorization = trimmed(authorization);
    const size_t space = authorization.find(' ');
    if (space == std::string_view::npos || !iequals_ascii(authorization.substr(0, space), "Bearer"))
        return std::nullopt;
    const std::string_view token = trimmed(authorization.substr(space + 1));
    if (token.empty() || token.find(' ') != std::string_view::npos) return std::nullopt;
    return std::string(token);
}

std::string session_cookie(const std::string& token, bool secure) {
    std::string out = std::string(k_session_cookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
    if (secure) out += "; Secure";
    return out;
}

std::string cleared_session_cookie(bool secure) {
    std::string out =
        std::string(k_session_cookie) +
        "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
    if (secure) out += "; Secure";
    return out;
}

bool served_securely(const Request& request, bool trust_proxy) {
    return trust_proxy && iequals_ascii(trimmed(request.forwarded_proto), "https");
}

std::string client_address(const Request& request, bool trust_proxy) {
    if (trust_proxy && !request.forwarded_for.empty()) {
        std::string_view list = request.forwarded_for;
        const size_t comma = list.rfind(',');
        const std::string_view last =
            trimmed(comma == std::string_view::npos ? list : list.substr(comma + 1));
        if (!last.empty() && last.size() <= 64) return std::string(last);
    }
    return request.client_address;
}

bool same_secret(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (size_t i = 0; i < a.size(); ++i)
        diff |=
            static_cast<unsigned char>(static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i]));
    return diff == 0;
}

}  // namespace metropoli::http
