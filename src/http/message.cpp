// SPDX-License-Identifier: MIT
#include "http/message.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <nlohmann/json.hpp>

#include "core/text.hpp"

namespace metropoli::http {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

Result<std::string> decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size())
                return make_error(ErrorCode::invalid_argument,
                                  "truncated percent-escape in the request target");
            const int hi = hex_value(text[i + 1]);
            const int lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0)
                return make_error(ErrorCode::invalid_argument, "bad percent-escape in the request target");
            const char decoded = static_cast<char>(hi * 16 + lo);
            if (decoded == '\0') return make_error(ErrorCode::invalid_argument, "NUL in the request target");
            out.push_back(decoded);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

const char* title_of(unsigned status) {
    switch (status) {
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 409:
            return "Conflict";
        case 412:
            return "Precondition Failed";
        case 415:
            return "Unsupported Media Type";
        case 428:
            return "Precondition Required";
        case 413:
            return "Content Too Large";
        case 422:
            return "Unprocessable Content";
        case 429:
            return "Too Many Requests";
        case 431:
            return "Request Header Fields Too Large";
        case 503:
            return "Service Unavailable";
        default:
            return "Internal Server Error";
    }
}

}  // namespace

Result<Request> parse_target(const std::string& target) {
    Request r;
    r.target = target;
    if (target.empty() || target.front() != '/') {
        return make_error(ErrorCode::invalid_argument, "the request target must start with /");
    }
    const size_t q = target.find('?');
    auto path = decode(std::string_view(target).substr(0, q), false);
    if (!path) return path.error();
    if (!is_valid_utf8(*path))
        return make_error(ErrorCode::invalid_argument, "the request path is not valid UTF-8");
    r.path = std::move(*path);
    if (q != std::string::npos) {
        std::string_view rest = std::string_view(target).substr(q + 1);
        while (!rest.empty()) {
            const size_t amp = rest.find('&');
            const std::string_view pair = rest.substr(0, amp);
            const size_t eq = pair.find('=');
            auto key = decode(pair.substr(0, eq), true);
            if (!key) return key.error();
            auto value =
                decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
            if (!value) return value.error();
            if (!is_valid_utf8(*key) || !is_valid_utf8(*value)) {
                return make_error(ErrorCode::invalid_argument, "a query parameter is not valid UTF-8");
            }
            if (!key->empty()) r.query[*key] = *value;
            if (amp == std::string_view::npos) break;
            rest = rest.substr(amp + 1);
        }
    }
    return r;
}

Response problem(unsigned status, const std::string& title, const std::string& detail,
                 const std::string& instance) {
    Response r;
    r.status = status;
    r.content_type = "application/problem+json";
    nlohmann::json body = {{"type", "about:blank"},
                           {"title", title.empty() ? title_of(status) : title},
                           {"status", status},
                           {"detail", detail},
                           {"instance", instance}};
    r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return r;
}

Response problem_of(const Error& error, const std::string& instance) {
    unsigned status = 500;
    switch (error.code) {
        case ErrorCode::invalid_argument:
            status = 400;
            break;
        case ErrorCode::bad_input:
            status = 422;
            break;
        case ErrorCode::not_found:
            status = 404;
            break;
        case ErrorCode::conflict:
            status = 409;
            break;
        case ErrorCode::forbidden:
            status = 403;
            break;
        case ErrorCode::not_allowed:
            status = 405;
            break;
        case ErrorCode::precondition_failed:
            status = 412;
            break;
        case ErrorCode::unsupported_media:
            status = 415;
            break;
        case ErrorCode::unauthenticated:
            status = 401;
            break;
        case ErrorCode::too_many_requests:
            status = 429;
            break;
        case ErrorCode::precondition_required:
            status = 428;
            break;
        default:
            status = 500;
            break;
    }
    // Internal details stay in the server log; the client learns only that it failed.
    const std::string detail = status == 500 ? "the server could not complete the request" : error.message;
    Response r = problem(status, title_of(status), detail, instance);
    if (status == 429 && error.retry_after_seconds > 0) {
        r.headers.emplace_back("Retry-After", std::to_string(error.retry_after_seconds));
    }
    return r;
}

namespace {

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Calls `each` with every comma-separated member of a field value, trimmed of spaces and tabs.
template <class F>
void for_each_member(std::string_view value, F&& each) {
    while (!value.empty()) {
        const size_t comma = value.find(',');
        std::string_view member = value.substr(0, comma);
        while (!member.empty() && (member.front() == ' ' || member.front() == '\t')) member.remove_prefix(1);
        while (!member.empty() && (member.back() == ' ' || member.back() == '\t')) member.remove_suffix(1);
        if (!member.empty()) each(member);
        if (comma == std::string_view::npos) break;
        value.remove_prefix(comma + 1);
    }
}

// The q-value of "coding;q=0.5" (RFC 9110 12.4.2): 1 when absent, 0 for a malformed one.
double q_value(std::string_view params) {
    while (!params.empty()) {
        const size_t semi = params.find(';');
        std::string_view p = params.substr(0, semi);
        while (!p.empty() && (p.front() == ' ' || p.front() == '\t')) p.remove_prefix(1);
        if (p.size() >= 2 && lower(p[0]) == 'q' && p[1] == '=') {
            const std::string_view v = trim(p.substr(2));
            if (v.empty() || (v[0] != '0' && v[0] != '1')) return 0;
            if (v.size() > 1 && (v[1] != '.' || v.size() > 5)) return 0;
            double q = v[0] - '0', scale = 0.1;
            for (size_t i = 2; i < v.size(); ++i) {
                if (v[i] < '0' || v[i] > '9') return 0;
                q += (v[i] - '0') * scale;
                scale /= 10;
            }
            return q > 1 ? 0 : q;
        }
        if (semi == std::string_view::npos) break;
        params.remove_prefix(semi + 1);
    }
    return 1;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
    int named = -1;  // -1: gzip not named; else whether it is accepted
    bool star = false;
    for_each_member(accept_encoding, [&](std::string_view member) {
        const size_t semi = member.find(';');
        const std::string_view coding = trim(member.substr(0, semi));
        const double q = semi == std::string_view::npos ? 1.0 : q_value(member.substr(semi + 1));
        if (iequals_ascii(coding, "gzip") || iequals_ascii(coding, "x-gzip")) {
            named = std::max(named, q > 0 ? 1 : 0);
        } else if (coding == "*") {
            star = q > 0;
        }
    });
    return named >= 0 ? named == 1 : star;
}

bool none_match_hits(std::string_view if_none_match, std::string_view etag) {
    if (etag.size() < 2) return false;
    bool hit = false;
    if (trim(if_none_match) == "*") return true;
    for_each_member(if_none_match, [&](std::string_view member) {
        if (member.size() > 2 && member[0] == 'W' && member[1] == '/') member.remove_prefix(2);
        if (member == etag) hit = true;
    });
    return hit;
}

std::string etag_of(const std::string& body) {
    uint64_t h = 1469598103934665603ull;
    for (char c : body) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return fmt::format("\"{:016x}-{:x}\"", h, body.size());
}

namespace {

std::string gzip(const std::string& text) {
    z_stream z{};
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
    std::string out(deflateBound(&z, static_cast<uLong>(text.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return rc == Z_STREAM_END ? out : std::string();
}

}  // namespace

void finish(Response& response) {
    if (response.etag.empty()) response.etag = etag_of(response.body);
    if (response.body.size() <= 1024) return;
    response.gzip_body = gzip(response.body);
    if (response.gzip_body.empty() || response.gzip_body.size() >= response.body.size()) {
        response.gzip_body.clear();
        return;
    }
    response.gzip_etag = response.etag.substr(0, response.etag.size() - 1) + "-gzip\"";
}

}  // namespace metropoli::http
