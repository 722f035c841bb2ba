// SPDX-License-Identifier: MIT
// The HTTP/1.1 server on Boost.Beast: keep-alive, limits on header and body size, timeouts against slow and
// silent clients, a cap on connections in all and per client address (itself capped by the descriptor limit),
// work that may block moved off the I/O threads onto a bounded worker pool, an access log written line by
// line (a crash included), and graceful shutdown on SIGTERM or SIGINT.
#pragma once

#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "http/message.hpp"

namespace metropoli::http {

struct ServerOptions {
    std::string bind = "127.0.0.1";
    unsigned short port = 8080;
    unsigned threads = 0;              // I/O threads; 0: one per core
    unsigned workers = 0;              // threads computing uncached answers; 0: one per core
    size_t max_connections = 4096;     // beyond this a new connection gets 503 and is closed
    size_t max_per_client = 256;       // connections from one client address at once; more get 503
    size_t max_queued = 1024;          // requests waiting for a worker; more get 503 with Retry-After
    uint32_t header_limit = 8 * 1024;  // bytes of request line and headers
    uint64_t body_limit = 64 * 1024;   // bytes of request body (reads carry none)
    std::chrono::seconds first_request_timeout{
        5};                                    // a new connection must start its first request within this
    std::chrono::seconds request_timeout{10};  // a whole request must arrive within this
    std::chrono::seconds idle_timeout{60};  // a keep-alive connection may wait this long for its next request
    std::chrono::seconds shutdown_grace{5};
    std::string access_log = "-";  // "-": stderr; "off"; or a file path
};

using Handler = std::function<std::shared_ptr<const Response>(const Request&)>;

struct Handlers {
    Handler quick;  // optional: answers on the I/O thread without blocking, or returns nullptr
    Handler full;   // answers any request; may block, so it runs on the worker pool
};

// Serves until SIGTERM or SIGINT, then stops accepting, lets requests in flight finish (up to shutdown_grace)
// and returns. `on_listening` is called with the bound port once the server accepts connections. When the
// descriptor limit cannot hold max_connections, the cap is lowered to fit and a warning says so on stderr.
Status serve(const ServerOptions& options, const Handlers& handlers,
             const std::function<void(unsigned short)>& on_listening = {});

// The connection cap that fits a descriptor limit: what the limit leaves after the server's own files.
size_t connections_within(size_t wanted, uint64_t descriptor_limit);

}  // namespace metropoli::http
