// SPDX-License-Identifier: MIT
// The storage suite, run once per engine (SQLite and PostgreSQL).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <set>
#include <thread>

#include "core/region_loader.hpp"
#include "metropoli_source_dir.hpp"
#include "storage/migrations.hpp"
#include "storage/region_store.hpp"
#include "storage/storage_fixture.hpp"
#include "storage/test_support.hpp"

namespace metropoli::storage {

using testing::param_name;
using testing::StorageTest;

TEST_P(StorageTest, MigrationsApplyOnceAndRecordTheirVersion) {
    auto first = migrate(*m_db, storage_migrations());
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(*first, 4);
    auto again = migrate(*m_db, storage_migrations());
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, 0);
    EXPECT_EQ(*schema_version(*m_db), 104);
    EXPECT_EQ(count("SELECT COUNT(*) FROM schema_migrations"), 4);
}

TEST_P(StorageTest, AFailingMigrationLeavesNothingBehind) {
    std::vector<Migration> bad = {
        {150, "broken", {"CREATE TABLE half_done (x INTEGER)", "CREATE TABLE oops ("}}};
    auto result = migrate(*m_db, bad);
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().message.find("migration 150 (broken)"), std::string::npos);
    EXPECT_EQ(*schema_version(*m_db), 0);
    // The first statement was rolled back with the second.
    auto created = migrate(*m_db, {{150, "fixed", {"CREATE TABLE half_done (x INTEGER)"}}});
    EXPECT_TRUE(created) << created.error().message;
}

TEST_P(StorageTest, ANewerDatabaseIsRefused) {
    ASSERT_TRUE(migrate(*m_db, {{190, "future", {"CREATE TABLE future (x INTEGER)"}}}));
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

TEST_P(StorageTest, RegionLoadedAtComesFromTheClock) {
    ASSERT_TRUE(migrate(*m_db, storage_migrations()));
    auto region = load_region("laguna", DataPaths{METROPOLI_SOURCE_DIR});
    ASSERT_TRUE(region) << region.error().message;
    FixedClock clock(*parse_iso_utc("2021-03-12T08:30:05Z"));
    ASSERT_TRUE(save_region(*m_db, *region, clock));
    std::string loaded_at;
    m_db->session() << "SELECT loaded_at FROM regions", soci::into(loaded_at);
    EXPECT_EQ(loaded_at, "2021-03-12T08:30:05Z");
}

TEST_P(StorageTest, UninitialisedDatabaseSaysHowToInitialise) {
    ASSERT_TRUE(migrate(*m_db, storage_migrations()));
    auto stored = load_stored_region(*m_db);
    ASSERT_FALSE(stored);
    EXPECT_EQ(stored.error().code, ErrorCode::not_found);
    EXPECT_NE(stored.error().message.find("metropoli init"), std::string::npos);
}

TEST_P(StorageTest, SchemaVersionOnlyReads) {
    auto version = schema_version(*m_db);
    ASSERT_TRUE(version) << version.error().message;
    EXPECT_EQ(*version, 0);
    EXPECT_TRUE(m_db->execute("CREATE TABLE schema_migrations (x INTEGER)"));  // not created by the lookup
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

TEST_P(StorageTest, ATransactionInsideATransactionJoinsIt) {
    ASSERT_TRUE(m_db->execute("CREATE TABLE t (x INTEGER)"));
    EXPECT_FALSE(m_db->in_transaction());
    // The inner one succeeds, the outer one fails afterwards: nothing of either stays.
    auto status = m_db->transaction([&]() -> Status {
        EXPECT_TRUE(m_db->in_transaction());
        TRY(m_db->transaction([&]() -> Status {
            m_db->session() << "INSERT INTO t (x) VALUES (1)";
            return ok_status();
        }));
        EXPECT_TRUE(m_db->in_transaction());
        m_db->session() << "INSERT INTO t (x) VALUES (2)";
        return make_error(ErrorCode::bad_input, "stop");
    });
    ASSERT_FALSE(status);
    EXPECT_FALSE(m_db->in_transaction());
    EXPECT_EQ(count("SELECT COUNT(*) FROM t"), 0);
    // Both commit together.
    ASSERT_TRUE(m_db->transaction([&]() -> Status {
        TRY(m_db->transaction([&]() -> Status { return m_db->execute("INSERT INTO t (x) VALUES (1)"); }));
        return m_db->execute("INSERT INTO t (x) VALUES (2)");
    }));
    EXPECT_EQ(count("SELECT COUNT(*) FROM t"), 2);
    // A thrown error ends the transaction too.
    EXPECT_FALSE(m_db->transaction([&]() -> Status {
        m_db->session() << "INSERT INTO no_such_table (x) VALUES (1)";
        return ok_status();
    }));
    EXPECT_FALSE(m_db->in_transaction());
}

INSTANTIATE_TEST_SUITE_P(Engines, StorageTest, ::testing::ValuesIn(testing::all_engines()), param_name);

TEST(RedactUrl, HidesPasswords) {
    EXPECT_EQ(redact_url("postgresql://ana:s3cret@db:5432/metropoli"),
              "postgresql://ana:***@db:5432/metropoli");
    EXPECT_EQ(redact_url("postgresql://ana@db/metropoli"), "postgresql://ana@db/metropoli");
    EXPECT_EQ(redact_url("metropoli.db"), "metropoli.db");
}

}  // namespace metropoli::storage

namespace metropoli::storage {
TEST(PostgresKeywords, ConvertsUrls) {
    EXPECT_EQ(
        *postgres_keywords("postgresql://ana:p%40ss@127.0.0.1:5433/metro?options=-csearch_path%3Dx"),
        "host='127.0.0.1' port='5433' dbname='metro' user='ana' password='p@ss' options='-csearch_path=x'");
    EXPECT_EQ(*postgres_keywords("postgresql://localhost/metropoli"), "host='localhost' dbname='metropoli'");
}
}  // namespace metropoli::storage

namespace metropoli::storage {

namespace {

// A fresh folder for SQLite files, removed at the end of the test.
class SqliteFolder : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                fmt::format("metropoli_storage_{}_{}", ::getpid(),
                            ::testing::UnitTest::GetInstance()->random_seed());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    // The names in the folder, without the -wal and -shm files SQLite keeps beside a database.
    std::set<std::string> files() const {
        std::set<std::string> out;
        for (const auto& entry : std::filesystem::directory_iterator(m_dir)) {
            const std::string name = entry.path().filename().string();
            if (!name.ends_with("-wal") && !name.ends_with("-shm")) out.insert(name);
        }
        return out;
    }
    std::string path(const std::string& name) const { return (m_dir / name).string(); }

    std::filesystem::path m_dir;
};

int busy_timeout_ms(Database& db) {
    int ms = -1;
    db.session() << "PRAGMA busy_timeout", soci::into(ms);
    return ms;
}

}  // namespace

TEST_F(SqliteFolder, AnyPathOpensExactlyThatFile) {
    for (const std::string name : {"sp ace.db", "a=b.db", "q\"uote'd.db", "\"lead.db", "per%20cent?x#y.db",
                                   "Gómez Palacio.db", "db=other.db", "file:x.db?mode=memory"}) {
        SCOPED_TRACE(name);
        {
            auto db = Database::open(path(name), Access::create);
            ASSERT_TRUE(db) << db.error().message;
            ASSERT_TRUE(db->execute("CREATE TABLE t (x INTEGER)"));
        }
        EXPECT_EQ(files(), (std::set<std::string>{name}));
        std::filesystem::remove(path(name));
    }
    // A relative path is relative to the working directory.
    const auto cwd = std::filesystem::current_path();
    std::filesystem::current_path(m_dir);
    auto relative = Database::open("rel ative.db", Access::create);
    std::filesystem::current_path(cwd);
    ASSERT_TRUE(relative) << relative.error().message;
    EXPECT_EQ(files(), (std::set<std::string>{"rel ative.db"}));
}

TEST_F(SqliteFolder, APathCannotSetConnectionOptions) {
    auto db = Database::open(path("x.db timeout=0"), Access::create);
    ASSERT_TRUE(db) << db.error().message;
    ASSERT_TRUE(db->execute("CREATE TABLE t (x INTEGER)"));
    EXPECT_GE(busy_timeout_ms(*db), 30000);
    EXPECT_EQ(files(), (std::set<std::string>{"x.db timeout=0"}));
}

// Two connections, as two ingests have: the second writer waits for the first instead of failing with
// "database is locked", even though its transaction reads before it writes.
TEST_F(SqliteFolder, AWriterWaitsForTheOtherWritersTransaction) {
    const std::string file = path("shared.db");
    auto first = Database::open(file, Access::create);
    auto second = Database::open(file, Access::write);
    ASSERT_TRUE(first && second);
    ASSERT_TRUE(first->execute("CREATE TABLE t (x INTEGER)"));
    std::promise<void> holding;
    std::thread writer([&] {
        auto s = first->transaction([&]() -> Status {
            first->session() << "INSERT INTO t (x) VALUES (1)";
            holding.set_value();
            std::this_thread::sleep_for(std::chrono::milliseconds(700));
            return ok_status();
        });
        EXPECT_TRUE(s) << s.error().message;
    });
    holding.get_future().wait();
    auto s = second->transaction([&]() -> Status {
        int n = -1;
        second->session() << "SELECT COUNT(*) FROM t", soci::into(n);
        second->session() << "INSERT INTO t (x) VALUES (:n)", soci::use(n);
        return ok_status();
    });
    writer.join();
    ASSERT_TRUE(s) << s.error().message;
    std::vector<int> xs(3);
    second->session() << "SELECT x FROM t ORDER BY x", soci::into(xs);
    EXPECT_EQ(xs, (std::vector<int>{1, 1}));  // the second saw the first's commit
}

TEST_F(SqliteFolder, ReadAndWriteNeverCreateADatabase) {
    for (const auto access : {Access::read, Access::write}) {
        auto db = Database::open(path("misspelt.db"), access);
        ASSERT_FALSE(db);
        EXPECT_EQ(db.error().code, ErrorCode::not_found);
        EXPECT_NE(db.error().message.find("misspelt.db"), std::string::npos) << db.error().message;
        EXPECT_NE(db.error().message.find("metropoli init"), std::string::npos) << db.error().message;
        EXPECT_TRUE(files().empty());
    }
}

TEST_F(SqliteFolder, ReadAccessWritesNothing) {
    {
        auto db = Database::open(path("kept.db"), Access::create);
        ASSERT_TRUE(db);
        ASSERT_TRUE(db->execute("PRAGMA journal_mode=DELETE"));
        ASSERT_TRUE(db->execute("CREATE TABLE t (x INTEGER)"));
    }
    auto db = Database::open(path("kept.db"), Access::read);
    ASSERT_TRUE(db) << db.error().message;
    std::string mode;
    db->session() << "PRAGMA journal_mode", soci::into(mode);
    EXPECT_EQ(mode, "delete");  // no PRAGMA journal_mode=WAL on a read
    EXPECT_FALSE(db->execute("INSERT INTO t (x) VALUES (1)"));
    EXPECT_FALSE(db->execute("CREATE TABLE u (x INTEGER)"));
    EXPECT_FALSE(db->transaction([] { return ok_status(); }));
    auto version = schema_version(*db);
    ASSERT_TRUE(version) << version.error().message;
    EXPECT_EQ(*version, 0);
    EXPECT_EQ(files(), (std::set<std::string>{"kept.db"}));
}

TEST(SqliteConnectString, IsAPercentEncodedUriWithoutSpacesOrQuotes) {
    auto s = sqlite_connect_string("/d/a b=\"c\"?#%.db", Access::read, 30);
    ASSERT_TRUE(s);
    EXPECT_EQ(*s, "db=file:///d/a%20b%3D%22c%22%3F%23%25.db?mode=rw timeout=30");
    EXPECT_EQ(*sqlite_connect_string("/x.db", Access::create, 600), "db=file:///x.db?mode=rwc timeout=600");
    EXPECT_EQ(*sqlite_connect_string("/x.db", Access::read, 30, Immutable::yes),
              "db=file:///x.db?mode=ro&immutable=1 timeout=30");
    EXPECT_FALSE(sqlite_connect_string("", Access::create, 30));
    for (const char* empty : {"", "sqlite:"}) {
        auto db = Database::open(empty, Access::create);
        ASSERT_FALSE(db);
        EXPECT_EQ(db.error().code, ErrorCode::invalid_argument);
    }
}

TEST(RedactUrl, HidesPasswordsInTheQueryAndBeforeTheLastAt) {
    EXPECT_EQ(redact_url("postgresql://ana:p@ss@db/metropoli"), "postgresql://ana:***@db/metropoli");
    EXPECT_EQ(redact_url("postgresql://db/m?user=ana&password=s3cret&sslmode=require"),
              "postgresql://db/m?user=ana&password=***&sslmode=require");
    EXPECT_EQ(redact_url("postgresql://db/m?password=s3cret"), "postgresql://db/m?password=***");
}

TEST(PostgresKeywords, BadPercentEncodingNamesThePartButNeverThePassword) {
    const std::pair<std::string, std::string> cases[] = {
        {"postgresql://an%zza@h/db", "user"},
        {"postgresql://ana:s3cr%zzet@h/db", "password"},
        {"postgresql://ana@h%zz/db", "host"},
        {"postgresql://ana@h/d%zzb", "database name"},
        {"postgresql://ana@h/db?options=%zz", "query parameter 'options'"},
        {"postgresql://ana@h/db?opt%zz=1", "query parameter name"},
        {"postgresql://ana@h/db%4", "database name"},
        {"postgresql://ana@h/db%", "database name"},
        {"postgresql://ana@h/db%1z", "database name"},
    };
    for (const auto& [url, part] : cases) {
        SCOPED_TRACE(url);
        auto keywords = postgres_keywords(url);
        ASSERT_FALSE(keywords);
        EXPECT_EQ(keywords.error().code, ErrorCode::invalid_argument);
        EXPECT_NE(keywords.error().message.find(part), std::string::npos) << keywords.error().message;
        EXPECT_EQ(keywords.error().message.find("s3cr"), std::string::npos) << keywords.error().message;
        auto db = Database::open(url);
        ASSERT_FALSE(db);
        EXPECT_EQ(db.error().code, ErrorCode::invalid_argument);
        EXPECT_EQ(db.error().message.find("s3cr"), std::string::npos) << db.error().message;
    }
    EXPECT_EQ(*postgres_keywords("postgresql://ana@h/m%C3%A9xico%2a"),
              "host='h' dbname='méxico*' user='ana'");
}

}  // namespace metropoli::storage
