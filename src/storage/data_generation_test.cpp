// SPDX-License-Identifier: MIT
// The data generation on both engines: every committed write bumps it, whatever the table and the statement;
// a rolled-back one does not; a table without the triggers is named.
#include "storage/data_generation.hpp"

#include <gtest/gtest.h>

#include "storage/migrations.hpp"
#include "storage/storage_fixture.hpp"

namespace metropoli::storage {

namespace {

class DataGenerationTest : public testing::StorageTest {
protected:
    void SetUp() override {
        StorageTest::SetUp();
        if (IsSkipped() || HasFailure()) return;
        auto migrated = migrate(*m_db, storage_migrations());
        ASSERT_TRUE(migrated) << migrated.error().message;
    }
    int64_t generation() {
        auto g = data_generation(*m_db);
        EXPECT_TRUE(g) << g.error().message;
        return g ? *g : -1;
    }
    void run(const std::string& sql) {
        auto s = m_db->execute(sql);
        ASSERT_TRUE(s) << sql << ": " << s.error().message;
    }
};

}  // namespace

TEST_P(DataGenerationTest, EveryWriteToAnyTableBumpsIt) {
    const int64_t start = generation();
    EXPECT_EQ(start, 0);
    run("INSERT INTO jurisdictions (code, kind, name) VALUES ('05', 'state', 'Coahuila')");
    const int64_t inserted = generation();
    EXPECT_GT(inserted, start);
    run("UPDATE jurisdictions SET name = 'Coahuila de Zaragoza' WHERE code = '05'");
    const int64_t updated = generation();
    EXPECT_GT(updated, inserted);
    run("INSERT INTO regions (id, name, states, metro_zones, comparisons, loaded_at) "
        "VALUES ('laguna', 'La Laguna', '05', '', '', '2021-03-12T08:30:05Z')");
    const int64_t region = generation();
    EXPECT_GT(region, updated);
    run("DELETE FROM regions");
    const int64_t deleted = generation();
    EXPECT_GT(deleted, region);
    run("INSERT INTO audit_log (at, actor, action, subject, prev_hash, hash) "
        "VALUES ('2021-03-12T08:30:05Z', 'test', 'a', 's', 'p', 'h')");
    EXPECT_GT(generation(), deleted);
    EXPECT_TRUE(tables_without_generation_triggers(*m_db)->empty());
}

TEST_P(DataGenerationTest, ARolledBackWriteLeavesItAsItWas) {
    const int64_t start = generation();
    auto failed = m_db->transaction([&]() -> Status {
        m_db->session() << "INSERT INTO jurisdictions (code, kind, name) VALUES ('05', 'state', 'Coahuila')";
        return make_error(ErrorCode::invalid_argument, "changed my mind");
    });
    ASSERT_FALSE(failed);
    EXPECT_EQ(generation(), start);
    EXPECT_EQ(count("SELECT COUNT(*) FROM jurisdictions"), 0);
}

// Many writes in one transaction: the generation moves (on PostgreSQL by exactly one, so that the cost of a
// write does not grow with the writes before it in its transaction), and the next transaction moves it again;
// a rolled-back savepoint takes its bump with it.
TEST_P(DataGenerationTest, ATransactionOfManyWritesBumpsItAndOnPostgresqlOnce) {
    const int64_t start = generation();
    auto written = m_db->transaction([&]() -> Status {
        for (int i = 0; i < 200; ++i)
            m_db->session() << "INSERT INTO jurisdictions (code, kind, name) VALUES ('" +
                                   std::to_string(10000 + i) + "', 'municipality', 'M')";
        m_db->session() << "UPDATE jurisdictions SET name = 'N'";
        return ok_status();
    });
    ASSERT_TRUE(written) << written.error().message;
    const int64_t after = generation();
    EXPECT_GT(after, start);
    if (GetParam() == Engine::postgresql) {
        EXPECT_EQ(after, start + 1);
    }
    run("DELETE FROM jurisdictions WHERE code = '10000'");
    EXPECT_GT(generation(), after);
    const int64_t before = generation();
    auto savepoint = m_db->transaction([&]() -> Status {
        m_db->session() << "SAVEPOINT s";
        m_db->session() << "DELETE FROM jurisdictions WHERE code = '10001'";
        m_db->session() << "ROLLBACK TO SAVEPOINT s";
        m_db->session() << "DELETE FROM jurisdictions WHERE code = '10002'";
        return ok_status();
    });
    ASSERT_TRUE(savepoint) << savepoint.error().message;
    EXPECT_GT(generation(), before);
    if (GetParam() == Engine::postgresql) {
        EXPECT_EQ(generation(), before + 1) << "the write after the rolled-back savepoint bumps it again";
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM jurisdictions WHERE code IN ('10001', '10002')"), 1);
}

TEST_P(DataGenerationTest, ATableWithoutTheTriggersIsNamedUntilItHasThem) {
    run("CREATE TABLE minutes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    auto missing = tables_without_generation_triggers(*m_db);
    ASSERT_TRUE(missing) << missing.error().message;
    EXPECT_EQ(*missing, std::vector<std::string>{"minutes"});
    const int64_t before = generation();
    run("INSERT INTO minutes (id, body) VALUES (1, 'acta')");
    EXPECT_EQ(generation(), before);  // not counted: why every new table needs them

    auto triggers = migrate(*m_db, {{150, "minutes count", generation_triggers("minutes")}});
    ASSERT_TRUE(triggers) << triggers.error().message;
    EXPECT_TRUE(tables_without_generation_triggers(*m_db)->empty());
    run("UPDATE minutes SET body = 'acta 1'");
    EXPECT_GT(generation(), before);
}

INSTANTIATE_TEST_SUITE_P(Engines, DataGenerationTest, ::testing::ValuesIn(testing::all_engines()),
                         testing::param_name);

}  // namespace metropoli::storage
