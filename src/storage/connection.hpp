// SPDX-License-Identifier: MIT
// Connection strings: a database URL turned into what SOCI's backends accept, without letting any part of the
// URL inject connection options, and URLs made safe to print.
#pragma once

#include <string>

#include "core/result.hpp"

namespace metropoli::storage {

// What an open is for. `read` never creates, migrates or writes the database; `write` needs an existing
// database; `create` also makes a missing SQLite file.
enum class Access { read, write, create };

// Extra SQLite open flags, for a database that cannot be written (see Database::open).
enum class Immutable { no, yes };

// Converts postgresql://user:pw@host:port/db?key=value into libpq "key='value'" pairs. Percent-encoding must
// be well formed (`%` and two hex digits); otherwise an invalid_argument error names the part of the URL
// (user, password, host, port, database name, query parameter), never the password's text.
Result<std::string> postgres_keywords(const std::string& url);

// The SOCI sqlite3 connect string that opens exactly the file `path` (spaces, '=', quotes, '%', '?' and a
// leading "file:" are all part of the name), with the busy timeout `timeout_s`. The file is created when
// missing only for Access::create; Immutable::yes opens it read-only and immutable. The path goes in as a
// percent-encoded file: URI, so nothing in it can reach SOCI's key=value parser or SQLite's URI parameters.
Result<std::string> sqlite_connect_string(const std::string& path, Access access, int timeout_s,
                                          Immutable immutable = Immutable::no);

// Hides a password in a connection URL: postgresql://u:secret@h/db -> postgresql://u:***@h/db, and a
// password=... query parameter likewise.
std::string redact_url(const std::string& url);

}  // namespace metropoli::storage
