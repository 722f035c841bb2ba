// SPDX-License-Identifier: MIT
// Test-only: throwaway databases on both engines, so every storage test runs on SQLite and PostgreSQL.
// PostgreSQL comes from METROPOLI_TEST_POSTGRES_URL (set by tests/run-with-postgres); when it is absent the
// PostgreSQL cases skip, unless METROPOLI_REQUIRE_POSTGRES=1, which turns the absence into a failure.
#pragma once

#include <string>
#include <vector>

#include "storage/database.hpp"

namespace metropoli::storage::testing {

// A fresh empty database: a new SQLite file, or a new schema in the test PostgreSQL cluster.
// Dropped again on destruction.
class ScratchDatabase {
public:
    explicit ScratchDatabase(Engine engine);
    ~ScratchDatabase();
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;

    bool available() const { return !m_url.empty(); }
    const std::string& why_unavailable() const { return m_why; }
    // A URL any component can open, pointing at this scratch database.
    const std::string& url() const { return m_url; }

private:
    Engine m_engine;
    std::string m_url;
    std::string m_schema;
    std::string m_why;
};

const char* engine_name(Engine engine);
std::vector<Engine> all_engines();
bool postgres_required();

}  // namespace metropoli::storage::testing
