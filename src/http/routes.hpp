// SPDX-License-Identifier: MIT
// The routes `metropoli serve` answers, each with the parameters it takes and their types, and the one step that
// turns a request into a known route and a normalised key: unknown routes are 404, unknown or malformed
// parameters 400, before any handler runs. The key names the route, its path arguments and its known parameters
// in canonical form, so that spellings of one question share one cache entry and junk cannot add entries.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "http/message.hpp"

namespace metropoli::http {

enum class ParamType {
    text,     // any UTF-8 up to 200 bytes
    date,     // YYYY-MM-DD, a real day
    number,   // a finite decimal number
    integer,  // a whole decimal number
};

struct ParamSpec {
    std::string name;
    ParamType type = ParamType::text;
};

struct Route {
    std::string pattern;  // "/api/v1/jurisdictions/{code}"
    std::string summary;
    std::vector<ParamSpec> path;   // the {placeholders}, in order
    std::vector<ParamSpec> query;  // the query parameters it takes; any other is refused
    bool cached = true;            // its 200 responses are cached until the data change
};

// The routes in the order they are matched (the OpenAPI test compares them with the document).
const std::vector<Route>& routes();

// A request matched to its route, its parameters checked by type and written in canonical form.
struct RoutedRequest {
    const Route* route = nullptr;
    std::string path;                             // the decoded request path, for problem details
    std::vector<std::string> args;                // path arguments, decoded
    std::map<std::string, std::string> query;     // known parameters only, canonical values
    std::string key;                              // the route pattern, its arguments and the sorted parameters
};

// Matches the decoded path of `request` (which must start with /api/v1/ or be /healthz) against routes().
// not_found when no route has that shape; invalid_argument naming the parameter when a parameter is unknown
// or does not have its type.
Result<RoutedRequest> route_request(const Request& request);

}  // namespace metropoli::http
