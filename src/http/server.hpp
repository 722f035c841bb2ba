// SPDX-License-Identifier: MIT
// The HTTP/1.1 server on Boost.Beast: keep-alive, limits on header and body size, timeouts against slow clients,
// a maximum number of connections, a structured access log, and graceful shutdown on SIGTERM or SIGINT.
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
    unsigned threads = 0;                  // 0: one per core
    size_t max_connections = 4096;         // beyond this a new connection gets 503 and is closed
    uint32_t header_limit = 8 * 1024;      // bytes of request line and headers
    uint64_t body_limit = 64 * 1024;       // bytes of request body (reads carry none)
    std::chrono::seconds request_timeout{10};  // a whole request must arrive within this
    std::chrono::seconds idle_timeout{60};     // a keep-alive connection may wait this long for its next request
    std::chrono::seconds shutdown_grace{5};
    std::string access_log = "-";          // "-": stderr; "off"; or a file path
};

using Handler = std::function<std::shared_ptr<const Response>(const Request&)>;

// Serves until SIGTERM or SIGINT, then stops accepting, lets requests in flight finish (up to shutdown_grace)
// and returns. `on_listening` is called with the bound port once the server accepts connections.
Status serve(const ServerOptions& options, const Handler& handler, const std::function<void(unsigned short)>& on_listening = {});

}  // namespace metropoli::http
