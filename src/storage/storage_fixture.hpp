// SPDX-License-Identifier: MIT
// Test support: a fixture run once per engine with a fresh, empty database opened for creating.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "storage/database.hpp"
#include "storage/test_support.hpp"

namespace metropoli::storage::testing {

class StorageTest : public ::testing::TestWithParam<Engine> {
protected:
    void SetUp() override {
        m_scratch = std::make_unique<ScratchDatabase>(GetParam());
        if (!m_scratch->available()) {
            if (postgres_required()) FAIL() << m_scratch->why_unavailable();
            GTEST_SKIP() << m_scratch->why_unavailable();
        }
        auto db = Database::open(m_scratch->url(), Access::create);
        ASSERT_TRUE(db) << db.error().message;
        m_db = std::make_unique<Database>(std::move(*db));
    }
    bool is_sqlite() const { return GetParam() == Engine::sqlite; }

    // The number of rows `sql` (a SELECT COUNT(*)) counts.
    int count(const std::string& sql) {
        int n = -1;
        m_db->session() << sql, soci::into(n);
        return n;
    }

    std::unique_ptr<ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db;
};

inline std::string param_name(const ::testing::TestParamInfo<Engine>& info) {
    return engine_name(info.param);
}

}  // namespace metropoli::storage::testing
