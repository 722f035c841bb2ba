// SPDX-License-Identifier: MIT
// What every route handler uses: its canonical parameters, JSON answers, problem details for a failed Result,
// the JSON body of a write with a JSON pointer per invalid field, and If-Match against the current ETag.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/date.hpp"
#include "http/router.hpp"

namespace metropoli::http {

// A known parameter's canonical value, or `fallback` when absent.
std::string param(const RoutedRequest& r, const std::string& key, const std::string& fallback = "");

// A date parameter (already checked by the router); nullopt when absent.
std::optional<Date> date_param(const RoutedRequest& r, const std::string& key);

// A 200 JSON response; invalid UTF-8 in strings is replaced, never thrown on.
Response json_response(const nlohmann::json& body);

// A 204 answer: no body.
Response no_content();

// The problem details of `result`'s error, or `render(value)` as JSON.
template <class T, class F>
Response respond(Result<T> result, const std::string& instance, F&& render) {
    if (!result) return problem_of(result.error(), instance);
    return json_response(render(*result));
}

// One invalid field of a request body: where (RFC 6901 JSON pointer) and what is wrong.
struct FieldError {
    std::string pointer;  // "/name", "/items/0/date"
    std::string detail;
};

// 400 (or `status`) problem details with an "errors" member listing each invalid field.
Response invalid_fields(const std::vector<FieldError>& errors, const std::string& instance,
                        unsigned status = 422);

// The body of a write as a JSON object: unsupported_media unless it is application/json, invalid_argument
// (with the byte offset) when it does not parse or is not an object.
Result<nlohmann::json> json_body(const RoutedRequest& r);

// The optimistic-concurrency check of a write: ok when If-Match names `current_etag` (or is "*" and the
// resource exists); precondition_failed when it names another version; invalid_argument when the header is
// missing.
Status check_if_match(const RoutedRequest& r, const std::string& current_etag);

// The ETag of a versioned record: "v3".
std::string version_etag(int64_t version);

// A JSON response carrying the record's version as its ETag.
Response versioned(const nlohmann::json& body, int64_t version, unsigned status = 200);

// A library error answered: one naming a field ("/title: why") as `status` (422) naming that field, any
// other as its own status.
Response fields_problem(const Error& error, const std::string& path, unsigned status = 422);

}  // namespace metropoli::http
