// SPDX-License-Identifier: MIT
// Opening SQLite and PostgreSQL through SOCI, and the one transaction helper every write uses.
#include "storage/database.hpp"

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

namespace metropoli::storage {

namespace {

bool is_postgres(const std::string& url) {
    return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

std::string sqlite_path(const std::string& url) {
    return url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
}

// The file: URIs of sqlite_connect_string need URI filenames, which Debian's SQLite enables at build time.
bool uri_filenames() {
    static const bool enabled = sqlite_api::sqlite3_compileoption_used("USE_URI") == 1 ||
                                sqlite_api::sqlite3_config(SQLITE_CONFIG_URI, 1) == SQLITE_OK;
    return enabled;
}

// Whether the write-ahead log beside `path` holds frames (committed changes maybe not yet in the file).
bool wal_has_frames(const std::string& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path + "-wal", ec);
    return !ec && size > 0;
}

std::unique_ptr<soci::session> connect_sqlite(const std::string& path, Access access, Immutable immutable) {
    const int timeout = access == Access::read ? k_reader_busy_timeout_s : k_writer_busy_timeout_s;
    auto connect = sqlite_connect_string(path, access, timeout, immutable);
    if (!connect) throw soci::soci_error(connect.error().message);
    return std::make_unique<soci::session>(soci::sqlite3, *connect);
}

// The first statement of a read-only connection: SQLite opens the write-ahead log's files only now.
void probe(soci::session& session) {
    int tables = 0;
    session << "SELECT COUNT(*) FROM sqlite_master", soci::into(tables);
}

Result<std::unique_ptr<soci::session>> open_sqlite(const std::string& path, Access access,
                                                   const std::string& shown) {
    if (!uri_filenames())
        return make_error(ErrorCode::internal, "this SQLite library does not accept URI filenames");
    if (path.empty()) return make_error(ErrorCode::invalid_argument, "empty database path");
    std::error_code ec;
    if (access != Access::create && !std::filesystem::exists(path, ec)) {
        return make_error(
            ErrorCode::not_found,
            fmt::format("database {} does not exist (run `metropoli init` to create it)", shown));
    }
    auto session = connect_sqlite(path, access, Immutable::no);
    if (access == Access::read) {
        try {
            probe(*session);
        } catch (const soci::sqlite3_soci_error& e) {
            if ((e.result() & 0xff) != SQLITE_CANTOPEN) throw;
            // A WAL database on a read-only filesystem: its -shm file cannot be created. Immutable reads skip
            // the log, so they are only right when the log holds nothing.
            if (wal_has_frames(path)) {
                return make_error(
                    ErrorCode::io_error,
                    fmt::format("database {} cannot be read: its write-ahead log {}-wal holds changes "
                                "and the shared-memory file beside it cannot be created (read-only "
                                "filesystem?); open it once with write access",
                                shown, path));
            }
            session = connect_sqlite(path, access, Immutable::yes);
            probe(*session);
        }
        // Reads never write, whatever a caller runs.
        *session << "PRAGMA query_only=ON";
    } else {
        // WAL keeps readers working during an ingest; a crash at any point leaves the last committed state.
        *session << "PRAGMA journal_mode=WAL";
        *session << "PRAGMA synchronous=NORMAL";
    }
    *session << "PRAGMA foreign_keys=ON";
    return session;
}

}  // namespace

int64_t get_int64(const soci::row& row, std::size_t column) {
    switch (row.get_properties(column).get_data_type()) {
        case soci::dt_integer:
            return row.get<int>(column);
        case soci::dt_long_long:
            return row.get<long long>(column);
        case soci::dt_unsigned_long_long:
            return static_cast<int64_t>(row.get<unsigned long long>(column));
        case soci::dt_double:
            return static_cast<int64_t>(row.get<double>(column));
        case soci::dt_string:
            return std::stoll(row.get<std::string>(column));
        default:
            throw soci::soci_error("column " + std::to_string(column) + " is not an integer");
    }
}

bool sqlite_file_read_only(const std::string& url) {
    if (is_postgres(url)) return false;
    std::error_code ec;
    const auto path = std::filesystem::absolute(sqlite_path(url), ec);
    if (ec) return false;
    return ::access(path.c_str(), W_OK) != 0 || ::access(path.parent_path().c_str(), W_OK) != 0;
}

Database::Database(std::unique_ptr<soci::session> session, Engine engine, Access access, std::string url,
                   std::string display_url)
    : m_session(std::move(session)),
      m_engine(engine),
      m_access(access),
      m_url(std::move(url)),
      m_display_url(std::move(display_url)) {}

Result<Database> Database::open(const std::string& url, Access access) {
    const std::string shown = redact_url(url);
    try {
        if (is_postgres(url)) {
            // SOCI 4.0 does not pass libpq URIs through intact; give it keyword=value pairs.
            auto keywords = postgres_keywords(url);
            if (!keywords) {
                return make_error(keywords.error().code,
                                  fmt::format("database {}: {}", shown, keywords.error().message));
            }
            auto session = std::make_unique<soci::session>(soci::postgresql, *keywords);
            *session << "SET client_min_messages TO WARNING";
            return Database(std::move(session), Engine::postgresql, access, url, shown);
        }
        auto session = open_sqlite(sqlite_path(url), access, shown);
        if (!session) return session.error();
        return Database(std::move(*session), Engine::sqlite, access, url, shown);
    } catch (const soci::soci_error& e) {
        std::string why = e.get_error_message();
        if (access != Access::read && sqlite_file_read_only(url)) {
            why += " (the database or its folder is read-only; writing needs write access to both)";
        }
        return make_error(ErrorCode::database, fmt::format("cannot open database {}: {}", shown, why));
    }
}

Status Database::transaction(const std::function<Status()>& body) {
    if (m_in_transaction) return body();
    m_in_transaction = true;
    struct Ended {
        bool& flag;
        ~Ended() { flag = false; }
    } ended{m_in_transaction};
    auto rollback = [this] {
        try {
            m_session->rollback();
        } catch (const soci::soci_error&) {
            // The transaction is already gone (SQLite ends it itself after some errors).
        }
    };
    try {
        // soci::transaction begins with a plain BEGIN, which on SQLite takes the write lock only at the first
        // write; waiting for it then is impossible (the snapshot read so far may be stale), so it fails at
        // once.
        if (m_engine == Engine::sqlite) {
            *m_session << "BEGIN IMMEDIATE";
        } else {
            m_session->begin();
        }
        Status status = ok_status();
        try {
            status = body();
            if (status) {
                m_session->commit();
            } else {
                m_session->rollback();
            }
        } catch (...) {
            rollback();
            throw;
        }
        return status;
    } catch (const soci::soci_error& e) {
        return make_error(ErrorCode::database,
                          fmt::format("database {}: {}", m_display_url, e.get_error_message()));
    }
}

Status Database::execute(const std::string& sql) {
    try {
        *m_session << sql;
        return ok_status();
    } catch (const soci::soci_error& e) {
        const auto start = std::min(sql.find_first_not_of(" \t\r\n"), sql.size());
        const auto first_line = sql.substr(start, sql.find('\n', start) - start);
        return make_error(ErrorCode::database, fmt::format("database {}: {} (in: {})", m_display_url,
                                                           e.get_error_message(), first_line));
    }
}

}  // namespace metropoli::storage
