// SPDX-License-Identifier: MIT
#include "http/server.hpp"

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

namespace metropoli::http {

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// One JSON object per line: when, who, what, how it ended, how long it took. No query secrets exist in this API;
// headers (cookies, authorization) are never logged.
class AccessLog {
public:
    explicit AccessLog(const std::string& where) {
        if (where == "off") return;
        if (where == "-") {
            m_file = stderr;
            return;
        }
        m_file = std::fopen(where.c_str(), "a");
        m_owned = m_file != nullptr;
    }
    ~AccessLog() {
        if (m_owned) std::fclose(m_file);
    }
    AccessLog(const AccessLog&) = delete;
    AccessLog& operator=(const AccessLog&) = delete;
    bool ok(const std::string& where) const { return where == "off" || m_file != nullptr; }

    void write(const std::string& remote, const std::string& method, const std::string& target, unsigned status,
               size_t bytes, double ms) {
        if (!m_file) return;
        const double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
        fmt::memory_buffer line;
        fmt::format_to(std::back_inserter(line), "{{\"ts\":{:.3f},\"remote\":\"", now);
        append_escaped(line, remote);
        line.append(std::string_view("\",\"method\":\""));
        append_escaped(line, method);
        line.append(std::string_view("\",\"target\":\""));
        append_escaped(line, target);
        fmt::format_to(std::back_inserter(line), "\",\"status\":{},\"bytes\":{},\"ms\":{:.3f}}}\n", status, bytes, ms);
        std::lock_guard lock(m_mutex);
        std::fwrite(line.data(), 1, line.size(), m_file);
    }
    void flush() {
        if (m_file) std::fflush(m_file);
    }

private:
    // JSON string contents: quotes, backslashes and control bytes escaped; anything else as received.
    static void append_escaped(fmt::memory_buffer& out, const std::string& text) {
        for (char c : text) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                out.push_back('\\');
                out.push_back(c);
            } else if (u < 0x20 || u == 0x7f) {
                fmt::format_to(std::back_inserter(out), "\\u{:04x}", u);
            } else {
                out.push_back(c);
            }
        }
    }

    std::mutex m_mutex;
    std::FILE* m_file = nullptr;
    bool m_owned = false;
};

class Session;

struct Shared {
    const Handler& handler;
    const ServerOptions& options;
    AccessLog log;
    std::atomic<size_t> active{0};
    std::atomic<bool> stopping{false};
    std::mutex sessions_mutex;
    std::vector<std::weak_ptr<Session>> sessions;
};

const char* k_security_headers[][2] = {
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
    {"Content-Security-Policy",
     "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'"},
};

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, Shared& shared) : m_stream(std::move(socket)), m_shared(shared) {
        beast::error_code ec;
        const auto endpoint = m_stream.socket().remote_endpoint(ec);
        m_remote = ec ? "?" : endpoint.address().to_string();
        ++m_shared.active;
    }
    ~Session() { --m_shared.active; }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    void start() {
        net::dispatch(m_stream.get_executor(), [self = shared_from_this()] { self->wait_request(); });
    }

    // Shutdown: an idle connection is closed now; a busy one closes after its response.
    void stop() {
        net::post(m_stream.get_executor(), [self = shared_from_this()] {
            if (!self->m_busy) self->close();
        });
    }

private:
    // Waits for the first byte of the next request, for at most the idle timeout.
    void wait_request() {
        m_busy = false;
        if (m_shared.stopping) return close();
        if (m_buffer.size() > 0) return read_request();
        m_stream.expires_after(m_shared.options.idle_timeout);
        m_stream.async_read_some(m_buffer.prepare(4096), [self = shared_from_this()](beast::error_code ec, size_t n) {
            self->m_buffer.commit(n);
            if (ec) return self->close();
            self->read_request();
        });
    }

    // Reads the whole request within the request timeout: a client trickling bytes is cut off.
    void read_request() {
        m_busy = true;
        m_started = std::chrono::steady_clock::now();
        m_parser.emplace();
        m_parser->header_limit(m_shared.options.header_limit);
        m_parser->body_limit(m_shared.options.body_limit);
        m_stream.expires_after(m_shared.options.request_timeout);
        bhttp::async_read(m_stream, m_buffer, *m_parser, [self = shared_from_this()](beast::error_code ec, size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
        if (ec == bhttp::error::end_of_stream || ec == net::error::operation_aborted) return close();
        if (ec == bhttp::error::header_limit) return reject(431, "the request headers are larger than the server accepts");
        if (ec == bhttp::error::body_limit) return reject(413, "the request body is larger than the server accepts");
        if (ec == beast::error::timeout) return close();  // the stream is already closed: nothing can be sent
        if (ec) return reject(400, "malformed HTTP request");
        const auto& req = m_parser->get();
        std::shared_ptr<const Response> response;
        unsigned status = 200;
        const std::string target(req.target());
        auto parsed = parse_target(target);
        if (!parsed) {
            response = std::make_shared<const Response>(problem(400, "", parsed.error().message, ""));
        } else {
            parsed->method = std::string(req.method_string());
            try {
                response = m_shared.handler(*parsed);
            } catch (const std::exception& e) {
                fmt::print(stderr, "internal error on {}: {}\n", target, e.what());
                response = std::make_shared<const Response>(problem(500, "", "the server could not complete the request", parsed->path));
            }
        }
        status = response->status;
        bool gzip = false;
        if (!response->gzip_body.empty()) {
            if (auto it = req.find(bhttp::field::accept_encoding); it != req.end()) gzip = it->value().find("gzip") != std::string_view::npos;
        }
        const std::string& etag = gzip ? response->gzip_etag : response->etag;
        if (status == 200 && !etag.empty()) {
            if (auto it = req.find(bhttp::field::if_none_match); it != req.end() && it->value().find(etag) != std::string_view::npos) {
                status = 304;
            }
        }
        const bool head = req.method() == bhttp::verb::head;
        send(std::move(response), status, gzip, req.version(), req.keep_alive() && !m_shared.stopping, head,
             std::string(req.method_string()), target);
    }

    void reject(unsigned status, const std::string& detail) {
        send(std::make_shared<const Response>(problem(status, "", detail, "")), status, false, 11, false, false, "-", "-");
    }

    // The status line and headers in one string, and the body straight from the shared response (no copy), held
    // until the write completes.
    void send(std::shared_ptr<const Response> response, unsigned status, bool gzip, unsigned version, bool keep_alive,
              bool head, const std::string& method, const std::string& target) {
        const std::string& body = gzip ? response->gzip_body : response->body;
        const std::string& etag = gzip ? response->gzip_etag : response->etag;
        const size_t length = status == 304 ? 0 : body.size();
        std::string& h = m_header;
        h.clear();
        h += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
        h += std::to_string(status);
        h += ' ';
        h += bhttp::obsolete_reason(static_cast<bhttp::status>(status));
        h += "\r\nServer: metropoli\r\nContent-Type: ";
        h += response->content_type;
        if (!etag.empty()) (h += "\r\nETag: ") += etag;
        if (gzip) h += "\r\nContent-Encoding: gzip";
        if (!response->gzip_body.empty()) h += "\r\nVary: Accept-Encoding";
        (h += "\r\nCache-Control: ") += response->cache_control;
        for (const auto& header : k_security_headers) (((h += "\r\n") += header[0]) += ": ") += header[1];
        for (const auto& [name, value] : response->headers) (((h += "\r\n") += name) += ": ") += value;
        if (status != 304) (h += "\r\nContent-Length: ") += std::to_string(length);
        if (!keep_alive) h += "\r\nConnection: close";
        else if (version == 10) h += "\r\nConnection: keep-alive";
        h += "\r\n\r\n";
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_started).count();
        m_shared.log.write(m_remote, method, target, status, head ? 0 : length, ms);
        const std::array<net::const_buffer, 2> buffers = {
            net::buffer(h), status == 304 || head ? net::const_buffer() : net::buffer(body.data(), body.size())};
        m_held = std::move(response);
        m_stream.expires_after(m_shared.options.request_timeout);
        net::async_write(m_stream, buffers, [self = shared_from_this(), keep_alive](beast::error_code ec, size_t) {
            self->m_held.reset();
            if (ec || !keep_alive) return self->close();
            self->wait_request();
        });
    }

    void close() {
        beast::error_code ec;
        m_stream.socket().shutdown(tcp::socket::shutdown_both, ec);
        m_stream.socket().close(ec);
    }

    beast::tcp_stream m_stream;
    beast::flat_buffer m_buffer{16 * 1024};
    std::optional<bhttp::request_parser<bhttp::string_body>> m_parser;
    std::string m_header;
    std::shared_ptr<const Response> m_held;
    Shared& m_shared;
    std::string m_remote;
    bool m_busy = false;
    std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
};

// Over the connection limit: a short 503 and close, without a session.
void refuse(tcp::socket socket) {
    auto s = std::make_shared<tcp::socket>(std::move(socket));
    static const std::string text =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nConnection: close\r\nRetry-After: 1\r\n"
        "Content-Length: 92\r\n\r\n{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"too many connections\"}";
    net::async_write(*s, net::buffer(text), [s](beast::error_code, size_t) {
        beast::error_code ec;
        s->shutdown(tcp::socket::shutdown_both, ec);
        s->close(ec);
    });
}

class Listener {
public:
    Listener(net::io_context& ioc, tcp::acceptor& acceptor, Shared& shared) : m_ioc(ioc), m_acceptor(acceptor), m_shared(shared) {}
    void accept() {
        m_acceptor.async_accept(net::make_strand(m_ioc), [this](beast::error_code ec, tcp::socket socket) {
            if (ec == net::error::operation_aborted || !m_acceptor.is_open()) return;
            if (!ec) {
                if (m_shared.active.load() >= m_shared.options.max_connections) {
                    refuse(std::move(socket));
                } else {
                    auto session = std::make_shared<Session>(std::move(socket), m_shared);
                    {
                        std::lock_guard lock(m_shared.sessions_mutex);
                        auto& list = m_shared.sessions;
                        if (list.size() > 2 * m_shared.active.load() + 64) {
                            std::erase_if(list, [](const std::weak_ptr<Session>& w) { return w.expired(); });
                        }
                        list.push_back(session);
                    }
                    session->start();
                }
            }
            accept();
        });
    }

private:
    net::io_context& m_ioc;
    tcp::acceptor& m_acceptor;
    Shared& m_shared;
};

}  // namespace

Status serve(const ServerOptions& options, const Handler& handler, const std::function<void(unsigned short)>& on_listening) {
    Shared shared{handler, options, AccessLog(options.access_log), {}, {}, {}, {}};
    if (!shared.log.ok(options.access_log)) {
        return make_error(ErrorCode::io_error, fmt::format("cannot open the access log {}", options.access_log));
    }
    const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    net::io_context ioc(static_cast<int>(threads));
    tcp::acceptor acceptor(ioc);
    beast::error_code ec;
    const auto address = net::ip::make_address(options.bind, ec);
    if (ec) return make_error(ErrorCode::invalid_argument, fmt::format("--bind {}: not an IP address", options.bind));
    const tcp::endpoint endpoint(address, options.port);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return make_error(ErrorCode::io_error, fmt::format("cannot listen on {}:{}: {}", options.bind, options.port, ec.message()));

    Listener listener(ioc, acceptor, shared);
    listener.accept();

    net::signal_set signals(ioc, SIGINT, SIGTERM);
    net::steady_timer drain(ioc);
    std::function<void(int)> wait_drained;
    const auto deadline = std::make_shared<std::chrono::steady_clock::time_point>();
    wait_drained = [&](int) {
        if (shared.active.load() == 0 || std::chrono::steady_clock::now() >= *deadline) {
            ioc.stop();
            return;
        }
        drain.expires_after(std::chrono::milliseconds(50));
        drain.async_wait([&](beast::error_code) { wait_drained(0); });
    };
    signals.async_wait([&](beast::error_code, int signal) {
        fmt::print(stderr, "metropoli serve: {} received, finishing requests in flight\n", signal == SIGTERM ? "SIGTERM" : "SIGINT");
        shared.stopping = true;
        beast::error_code ignored;
        acceptor.close(ignored);
        std::vector<std::shared_ptr<Session>> live;
        {
            std::lock_guard lock(shared.sessions_mutex);
            for (auto& w : shared.sessions) {
                if (auto s = w.lock()) live.push_back(std::move(s));
            }
        }
        for (auto& s : live) s->stop();
        live.clear();
        *deadline = std::chrono::steady_clock::now() + options.shutdown_grace;
        wait_drained(0);
    });

    if (on_listening) on_listening(acceptor.local_endpoint().port());
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : pool) t.join();
    shared.log.flush();
    fmt::print(stderr, "metropoli serve: stopped\n");
    return ok_status();
}

}  // namespace metropoli::http
