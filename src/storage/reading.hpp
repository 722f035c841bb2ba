// SPDX-License-Identifier: MIT
// A read of the database as a Result: a SOCI exception becomes ErrorCode::database naming the database.
#pragma once

#include <fmt/format.h>

#include <exception>

#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::storage {

// Runs `read` (which returns a Result), turning a SOCI exception into ErrorCode::database naming the
// database.
template <class F>
auto reading(Database& db, F&& read) -> decltype(read()) {
    try {
        return read();
    } catch (const std::exception& e) {
        return make_error(ErrorCode::database, fmt::format("database {}: {}", db.display_url(), e.what()));
    }
}

}  // namespace metropoli::storage
