// SPDX-License-Identifier: MIT
// The application behind `metropoli serve`: the routes every module registers (route_modules.hpp) behind one
// router, /healthz, the OpenAPI document built from the same registrations, and the web application's files.
// A request is matched and its parameters checked by type before any use; a route that is not public then
// passes the gate (gate.hpp: who asks, CSRF, permission) before its handler runs; public reads are computed
// once and cached, keyed by the route's normalised key and bounded in bytes, until the data change, while an
// answer that depends on who asks is never cached and carries Cache-Control: no-store; every response carries
// a strong ETag and the request id.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/clock.hpp"
#include "http/gate.hpp"
#include "http/message.hpp"
#include "http/response_cache.hpp"
#include "http/route_modules.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace metropoli::http {

struct ApiOptions {
    size_t cache_bytes = 64u << 20;  // computed API responses kept, bodies and gzip copies counted
    // Opens one more application context on the same database; with it the API keeps up to `pool_size`
    // contexts, so that that many computations run at once. Without it there is the one given context.
    std::function<Result<app::Context>()> open_context;
    size_t pool_size = 1;
    // The clock of the request context's time; it must outlive the Api. The system clock by default.
    const Clock* clock = &system_clock();
    // Who asks, for routes that are not public (gate.hpp); the access library's sessions and tokens by
    // default.
    Authenticator authenticate = http::authenticate;
    // Believe X-Forwarded-Proto and X-Forwarded-For: the server sits behind a proxy that sets them (and
    // strips what clients send). Cookies are then Secure when the proxy says https.
    bool trust_proxy = false;
    // The login's limits and the cost of new password hashes (tests make both small).
    AccessRouteOptions access;
    // Signs the audit head served at /api/v1/audit/head (serve --audit-key); it must outlive the Api.
    // Without it the head is served unsigned.
    std::shared_ptr<const access::SigningKey> audit_key;
};

class Api {
public:
    // `web_dir`: the built web application (web/dist), listed once here; empty serves the API only.
    Api(app::Context context, std::string web_dir, ApiOptions options = {});
    ~Api();
    Api(const Api&) = delete;
    Api& operator=(const Api&) = delete;

    // A further module: its routes and their OpenAPI operations ("METHOD /path" -> operation). Call before
    // serving. An error when the operations and the routes differ.
    Status add_module(const std::function<void(Router&)>& registrar, const nlohmann::json& operations);

    // A second connection to the same database, for /healthz and the data-version check, so that neither
    // waits for a computation in flight. Without it they use a context of the pool.
    void set_probe(std::unique_ptr<storage::Database> probe);

    // Thread-safe and quick: the answer when it needs no computation (an error in the request, a cached
    // response, /healthz with a probe, a file already read), else nullptr. The server calls it on its I/O
    // threads.
    std::shared_ptr<const Response> quick(const Request& request);

    // Thread-safe: the answer, computing it when needed. Never throws: an exception is logged with its cause
    // and the request id on stderr, and answered 500.
    std::shared_ptr<const Response> handle(const Request& request);

    // The JSON body of an API path (without /api/v1), for the static export: "overview", "dashboard/05035",
    // ...
    Result<std::string> render(const std::string& path_and_query);

    const Router& router() const { return m_router; }
    size_t cache_bytes() const { return m_cache.bytes(); }
    size_t cache_entries() const { return m_cache.entries(); }
    // How many times a write changed the data (the cache's generation moves with it).
    uint64_t generation() const { return m_generation.load(); }

private:
    class Lease;
    std::shared_ptr<const Response> compute(const Request& request);
    Response run(const RoutedRequest& routed, app::Context& context);
    std::shared_ptr<const Response> health(storage::Database& db, const std::string& path);
    // A place's share page (/share/CODE.html), with the Open Graph and Twitter card tags of its level.
    std::shared_ptr<const Response> share(const Request& request);
    void refresh_version(storage::Database& db);
    bool version_fresh() const;
    Status rebuild_document();

    Router m_router;
    ApiOptions m_options;
    nlohmann::json m_operations;
    std::shared_ptr<const Response> m_document;  // the OpenAPI document

    // The pool of application contexts: each computing request borrows one for itself.
    std::mutex m_pool_mutex;
    std::condition_variable m_pool_free;
    std::vector<std::unique_ptr<app::Context>> m_idle;
    size_t m_opened = 0;

    std::mutex m_probe_mutex;
    std::unique_ptr<storage::Database> m_probe;
    StaticFiles m_files;
    std::shared_ptr<const Response> m_not_found_page;  // the site's 404.html, when it has one
    ResponseCache m_cache;
    std::shared_ptr<const Response> m_config;
    std::mutex m_version_mutex;
    int64_t m_stored_generation = -1;       // the stored data generation at the last check
    std::atomic<uint64_t> m_generation{1};  // bumped whenever the data change: by a write here or seen stored
    std::atomic<int64_t> m_version_checked{0};  // steady_clock ticks of the last check
};

}  // namespace metropoli::http
