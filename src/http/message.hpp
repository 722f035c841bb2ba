// SPDX-License-Identifier: MIT
// What a handler sees and returns: a parsed request and a response, free of Beast types so that the API
// and the static export can be exercised without a socket.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace metropoli::http {

struct Request {
    std::string method = "GET";
    std::string target;  // as sent: path and query
    std::string path;    // decoded path
    std::map<std::string, std::string> query;
    std::string id;            // the request id the server gave it (X-Request-Id)
    std::string body;          // of a write
    std::string content_type;  // of the body
    std::string if_match;      // the If-Match field of a write, as sent
    // What says who is asking. Secrets: never logged, never echoed in an answer.
    std::string cookie;         // the Cookie field(s), as sent ("a=1; metropoli_session=...")
    std::string authorization;  // the Authorization field ("Bearer mtp_...")
    std::string csrf_token;     // the X-CSRF-Token field of a write made with the session cookie
    // Where it comes from: the peer's address, and what a proxy in front says (believed only with
    // ApiOptions::trust_proxy).
    std::string client_address;   // the TCP peer ("127.0.0.1"); empty without a socket
    std::string forwarded_proto;  // X-Forwarded-Proto ("https")
    std::string forwarded_for;    // X-Forwarded-For ("203.0.113.7, 10.0.0.2")
};

struct Response {
    unsigned status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::string etag;       // quoted; empty for none
    std::string gzip_body;  // the body gzip-compressed, when worth it; sent to clients that accept gzip
    std::string gzip_etag;  // the ETag of that representation
    std::string cache_control = "no-cache";
    std::vector<std::pair<std::string, std::string>> headers;
    // Whether any site may show it in a frame (the embeddable card under /embed/); every other response is
    // sent with X-Frame-Options: DENY and frame-ancestors 'none'.
    bool framable = false;
};

// Splits a target into its decoded path and query parameters. An invalid_argument error (400) for a target
// that does not start with '/', a malformed percent-escape, a NUL, or a path, key or value that is not valid
// UTF-8 once decoded: nothing downstream ever sees bytes it cannot print.
Result<Request> parse_target(const std::string& target);

// Whether an Accept-Encoding field value (RFC 9110 12.5.3) accepts gzip: "gzip" or "x-gzip" with a non-zero
// q-value, or "*" with a non-zero q-value when gzip is not named. Case-insensitive; junk entries are ignored.
bool accepts_gzip(std::string_view accept_encoding);

// Whether an If-None-Match field value (RFC 9110 13.1.2) matches `etag` (quoted, strong): "*", or one list
// member that is the same entity-tag by weak comparison. A tag merely contained in a longer token does not
// match.
bool none_match_hits(std::string_view if_none_match, std::string_view etag);

// RFC 9457 problem details. Never throws: bytes that are not UTF-8 in `detail` or `instance` are replaced.
Response problem(unsigned status, const std::string& title, const std::string& detail,
                 const std::string& instance);
Response problem_of(const Error& error, const std::string& instance);

// A strong ETag of a body: FNV-1a 64 in hex, quoted.
std::string etag_of(const std::string& body);

// Sets the ETag (unless the handler set one: a version, "v3") and, for bodies over 1 KiB, the gzip
// representation and its ETag.
void finish(Response& response);

}  // namespace metropoli::http
