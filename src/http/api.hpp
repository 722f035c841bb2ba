// SPDX-License-Identifier: MIT
// The application behind `metropoli serve`: the JSON API under /api/v1, /healthz, the OpenAPI document, and the
// web application's files. Every request is matched to a route and its parameters checked by type before any use
// (http/routes.hpp). Responses to reads are computed once and cached, keyed by the route's normalised key and
// bounded in bytes, until the stored data change; every response carries a strong ETag.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "http/message.hpp"
#include "http/response_cache.hpp"
#include "http/routes.hpp"
#include "http/static_files.hpp"

namespace metropoli::http {

struct ApiOptions {
    size_t cache_bytes = 64u << 20;  // computed API responses kept, bodies and gzip copies counted
};

class Api {
public:
    // `web_dir`: the built web application (web/dist), listed once here; empty serves the API only.
    Api(app::Context context, std::string web_dir, ApiOptions options = {});

    // A second connection to the same database, for /healthz and the data-version check, so that neither waits for
    // a computation in flight. Without it they share the computing connection.
    void set_probe(std::unique_ptr<storage::Database> probe);

    // Thread-safe and quick: the answer when it needs no computation (an error in the request, a cached response,
    // /healthz with a probe, a file already read), else nullptr. The server calls it on its I/O threads.
    std::shared_ptr<const Response> quick(const Request& request);

    // Thread-safe: the answer, computing it when needed (one computation at a time). Never throws: an exception is
    // logged with its cause on stderr and answered 500.
    std::shared_ptr<const Response> handle(const Request& request);

    // The JSON body of an API path (without /api/v1), for the static export: "overview", "dashboard/05035", ...
    Result<std::string> render(const std::string& path_and_query);

    size_t cache_bytes() const { return m_cache.bytes(); }
    size_t cache_entries() const { return m_cache.entries(); }

    // The routes the API answers (http/routes.hpp).
    static const std::vector<Route>& routes() { return http::routes(); }

private:
    std::shared_ptr<const Response> compute(const Request& request);
    std::shared_ptr<const Response> health(storage::Database& db, const std::string& path);
    Response api(const RoutedRequest& request);
    void refresh_version(storage::Database& db);
    bool version_fresh() const;

    std::mutex m_context_mutex;  // one computing database session: one computation at a time
    std::mutex m_probe_mutex;
    app::Context m_context;
    std::unique_ptr<storage::Database> m_probe;
    StaticFiles m_files;
    ResponseCache m_cache;
    std::shared_ptr<const Response> m_config;
    std::mutex m_version_mutex;
    std::string m_data_version;                 // what the stored data looked like at the last check
    std::atomic<uint64_t> m_generation{1};      // bumped whenever m_data_version changes
    std::atomic<int64_t> m_version_checked{0};  // steady_clock ticks of the last check
};

}  // namespace metropoli::http
