// SPDX-License-Identifier: MIT
#include "http/api.hpp"

#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis/series_query.hpp"
#include "app/assessment.hpp"
#include "app/json_views.hpp"
#include "app/web_views.hpp"
#include "core/text.hpp"

namespace metropoli::http {

using nlohmann::json;

namespace {

constexpr std::string_view k_prefix = "/api/v1/";

std::vector<std::string> segments(std::string_view path) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= path.size()) {
        const size_t slash = path.find('/', start);
        const auto part = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (!part.empty()) out.emplace_back(part);
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return out;
}

std::string param(const Request& r, const std::string& key, const std::string& fallback = "") {
    auto it = r.query.find(key);
    return it == r.query.end() ? fallback : it->second;
}

Result<std::optional<Date>> date_param(const Request& r, const std::string& key) {
    const auto text = param(r, key);
    if (text.empty()) return std::optional<Date>{};
    auto d = Date::parse_iso(text);
    if (!d) return make_error(ErrorCode::invalid_argument, fmt::format("{}: '{}' is not a YYYY-MM-DD date", key, text));
    return std::optional<Date>{*d};
}

Result<double> number_param(const Request& r, const std::string& key, double fallback) {
    const auto text = param(r, key);
    if (text.empty()) return fallback;
    try {
        size_t used = 0;
        const double v = std::stod(text, &used);
        if (used != text.size()) throw std::invalid_argument(text);
        return v;
    } catch (const std::exception&) {
        return make_error(ErrorCode::invalid_argument, fmt::format("{}: '{}' is not a number", key, text));
    }
}

Result<app::AssessmentRequest> assessment_request(const Request& r, const std::string& jurisdiction) {
    app::AssessmentRequest a;
    a.jurisdiction = jurisdiction;
    auto date = date_param(r, "date");
    if (!date) return date.error();
    a.date = *date;
    auto release = date_param(r, "release");
    if (!release) return release.error();
    a.selection.release = *release;
    a.selection.source = param(r, "source");
    if (!a.selection.source.empty() && a.selection.source != "ssa" && a.selection.source != "municipal") {
        return make_error(ErrorCode::invalid_argument, "source: use ssa or municipal");
    }
    auto incomplete = number_param(r, "incomplete_days", 14);
    auto mean = number_param(r, "si_mean", 4.7);
    auto sd = number_param(r, "si_sd", 2.9);
    auto window = number_param(r, "window", 7);
    if (!incomplete || !mean || !sd || !window) {
        return (!incomplete ? incomplete : !mean ? mean : !sd ? sd : window).error();
    }
    if (*incomplete < 0 || *incomplete > 60) return make_error(ErrorCode::invalid_argument, "incomplete_days: 0 to 60");
    if (*window < 1 || *window > 365) return make_error(ErrorCode::invalid_argument, "window: 1 to 365 days");
    a.options.incomplete_days = static_cast<int>(*incomplete);
    a.options.rt.window = static_cast<int>(*window);
    if (*mean == 4.7 && *sd == 2.9) {
        if (auto si = analysis::parametric_si(4.7, 2.9)) a.options.si = *si;
    } else {
        a.options.si = analysis::SerialInterval{*mean, *sd, {}};
    }
    return a;
}

Response json_response(const json& body) {
    Response r;
    r.body = body.dump();
    return r;
}

template <class T, class F>
Response respond(Result<T> result, const std::string& instance, F&& render) {
    if (!result) return problem_of(result.error(), instance);
    return json_response(render(*result));
}

std::string content_type_of(const std::filesystem::path& p) {
    const auto ext = p.extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json") return "application/json; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

}  // namespace

const std::vector<Route>& Api::routes() {
    static const std::vector<Route> list = {
        {"/healthz", "Liveness: the server answers and its database opens"},
        {"/api/v1/openapi.json", "This API's OpenAPI 3.1 document"},
        {"/api/v1/regions", "The region preset: states, metro zones, comparison units"},
        {"/api/v1/jurisdictions", "Every known place (filter with kind)"},
        {"/api/v1/jurisdictions/{code}", "One place, with its GeoJSON geometry"},
        {"/api/v1/releases", "Stored releases"},
        {"/api/v1/series", "A daily series of a jurisdiction"},
        {"/api/v1/indicators", "Every indicator of a place on a day"},
        {"/api/v1/indicators/{code}/{date}", "Every indicator of a place on a day (path form, as the web application reads it)"},
        {"/api/v1/rt", "Rt by Cori et al. (2013), as EpiEstim computes it"},
        {"/api/v1/risk", "Risk level of a place on a day by a scheme"},
        {"/api/v1/metro", "The metro picture: every municipality's level side by side, divergences named"},
        {"/api/v1/schemes", "The risk schemes with their levels and colours"},
        {"/api/v1/overview", "The web application's overview: every place's level and key figures for every day"},
        {"/api/v1/dashboard/{code}", "The web application's place page: its chart series"},
        {"/api/v1/geo", "GeoJSON of the metro zone's municipalities and their states"},
    };
    return list;
}

Api::Api(app::Context context, std::string web_dir) : m_context(std::move(context)), m_web_dir(std::move(web_dir)) {}

void Api::check_data_version() {
    // Called with m_context_mutex held. At most once a second: the releases and feed files stored.
    if (version_fresh()) return;
    m_version_checked = std::chrono::steady_clock::now().time_since_epoch().count();
    std::string version;
    try {
        auto& sql = m_context.db->session();
        long long n = 0, max_id = 0, f = 0, max_f = 0;
        sql << "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM releases", soci::into(n), soci::into(max_id);
        sql << "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM feed_files", soci::into(f), soci::into(max_f);
        version = fmt::format("{}:{}:{}:{}", n, max_id, f, max_f);
    } catch (const std::exception&) {
        version = "unknown";
    }
    if (version != m_data_version) {
        std::unique_lock lock(m_cache_mutex);
        m_cache.clear();
        m_data_version = version;
    }
}

bool Api::version_fresh() const {
    const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    const auto second = std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::seconds(1)).count();
    return now - m_version_checked.load() < second;
}

std::shared_ptr<const Response> Api::handle(const Request& request) {
    if (request.method != "GET" && request.method != "HEAD") {
        auto r = problem(405, "", "only GET and HEAD are served", request.path);
        r.headers.emplace_back("Allow", "GET, HEAD");
        return std::make_shared<const Response>(std::move(r));
    }
    if (request.path.rfind(k_prefix, 0) == 0 && version_fresh()) {
        std::shared_lock lock(m_cache_mutex);
        if (auto it = m_cache.find(request.target); it != m_cache.end()) return it->second;
    }
    return dispatch(request);
}

std::shared_ptr<const Response> Api::dispatch(const Request& request) {
    if (request.path == "/healthz") {
        std::lock_guard lock(m_context_mutex);
        try {
            long long one = 0;
            m_context.db->session() << "SELECT 1", soci::into(one);
        } catch (const std::exception&) {
            return std::make_shared<const Response>(problem(503, "", "the database does not answer", request.path));
        }
        auto r = json_response({{"status", "ok"}});
        r.cache_control = "no-store";
        return std::make_shared<const Response>(std::move(r));
    }
    if (request.path == "/config.json") {
        auto r = json_response({{"static", false}});
        finish(r);
        return std::make_shared<const Response>(std::move(r));
    }
    if (request.path.rfind(k_prefix, 0) != 0) return file(request);

    std::lock_guard lock(m_context_mutex);
    check_data_version();
    {
        std::shared_lock cache_lock(m_cache_mutex);
        if (auto it = m_cache.find(request.target); it != m_cache.end()) return it->second;
    }
    Response r = api(request, request.path.substr(k_prefix.size()));
    if (r.status == 200) finish(r);
    auto shared = std::make_shared<const Response>(std::move(r));
    if (shared->status == 200) {
        std::unique_lock cache_lock(m_cache_mutex);
        if (m_cache.size() > 4096) m_cache.clear();  // bounded: query strings are unbounded
        m_cache[request.target] = shared;
    }
    return shared;
}

Response Api::api(const Request& request, const std::string& path) {
    const auto seg = segments(path);
    const std::string& instance = request.path;
    if (seg.empty()) return problem(404, "", "no resource here; see /api/v1/openapi.json", instance);
    auto& ctx = m_context;
    const std::string zone = ctx.region.metro_zones.empty() ? "" : ctx.region.metro_zones.front();

    if (seg.size() == 1 && seg[0] == "openapi.json") {
        auto text = read_file(app::data_paths().root + "/src/http/openapi.json");
        if (!text) text = read_file(app::data_paths().root + "/docs/openapi.json");
        if (!text) return problem_of(text.error(), instance);
        Response r;
        r.body = std::move(*text);
        return r;
    }
    if (seg.size() == 1 && seg[0] == "regions") {
        const auto& g = ctx.region;
        return json_response(json::array({{{"id", g.id}, {"name", g.name}, {"states", g.states},
                                           {"metro_zones", g.metro_zones}, {"comparisons", g.comparisons}}}));
    }
    if (seg[0] == "jurisdictions") {
        if (seg.size() == 1) {
            const auto kind = param(request, "kind");
            if (!kind.empty() && !parse_kind(kind)) return problem(400, "", "kind: nation, state, municipality or metro_zone", instance);
            json out = json::array();
            for (const auto& j : ctx.region.jurisdictions) {
                if (!kind.empty() && kind != kind_name(j.kind)) continue;
                out.push_back(app::jurisdiction_json(j, false));
            }
            return json_response(out);
        }
        if (seg.size() == 2) {
            auto j = analysis::resolve_jurisdiction(ctx.region, seg[1]);
            return respond(j, instance, [](const Jurisdiction* x) { return app::jurisdiction_json(*x, true); });
        }
    }
    if (seg.size() == 1 && seg[0] == "releases") {
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
    if (seg.size() == 1 && seg[0] == "series") {
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
        auto release = date_param(request, "release");
        auto from = date_param(request, "from");
        auto to = date_param(request, "to");
        if (!release || !from || !to) return problem_of((!release ? release : !from ? from : to).error(), instance);
        q.release = *release;
        q.from = *from;
        q.to = *to;
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
    if (seg[0] == "indicators" && (seg.size() == 1 || seg.size() == 3)) {
        Request r = request;
        if (seg.size() == 3) r.query["date"] = seg[2];
        auto a = assessment_request(r, seg.size() == 3 ? seg[1] : param(request, "jurisdiction"));
        if (!a) return problem_of(a.error(), instance);
        if (a->jurisdiction.empty()) return problem(400, "", "jurisdiction is required", instance);
        auto day = app::indicators_for(ctx, *a);
        return respond(day, instance, [&](const app::DayIndicators& d) { return app::indicators_json(d, a->options.incomplete_days); });
    }
    if (seg.size() == 1 && seg[0] == "rt") {
        auto a = assessment_request(request, param(request, "jurisdiction"));
        if (!a) return problem_of(a.error(), instance);
        if (a->jurisdiction.empty()) return problem(400, "", "jurisdiction is required", instance);
        auto run = app::rt_for(ctx, *a);
        return respond(run, instance, [](const app::RtRun& x) { return app::rt_json(x); });
    }
    if (seg.size() == 1 && seg[0] == "risk") {
        auto a = assessment_request(request, param(request, "jurisdiction"));
        if (!a) return problem_of(a.error(), instance);
        if (a->jurisdiction.empty()) return problem(400, "", "jurisdiction is required", instance);
        auto day = app::risk_for(ctx, *a, param(request, "scheme", "semaforo-v2"));
        return respond(day, instance, [](const app::DayRisk& d) {
            json out = app::risk_json(d.scheme, d.risk);
            out["jurisdiction"] = d.indicators.jurisdiction->code;
            out["name"] = d.indicators.jurisdiction->name;
            return out;
        });
    }
    if (seg.size() == 1 && seg[0] == "metro") {
        auto a = assessment_request(request, param(request, "zone", zone));
        if (!a) return problem_of(a.error(), instance);
        auto view = app::metro_view(ctx, *a, param(request, "scheme", "semaforo-v2"));
        return respond(view, instance, [](const app::MetroView& v) { return app::metro_json(v); });
    }
    if (seg.size() == 1 && seg[0] == "schemes") {
        json out = json::array();
        for (const auto& id : analysis::risk_scheme_ids(app::data_paths())) {
            auto s = analysis::load_risk_scheme(app::data_paths(), id);
            if (!s) return problem_of(s.error(), instance);
            out.push_back(app::scheme_json(*s));
        }
        return json_response(out);
    }
    if (seg.size() == 1 && seg[0] == "overview") {
        auto out = app::overview_json(ctx, param(request, "zone", zone));
        return respond(out, instance, [](const json& j) { return j; });
    }
    if (seg.size() == 2 && seg[0] == "dashboard") {
        auto out = app::dashboard_json(ctx, seg[1]);
        return respond(out, instance, [](const json& j) { return j; });
    }
    if (seg.size() == 1 && seg[0] == "geo") {
        auto out = app::geo_json(ctx, param(request, "zone", zone));
        return respond(out, instance, [](const json& j) { return j; });
    }
    return problem(404, "", fmt::format("no resource '{}'; see /api/v1/openapi.json", request.path), instance);
}

std::shared_ptr<const Response> Api::file(const Request& request) {
    if (m_web_dir.empty()) return std::make_shared<const Response>(problem(404, "", "no web application is served here", request.path));
    std::string rel = request.path == "/" ? "/index.html" : request.path;
    // No way out of the web folder: no "..", no backslashes, no hidden files.
    if (rel.find("..") != std::string::npos || rel.find('\\') != std::string::npos || rel.find("/.") != std::string::npos) {
        return std::make_shared<const Response>(problem(404, "", "not found", request.path));
    }
    {
        std::shared_lock lock(m_cache_mutex);
        if (auto it = m_files.find(rel); it != m_files.end()) return it->second;
    }
    const std::filesystem::path p = std::filesystem::path(m_web_dir) / rel.substr(1);
    std::error_code ec;
    auto text = std::filesystem::is_regular_file(p, ec) ? read_file(p.string()) : Result<std::string>(Error{ErrorCode::not_found, ""});
    if (!text) return std::make_shared<const Response>(problem(404, "", "not found", request.path));
    Response r;
    r.content_type = content_type_of(p);
    r.body = std::move(*text);
    finish(r);
    // Vite names built assets by content hash: they never change.
    r.cache_control = rel.rfind("/assets/", 0) == 0 ? "public, max-age=31536000, immutable" : "no-cache";
    auto shared = std::make_shared<const Response>(std::move(r));
    std::unique_lock lock(m_cache_mutex);
    if (m_files.size() < 1024) m_files[rel] = shared;
    return shared;
}

Result<std::string> Api::render(const std::string& path_and_query) {
    auto request = parse_target(std::string(k_prefix) + path_and_query);
    if (!request) return request.error();
    auto r = handle(*request);
    if (r->status != 200) return make_error(ErrorCode::internal, fmt::format("{}: {} {}", path_and_query, r->status, r->body));
    return r->body;
}

}  // namespace metropoli::http
