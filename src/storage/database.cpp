// SPDX-License-Identifier: MIT
// Opening SQLite and PostgreSQL through SOCI, and the one transaction helper every write uses.
#include "storage/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <fmt/format.h>

namespace metropoli::storage {

std::string redact_url(const std::string& url) {
    const auto scheme = url.find("://");
    if (scheme == std::string::npos) return url;
    const auto at = url.find('@', scheme + 3);
    if (at == std::string::npos) return url;
    const auto colon = url.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return url;
    return url.substr(0, colon + 1) + "***" + url.substr(at);
}

namespace {

std::string percent_decode(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            const auto hex = std::string(s.substr(i + 1, 2));
            out.push_back(static_cast<char>(std::stoi(hex, nullptr, 16)));
            i += 2;
        } else {
            out.push_back(s[i]);
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

}  // namespace

int64_t get_int64(const soci::row& row, std::size_t column) {
    switch (row.get_properties(column).get_data_type()) {
        case soci::dt_integer: return row.get<int>(column);
        case soci::dt_long_long: return row.get<long long>(column);
        case soci::dt_unsigned_long_long: return static_cast<int64_t>(row.get<unsigned long long>(column));
        case soci::dt_double: return static_cast<int64_t>(row.get<double>(column));
        case soci::dt_string: return std::stoll(row.get<std::string>(column));
        default: throw soci::soci_error("column " + std::to_string(column) + " is not an integer");
    }
}

Result<std::string> postgres_keywords(const std::string& url) {
    const auto scheme = url.find("://");
    if (scheme == std::string::npos) return make_error(ErrorCode::invalid_argument, "not a postgresql:// URL");
    std::string rest = url.substr(scheme + 3);
    std::string query;
    if (auto q = rest.find('?'); q != std::string::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    std::string authority = rest, dbname;
    if (auto slash = rest.find('/'); slash != std::string::npos) {
        authority = rest.substr(0, slash);
        dbname = percent_decode(rest.substr(slash + 1));
    }
    std::string user, password, hostport = authority;
    if (auto at = authority.rfind('@'); at != std::string::npos) {
        std::string userinfo = authority.substr(0, at);
        hostport = authority.substr(at + 1);
        if (auto colon = userinfo.find(':'); colon != std::string::npos) {
            user = percent_decode(userinfo.substr(0, colon));
            password = percent_decode(userinfo.substr(colon + 1));
        } else {
            user = percent_decode(userinfo);
        }
    }
    std::string host = hostport, port;
    if (auto colon = hostport.rfind(':'); colon != std::string::npos && hostport.find(']') == std::string::npos) {
        host = hostport.substr(0, colon);
        port = hostport.substr(colon + 1);
    }
    try {
        std::string out;
        auto add = [&](const std::string& key, const std::string& value) {
            if (!value.empty()) out += (out.empty() ? "" : " ") + key + "=" + quote_value(value);
        };
        add("host", percent_decode(host));
        add("port", port);
        add("dbname", dbname);
        add("user", user);
        add("password", password);
        size_t start = 0;
        while (start < query.size()) {
            size_t end = query.find('&', start);
            if (end == std::string::npos) end = query.size();
            const std::string pair = query.substr(start, end - start);
            if (auto eq = pair.find('='); eq != std::string::npos) {
                add(percent_decode(pair.substr(0, eq)), percent_decode(pair.substr(eq + 1)));
            }
            start = end + 1;
        }
        return out;
    } catch (const std::exception&) {
        return make_error(ErrorCode::invalid_argument, "malformed percent-encoding in the database URL");
    }
}

Database::Database(std::unique_ptr<soci::session> session, Engine engine, std::string display_url)
    : m_session(std::move(session)), m_engine(engine), m_display_url(std::move(display_url)) {}

Result<Database> Database::open(const std::string& url) {
    const std::string shown = redact_url(url);
    try {
        if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
            // SOCI 4.0 does not pass libpq URIs through intact; give it keyword=value pairs.
            auto keywords = postgres_keywords(url);
            if (!keywords) return keywords.error();
            auto session = std::make_unique<soci::session>(soci::postgresql, *keywords);
            *session << "SET client_min_messages TO WARNING";
            return Database(std::move(session), Engine::postgresql, shown);
        }
        std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
        if (path.empty()) return make_error(ErrorCode::invalid_argument, "empty database path");
        auto session = std::make_unique<soci::session>(soci::sqlite3, "db=" + path + " timeout=30");
        // WAL keeps readers working during an ingest; a crash at any point leaves the last committed state.
        *session << "PRAGMA journal_mode=WAL";
        *session << "PRAGMA synchronous=NORMAL";
        *session << "PRAGMA foreign_keys=ON";
        return Database(std::move(session), Engine::sqlite, shown);
    } catch (const soci::soci_error& e) {
        return make_error(ErrorCode::database, fmt::format("cannot open database {}: {}", shown, e.get_error_message()));
    }
}

Status Database::transaction(const std::function<Status()>& body) {
    try {
        soci::transaction tx(*m_session);
        Status status = body();
        if (status) {
            tx.commit();
        } else {
            tx.rollback();
        }
        return status;
    } catch (const soci::soci_error& e) {
        return make_error(ErrorCode::database, fmt::format("database {}: {}", m_display_url, e.get_error_message()));
    }
}

Status Database::execute(const std::string& sql) {
    try {
        *m_session << sql;
        return ok_status();
    } catch (const soci::soci_error& e) {
        const auto first_line = sql.substr(0, sql.find('\n'));
        return make_error(ErrorCode::database, fmt::format("database {}: {} (in: {})", m_display_url,
                                                           e.get_error_message(), first_line));
    }
}

}  // namespace metropoli::storage
