// SPDX-License-Identifier: MIT
#include "http/routes.hpp"

#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "core/date.hpp"

namespace metropoli::http {

namespace {

constexpr size_t k_max_text = 200;

std::vector<ParamSpec> assessment_params(std::vector<ParamSpec> first) {
    for (auto p : {ParamSpec{"release", ParamType::date}, ParamSpec{"source"}, ParamSpec{"incomplete_days", ParamType::integer},
                   ParamSpec{"si_mean", ParamType::number}, ParamSpec{"si_sd", ParamType::number},
                   ParamSpec{"window", ParamType::integer}}) {
        first.push_back(std::move(p));
    }
    return first;
}

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> out;
    size_t start = 1;  // paths start with '/'
    while (start <= path.size()) {
        const size_t slash = path.find('/', start);
        out.push_back(path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return out;
}

const char* type_name(ParamType t) {
    switch (t) {
        case ParamType::date: return "a YYYY-MM-DD date";
        case ParamType::number: return "a number";
        case ParamType::integer: return "a whole number";
        default: return "text";
    }
}

// The canonical spelling of a value of `spec`'s type, or an error naming the parameter.
Result<std::string> canonical(const ParamSpec& spec, const std::string& value) {
    const auto refuse = [&] {
        std::string shown = value.size() > 40 ? value.substr(0, 40) + "…" : value;
        return make_error(ErrorCode::invalid_argument, fmt::format("{}: '{}' is not {}", spec.name, shown, type_name(spec.type)));
    };
    switch (spec.type) {
        case ParamType::text:
            if (value.size() > k_max_text) return refuse();
            return value;
        case ParamType::date: {
            auto d = Date::parse_iso(value);
            if (!d) return refuse();
            return d->iso();
        }
        case ParamType::number:
        case ParamType::integer: {
            // Decimal only: strtod would also take "nan", "inf" and hex floats.
            if (value.empty() || value.size() > 64 || value.find_first_not_of("0123456789.+-eE") != std::string::npos) return refuse();
            char* end = nullptr;
            const double v = std::strtod(value.c_str(), &end);
            if (end != value.c_str() + value.size() || !std::isfinite(v)) return refuse();
            if (spec.type == ParamType::integer && v != std::floor(v)) return refuse();
            return fmt::format("{}", v == 0 ? 0.0 : v);
        }
    }
    return refuse();
}

}  // namespace

const std::vector<Route>& routes() {
    using P = ParamSpec;
    static const std::vector<Route> list = {
        {"/healthz", "Liveness: the server answers and its database opens", {}, {}, false},
        {"/api/v1/openapi.json", "This API's OpenAPI 3.1 document", {}, {}},
        {"/api/v1/regions", "The region preset: states, metro zones, comparison units", {}, {}},
        {"/api/v1/jurisdictions", "Every known place (filter with kind)", {}, {P{"kind"}}},
        {"/api/v1/jurisdictions/{code}", "One place, with its GeoJSON geometry", {P{"code"}}, {}},
        {"/api/v1/releases", "Stored releases", {}, {}},
        {"/api/v1/series", "A daily series of a jurisdiction", {},
         {P{"jurisdiction"}, P{"measure"}, P{"by"}, P{"release", ParamType::date}, P{"source"}, P{"from", ParamType::date},
          P{"to", ParamType::date}}},
        {"/api/v1/indicators", "Every indicator of a place on a day", {},
         assessment_params({P{"jurisdiction"}, P{"date", ParamType::date}})},
        {"/api/v1/indicators/{code}/{date}", "Every indicator of a place on a day (path form, as the web application reads it)",
         {P{"code"}, P{"date", ParamType::date}}, assessment_params({})},
        {"/api/v1/rt", "Rt by Cori et al. (2013), as EpiEstim computes it", {}, assessment_params({P{"jurisdiction"}})},
        {"/api/v1/risk", "Risk level of a place on a day by a scheme", {},
         assessment_params({P{"jurisdiction"}, P{"date", ParamType::date}, P{"scheme"}})},
        {"/api/v1/metro", "The metro picture: every municipality's level side by side, divergences named", {},
         assessment_params({P{"zone"}, P{"date", ParamType::date}, P{"scheme"}})},
        {"/api/v1/schemes", "The risk schemes with their levels and colours", {}, {}},
        {"/api/v1/overview", "The web application's overview: every place's level and key figures for every day", {}, {P{"zone"}}},
        {"/api/v1/dashboard/{code}", "The web application's place page: its chart series", {P{"code"}}, {}},
        {"/api/v1/geo", "GeoJSON of the metro zone's municipalities and their states", {}, {P{"zone"}}},
    };
    return list;
}

Result<RoutedRequest> route_request(const Request& request) {
    // The patterns split once: matching runs on every request.
    static const std::vector<std::vector<std::string_view>> patterns = [] {
        std::vector<std::vector<std::string_view>> out;
        for (const auto& route : routes()) out.push_back(split_path(route.pattern));
        return out;
    }();
    const auto parts = split_path(request.path);
    for (size_t r = 0; r < routes().size(); ++r) {
        const Route& route = routes()[r];
        const auto& pattern = patterns[r];
        if (pattern.size() != parts.size()) continue;
        RoutedRequest out;
        bool match = true;
        for (size_t i = 0; i < parts.size() && match; ++i) {
            if (pattern[i].size() > 2 && pattern[i].front() == '{') {
                if (parts[i].empty()) match = false;
                else out.args.emplace_back(parts[i]);
            } else {
                match = pattern[i] == parts[i];
            }
        }
        if (!match) continue;
        out.route = &route;
        out.path = request.path;
        out.key = route.pattern;
        for (size_t i = 0; i < out.args.size(); ++i) {
            auto value = canonical(route.path[i], out.args[i]);
            if (!value) return value.error();
            out.args[i] = *value;
            out.key += '\x1f' + *value;
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
                const std::string shown = name.size() > 40 ? name.substr(0, 40) + "…" : name;
                return make_error(ErrorCode::invalid_argument,
                                  known.empty() ? fmt::format("unknown parameter '{}': {} takes none", shown, route.pattern)
                                                : fmt::format("unknown parameter '{}'; {} takes {}", shown, route.pattern, known));
            }
            if (value.empty()) continue;  // "?date=" is the parameter's default, as if absent
            auto canon = canonical(*spec, value);
            if (!canon) return canon.error();
            out.query[name] = *canon;
        }
        for (const auto& [name, value] : out.query) (((out.key += name) += '=') += value) += '\x1f';
        return out;
    }
    return make_error(ErrorCode::not_found, fmt::format("no resource '{}'; see /api/v1/openapi.json",
                                                        request.path.size() > 80 ? request.path.substr(0, 80) + "…" : request.path));
}

}  // namespace metropoli::http
