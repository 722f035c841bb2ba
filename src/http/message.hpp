// SPDX-License-Identifier: MIT
// What a handler sees and returns: a parsed GET/HEAD request and a response, free of Beast types so that the API
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
};

struct Response {
    unsigned status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::string etag;           // quoted; empty for none
    std::string gzip_body;      // the body gzip-compressed, when worth it; sent to clients that accept gzip
    std::string gzip_etag;      // the ETag of that representation
    std::string cache_control = "no-cache";
    std::vector<std::pair<std::string, std::string>> headers;
};

// Splits a target into its decoded path and query parameters; nullopt-like error for malformed percent-escapes.
Result<Request> parse_target(const std::string& target);

// RFC 9457 problem details.
Response problem(unsigned status, const std::string& title, const std::string& detail, const std::string& instance);
Response problem_of(const Error& error, const std::string& instance);

// A strong ETag of a body: FNV-1a 64 in hex, quoted.
std::string etag_of(const std::string& body);

// Sets the ETag and, for bodies over 1 KiB, the gzip representation and its ETag.
void finish(Response& response);

}  // namespace metropoli::http
