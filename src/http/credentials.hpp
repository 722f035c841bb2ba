// SPDX-License-Identifier: MIT
// What a request says about who sends it and from where: the session cookie, the Bearer token, the client's
// address and whether it came over TLS (a proxy's word believed only with --trust-proxy), and the Set-Cookie
// fields of a login and a logout. Nothing here logs or echoes a secret.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace metropoli::http {

// The session cookie's name.
inline constexpr std::string_view k_session_cookie = "metropoli_session";

// The value of cookie `name` in a Cookie field ("a=1; metropoli_session=xyz"), nullopt when absent. A name
// given twice is ambiguous: nullopt (a planted cookie for a parent domain must not shadow the real one).
std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name);

// The token of an "Authorization: Bearer TOKEN" field (scheme case-insensitive), nullopt for any other
// field.
std::optional<std::string> bearer_token(std::string_view authorization);

// The Set-Cookie field value that stores a session: HttpOnly, SameSite=Strict, Path=/, Secure when
// `secure`. No Max-Age: the browser forgets it when it closes, and the server's idle and absolute limits
// decide its life.
std::string session_cookie(const std::string& token, bool secure);

// The Set-Cookie field value that makes a browser forget the session cookie.
std::string cleared_session_cookie(bool secure);

// Whether the request reached the proxy in front over TLS: X-Forwarded-Proto "https" from a trusted proxy.
// (The server itself speaks plain HTTP.)
bool served_securely(const Request& request, bool trust_proxy);

// The client's address: the TCP peer, or with `trust_proxy` the last address of X-Forwarded-For (the one
// the trusted proxy itself saw; earlier ones are the client's say). Login throttling counts by it.
std::string client_address(const Request& request, bool trust_proxy);

// Equality of two secrets in time that depends only on their lengths.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace metropoli::http
