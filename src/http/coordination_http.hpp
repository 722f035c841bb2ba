// SPDX-License-Identifier: MIT
// What the Coordinar route modules share: the version ETag ("v3") of a versioned record, the If-Match
// version it names, and problem details that name the invalid field the library reports ("/field: why").
#pragma once

#include <fmt/format.h>

#include <string>

#include "http/handler_support.hpp"

namespace metropoli::http::coordination_http {

inline std::string version_etag(int64_t version) {
    return fmt::format("\"v{}\"", version);
}

// A JSON response carrying the record's version as its ETag.
inline Response versioned(const nlohmann::json& body, int64_t version, unsigned status = 200) {
    Response out = json_response(body);
    out.status = status;
    out.etag = version_etag(version);
    return out;
}

// 422 naming the field for "/field: why", the error's own status otherwise.
inline Response fields_problem(const Error& error, const std::string& path) {
    if (error.code == ErrorCode::invalid_argument && !error.message.empty() && error.message.front() == '/') {
        const auto colon = error.message.find(':');
        return invalid_fields({{error.message.substr(0, colon), error.message}}, path);
    }
    return problem_of(error, path);
}

}  // namespace metropoli::http::coordination_http
