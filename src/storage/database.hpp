// SPDX-License-Identifier: MIT
// A database connection chosen by URL (SQLite file or PostgreSQL), with transactions that roll back on any
// error so that a failed operation never leaves half a state behind.
#pragma once

#include <soci/soci.h>

#include <functional>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "storage/connection.hpp"

namespace metropoli::storage {

enum class Engine { sqlite, postgresql };

class Database {
public:
    // Opens "metropoli.db", "sqlite:path/file.db" or "postgresql://user@host:port/db". A SQLite path is a
    // path, whatever characters it holds. `access` (SQLite only; the default does the least):
    // - create: the file is created when missing; write-ahead logging is switched on.
    // - write: a missing file is a not_found error telling to run `metropoli init`.
    // - read: as write, and the connection is query-only (no statement can write). On a read-only filesystem,
    //   where SQLite cannot create the write-ahead log's shared-memory file, the database is opened immutable
    //   instead, provided no write-ahead log holds changes the immutable open would not see.
    // Writers wait up to 10 minutes for another writer (an ingest holds its transaction while it writes the
    // release), readers 30 s. Errors name the URL (without its password).
    static Result<Database> open(const std::string& url, Access access = Access::read);

    Engine engine() const { return m_engine; }
    Access access() const { return m_access; }
    soci::session& session() { return *m_session; }
    // The URL with any password replaced by "***", safe to print.
    const std::string& display_url() const { return m_display_url; }
    // The URL as given (for reopening with another access), password included: never print it.
    const std::string& url() const { return m_url; }

    // Runs `body` in one write transaction: committed when it returns ok, rolled back when it returns an
    // error or throws (a soci::soci_error becomes ErrorCode::database). On SQLite it begins as a writer
    // (BEGIN IMMEDIATE), so a transaction that reads before it writes waits for another writer for the busy
    // timeout instead of failing with "database is locked".
    // Called inside another transaction it joins it: `body` runs there, and the outer transaction commits
    // or rolls back everything (an inner error must be returned by the outer body, as TRY does). So a
    // store's write and the audit entry of whoever called it (`access::audit`) commit together.
    Status transaction(const std::function<Status()>& body);
    // Whether a transaction() is running on this connection.
    bool in_transaction() const { return m_in_transaction; }

    // Executes `sql` (one statement); SOCI errors become ErrorCode::database with the statement's first line.
    Status execute(const std::string& sql);

private:
    Database(std::unique_ptr<soci::session> session, Engine engine, Access access, std::string url,
             std::string display_url);

    std::unique_ptr<soci::session> m_session;
    Engine m_engine;
    Access m_access;
    std::string m_url;
    std::string m_display_url;
    bool m_in_transaction = false;
};

// Busy timeouts of SQLite connections, in seconds, by what the connection is for.
inline constexpr int k_reader_busy_timeout_s = 30;
inline constexpr int k_writer_busy_timeout_s = 600;

// Reads an integer column whatever type the engine reports for it (SQLite gives int, text or double for
// computed columns; PostgreSQL gives long long for BIGINT and COUNT).
int64_t get_int64(const soci::row& row, std::size_t column);

// Whether the database at `url` is a SQLite file that cannot be written (read-only file or filesystem).
bool sqlite_file_read_only(const std::string& url);

}  // namespace metropoli::storage
