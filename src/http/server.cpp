// SPDX-License-Identifier: MIT
#include "http/server.hpp"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/text.hpp"

namespace metropoli::http {

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// What a thread is serving, for the crash line: the target JSON-escaped, cut at a fixed size. Thread-local
// and fixed-size so that the signal handler reads it without allocating or locking.
constexpr size_t k_crash_target = 512;
thread_local char t_serving[k_crash_target];
thread_local size_t t_serving_size = 0;
std::atomic<int> g_crash_fd{-1};

void note_serving(const std::string& target) {
    size_t n = 0;
    for (char c : target) {
        const auto u = static_cast<unsigned char>(c);
        if (n + 7 > k_crash_target) break;
        if (c == '"' || c == '\\') {
            t_serving[n++] = '\\';
            t_serving[n++] = c;
        } else if (u < 0x20 || u == 0x7f) {
            t_serving[n++] = '?';
        } else {
            t_serving[n++] = c;
        }
    }
    t_serving_size = n;
}

void write_all(int fd, const char* text, size_t size) {
    while (size > 0) {
        const ssize_t n = ::write(fd, text, size);
        if (n <= 0) return;
        text += n;
        size -= static_cast<size_t>(n);
    }
}

// A fatal signal: one line in the access log naming the signal and the request this thread was serving, then
// the default action (core dump or termination). Only async-signal-safe calls.
extern "C" void log_crash(int signal) {
    const int fd = g_crash_fd.load();
    if (fd >= 0) {
        char number[16];
        size_t n = 0;
        int v = signal;
        do {
            number[n++] = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v > 0 && n < sizeof number);
        static const char head[] = "{\"event\":\"crash\",\"signal\":";
        write_all(fd, head, sizeof head - 1);
        while (n > 0) write_all(fd, &number[--n], 1);
        static const char mid[] = ",\"target\":\"";
        write_all(fd, mid, sizeof mid - 1);
        write_all(fd, t_serving, t_serving_size);
        static const char tail[] = "\"}\n";
        write_all(fd, tail, sizeof tail - 1);
    }
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

void install_crash_log(int fd) {
    g_crash_fd = fd;
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) std::signal(sig, log_crash);
}

// One JSON object per line, written whole and flushed at once: when, who, what, how it ended, how long it
// took. No query secrets exist in this API; headers (cookies, authorization, the CSRF token) and bodies (a
// login's password) are never logged.
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

    void write(const std::string& remote, const std::string& method, const std::string& target,
               unsigned status, size_t bytes, double ms, const std::string& id) {
        if (!m_file) return;
        const double now =
            std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
        fmt::memory_buffer line;
        fmt::format_to(std::back_inserter(line), "{{\"ts\":{:.3f},\"remote\":\"", now);
        append_escaped(line, remote);
        line.append(std::string_view("\",\"method\":\""));
        append_escaped(line, method);
        line.append(std::string_view("\",\"target\":\""));
        append_escaped(line, target);
        fmt::format_to(std::back_inserter(line),
                       "\",\"status\":{},\"bytes\":{},\"ms\":{:.3f},\"id\":\"{}\"}}\n", status, bytes, ms,
                       id);
        std::lock_guard lock(m_mutex);
        std::fwrite(line.data(), 1, line.size(), m_file);
        std::fflush(m_file);
    }
    int fd() const { return m_file ? ::fileno(m_file) : -1; }
    void flush() {
        if (m_file) std::fflush(m_file);
    }

private:
    // JSON string contents: quotes, backslashes and control bytes escaped; the rest as received, unless it is
    // not UTF-8 (a refused target), when every byte over 0x7f is written as \u00XX so that the line stays
    // valid JSON.
    static void append_escaped(fmt::memory_buffer& out, const std::string& text) {
        const bool utf8 = is_valid_utf8(text);
        for (char c : text) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                out.push_back('\\');
                out.push_back(c);
            } else if (u < 0x20 || u == 0x7f || (u > 0x7f && !utf8)) {
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
    const Handlers& handlers;
    const ServerOptions& options;
    AccessLog log;
    net::thread_pool& workers;
    std::atomic<size_t> active{0};
    std::atomic<size_t> queued{0};
    std::atomic<bool> stopping{false};
    std::mutex sessions_mutex;
    std::vector<std::weak_ptr<Session>> sessions;
    std::mutex clients_mutex;
    std::unordered_map<std::string, size_t> per_client;  // open connections by client address

    // Unique in this process and unlikely to repeat across restarts: a random prefix drawn at start, then a
    // count.
    std::string id_prefix;
    std::atomic<uint64_t> requests{0};
    std::string next_request_id() { return fmt::format("{}-{:x}", id_prefix, ++requests); }

    // Counts a connection from `client`; false when that client is at its cap.
    bool admit(const std::string& client) {
        std::lock_guard lock(clients_mutex);
        auto& n = per_client[client];
        if (n >= options.max_per_client) {
            if (n == 0) per_client.erase(client);
            return false;
        }
        ++n;
        return true;
    }
    void release(const std::string& client) {
        std::lock_guard lock(clients_mutex);
        auto it = per_client.find(client);
        if (it != per_client.end() && --it->second == 0) per_client.erase(it);
    }
};

// What the response to one request depends on besides the handler's answer.
struct Exchange {
    Request request;
    bool gzip = false;
    std::string if_none_match;
    unsigned version = 11;
    bool keep_alive = false;
    bool head = false;
};

const char* k_security_headers[][2] = {
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
};
#define METROPOLI_CSP                                                                                 \
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; " \
    "connect-src 'self'; "
// Nothing may be framed but the embeddable card, which any site may frame.
const char* k_frame_headers[][2] = {
    {"X-Frame-Options", "DENY"},
    {"Content-Security-Policy", METROPOLI_CSP "frame-ancestors 'none'"},
};
const char* k_framable_csp = METROPOLI_CSP "frame-ancestors *";
#undef METROPOLI_CSP

// The fields that say who is asking and from where. A client may split its cookies over several Cookie
// fields (RFC 6265 forbids it, HTTP/2 gateways do it): they are joined as one.
void read_credentials(const bhttp::request<bhttp::string_body>& req, Request& out) {
    const auto [first, last] = req.equal_range(bhttp::field::cookie);
    for (auto it = first; it != last; ++it) {
        if (!out.cookie.empty()) out.cookie += "; ";
        out.cookie += std::string(it->value());
    }
    if (auto it = req.find(bhttp::field::authorization); it != req.end())
        out.authorization = std::string(it->value());
    if (auto it = req.find("X-CSRF-Token"); it != req.end()) out.csrf_token = std::string(it->value());
    if (auto it = req.find("X-Forwarded-Proto"); it != req.end())
        out.forwarded_proto = std::string(it->value());
    if (auto it = req.find("X-Forwarded-For"); it != req.end()) out.forwarded_for = std::string(it->value());
}

class Session : public std::enable_shared_from_this<Session> {
public:
    // `remote`: the client address, already admitted by Shared::admit.
    Session(tcp::socket socket, Shared& shared, std::string remote)
        : m_stream(std::move(socket)), m_shared(shared), m_remote(std::move(remote)) {
        ++m_shared.active;
    }
    ~Session() {
        m_shared.release(m_remote);
        --m_shared.active;
    }
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
        // A connection that has sent nothing yet gets the short timeout: silence costs the client, not the
        // server.
        m_stream.expires_after(m_requests == 0 ? m_shared.options.first_request_timeout
                                               : m_shared.options.idle_timeout);
        m_stream.async_read_some(m_buffer.prepare(4096),
                                 [self = shared_from_this()](beast::error_code ec, size_t n) {
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
        bhttp::async_read(m_stream, m_buffer, *m_parser,
                          [self = shared_from_this()](beast::error_code ec, size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
        if (ec == bhttp::error::end_of_stream || ec == net::error::operation_aborted) return close();
        if (ec == bhttp::error::header_limit)
            return reject(431, "the request headers are larger than the server accepts");
        if (ec == bhttp::error::body_limit)
            return reject(413, "the request body is larger than the server accepts");
        if (ec == beast::error::timeout) return close();  // the stream is already closed: nothing can be sent
        if (ec) return reject(400, "malformed HTTP request");
        ++m_requests;
        const auto& req = m_parser->get();
        Exchange x;
        x.version = req.version();
        x.keep_alive = req.keep_alive() && !m_shared.stopping;
        x.head = req.method() == bhttp::verb::head;
        if (auto it = req.find(bhttp::field::accept_encoding); it != req.end())
            x.gzip = accepts_gzip(it->value());
        if (auto it = req.find(bhttp::field::if_none_match); it != req.end())
            x.if_none_match = std::string(it->value());
        const std::string target(req.target());
        auto parsed = parse_target(target);
        if (!parsed) {
            x.request.target = target;
            x.request.method = std::string(req.method_string());
            return respond(std::make_shared<const Response>(problem(400, "", parsed.error().message, "")),
                           std::move(x));
        }
        x.request = std::move(*parsed);
        x.request.method = std::string(req.method_string());
        x.request.id = m_shared.next_request_id();
        x.request.body = req.body();
        if (auto it = req.find(bhttp::field::content_type); it != req.end())
            x.request.content_type = std::string(it->value());
        if (auto it = req.find(bhttp::field::if_match); it != req.end())
            x.request.if_match = std::string(it->value());
        read_credentials(req, x.request);
        x.request.client_address = m_remote;
        if (m_shared.handlers.quick) {
            note_serving(target);
            if (auto r = guarded(m_shared.handlers.quick, x.request))
                return respond(std::move(r), std::move(x));
        }
        if (m_shared.queued.load() >= m_shared.options.max_queued) {
            auto busy = problem(503, "", "the server is busy; retry in a second", x.request.path);
            busy.headers.emplace_back("Retry-After", "1");
            return respond(std::make_shared<const Response>(std::move(busy)), std::move(x));
        }
        // Work that may block runs on the worker pool; the answer comes back to this connection's strand.
        ++m_shared.queued;
        auto pending = std::make_shared<Exchange>(std::move(x));
        net::post(m_shared.workers, [self = shared_from_this(), pending] {
            note_serving(pending->request.target);
            auto r = guarded(self->m_shared.handlers.full, pending->request);
            --self->m_shared.queued;
            net::post(self->m_stream.get_executor(), [self, pending, r = std::move(r)]() mutable {
                self->respond(std::move(r), std::move(*pending));
            });
        });
    }

    // The handler's answer; a 500 when it throws (the cause on stderr) or answers nothing.
    static std::shared_ptr<const Response> guarded(const Handler& handler, const Request& request) {
        try {
            return handler(request);
        } catch (const std::exception& e) {
            fmt::print(stderr, "internal error on {} (request {}): {}\n", request.path, request.id, e.what());
        } catch (...) {
            fmt::print(stderr, "internal error on {} (request {}): unknown exception\n", request.path,
                       request.id);
        }
        return std::make_shared<const Response>(
            problem(500, "", "the server could not complete the request", request.path));
    }

    void respond(std::shared_ptr<const Response> response, Exchange x) {
        if (!response)
            response = std::make_shared<const Response>(
                problem(500, "", "the server could not complete the request", ""));
        unsigned status = response->status;
        const bool gzip = x.gzip && !response->gzip_body.empty();
        const std::string& etag = gzip ? response->gzip_etag : response->etag;
        if (status == 200 && !etag.empty() && !x.if_none_match.empty() &&
            none_match_hits(x.if_none_match, etag))
            status = 304;
        send(std::move(response), status, gzip, x.version, x.keep_alive && !m_shared.stopping, x.head,
             x.request.method, x.request.target, x.request.id);
    }

    void reject(unsigned status, const std::string& detail) {
        send(std::make_shared<const Response>(problem(status, "", detail, "")), status, false, 11, false,
             false, "-", "-", "");
    }

    // The status line and headers in one string, and the body straight from the shared response (no copy),
    // held until the write completes.
    void send(std::shared_ptr<const Response> response, unsigned status, bool gzip, unsigned version,
              bool keep_alive, bool head, const std::string& method, const std::string& target,
              const std::string& id) {
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
        if (response->framable)
            (h += "\r\nContent-Security-Policy: ") += k_framable_csp;
        else
            for (const auto& header : k_frame_headers) (((h += "\r\n") += header[0]) += ": ") += header[1];
        for (const auto& [name, value] : response->headers) (((h += "\r\n") += name) += ": ") += value;
        if (status != 304) (h += "\r\nContent-Length: ") += std::to_string(length);
        if (!id.empty()) (h += "\r\nX-Request-Id: ") += id;
        if (!keep_alive)
            h += "\r\nConnection: close";
        else if (version == 10)
            h += "\r\nConnection: keep-alive";
        h += "\r\n\r\n";
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_started).count();
        m_shared.log.write(m_remote, method, target, status, head ? 0 : length, ms, id);
        const std::array<net::const_buffer, 2> buffers = {
            net::buffer(h),
            status == 304 || head ? net::const_buffer() : net::buffer(body.data(), body.size())};
        m_held = std::move(response);
        m_stream.expires_after(m_shared.options.request_timeout);
        net::async_write(m_stream, buffers,
                         [self = shared_from_this(), keep_alive](beast::error_code ec, size_t) {
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
    size_t m_requests = 0;
    bool m_busy = false;
    std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
};

// Over a connection limit: a short 503 and close, without a session.
std::string refusal(const std::string& detail) {
    const std::string body = problem(503, "", detail, "").body;
    return "HTTP/1.1 503 Service Unavailable\r\nServer: metropoli\r\nContent-Type: "
           "application/problem+json\r\n"
           "Connection: close\r\nRetry-After: 1\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
}

void refuse(tcp::socket socket, const std::string& text) {
    auto s = std::make_shared<tcp::socket>(std::move(socket));
    net::async_write(*s, net::buffer(text), [s](beast::error_code, size_t) {
        beast::error_code ec;
        s->shutdown(tcp::socket::shutdown_both, ec);
        s->close(ec);
    });
}

class Listener {
public:
    Listener(net::io_context& ioc, tcp::acceptor& acceptor, Shared& shared)
        : m_ioc(ioc), m_acceptor(acceptor), m_shared(shared), m_backoff(ioc) {}
    void accept() {
        m_acceptor.async_accept(net::make_strand(m_ioc), [this](beast::error_code ec, tcp::socket socket) {
            if (ec == net::error::operation_aborted || !m_acceptor.is_open()) return;
            if (ec) {
                // Out of descriptors (or memory): the pending connection stays queued in the kernel. Wait
                // instead of spinning on accept(), so the connections already open keep being served.
                const auto now = std::chrono::steady_clock::now();
                if (now - m_last_warning > std::chrono::seconds(10)) {
                    m_last_warning = now;
                    fmt::print(stderr, "metropoli serve: accept failed ({}); retrying in 100 ms\n",
                               ec.message());
                }
                m_backoff.expires_after(std::chrono::milliseconds(100));
                m_backoff.async_wait([this](beast::error_code) { accept(); });
                return;
            }
            {
                beast::error_code endpoint_error;
                const auto endpoint = socket.remote_endpoint(endpoint_error);
                const std::string remote = endpoint_error ? "?" : endpoint.address().to_string();
                if (m_shared.active.load() >= m_shared.options.max_connections) {
                    static const std::string full = refusal("too many connections");
                    refuse(std::move(socket), full);
                } else if (!m_shared.admit(remote)) {
                    static const std::string mine = refusal("too many connections from this address");
                    refuse(std::move(socket), mine);
                } else {
                    auto session = std::make_shared<Session>(std::move(socket), m_shared, remote);
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
    net::steady_timer m_backoff;
    std::chrono::steady_clock::time_point m_last_warning{};
};

// Raises the soft descriptor limit to the hard one; returns the soft limit in force.
uint64_t raise_descriptor_limit() {
    struct rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
    if (limit.rlim_cur < limit.rlim_max) {
        struct rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
    }
    return limit.rlim_cur == RLIM_INFINITY ? UINT64_MAX : static_cast<uint64_t>(limit.rlim_cur);
}

}  // namespace

size_t connections_within(size_t wanted, uint64_t descriptor_limit) {
    // Kept for the server itself: standard streams, the listening socket, the database and its journal, the
    // access log, the web files being read, the worker pool's and the resolver's descriptors.
    constexpr uint64_t k_reserved = 64;
    const uint64_t room = descriptor_limit > k_reserved ? descriptor_limit - k_reserved : 1;
    return static_cast<size_t>(std::min<uint64_t>(wanted, room));
}

Status serve(const ServerOptions& requested, const Handlers& handlers,
             const std::function<void(unsigned short)>& on_listening) {
    ServerOptions options = requested;
    const uint64_t descriptors = raise_descriptor_limit();
    if (const size_t fits = connections_within(options.max_connections, descriptors);
        fits < options.max_connections) {
        fmt::print(stderr,
                   "warning: the descriptor limit ({}) cannot hold --max-connections {}; serving at most {} "
                   "connections\n",
                   descriptors, options.max_connections, fits);
        options.max_connections = fits;
    }
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    net::thread_pool workers(options.workers ? options.workers : cores);
    Shared shared{handlers, options, AccessLog(options.access_log), workers, {}, {}, {}, {}, {}, {}, {},
                  {},       {}};
    {
        std::random_device random;
        shared.id_prefix = fmt::format("{:08x}", random());
    }
    if (!shared.log.ok(options.access_log)) {
        return make_error(ErrorCode::io_error,
                          fmt::format("cannot open the access log {}", options.access_log));
    }
    install_crash_log(shared.log.fd());
    const unsigned threads = options.threads ? options.threads : cores;
    net::io_context ioc(static_cast<int>(threads));
    tcp::acceptor acceptor(ioc);
    beast::error_code ec;
    const auto address = net::ip::make_address(options.bind, ec);
    if (ec)
        return make_error(ErrorCode::invalid_argument,
                          fmt::format("--bind {}: not an IP address", options.bind));
    const tcp::endpoint endpoint(address, options.port);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec)
        return make_error(ErrorCode::io_error, fmt::format("cannot listen on {}:{}: {}", options.bind,
                                                           options.port, ec.message()));

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
        fmt::print(stderr, "metropoli serve: {} received, finishing requests in flight\n",
                   signal == SIGTERM ? "SIGTERM" : "SIGINT");
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
    workers.join();
    g_crash_fd = -1;
    shared.log.flush();
    fmt::print(stderr, "metropoli serve: stopped\n");
    return ok_status();
}

}  // namespace metropoli::http
