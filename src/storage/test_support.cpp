// SPDX-License-Identifier: MIT
// Scratch databases for tests on both engines.
#include "storage/test_support.hpp"

#include <fmt/format.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>

namespace metropoli::storage::testing {

namespace {
std::string unique_suffix() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    return fmt::format("{}_{}_{}", ::getpid(), counter++, rd() % 100000);
}
}  // namespace

const char* engine_name(Engine engine) {
    return engine == Engine::sqlite ? "SQLite" : "PostgreSQL";
}
std::vector<Engine> all_engines() {
    return {Engine::sqlite, Engine::postgresql};
}
bool postgres_required() {
    const char* v = std::getenv("METROPOLI_REQUIRE_POSTGRES");
    return v && std::string(v) == "1";
}

ScratchDatabase::ScratchDatabase(Engine engine) : m_engine(engine) {
    if (engine == Engine::sqlite) {
        auto dir = std::filesystem::temp_directory_path() / ("metropoli_test_" + unique_suffix());
        std::filesystem::create_directories(dir);
        m_url = (dir / "test.db").string();
        return;
    }
    const char* base = std::getenv("METROPOLI_TEST_POSTGRES_URL");
    if (!base || !*base) {
        m_why = "METROPOLI_TEST_POSTGRES_URL is not set (make test starts a throwaway cluster and sets it)";
        return;
    }
    m_schema = "t_" + unique_suffix();
    auto admin = Database::open(base, Access::write);
    if (!admin) {
        m_why = admin.error().message;
        return;
    }
    if (auto s = admin->execute("CREATE SCHEMA " + m_schema); !s) {
        m_why = s.error().message;
        return;
    }
    const std::string url = base;
    m_url = url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + m_schema;
}

ScratchDatabase::~ScratchDatabase() {
    if (m_url.empty()) return;
    if (m_engine == Engine::sqlite) {
        std::error_code ec;
        std::filesystem::remove_all(std::filesystem::path(m_url).parent_path(), ec);
        return;
    }
    if (auto admin = Database::open(std::getenv("METROPOLI_TEST_POSTGRES_URL"), Access::write)) {
        (void)admin->execute("DROP SCHEMA " + m_schema + " CASCADE");
    }
}

}  // namespace metropoli::storage::testing
