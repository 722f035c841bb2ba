// SPDX-License-Identifier: MIT
#include "http/api.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "http/credentials.hpp"
#include "http/handler_support.hpp"
#include "http/route_modules.hpp"
#include "http/share_pages.hpp"
#include "storage/data_generation.hpp"

namespace metropoli::http {

using nlohmann::json;

namespace {

constexpr std::string_view k_prefix = "/api/v1/";

std::shared_ptr<const Response> shared(Response r) {
    return std::make_shared<const Response>(std::move(r));
}

bool is_api(const std::string& path) {
    return path.rfind(k_prefix, 0) == 0 || path == "/healthz";
}

// "/share/05035.html": a place's link-preview page, made from the first screen as the static export makes it.
constexpr std::string_view k_share = "/share/";
bool is_share(const std::string& path) {
    return path.starts_with(k_share) && path.ends_with(".html") && path.size() > k_share.size() + 5;
}

// A routing error as problem details; 405 carries the methods the resource takes.
Response routing_problem(const Error& error, const Router& router, const Request& request) {
    Response r = problem_of(error, request.path);
    if (error.code == ErrorCode::not_allowed) r.headers.emplace_back("Allow", router.allowed(request.path));
    return r;
}

}  // namespace

// A context borrowed from the pool for one computation, returned when it goes out of scope.
class Api::Lease {
public:
    explicit Lease(Api& api) : m_api(api) {
        std::unique_lock lock(api.m_pool_mutex);
        while (api.m_idle.empty()) {
            if (api.m_opened < api.m_options.pool_size && api.m_options.open_context) {
                ++api.m_opened;
                lock.unlock();
                auto opened = api.m_options.open_context();
                lock.lock();
                if (opened) {
                    api.m_idle.push_back(std::make_unique<app::Context>(std::move(*opened)));
                    break;
                }
                --api.m_opened;
                fmt::print(stderr, "warning: no further database connection: {}\n", opened.error().message);
                api.m_options.pool_size = api.m_opened;  // stop trying; share what there is
                continue;
            }
            api.m_pool_free.wait(lock);
        }
        m_context = std::move(api.m_idle.back());
        api.m_idle.pop_back();
    }
    ~Lease() {
        {
            std::lock_guard lock(m_api.m_pool_mutex);
            m_api.m_idle.push_back(std::move(m_context));
        }
        m_api.m_pool_free.notify_one();
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    app::Context& context() { return *m_context; }

private:
    Api& m_api;
    std::unique_ptr<app::Context> m_context;
};

Api::Api(app::Context context, std::string web_dir, ApiOptions options)
    : m_options(std::move(options)), m_files(web_dir), m_cache(m_options.cache_bytes) {
    if (!m_options.clock) m_options.clock = &system_clock();
    m_options.pool_size = std::max<size_t>(1, m_options.pool_size);
    m_idle.push_back(std::make_unique<app::Context>(std::move(context)));
    m_opened = 1;
    m_not_found_page = m_files.not_found_page();
    auto config = json_response({{"static", false}});
    finish(config);
    m_config = shared(std::move(config));
    add_module_routes(
        m_router, [this] { return *m_document; }, m_options.access, m_options.audit_key);
    auto operations = module_operations(app::data_paths().root);
    m_operations = operations ? std::move(*operations) : json::object();
    if (auto built = rebuild_document(); !built) fmt::print(stderr, "warning: {}\n", built.error().message);
}

Api::~Api() = default;

Status Api::rebuild_document() {
    auto base = openapi_base(app::data_paths().root);
    if (!base) {
        m_document = shared(problem_of(base.error(), "/api/v1/openapi.json"));
        return base.error();
    }
    auto doc = m_router.openapi(*base, m_operations);
    if (!doc) {
        m_document = shared(problem_of(doc.error(), "/api/v1/openapi.json"));
        return doc.error();
    }
    Response r = json_response(*doc);
    finish(r);
    m_document = shared(std::move(r));
    return ok_status();
}

Status Api::add_module(const std::function<void(Router&)>& registrar, const json& operations) {
    registrar(m_router);
    for (const auto& [id, op] : operations.items()) m_operations[id] = op;
    return rebuild_document();
}

void Api::set_probe(std::unique_ptr<storage::Database> probe) {
    m_probe = std::move(probe);
}

bool Api::version_fresh() const {
    const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    const auto second =
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::seconds(1)).count();
    return now - m_version_checked.load() < second;
}

void Api::refresh_version(storage::Database& db) {
    // The caller has `db` to itself. At most once a second: the stored data generation, which every write
    // bumps (storage/data_generation.hpp), whichever process wrote (an ingest, another server).
    if (version_fresh()) return;
    const auto stored = storage::data_generation(db);
    m_version_checked = std::chrono::steady_clock::now().time_since_epoch().count();
    if (!stored) return;  // not readable now: keep what is cached, and try again in a second
    std::lock_guard lock(m_version_mutex);
    if (*stored != m_stored_generation) {
        m_stored_generation = *stored;
        ++m_generation;
    }
}

std::shared_ptr<const Response> Api::health(storage::Database& db, const std::string& path) {
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
    if (request.path == "/config.json" && (request.method == "GET" || request.method == "HEAD"))
        return m_config;
    if (!is_api(request.path)) {
        if (request.method != "GET" && request.method != "HEAD") {
            auto r = problem(405, "", "files take GET and HEAD only", request.path);
            r.headers.emplace_back("Allow", "GET, HEAD");
            return shared(std::move(r));
        }
        if (is_share(request.path)) return nullptr;  // made from the first screen, in compute()
        if (!m_files.listed(request.path)) {
            if (m_not_found_page) return m_not_found_page;
            return shared(problem(
                404, "", m_files.empty() ? "no web application is served here" : "not found", request.path));
        }
        return m_files.cached(request.path);
    }
    auto routed = m_router.route(request);
    if (!routed) return shared(routing_problem(routed.error(), m_router, request));
    if (routed->route->pattern == "/healthz") {
        if (!m_probe) return nullptr;
        std::lock_guard lock(m_probe_mutex);
        return health(*m_probe, request.path);
    }
    if (!routed->route->cached) return nullptr;
    if (m_probe && !version_fresh()) {
        // Whoever holds the probe is refreshing it already: answer from what is known meanwhile.
        if (std::unique_lock lock(m_probe_mutex, std::try_to_lock); lock.owns_lock())
            refresh_version(*m_probe);
    }
    if (!version_fresh()) return nullptr;
    return m_cache.find(routed->key, m_generation.load());
}

std::shared_ptr<const Response> Api::handle(const Request& request) {
    try {
        if (auto r = quick(request)) return r;
        return compute(request);
    } catch (const std::exception& e) {
        fmt::print(stderr, "internal error on {} (request {}): {}\n", request.path, request.id, e.what());
    } catch (...) {
        fmt::print(stderr, "internal error on {} (request {}): unknown exception\n", request.path,
                   request.id);
    }
    return shared(problem(500, "", "the server could not complete the request", request.path));
}

std::shared_ptr<const Response> Api::compute(const Request& request) {
    if (is_share(request.path)) return share(request);
    if (!is_api(request.path)) return m_files.load(request.path);
    auto routed = m_router.route(request);
    if (!routed) return shared(routing_problem(routed.error(), m_router, request));
    Lease lease(*this);
    if (!m_probe) refresh_version(*lease.context().db);
    const uint64_t generation = m_generation.load();
    if (routed->route->cached) {
        if (auto hit = m_cache.find(routed->key, generation))
            return hit;  // computed while this request waited
    }
    Response r = run(*routed, lease.context());
    if (r.status < 300 && routed->route->method != "GET" && routed->route->changes_data) {
        ++m_generation;         // a write: every cached read may be stale
        m_version_checked = 0;  // and the stored generation it bumped is read again at the next request
    }
    if (r.status == 200) finish(r);
    auto out = shared(std::move(r));
    if (out->status == 200 && routed->route->cached) m_cache.put(routed->key, generation, out);
    return out;
}

Response Api::run(const RoutedRequest& routed, app::Context& context) {
    const Request& request = *routed.request;
    const Clock& clock = *m_options.clock;
    RequestContext ctx{request.id, access::Actor{}, context, clock.now_iso(), clock};
    ctx.client = client_address(request, m_options.trust_proxy);
    ctx.secure = served_securely(request, m_options.trust_proxy);
    const bool open = is_public(*routed.route);
    Response r = [&] {
        if (!open) {
            if (auto refused = admit(routed, ctx, m_options.authenticate)) return std::move(*refused);
        } else if (request.method == "GET" && !routed.route->cached) {
            identify(routed, ctx, m_options.authenticate);
        }
        return routed.route->handler(routed, ctx);
    }();
    // An answer for one caller, or one that sets a cookie, is kept by no cache on the way.
    const bool sets_cookie = std::any_of(r.headers.begin(), r.headers.end(),
                                         [](const auto& h) { return h.first == "Set-Cookie"; });
    if (!open || sets_cookie || !ctx.actor.anonymous()) r.cache_control = "no-store";
    if (r.status >= 500) {
        fmt::print(stderr, "error {} on {} (request {}): {}\n", r.status, routed.path, routed.request->id,
                   r.body);
    }
    return r;
}

std::shared_ptr<const Response> Api::share(const Request& request) {
    const std::string code = request.path.substr(
        k_share.size(), request.path.size() - k_share.size() - std::string_view(".html").size());
    auto first = render("first-screen");
    if (!first) {
        fmt::print(stderr, "error on {} (request {}): {}\n", request.path, request.id, first.error().message);
        return shared(problem(500, "", "the server could not complete the request", request.path));
    }
    const auto doc = json::parse(*first);
    for (const auto& place : doc.at("places")) {
        if (place.at("code") != code) continue;
        Response r;
        r.content_type = "text/html; charset=utf-8";
        r.body = share_page(doc, place);
        finish(r);
        return shared(std::move(r));
    }
    if (m_not_found_page) return m_not_found_page;
    return shared(problem(404, "", "no place " + code + " in this metro zone", request.path));
}

Result<std::string> Api::render(const std::string& path_and_query) {
    auto request = parse_target(std::string(k_prefix) + path_and_query);
    if (!request) return request.error();
    auto r = handle(*request);
    if (r->status != 200)
        return make_error(ErrorCode::internal, fmt::format("{}: {} {}", path_and_query, r->status, r->body));
    return r->body;
}

}  // namespace metropoli::http
