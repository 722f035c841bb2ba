// SPDX-License-Identifier: MIT
#include "http/router.hpp"

#include <fmt/format.h>

#include <cassert>
#include <cmath>
#include <cstdlib>
#include <set>

#include "core/date.hpp"

namespace metropoli::http {

namespace {

constexpr size_t k_max_text = 200;

std::vector<std::string_view> split_view(std::string_view path) {
    std::vector<std::string_view> out;
    out.reserve(8);
    size_t start = 1;  // paths start with '/'
    while (start <= path.size()) {
        const size_t slash = path.find('/', start);
        out.push_back(
            path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return out;
}

std::vector<std::string> split_path(std::string_view path) {
    const auto parts = split_view(path);
    return {parts.begin(), parts.end()};
}

bool is_placeholder(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Whether a request path's segments have a pattern's shape: literal segments equal, placeholders non-empty.
bool shape_matches(const std::vector<std::string>& pattern, const std::vector<std::string_view>& parts) {
    if (pattern.size() != parts.size()) return false;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (is_placeholder(pattern[i]) ? parts[i].empty() : pattern[i] != parts[i]) return false;
    }
    return true;
}

const char* type_name(ParamType t) {
    switch (t) {
        case ParamType::date:
            return "a YYYY-MM-DD date from 2000 to 2099";
        case ParamType::number:
            return "a number";
        case ParamType::integer:
            return "a whole number";
        default:
            return "text";
    }
}

std::string shown(const std::string& text) {
    return text.size() > 40 ? text.substr(0, 40) + "…" : text;
}

// The canonical spelling of a value of `spec`'s type, or an error naming the parameter.
Result<std::string> canonical(const ParamSpec& spec, const std::string& value) {
    const auto refuse = [&] {
        return make_error(ErrorCode::invalid_argument,
                          fmt::format("{}: '{}' is not {}", spec.name, shown(value), type_name(spec.type)));
    };
    switch (spec.type) {
        case ParamType::text:
            if (value.size() > k_max_text) return refuse();
            return value;
        case ParamType::date: {
            // Years 2000-2099: every stored release falls there, and a date far outside would make a series
            // of tens of thousands of empty days (the fuzzer found `from=0001-01-01`).
            auto d = Date::parse_iso(value);
            if (!d || d->iso() < "2000-01-01" || d->iso() > "2099-12-31") return refuse();
            return d->iso();
        }
        case ParamType::number:
        case ParamType::integer: {
            // Decimal only: strtod would also take "nan", "inf" and hex floats.
            if (value.empty() || value.size() > 64 ||
                value.find_first_not_of("0123456789.+-eE") != std::string::npos)
                return refuse();
            char* end = nullptr;
            const double v = std::strtod(value.c_str(), &end);
            if (end != value.c_str() + value.size() || !std::isfinite(v)) return refuse();
            if (spec.type == ParamType::integer) {
                // Whole and exactly representable: "99999999999999999999" is refused, never read as "1e+20"
                // (which std::stoll would take for 1).
                if (v != std::floor(v) || std::fabs(v) > 9007199254740991.0) return refuse();
                return fmt::format("{}", static_cast<long long>(v));
            }
            return fmt::format("{}", v == 0 ? 0.0 : v);
        }
    }
    return refuse();
}

// A part of a cache key, length first: no value, whatever bytes it holds, can read as two parts or as
// another's.
void append_key_part(std::string& key, const std::string& part) {
    key += std::to_string(part.size());
    key += ':';
    key += part;
}

bool method_matches(const std::string& route, const std::string& request) {
    return route == request || (route == "GET" && request == "HEAD");
}

nlohmann::json parameter_doc(const ParamSpec& p, const char* in) {
    nlohmann::json schema;
    switch (p.type) {
        case ParamType::date:
            schema = {{"type", "string"}, {"format", "date"}};
            break;
        case ParamType::number:
            schema = {{"type", "number"}};
            break;
        case ParamType::integer:
            schema = {{"type", "integer"}};
            break;
        default:
            schema = {{"type", "string"}, {"maxLength", k_max_text}};
            break;
    }
    if (p.limit) {
        schema[p.limit->min_open ? "exclusiveMinimum" : "minimum"] = p.limit->min;
        schema["maximum"] = p.limit->max;
    }
    nlohmann::json doc = {{"name", p.name},
                          {"in", in},
                          {"required", p.required || std::string(in) == "path"},
                          {"description", p.description},
                          {"schema", schema}};
    if (!p.example.empty()) {
        if (p.type == ParamType::number || p.type == ParamType::integer) {
            doc["example"] = nlohmann::json::parse(p.example);
        } else {
            doc["example"] = p.example;
        }
    }
    return doc;
}

}  // namespace

std::function<access::Scope(const RoutedRequest&)> scope_from_path(std::string organisation,
                                                                   std::string body) {
    return [organisation = std::move(organisation), body = std::move(body)](const RoutedRequest& r) {
        const auto argument = [&r](const std::string& name) -> std::optional<int64_t> {
            if (name.empty() || !r.route) return std::nullopt;
            for (size_t i = 0; i < r.route->path.size() && i < r.args.size(); ++i) {
                if (r.route->path[i].name != name) continue;
                const std::string& text = r.args[i];
                if (text.empty() || text.size() > 18 ||
                    text.find_first_not_of("0123456789") != std::string::npos)
                    return std::nullopt;
                return std::stoll(text);
            }
            return std::nullopt;
        };
        return access::Scope{argument(organisation), argument(body)};
    };
}

bool is_public(const RouteDef& route) {
    const auto* row = access::find_permission(route.permission);
    return row != nullptr && row->anyone;
}

void Router::add(RouteDef route) {
    if (access::find_permission(route.permission) == nullptr) {
        // A misspelt permission would refuse everyone (or, worse, someone's guess would pass): stop at start.
        fmt::print(stderr, "bug: {} {} declares the permission '{}', which is not in the permission table\n",
                   route.method, route.pattern, route.permission);
        std::abort();
    }
    auto segments = split_path(route.pattern);
    size_t placeholders = 0;
    for (const auto& s : segments) placeholders += is_placeholder(s);
    (void)placeholders;  // read by the assert only
    assert(placeholders == route.path.size() && "every {placeholder} needs its ParamSpec");
    assert(route.handler && "a route needs a handler");
    for (const auto& r : m_routes) {
        assert(!(r.method == route.method && r.pattern == route.pattern) && "a route is registered once");
        (void)r;
    }
    if (route.method != "GET" || !is_public(route)) route.cached = false;
    m_routes.push_back(std::move(route));
    m_segments.push_back(std::move(segments));
}

std::string Router::allowed(const std::string& path) const {
    const auto parts = split_view(path);
    std::set<std::string> methods;
    for (size_t r = 0; r < m_routes.size(); ++r) {
        if (!shape_matches(m_segments[r], parts)) continue;
        methods.insert(m_routes[r].method);
        if (m_routes[r].method == "GET") methods.insert("HEAD");
    }
    std::string out;
    for (const auto& m : methods) out += (out.empty() ? "" : ", ") + m;
    return out;
}

Result<RoutedRequest> Router::route(const Request& request) const {
    const auto parts = split_view(request.path);
    bool path_known = false;
    for (size_t r = 0; r < m_routes.size(); ++r) {
        const RouteDef& route = m_routes[r];
        const auto& pattern = m_segments[r];
        if (!shape_matches(pattern, parts)) continue;
        RoutedRequest out;
        for (size_t i = 0; i < parts.size(); ++i) {
            if (is_placeholder(pattern[i])) out.args.emplace_back(parts[i]);
        }
        path_known = true;
        if (!method_matches(route.method, request.method)) continue;
        out.route = &route;
        out.request = &request;
        out.path = request.path;
        out.key = route.method + ' ' + route.pattern;
        for (size_t i = 0; i < out.args.size(); ++i) {
            auto value = canonical(route.path[i], out.args[i]);
            if (!value) return value.error();
            out.args[i] = *value;
            append_key_part(out.key, *value);
        }
        out.key += '?';
        for (const auto& [name, value] : request.query) {
            const ParamSpec* spec = nullptr;
            for (const auto& p : route.query) {
                if (p.name == name) spec = &p;
            }
            if (!spec) {
                std::string known;
                for (const auto& p : route.query) known += (known.empty() ? "" : ", ") + p.name;
                return make_error(ErrorCode::invalid_argument,
                                  known.empty() ? fmt::format("unknown parameter '{}': {} takes none",
                                                              shown(name), route.pattern)
                                                : fmt::format("unknown parameter '{}'; {} takes {}",
                                                              shown(name), route.pattern, known));
            }
            if (value.empty()) continue;  // "?date=" is the parameter's default, as if absent
            auto canon = canonical(*spec, value);
            if (!canon) return canon.error();
            out.query[name] = *canon;
        }
        for (const auto& [name, value] : out.query) {
            append_key_part(out.key, name);
            append_key_part(out.key, value);
        }
        return out;
    }
    if (path_known) {
        return make_error(ErrorCode::not_allowed,
                          fmt::format("{} is not served for {}; it takes {}", shown(request.method),
                                      shown(request.path), allowed(request.path)));
    }
    return make_error(
        ErrorCode::not_found,
        fmt::format("no resource '{}'; see /api/v1/openapi.json",
                    request.path.size() > 80 ? request.path.substr(0, 80) + "…" : request.path));
}

Result<nlohmann::json> Router::openapi(const nlohmann::json& base, const nlohmann::json& operations) const {
    nlohmann::json doc = base;
    doc["paths"] = nlohmann::json::object();
    std::string missing, unused;
    std::set<std::string> used;
    for (const auto& route : m_routes) {
        const std::string id = route.method + " " + route.pattern;
        if (!operations.contains(id)) {
            missing += (missing.empty() ? "" : ", ") + id;
            continue;
        }
        used.insert(id);
        nlohmann::json op = operations.at(id);
        op["summary"] = route.summary;
        op["tags"] = nlohmann::json::array({route.tag});
        nlohmann::json params = nlohmann::json::array();
        for (const auto& p : route.path) params.push_back(parameter_doc(p, "path"));
        for (const auto& p : route.query) params.push_back(parameter_doc(p, "query"));
        op["parameters"] = params;
        if (!is_public(route)) {
            // Who may call it: the permission, the two ways of saying who one is, and the refusals.
            op["x-permission"] = route.permission;
            op["security"] = nlohmann::json::array(
                {{{"session", nlohmann::json::array()}}, {{"token", nlohmann::json::array()}}});
            auto& responses = op["responses"];
            const nlohmann::json problem = {{"$ref", "#/components/responses/Problem"}};
            if (!responses.contains("401")) responses["401"] = problem;
            if (!responses.contains("403")) responses["403"] = problem;
        }
        std::string method = route.method;
        for (auto& c : method) c = static_cast<char>(c - 'A' + 'a');
        doc["paths"][route.pattern][method] = std::move(op);
    }
    for (const auto& [id, op] : operations.items()) {
        if (!used.count(id)) unused += (unused.empty() ? "" : ", ") + id;
    }
    if (!missing.empty() || !unused.empty()) {
        return make_error(
            ErrorCode::internal,
            fmt::format("the OpenAPI operations and the routes differ: routes without an operation: [{}]; "
                        "operations without a route: [{}]",
                        missing, unused));
    }
    return doc;
}

}  // namespace metropoli::http
