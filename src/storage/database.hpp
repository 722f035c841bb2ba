// SPDX-License-Identifier: MIT
// A database connection chosen by URL (SQLite file or PostgreSQL), with transactions that roll back on any
// error so that a failed operation never leaves half a state behind.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <soci/soci.h>

#include "core/result.hpp"

namespace metropoli::storage {

enum class Engine { sqlite, postgresql };

class Database {
public:
    // Opens "metropoli.db", "sqlite:path/file.db" or "postgresql://user@host:port/db". The SQLite file is
    // created when missing. Errors name the URL (without its password).
    static Result<Database> open(const std::string& url);

    Engine engine() const { return m_engine; }
    soci::session& session() { return *m_session; }
    // The URL with any password replaced by "***", safe to print.
    const std::string& display_url() const { return m_display_url; }

    // Runs `body` in one transaction: committed when it returns ok, rolled back when it returns an error or
    // throws (a soci::soci_error becomes ErrorCode::database).
    Status transaction(const std::function<Status()>& body);

    // Executes `sql` (one statement); SOCI errors become ErrorCode::database with the statement's first line.
    Status execute(const std::string& sql);

private:
    Database(std::unique_ptr<soci::session> session, Engine engine, std::string display_url);

    std::unique_ptr<soci::session> m_session;
    Engine m_engine;
    std::string m_display_url;
};

// Reads an integer column whatever type the engine reports for it (SQLite gives int, text or double for
// computed columns; PostgreSQL gives long long for BIGINT and COUNT).
int64_t get_int64(const soci::row& row, std::size_t column);

// Converts postgresql://user:pw@host:port/db?key=value into libpq "key='value'" pairs.
Result<std::string> postgres_keywords(const std::string& url);

// Hides a password in a connection URL: postgresql://u:secret@h/db -> postgresql://u:***@h/db.
std::string redact_url(const std::string& url);

}  // namespace metropoli::storage
