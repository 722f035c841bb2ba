// SPDX-License-Identifier: MIT
// libFuzzer target for the HTTP layer of `metropoli serve`. The input is what a client sends on one
// connection: it goes through Beast's request parser with the server's limits, and each complete request
// through parse_target, Api::handle and the header negotiation (accepts_gzip, none_match_hits), as server.cpp
// does. A broken invariant prints what broke and traps, so libFuzzer (or the replay of tests/fuzz) reports
// the input.
#include <zlib.h>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "core/text.hpp"
#include "fixture.hpp"
#include "http/api.hpp"
#include "http/message.hpp"
#include "http/server.hpp"

namespace metropoli::fuzz {

namespace {

namespace bhttp = boost::beast::http;
using http::Api;
using http::Request;
using http::Response;

constexpr size_t k_max_requests = 8;  // pipelined requests read from one input

// The statuses the API and the server use. 500 is among them but never the answer to anything a client sends.
const std::set<unsigned> k_statuses = {200, 201, 204, 304, 400, 401, 403, 404, 405, 406,
                                       409, 412, 413, 415, 422, 429, 431, 500, 503};

// Paths outside /api/v1/ that the API answers itself rather than from the web folder.
const std::set<std::string> k_non_file_paths = {"/healthz", "/config.json"};

[[noreturn]] void broken(const std::string& invariant, const std::string& target) {
    std::fprintf(stderr, "http fuzz: invariant broken: %s\n  target: %s\n", invariant.c_str(),
                 target.c_str());
    std::fflush(stderr);
    __builtin_trap();
}

void check(bool holds, const char* invariant, const std::string& target) {
    if (!holds) broken(invariant, target);
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

bool is_json_type(const std::string& content_type) {
    const std::string media = lower(std::string_view(content_type).substr(0, content_type.find(';')));
    return media == "application/json" || (media.size() > 5 && media.ends_with("+json"));
}

// The body a gzip representation decodes to; nullopt when it is not a complete gzip stream.
std::optional<std::string> gunzip(const std::string& data) {
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK) return std::nullopt;
    std::string out;
    char chunk[16384];
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(chunk);
        z.avail_out = sizeof chunk;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(chunk, sizeof chunk - z.avail_out);
    }
    inflateEnd(&z);
    if (rc != Z_STREAM_END) return std::nullopt;
    return out;
}

struct World {
    const Fixture& fixture;
    std::unique_ptr<Api> forward;  // sees the requests of an input in the order sent
    std::unique_ptr<Api>
        reverse;  // sees them in reverse order: an answer must not depend on what came before
    std::set<std::string> gzip_checked;  // gzip ETags whose representation was decoded once already
};

World* g_world = nullptr;
bool g_trace = false;  // HTTP_FUZZ_TRACE set: print each request's method, target, status and body size

std::unique_ptr<Api> make_api(const Fixture& f) {
    auto context = app::open_context(f.db_file);
    if (!context) {
        std::fprintf(stderr, "http fuzz: %s\n", context.error().message.c_str());
        std::abort();
    }
    return std::make_unique<Api>(std::move(*context), f.web_dir);
}

// What any response must be, whatever produced it.
void check_response(const Response& r, const std::string& target) {
    check(k_statuses.count(r.status) == 1, "the status is one the API uses", target);
    check(r.status != 500, "no 500: a client's request never makes the server fail", target);
    // Text is UTF-8; a spreadsheet (the agreements' .xlsx export) is a zip, binary by nature.
    const bool binary = r.content_type.starts_with("application/vnd.openxmlformats") ||
                        r.content_type.starts_with("application/zip") ||
                        r.content_type.starts_with("application/octet-stream");
    check(binary || is_valid_utf8(r.body), "a text body is valid UTF-8", target);
    if (is_json_type(r.content_type))
        check(nlohmann::json::accept(r.body), "a JSON body is valid JSON", target);
    if (!r.gzip_body.empty()) {
        check(!r.gzip_etag.empty() && r.gzip_etag != r.etag, "the gzip representation has its own ETag",
              target);
        if (g_world->gzip_checked.insert(r.gzip_etag).second) {
            check(gunzip(r.gzip_body) == r.body, "the gzip representation decodes to the body", target);
        }
    }
    for (const std::string& e : {r.etag, r.gzip_etag}) {
        if (e.size() < 2) continue;
        check(http::none_match_hits(e, e), "If-None-Match: the ETag itself matches", target);
        check(http::none_match_hits("W/" + e, e), "If-None-Match: its weak form matches", target);
        check(http::none_match_hits("*", e), "If-None-Match: * matches", target);
        check(!http::none_match_hits("\"0" + e.substr(1), e), "If-None-Match: a longer tag does not match",
              target);
        check(!http::none_match_hits(e.substr(0, e.size() - 1) + "0\"", e),
              "If-None-Match: a longer tag does not match", target);
    }
}

// A file served outside /api/v1/ is one of the web folder's files, and never a secret.
void check_file(const Request& request, const Response& r) {
    if (request.path.starts_with("/api/v1/") || k_non_file_paths.count(request.path) == 1) return;
    if (r.status != 200) return;
    const auto& f = g_world->fixture;
    if (request.path.starts_with("/share/")) {
        // A place's share page, made from the first screen: HTML with its link-preview tags, never a file.
        for (const auto& s : f.secrets) check(r.body != s, "a share page is never a file", request.target);
        check(r.content_type == "text/html; charset=utf-8" && r.body.find("og:title") != std::string::npos,
              "a share page is HTML with its Open Graph title", request.target);
        return;
    }
    for (const auto& s : f.secrets)
        check(r.body != s, "a static file is never a hidden file or one outside the web folder",
              request.target);
    bool known = false;
    for (const auto& s : f.served) known = known || r.body == s;
    check(known, "a static file is one of the web folder's files", request.target);
}

// The header negotiation on every Accept-Encoding and If-None-Match field of the request.
void check_negotiation(const bhttp::request<bhttp::string_body>& req, const Response& r,
                       const std::string& target) {
    for (const auto& field : req) {
        const std::string_view value = field.value();
        if (field.name() == bhttp::field::accept_encoding) {
            const std::string v = lower(value);
            const bool gzip = http::accepts_gzip(value);
            check(!gzip || v.find("gzip") != std::string::npos || v.find('*') != std::string::npos,
                  "accepts_gzip: only a field naming gzip or * accepts it", target);
        } else if (field.name() == bhttp::field::if_none_match) {
            for (const std::string& e : {r.etag, r.gzip_etag, std::string("\"0123456789abcdef-1f\"")}) {
                const bool hit = http::none_match_hits(value, e);
                check(!hit || value.find(e) != std::string_view::npos ||
                          value.find('*') != std::string_view::npos,
                      "none_match_hits: only a field holding the tag or * matches it", target);
            }
        }
    }
}

// Feeds `rest` to a request parser as the server's reads would, up to the end of one request; returns the
// bytes used. `ec` is end_of_stream when nothing was sent, and a parser error (limits included) otherwise.
size_t read_request(bhttp::request_parser<bhttp::string_body>& parser, std::string_view rest,
                    boost::beast::error_code& ec) {
    const http::ServerOptions options;
    parser.header_limit(options.header_limit);
    parser.body_limit(options.body_limit);
    parser.eager(true);
    size_t used = 0;
    for (;;) {
        const size_t n = parser.put(boost::asio::buffer(rest.data() + used, rest.size() - used), ec);
        used += n;
        if (ec != bhttp::error::need_more) break;
        ec = {};
        if (n == 0 || used == rest.size()) {  // everything sent is parsed: the client closed the connection
            parser.put_eof(ec);
            break;
        }
    }
    return used;
}

// One request the server would answer, parsed, with its Beast message kept for the header checks.
struct Exchange {
    bhttp::request<bhttp::string_body> message;
    Request request;
};

}  // namespace

}  // namespace metropoli::fuzz

using namespace metropoli;
using namespace metropoli::fuzz;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const Fixture& f = fixture();
    g_world = new World{f, make_api(f), make_api(f), {}};
    g_trace = std::getenv("HTTP_FUZZ_TRACE") != nullptr;
    // HTTP_FUZZ_OPENAPI=FILE: the API's OpenAPI document is written there, for make_corpus.py.
    if (const char* out = std::getenv("HTTP_FUZZ_OPENAPI")) {
        auto request = http::parse_target("/api/v1/openapi.json");
        if (request) std::ofstream(out, std::ios::binary) << g_world->forward->handle(*request)->body;
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    std::vector<Exchange> exchanges;
    bool reads_only = true;  // a write may change what later requests see: no order check then
    while (exchanges.size() < k_max_requests && !rest.empty()) {
        bhttp::request_parser<bhttp::string_body> parser;
        boost::beast::error_code ec;
        rest.remove_prefix(read_request(parser, rest, ec));
        if (ec == bhttp::error::end_of_stream) break;  // the server closes without answering
        if (ec) {  // the server's short rejection, and the connection is closed
            const unsigned status = ec == bhttp::error::header_limit ? 431
                                    : ec == bhttp::error::body_limit ? 413
                                                                     : 400;
            check_response(http::problem(status, "", "rejected", ""), "-");
            break;
        }
        auto message = parser.release();
        const bool keep_alive = message.keep_alive();
        const std::string target(message.target());
        auto parsed = http::parse_target(target);
        if (!parsed) {
            check_response(http::problem(400, "", parsed.error().message, ""), target);
        } else {
            check(is_valid_utf8(parsed->path) && parsed->path.find('\0') == std::string::npos,
                  "parse_target: the path is printable UTF-8", target);
            for (const auto& [key, value] : parsed->query) {
                check(is_valid_utf8(key) && is_valid_utf8(value) && key.find('\0') == std::string::npos &&
                          value.find('\0') == std::string::npos,
                      "parse_target: every parameter is printable UTF-8", target);
            }
            // As server.cpp fills it.
            parsed->method = std::string(message.method_string());
            parsed->body = message.body();
            if (auto it = message.find(bhttp::field::content_type); it != message.end())
                parsed->content_type = std::string(it->value());
            if (auto it = message.find(bhttp::field::if_match); it != message.end())
                parsed->if_match = std::string(it->value());
            reads_only = reads_only && (parsed->method == "GET" || parsed->method == "HEAD");
            exchanges.push_back({std::move(message), std::move(*parsed)});
        }
        if (!keep_alive) break;
    }

    std::vector<std::shared_ptr<const http::Response>> answers;
    for (const auto& x : exchanges) {
        std::shared_ptr<const Response> r;
        try {
            r = g_world->forward->handle(x.request);
        } catch (const std::exception& e) {
            broken(std::string("handle() never throws; it threw: ") + e.what(), x.request.target);
        } catch (...) {
            broken("handle() never throws; it threw a non-exception", x.request.target);
        }
        check(r != nullptr, "handle() returns a response", x.request.target);
        if (g_trace)
            std::fprintf(stderr, "%s %s -> %u (%zu bytes)\n", x.request.method.c_str(),
                         x.request.target.c_str(), r->status, r->body.size());
        check_response(*r, x.request.target);
        check_file(x.request, *r);
        check_negotiation(x.message, *r, x.request.target);
        answers.push_back(std::move(r));
    }
    if (!reads_only) return 0;
    for (size_t i = exchanges.size(); i-- > 0;) {
        std::shared_ptr<const Response> r;
        try {
            r = g_world->reverse->handle(exchanges[i].request);
        } catch (...) {
            broken("handle() never throws", exchanges[i].request.target);
        }
        const auto& a = *answers[i];
        check(r != nullptr && r->status == a.status && r->content_type == a.content_type && r->body == a.body,
              "an answer does not depend on the requests before it", exchanges[i].request.target);
    }
    return 0;
}
