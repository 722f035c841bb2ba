// SPDX-License-Identifier: MIT
// Test support: a fixture run on every engine (SQLite, and PostgreSQL when tests/with-postgres provides one)
// with every analysis migration applied and the La Laguna region stored.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "analysis/feeds/feed_store.hpp"
#include "analysis/releases/release_store.hpp"
#include "core/region_loader.hpp"
#include "metropoli_source_dir.hpp"
#include "storage/migrations.hpp"
#include "storage/region_store.hpp"
#include "storage/test_support.hpp"

namespace metropoli::analysis::testing {

class EngineFixture : public ::testing::TestWithParam<storage::Engine> {
protected:
    // Derived fixtures call this first and return if it skipped or failed.
    void SetUp() override {
        m_scratch = std::make_unique<storage::testing::ScratchDatabase>(GetParam());
        if (!m_scratch->available()) {
            if (storage::testing::postgres_required()) FAIL() << m_scratch->why_unavailable();
            GTEST_SKIP() << m_scratch->why_unavailable();
        }
        auto db = storage::Database::open(m_scratch->url(), storage::Access::create);
        ASSERT_TRUE(db) << db.error().message;
        m_db = std::make_unique<storage::Database>(std::move(*db));
        auto migrations = storage::storage_migrations();
        for (auto& m : analysis_migrations()) migrations.push_back(m);
        for (auto& m : feed_migrations()) migrations.push_back(m);
        auto migrated = storage::migrate(*m_db, migrations);
        ASSERT_TRUE(migrated) << migrated.error().message;
        auto region = load_region("laguna", DataPaths{METROPOLI_SOURCE_DIR});
        ASSERT_TRUE(region) << region.error().message;
        m_region = std::move(*region);
        auto saved = storage::save_region(*m_db, m_region);
        ASSERT_TRUE(saved) << saved.error().message;
    }
    bool ready() const { return !IsSkipped() && !HasFailure(); }

    std::unique_ptr<storage::testing::ScratchDatabase> m_scratch;
    std::unique_ptr<storage::Database> m_db;
    Region m_region;
};

inline std::string engine_param_name(const ::testing::TestParamInfo<storage::Engine>& info) {
    return storage::testing::engine_name(info.param);
}

}  // namespace metropoli::analysis::testing
