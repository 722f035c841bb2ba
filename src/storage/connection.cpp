// SPDX-License-Identifier: MIT
// PostgreSQL URLs to libpq keywords, SQLite paths to SOCI connect strings, and redaction of passwords.
#include "storage/connection.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <optional>

namespace metropoli::storage {

namespace {

std::optional<int> hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return std::nullopt;
}

// Decodes %HH escapes; nullopt when a '%' is not followed by two hex digits.
std::optional<std::string> percent_decode(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out.push_back(s[i]);
            continue;
        }
        if (i + 2 >= s.size()) return std::nullopt;
        const auto high = hex_value(s[i + 1]), low = hex_value(s[i + 2]);
        if (!high || !low) return std::nullopt;
        out.push_back(static_cast<char>(*high * 16 + *low));
        i += 2;
    }
    return out;
}

// Every byte but the unreserved ones and '/' as %HH, so the result has no space, quote, '=', '?' or '#'.
std::string percent_encode_path(const std::string& path) {
    std::string out;
    for (const char c : path) {
        const auto u = static_cast<unsigned char>(c);
        const bool keep = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                          u == '-' || u == '.' || u == '_' || u == '~' || u == '/';
        if (keep) {
            out.push_back(c);
        } else {
            out += fmt::format("%{:02X}", u);
        }
    }
    return out;
}

std::string quote_value(const std::string& v) {
    std::string out = "'";
    for (char c : v) {
        if (c == '\\' || c == '\'') out.push_back('\\');
        out.push_back(c);
    }
    return out + "'";
}

Error bad_escape(const std::string& part) {
    return make_error(
        ErrorCode::invalid_argument,
        fmt::format("malformed percent-encoding in the {} of the database URL (a '%' must be followed "
                    "by two hex digits)",
                    part));
}

}  // namespace

std::string redact_url(const std::string& url) {
    const auto scheme = url.find("://");
    if (scheme == std::string::npos) return url;
    std::string out = url;
    // The userinfo ends at the last '@' before the query, as postgres_keywords reads it.
    const auto query = out.find('?', scheme + 3);
    const auto at = out.rfind('@', query == std::string::npos ? std::string::npos : query);
    if (at != std::string::npos && at > scheme + 3) {
        const auto colon = out.find(':', scheme + 3);
        if (colon != std::string::npos && colon < at) out = out.substr(0, colon + 1) + "***" + out.substr(at);
    }
    // libpq also takes the password as a query parameter.
    for (size_t q = out.find('?'); q != std::string::npos; q = out.find('&', q + 1)) {
        if (out.compare(q + 1, 9, "password=") != 0) continue;
        const size_t start = q + 10;
        const size_t end = std::min(out.find('&', start), out.size());
        out.replace(start, end - start, "***");
    }
    return out;
}

Result<std::string> postgres_keywords(const std::string& url) {
    const auto scheme = url.find("://");
    if (scheme == std::string::npos)
        return make_error(ErrorCode::invalid_argument, "not a postgresql:// URL");
    std::string rest = url.substr(scheme + 3);
    std::string query;
    if (auto q = rest.find('?'); q != std::string::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    std::string authority = rest, dbname;
    if (auto slash = rest.find('/'); slash != std::string::npos) {
        authority = rest.substr(0, slash);
        dbname = rest.substr(slash + 1);
    }
    std::string user, password, hostport = authority;
    if (auto at = authority.rfind('@'); at != std::string::npos) {
        const std::string userinfo = authority.substr(0, at);
        hostport = authority.substr(at + 1);
        const auto colon = userinfo.find(':');
        user = userinfo.substr(0, colon);
        if (colon != std::string::npos) password = userinfo.substr(colon + 1);
    }
    std::string host = hostport, port;
    if (auto colon = hostport.rfind(':');
        colon != std::string::npos && hostport.find(']') == std::string::npos) {
        host = hostport.substr(0, colon);
        port = hostport.substr(colon + 1);
    }
    std::string out;
    auto add = [&](const std::string& key, const std::string& value, const std::string& part) -> Status {
        auto decoded = percent_decode(value);
        if (!decoded) return bad_escape(part);
        if (!decoded->empty()) out += (out.empty() ? "" : " ") + key + "=" + quote_value(*decoded);
        return ok_status();
    };
    for (const auto& [key, value, part] :
         {std::tuple<const char*, const std::string&, const char*>{"host", host, "host"},
          {"port", port, "port"},
          {"dbname", dbname, "database name"},
          {"user", user, "user"},
          {"password", password, "password"}}) {
        if (auto s = add(key, value, part); !s) return s.error();
    }
    size_t start = 0;
    while (start < query.size()) {
        size_t end = query.find('&', start);
        if (end == std::string::npos) end = query.size();
        const std::string pair = query.substr(start, end - start);
        if (auto eq = pair.find('='); eq != std::string::npos) {
            auto key = percent_decode(pair.substr(0, eq));
            if (!key) return bad_escape("query parameter name");
            // The name is safe to print, unless it is the password's own parameter.
            const std::string part =
                *key == "password" ? "password" : fmt::format("query parameter '{}'", *key);
            if (auto s = add(*key, pair.substr(eq + 1), part); !s) return s.error();
        }
        start = end + 1;
    }
    return out;
}

Result<std::string> sqlite_connect_string(const std::string& path, Access access, int timeout_s,
                                          Immutable immutable) {
    if (path.empty()) return make_error(ErrorCode::invalid_argument, "empty database path");
    if (path.find('\0') != std::string::npos) {
        return make_error(ErrorCode::invalid_argument, "the database path contains a NUL byte");
    }
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(path, ec);
    if (ec) return make_error(ErrorCode::io_error, fmt::format("database path '{}': {}", path, ec.message()));
    // A read opens read-write when it can (Database::open makes it query-only): the last connection to close
    // then checkpoints and removes the write-ahead log, as after any other command.
    const char* mode = immutable == Immutable::yes ? "ro" : access == Access::create ? "rwc" : "rw";
    // "file://" + an absolute path: the authority is empty, so even a path starting with "//" stays a path.
    std::string uri = "file://" + percent_encode_path(absolute.string()) + "?mode=" + mode;
    if (immutable == Immutable::yes) uri += "&immutable=1";
    // SOCI reads "key=value" pairs split at spaces; the URI has neither spaces nor a leading quote.
    return fmt::format("db={} timeout={}", uri, timeout_s);
}

}  // namespace metropoli::storage
