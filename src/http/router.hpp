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

#include "access/actor.hpp"
#include "access/permissions.hpp"
#include "app/context.hpp"
#include "app/parameters.hpp"
#include "core/clock.hpp"
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

// How the actor of a request was established: by nothing (anonymous), the session cookie, or an API token
// (Authorization: Bearer). A write made with the cookie must carry the session's CSRF token.
enum class Credential { none, session, token };

// What a handler is given besides the request: the request id the client sees (X-Request-Id), who is asking
// (access::Actor, resolved from the cookie or token before the handler runs, anonymous on public routes), the
// application context it may use alone for this request, and the clock that serves it.
struct RequestContext {
    std::string request_id;
    access::Actor actor;
    app::Context& app;
    std::string now;  // ISO-8601 UTC of the clock that serves the request
    const Clock& clock;
    Credential credential = Credential::none;
    std::string csrf_token = {};  // the session's, when the actor came from the cookie
    std::string client = {};      // the client's address (X-Forwarded-For's last hop with --trust-proxy)
    bool secure = false;          // served over TLS (a trusted proxy says so): cookies are set Secure
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
    std::string permission = "public";  // the action of access::permission_table() the actor must be
                                        // permitted; "public": anyone
    bool cached = true;  // GET only: its 200 responses are cached until the data change (never when
                         // the permission is not public: the answer depends on who asks)
    RouteHandler handler;
    // What the permission is checked against: the organisation or body the request is about, read from its
    // path arguments (scope_from_path) or parameters. Empty: no scope, so only unscoped grants count.
    std::function<access::Scope(const RoutedRequest&)> scope = {};
    // A write: whether its success may change what a cached read answers (an organisation's edit does; a
    // login does not, and must not empty the cache).
    bool changes_data = true;
};

// A scope read from a route's path placeholders: `organisation` and `body` name them ("id"); empty names
// none. An argument that is not a whole number gives no scope.
std::function<access::Scope(const RoutedRequest&)> scope_from_path(std::string organisation,
                                                                   std::string body = {});

// Whether a route's permission is the public one: anyone may call it, and its answer does not depend on who
// asks.
bool is_public(const RouteDef& route);

class Router {
public:
    // Registers a route. A second route with the same method and pattern, a placeholder without its
    // ParamSpec, or a route without a handler is a bug: it asserts. So is a permission that is not an action
    // of access::permission_table(): the program stops at start with a message naming it, in every build.
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
