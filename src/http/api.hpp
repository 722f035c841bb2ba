// SPDX-License-Identifier: MIT
// The application behind `metropoli serve`: the JSON API under /api/v1, /healthz, the OpenAPI document, and the
// web application's files. Responses to reads are computed once and cached until the stored data changes; every
// response carries a strong ETag and answers If-None-Match with 304.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/context.hpp"
#include "http/message.hpp"

namespace metropoli::http {

struct Route {
    std::string pattern;  // "/api/v1/jurisdictions/{code}"
    std::string summary;
};

class Api {
public:
    // `web_dir`: the built web application (web/dist); empty serves the API only.
    Api(app::Context context, std::string web_dir);

    // Thread-safe. GET and HEAD only. Cached responses are shared, not copied.
    std::shared_ptr<const Response> handle(const Request& request);

    // The routes the API answers, in the order they are matched (the OpenAPI test compares them with the document).
    static const std::vector<Route>& routes();

    // The JSON body of an API path (without /api/v1), for the static export: "overview", "dashboard/05035", ...
    Result<std::string> render(const std::string& path_and_query);

private:
    std::shared_ptr<const Response> dispatch(const Request& request);
    Response api(const Request& request, const std::string& path);
    std::shared_ptr<const Response> file(const Request& request);
    void check_data_version();
    bool version_fresh() const;

    std::mutex m_context_mutex;        // one database session: one request computes at a time
    std::shared_mutex m_cache_mutex;   // readers share the caches
    app::Context m_context;
    std::string m_web_dir;
    std::string m_data_version;
    std::atomic<int64_t> m_version_checked{0};  // steady_clock ticks of the last data-version check
    std::unordered_map<std::string, std::shared_ptr<const Response>> m_cache;
    std::unordered_map<std::string, std::shared_ptr<const Response>> m_files;
};

}  // namespace metropoli::http
