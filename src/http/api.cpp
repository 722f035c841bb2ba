// SPDX-License-Identifier: MIT
#include "http/api.hpp"

#include <chrono>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis/series_query.hpp"
#include "app/assessment.hpp"
#include "app/json_views.hpp"
#include "app/parameters.hpp"
#include "app/web_views.hpp"
#include "core/text.hpp"

namespace metropoli::http {

using nlohmann::json;

namespace {

constexpr std::string_view k_prefix = "/api/v1/";

std::string param(const RoutedRequest& r, const std::string& key, const std::string& fallback = "") {
    auto it = r.query.find(key);
    return it == r.query.end() ? fallback : it->second;
}

// Dates were checked by the router; a missing one is nullopt.
std::optional<Date> date_param(const RoutedRequest& r, const std::string& key) {
    const auto text = param(r, key);
    if (text.empty()) return std::nullopt;
    return Date::parse_iso(text);
}

Status number_into(const RoutedRequest& r, const app::NumberLimit& limit, double& into) {
    const auto text = param(r, std::string(limit.name));
    if (text.empty()) return ok_status();
    auto v = app::parse_number(limit, text);
    if (!v) return v.error();
    into = *v;
    return ok_status();
}

Result<app::AssessmentRequest> assessment_request(const RoutedRequest& r, const std::string& jurisdiction,
                                                  std::optional<Date> date) {
    app::AssessmentRequest a;
    a.jurisdiction = jurisdiction;
    if (a.jurisdiction.empty()) return make_error(ErrorCode::invalid_argument, "jurisdiction is required");
    a.date = date;
    a.selection.release = date_param(r, "release");
    a.selection.source = param(r, "source");
    if (!a.selection.source.empty() && a.selection.source != "ssa" && a.selection.source != "municipal") {
        return make_error(ErrorCode::invalid_argument, "source: use ssa or municipal");
    }
    double incomplete = a.options.incomplete_days, window = a.options.rt.window;
    double mean = a.options.si.mean.value_or(4.7), sd = a.options.si.sd.value_or(2.9);
    for (auto [limit, into] : {std::pair{&app::k_incomplete_days, &incomplete}, std::pair{&app::k_window, &window},
                               std::pair{&app::k_si_mean, &mean}, std::pair{&app::k_si_sd, &sd}}) {
        if (auto ok = number_into(r, *limit, *into); !ok) return ok.error();
    }
    a.options.incomplete_days = static_cast<int>(incomplete);
    a.options.rt.window = static_cast<int>(window);
    a.options.si = analysis::SerialInterval{mean, sd, {}};
    if (auto ok = app::resolve_options(a.options); !ok) return ok.error();
    return a;
}

Response json_response(const json& body) {
    Response r;
    r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    return r;
}

template <class T, class F>
Response respond(Result<T> result, const std::string& instance, F&& render) {
    if (!result) return problem_of(result.error(), instance);
    return json_response(render(*result));
}

std::shared_ptr<const Response> shared(Response r) { return std::make_shared<const Response>(std::move(r)); }

bool is_api(const std::string& path) { return path.rfind(k_prefix, 0) == 0 || path == "/healthz"; }

}  // namespace

Api::Api(app::Context context, std::string web_dir, ApiOptions options)
    : m_context(std::move(context)), m_files(web_dir), m_cache(options.cache_bytes) {
    auto config = json_response({{"static", false}});
    finish(config);
    m_config = shared(std::move(config));
}

void Api::set_probe(std::unique_ptr<storage::Database> probe) { m_probe = std::move(probe); }

bool Api::version_fresh() const {
    const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    const auto second = std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::seconds(1)).count();
    return now - m_version_checked.load() < second;
}

void Api::refresh_version(storage::Database& db) {
    // The caller holds the lock of `db`. At most once a second: the releases and feed files stored.
    if (version_fresh()) return;
    std::string version;
    try {
        auto& sql = db.session();
        long long n = 0, max_id = 0, f = 0, max_f = 0;
        sql << "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM releases", soci::into(n), soci::into(max_id);
        sql << "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM feed_files", soci::into(f), soci::into(max_f);
        version = fmt::format("{}:{}:{}:{}", n, max_id, f, max_f);
    } catch (const std::exception&) {
        version = "unknown";
    }
    m_version_checked = std::chrono::steady_clock::now().time_since_epoch().count();
    std::lock_guard lock(m_version_mutex);
    if (version != m_data_version) {
        m_data_version = version;
        ++m_generation;
    }
}

std::shared_ptr<const Response> Api::health(storage::Database& db, const std::string& path) {
    // The caller holds the lock of `db`.
    try {
        long long one = 0;
        db.session() << "SELECT 1", soci::into(one);
    } catch (const std::exception&) {
        return shared(problem(503, "", "the database does not answer", path));
    }
    auto r = json_response({{"status", "ok"}});
    r.cache_control = "no-store";
    return shared(std::move(r));
}

std::shared_ptr<const Response> Api::quick(const Request& request) {
    if (request.method != "GET" && request.method != "HEAD") {
        auto r = problem(405, "", "only GET and HEAD are served", request.path);
        r.headers.emplace_back("Allow", "GET, HEAD");
        return shared(std::move(r));
    }
    if (request.path == "/config.json") return m_config;
    if (!is_api(request.path)) {
        if (!m_files.listed(request.path)) {
            return shared(problem(404, "", m_files.empty() ? "no web application is served here" : "not found", request.path));
        }
        return m_files.cached(request.path);
    }
    auto routed = route_request(request);
    if (!routed) return shared(problem_of(routed.error(), request.path));
    if (routed->route->pattern == "/healthz") {
        if (!m_probe) return nullptr;
        std::lock_guard lock(m_probe_mutex);
        return health(*m_probe, request.path);
    }
    if (m_probe && !version_fresh()) {
        // Whoever holds the probe is refreshing it already: answer from what is known meanwhile.
        if (std::unique_lock lock(m_probe_mutex, std::try_to_lock); lock.owns_lock()) refresh_version(*m_probe);
    }
    if (!version_fresh()) return nullptr;
    return m_cache.find(routed->key, m_generation.load());
}

std::shared_ptr<const Response> Api::handle(const Request& request) {
    try {
        if (auto r = quick(request)) return r;
        return compute(request);
    } catch (const std::exception& e) {
        fmt::print(stderr, "internal error on {}: {}\n", request.path, e.what());
    } catch (...) {
        fmt::print(stderr, "internal error on {}: unknown exception\n", request.path);
    }
    return shared(problem(500, "", "the server could not complete the request", request.path));
}

std::shared_ptr<const Response> Api::compute(const Request& request) {
    if (!is_api(request.path)) return m_files.load(request.path);
    auto routed = route_request(request);
    if (!routed) return shared(problem_of(routed.error(), request.path));
    std::lock_guard lock(m_context_mutex);
    if (routed->route->pattern == "/healthz") return health(*m_context.db, request.path);
    if (!m_probe) refresh_version(*m_context.db);
    const uint64_t generation = m_generation.load();
    if (auto hit = m_cache.find(routed->key, generation)) return hit;  // computed while this request waited
    Response r = api(*routed);
    if (r.status == 200) finish(r);
    auto out = shared(std::move(r));
    if (out->status == 200 && routed->route->cached) m_cache.put(routed->key, generation, out);
    return out;
}

Response Api::api(const RoutedRequest& request) {
    const std::string& pattern = request.route->pattern;
    const std::string& instance = request.path;
    auto& ctx = m_context;
    const std::string zone = ctx.region.metro_zones.empty() ? "" : ctx.region.metro_zones.front();
    const auto arg = [&](size_t i) { return request.args.at(i); };

    if (pattern == "/api/v1/openapi.json") {
        auto text = read_file(app::data_paths().root + "/src/http/openapi.json");
        if (!text) text = read_file(app::data_paths().root + "/docs/openapi.json");
        if (!text) return problem_of(text.error(), instance);
        Response r;
        r.body = std::move(*text);
        return r;
    }
    if (pattern == "/api/v1/regions") {
        const auto& g = ctx.region;
        return json_response(json::array({{{"id", g.id}, {"name", g.name}, {"states", g.states},
                                           {"metro_zones", g.metro_zones}, {"comparisons", g.comparisons}}}));
    }
    if (pattern == "/api/v1/jurisdictions") {
        const auto kind = param(request, "kind");
        if (!kind.empty() && !parse_kind(kind)) return problem(400, "", "kind: nation, state, municipality or metro_zone", instance);
        json out = json::array();
        for (const auto& j : ctx.region.jurisdictions) {
            if (!kind.empty() && kind != kind_name(j.kind)) continue;
            out.push_back(app::jurisdiction_json(j, false));
        }
        return json_response(out);
    }
    if (pattern == "/api/v1/jurisdictions/{code}") {
        auto j = analysis::resolve_jurisdiction(ctx.region, arg(0));
        return respond(j, instance, [](const Jurisdiction* x) { return app::jurisdiction_json(*x, true); });
    }
    if (pattern == "/api/v1/releases") {
        analysis::ReleaseStore store(*ctx.db);
        auto list = store.list();
        return respond(list, instance, [](const std::vector<analysis::StoredRelease>& l) {
            json out = json::array();
            for (const auto& r : l) {
                out.push_back({{"source", r.info.source}, {"release", r.info.release_date.iso()}, {"schema", r.info.schema},
                               {"scope", r.info.scope}, {"ingested_at", r.ingested_at}, {"rows_read", r.info.rows_read},
                               {"rows_kept", r.info.rows_kept}, {"rows_rejected", r.info.rows_rejected},
                               {"series", r.series}, {"measures", r.measures}});
            }
            return out;
        });
    }
    if (pattern == "/api/v1/series") {
        analysis::SeriesQuery q;
        q.jurisdiction = param(request, "jurisdiction");
        if (q.jurisdiction.empty()) return problem(400, "", "jurisdiction is required", instance);
        auto m = analysis::parse_measure(param(request, "measure", "confirmed"));
        if (!m) return problem(400, "", "measure: unknown measure", instance);
        q.measure = *m;
        if (const auto by = param(request, "by"); !by.empty()) {
            q.basis = analysis::parse_basis(by);
            if (!q.basis) return problem(400, "", "by: onset, admission or death", instance);
        }
        q.release = date_param(request, "release");
        q.from = date_param(request, "from");
        q.to = date_param(request, "to");
        q.source = param(request, "source");
        analysis::ReleaseStore store(*ctx.db);
        auto result = analysis::query_series(store, ctx.region, q);
        return respond(result, instance, [](const analysis::SeriesResult& s) {
            json points = json::array();
            for (const auto& [d, v] : s.points) points.push_back({{"date", d.iso()}, {"value", v}});
            return json{{"jurisdiction", s.jurisdiction->code}, {"name", s.jurisdiction->name},
                        {"measure", analysis::measure_name(s.measure)}, {"basis", analysis::basis_name(s.basis)},
                        {"release", s.release.info.release_date.iso()}, {"source", s.release.info.source}, {"points", points}};
        });
    }
    if (pattern == "/api/v1/indicators" || pattern == "/api/v1/indicators/{code}/{date}") {
        const bool path_form = request.args.size() == 2;
        auto a = path_form ? assessment_request(request, arg(0), Date::parse_iso(arg(1)))
                           : assessment_request(request, param(request, "jurisdiction"), date_param(request, "date"));
        if (!a) return problem_of(a.error(), instance);
        auto day = app::indicators_for(ctx, *a);
        return respond(day, instance, [&](const app::DayIndicators& d) { return app::indicators_json(d, a->options.incomplete_days); });
    }
    if (pattern == "/api/v1/rt") {
        auto a = assessment_request(request, param(request, "jurisdiction"), std::nullopt);
        if (!a) return problem_of(a.error(), instance);
        auto run = app::rt_for(ctx, *a);
        return respond(run, instance, [](const app::RtRun& x) { return app::rt_json(x); });
    }
    if (pattern == "/api/v1/risk") {
        auto a = assessment_request(request, param(request, "jurisdiction"), date_param(request, "date"));
        if (!a) return problem_of(a.error(), instance);
        auto day = app::risk_for(ctx, *a, param(request, "scheme", "semaforo-v2"));
        return respond(day, instance, [](const app::DayRisk& d) {
            json out = app::risk_json(d.scheme, d.risk);
            out["jurisdiction"] = d.indicators.jurisdiction->code;
            out["name"] = d.indicators.jurisdiction->name;
            return out;
        });
    }
    if (pattern == "/api/v1/metro") {
        auto a = assessment_request(request, param(request, "zone", zone), date_param(request, "date"));
        if (!a) return problem_of(a.error(), instance);
        auto view = app::metro_view(ctx, *a, param(request, "scheme", "semaforo-v2"));
        return respond(view, instance, [](const app::MetroView& v) { return app::metro_json(v); });
    }
    if (pattern == "/api/v1/schemes") {
        json out = json::array();
        for (const auto& id : analysis::risk_scheme_ids(app::data_paths())) {
            auto s = analysis::load_risk_scheme(app::data_paths(), id);
            if (!s) return problem_of(s.error(), instance);
            out.push_back(app::scheme_json(*s));
        }
        return json_response(out);
    }
    if (pattern == "/api/v1/overview") {
        auto out = app::overview_json(ctx, param(request, "zone", zone));
        return respond(out, instance, [](const json& j) { return j; });
    }
    if (pattern == "/api/v1/dashboard/{code}") {
        auto out = app::dashboard_json(ctx, arg(0));
        return respond(out, instance, [](const json& j) { return j; });
    }
    if (pattern == "/api/v1/geo") {
        auto out = app::geo_json(ctx, param(request, "zone", zone));
        return respond(out, instance, [](const json& j) { return j; });
    }
    return problem(404, "", "no resource here; see /api/v1/openapi.json", instance);
}

Result<std::string> Api::render(const std::string& path_and_query) {
    auto request = parse_target(std::string(k_prefix) + path_and_query);
    if (!request) return request.error();
    auto r = handle(*request);
    if (r->status != 200) return make_error(ErrorCode::internal, fmt::format("{}: {} {}", path_and_query, r->status, r->body));
    return r->body;
}

}  // namespace metropoli::http
