// SPDX-License-Identifier: MIT
// The storage suite, run once per engine (SQLite and PostgreSQL).
#include <gtest/gtest.h>

#include "core/region_loader.hpp"
#include "storage/migrations.hpp"
#include "storage/region_store.hpp"
#include "storage/test_support.hpp"

namespace metropoli::storage {

namespace {

class StorageTest : public ::testing::TestWithParam<Engine> {
protected:
    void SetUp() override {
        m_scratch = std::make_unique<testing::ScratchDatabase>(GetParam());
        if (!m_scratch->available()) {
            if (testing::postgres_required()) FAIL() << m_scratch->why_unavailable();
            GTEST_SKIP() << m_scratch->why_unavailable();
        }
        auto db = Database::open(m_scratch->url());
        ASSERT_TRUE(db) << db.error().message;
        m_db = std::make_unique<Database>(std::move(*db));
    }
    std::unique_ptr<testing::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db;
};

std::string param_name(const ::testing::TestParamInfo<Engine>& info) { return testing::engine_name(info.param); }

}  // namespace

TEST_P(StorageTest, MigrationsApplyOnceAndRecordTheirVersion) {
    auto first = migrate(*m_db, storage_migrations());
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(*first, 1);
    auto again = migrate(*m_db, storage_migrations());
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, 0);
    EXPECT_EQ(*schema_version(*m_db), 101);
}

TEST_P(StorageTest, AFailingMigrationLeavesNothingBehind) {
    std::vector<Migration> bad = {{150, "broken", "CREATE TABLE half_done (x INTEGER); CREATE TABLE oops ("}};
    auto result = migrate(*m_db, bad);
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().message.find("migration 150 (broken)"), std::string::npos);
    EXPECT_EQ(*schema_version(*m_db), 0);
    // The first statement was rolled back with the second.
    auto created = migrate(*m_db, {{150, "fixed", "CREATE TABLE half_done (x INTEGER)"}});
    EXPECT_TRUE(created) << created.error().message;
}

TEST_P(StorageTest, ANewerDatabaseIsRefused) {
    ASSERT_TRUE(migrate(*m_db, {{190, "future", "CREATE TABLE future (x INTEGER)"}}));
    auto result = migrate(*m_db, storage_migrations());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::conflict);
}

TEST_P(StorageTest, RegionRoundTripsWithAccentsPopulationsAndMembers) {
    ASSERT_TRUE(migrate(*m_db, storage_migrations()));
    auto region = load_region("laguna", DataPaths{METROPOLI_SOURCE_DIR});
    ASSERT_TRUE(region) << region.error().message;
    auto saved = save_region(*m_db, *region);
    ASSERT_TRUE(saved) << saved.error().message;
    ASSERT_TRUE(save_region(*m_db, *region));  // idempotent re-init

    auto stored = load_stored_region(*m_db);
    ASSERT_TRUE(stored) << stored.error().message;
    EXPECT_EQ(stored->id, "laguna");
    EXPECT_EQ(stored->states, (std::vector<std::string>{"05", "10"}));
    EXPECT_EQ(stored->jurisdictions.size(), region->jurisdictions.size());
    const auto* zm = stored->find("zm-laguna");
    ASSERT_NE(zm, nullptr);
    EXPECT_EQ(zm->members.size(), 5u);
    EXPECT_EQ(zm->population_census_2020, 1434283);
    EXPECT_EQ(stored->find("10007")->name, "Gómez Palacio");
    EXPECT_EQ(stored->find("05035")->population_conapo_2020, 744247);
    EXPECT_EQ(stored->find("05035")->geometry, region->find("05035")->geometry);
    EXPECT_FALSE(stored->find("01001")->population_census_2020);
}

TEST_P(StorageTest, UninitialisedDatabaseSaysHowToInitialise) {
    ASSERT_TRUE(migrate(*m_db, storage_migrations()));
    auto stored = load_stored_region(*m_db);
    ASSERT_FALSE(stored);
    EXPECT_EQ(stored.error().code, ErrorCode::not_found);
    EXPECT_NE(stored.error().message.find("metropoli init"), std::string::npos);
}

TEST_P(StorageTest, TransactionRollsBackOnError) {
    ASSERT_TRUE(m_db->execute("CREATE TABLE t (x INTEGER)"));
    auto status = m_db->transaction([&]() -> Status {
        m_db->session() << "INSERT INTO t (x) VALUES (1)";
        return make_error(ErrorCode::bad_input, "stop");
    });
    ASSERT_FALSE(status);
    int n = -1;
    m_db->session() << "SELECT COUNT(*) FROM t", soci::into(n);
    EXPECT_EQ(n, 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, StorageTest, ::testing::ValuesIn(testing::all_engines()), param_name);

TEST(RedactUrl, HidesPasswords) {
    EXPECT_EQ(redact_url("postgresql://ana:s3cret@db:5432/metropoli"), "postgresql://ana:***@db:5432/metropoli");
    EXPECT_EQ(redact_url("postgresql://ana@db/metropoli"), "postgresql://ana@db/metropoli");
    EXPECT_EQ(redact_url("metropoli.db"), "metropoli.db");
}

}  // namespace metropoli::storage

namespace metropoli::storage {
TEST(PostgresKeywords, ConvertsUrls) {
    EXPECT_EQ(*postgres_keywords("postgresql://ana:p%40ss@127.0.0.1:5433/metro?options=-csearch_path%3Dx"),
              "host='127.0.0.1' port='5433' dbname='metro' user='ana' password='p@ss' options='-csearch_path=x'");
    EXPECT_EQ(*postgres_keywords("postgresql://localhost/metropoli"), "host='localhost' dbname='metropoli'");
}
}  // namespace metropoli::storage
