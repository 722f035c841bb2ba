// SPDX-License-Identifier: MIT
// The router of `metropoli serve`: routes keyed by method and path pattern, each registered by the module
// that owns it with its handler, the permission it needs, its typed parameters and its summary, so that the
// OpenAPI document is built from the same registrations and a route cannot exist undocumented. Matching is
// the one step that turns a request into a known route and a normalised key: an unknown path is 404, a known
// path with another method 405, an unknown or malformed parameter 400, before any handler runs. The key names
// the route, its path arguments and its known parameters in canonical form, so that spellings of one question
// share one cache entry and junk cannot add entries.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "app/parameters.hpp"
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
    ParamSpec(std::string name_, ParamType type_ = ParamType::text, std::string description_ = {},
              std::string example_ = {}, bool required_ = false, const app::NumberLimit* limit_ = nullptr)
        : name(std::move(name_)),
          type(type_),
          description(std::move(description_)),
          example(std::move(example_)),
          required(required_),
          limit(limit_) {}

    std::string name;
    ParamType type = ParamType::text;
    std::string description;
    std::string example;                      // empty: none documented
    bool required = false;                    // path parameters always are
    const app::NumberLimit* limit = nullptr;  // its documented range, for numbers
};

// Who is asking. Anonymous until accounts exist; the permission slot of each route is checked against it.
struct Actor {
    std::string id = "anonymous";
    bool anonymous() const { return id == "anonymous"; }
};

// What a handler is given besides the request: the request id the client sees (X-Request-Id), the actor, the
// application context it may use alone for this request, and the time the request is served at.
struct RequestContext {
    std::string request_id;
    Actor actor;
    app::Context& app;
    std::string now;  // ISO-8601 UTC of the clock that serves the request
};

struct RouteDef;

// A request matched to its route, its parameters checked by type and written in canonical form.
struct RoutedRequest {
    const RouteDef* route = nullptr;
    const Request* request = nullptr;          // the request as parsed: body, If-Match, ...
    std::string path;                          // the decoded request path, for problem details
    std::vector<std::string> args;             // path arguments, canonical
    std::map<std::string, std::string> query;  // known parameters only, canonical values
    std::string key;                           // method, pattern, arguments and sorted parameters
};

using RouteHandler = std::function<Response(const RoutedRequest&, RequestContext&)>;

struct RouteDef {
    std::string method = "GET";  // GET routes answer HEAD too
    std::string pattern;         // "/api/v1/jurisdictions/{code}"
    std::string summary;
    std::string tag;                    // the OpenAPI tag: the module that registered it
    std::vector<ParamSpec> path;        // the {placeholders}, in order
    std::vector<ParamSpec> query;       // the query parameters it takes; any other is refused
    std::string permission = "public";  // what the actor must hold; "public": anyone
    bool cached = true;                 // GET only: its 200 responses are cached until the data change
    RouteHandler handler;
};

class Router {
public:
    // Registers a route. A second route with the same method and pattern, a placeholder without its
    // ParamSpec, or a route without a handler is a bug: it asserts.
    void add(RouteDef route);

    const std::vector<RouteDef>& routes() const { return m_routes; }

    // Matches a request. not_found when no route has the path's shape; not_allowed (with the allowed methods
    // in the message) when the path is known but not the method; invalid_argument naming the parameter when
    // one is unknown or not of its type.
    Result<RoutedRequest> route(const Request& request) const;

    // The methods the route of `path` takes ("GET, HEAD"), empty when none.
    std::string allowed(const std::string& path) const;

    // The OpenAPI document: `base` (openapi, info, servers, components) plus one operation per route, its
    // summary, tag and parameters from the registration and its description and responses from `operations`,
    // keyed "METHOD /path". An error names every route without its operation, and every operation without a
    // route.
    Result<nlohmann::json> openapi(const nlohmann::json& base, const nlohmann::json& operations) const;

private:
    std::vector<RouteDef> m_routes;
    std::vector<std::vector<std::string>> m_segments;  // each route's pattern, split at '/'
};

}  // namespace metropoli::http
