// SPDX-License-Identifier: MIT
// The migration format on both engines: statements run whole (semicolons inside trigger and function bodies),
// engine-only statements, one statement per string, pending versions below the latest, and the clock.
#include "storage/migrations.hpp"

#include <gtest/gtest.h>

#include "storage/storage_fixture.hpp"

namespace metropoli::storage {

namespace {

class MigrationTest : public testing::StorageTest {
protected:
    bool table_exists(const std::string& name) {
        return count(is_sqlite()
                         ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '" + name + "'"
                         : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                           "current_schema() AND table_name = '" +
                               name + "'") == 1;
    }
};

// A trigger whose body holds two statements, each ending in ';': the old split at every ';' cut it apart.
std::vector<Migration> counting_trigger() {
    return {
        {150,
         "a table and a trigger counting its rows",
         {"CREATE TABLE things (x INTEGER NOT NULL)", "CREATE TABLE tally (n INTEGER NOT NULL)",
          "INSERT INTO tally (n) VALUES (0)", sqlite_only(R"(
CREATE TRIGGER things_tally AFTER INSERT ON things
BEGIN
    UPDATE tally SET n = n + 1;
    UPDATE tally SET n = n + 1 WHERE NEW.x > 9;
END)"),
          postgresql_only(R"(
CREATE FUNCTION things_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE tally SET n = n + 1;
    IF NEW.x > 9 THEN
        UPDATE tally SET n = n + 1;
    END IF;
    RETURN NEW;
END;
$$)"),
          postgresql_only("CREATE TRIGGER things_tally AFTER INSERT ON things FOR EACH ROW EXECUTE FUNCTION "
                          "things_tally()")}}};
}

}  // namespace

TEST_P(MigrationTest, StatementsRunWholeWithTheSemicolonsOfTheirBodies) {
    auto applied = migrate(*m_db, counting_trigger());
    ASSERT_TRUE(applied) << applied.error().message;
    EXPECT_EQ(*applied, 1);
    ASSERT_TRUE(m_db->execute("INSERT INTO things (x) VALUES (1)"));
    ASSERT_TRUE(m_db->execute("INSERT INTO things (x) VALUES (10)"));
    EXPECT_EQ(count("SELECT n FROM tally"), 3);
}

TEST_P(MigrationTest, EngineOnlyStatementsRunOnTheirEngineAlone) {
    auto applied = migrate(*m_db, {{150,
                                    "one table per engine",
                                    {sqlite_only("CREATE TABLE only_sqlite (x INTEGER)"),
                                     postgresql_only("CREATE TABLE only_postgresql (x INTEGER)")}}});
    ASSERT_TRUE(applied) << applied.error().message;
    EXPECT_EQ(table_exists("only_sqlite"), is_sqlite());
    EXPECT_EQ(table_exists("only_postgresql"), !is_sqlite());
}

TEST_P(MigrationTest, TwoStatementsInOneStringAreRefusedAndNothingIsLeft) {
    auto applied = migrate(
        *m_db,
        {{150, "two in one", {"CREATE TABLE first_one (x INTEGER); CREATE TABLE second_one (x INTEGER)"}}});
    ASSERT_FALSE(applied);
    EXPECT_NE(applied.error().message.find("migration 150 (two in one)"), std::string::npos)
        << applied.error().message;
    EXPECT_NE(applied.error().message.find("more than one statement"), std::string::npos)
        << applied.error().message;
    EXPECT_FALSE(table_exists("first_one"));
    EXPECT_FALSE(table_exists("second_one"));
    EXPECT_EQ(*schema_version(*m_db), 0);
    // A trailing ';' and comments are still one statement.
    auto one = migrate(*m_db, {{150, "one", {"CREATE TABLE first_one (x INTEGER); -- done\n"}}});
    EXPECT_TRUE(one) << one.error().message;
    EXPECT_TRUE(table_exists("first_one"));
}

TEST_P(MigrationTest, ABrokenStatementNamesItsMigrationAndLine) {
    auto applied =
        migrate(*m_db, {{150, "typo", {"CREATE TABLE fine (x INTEGER)", "\nCREAT TABLE typo (x INTEGER)"}}});
    ASSERT_FALSE(applied);
    EXPECT_EQ(applied.error().code, ErrorCode::database);
    EXPECT_NE(applied.error().message.find("migration 150 (typo)"), std::string::npos)
        << applied.error().message;
    EXPECT_NE(applied.error().message.find("CREAT TABLE typo"), std::string::npos) << applied.error().message;
    EXPECT_FALSE(table_exists("fine"));
}

TEST_P(MigrationTest, AVersionBelowTheLatestIsPendingAndApplied) {
    // A database of a program that had 150 and 250; this one adds 160 between them.
    const std::vector<Migration> before = {{150, "a", {"CREATE TABLE a (x INTEGER)"}},
                                           {250, "c", {"CREATE TABLE c (x INTEGER)"}}};
    ASSERT_TRUE(migrate(*m_db, before));
    auto now = before;
    now.push_back({160, "b", {"CREATE TABLE b (x INTEGER)"}});
    auto pending = pending_versions(*m_db, now);
    ASSERT_TRUE(pending) << pending.error().message;
    EXPECT_EQ(*pending, std::vector<int>{160});
    auto applied = migrate(*m_db, now);
    ASSERT_TRUE(applied) << applied.error().message;
    EXPECT_EQ(*applied, 1);
    EXPECT_TRUE(table_exists("b"));
    EXPECT_TRUE(pending_versions(*m_db, now)->empty());
    EXPECT_EQ(*schema_version(*m_db), 250);
}

TEST_P(MigrationTest, PendingVersionsOfAnEmptyDatabaseAreAllAndOnlyRead) {
    auto pending = pending_versions(*m_db, storage_migrations());
    ASSERT_TRUE(pending) << pending.error().message;
    EXPECT_EQ(*pending, (std::vector<int>{101, 102, 103, 104}));
    EXPECT_FALSE(table_exists("schema_migrations"));
}

TEST_P(MigrationTest, AppliedAtComesFromTheClock) {
    FixedClock clock(*parse_iso_utc("2021-03-12T08:30:05Z"));
    ASSERT_TRUE(migrate(*m_db, {{150, "a", {"CREATE TABLE a (x INTEGER)"}}}, clock));
    clock.advance(std::chrono::seconds(61));
    ASSERT_TRUE(migrate(
        *m_db, {{150, "a", {"CREATE TABLE a (x INTEGER)"}}, {151, "b", {"CREATE TABLE b (x INTEGER)"}}},
        clock));
    std::vector<std::string> at(3);
    m_db->session() << "SELECT applied_at FROM schema_migrations ORDER BY version", soci::into(at);
    EXPECT_EQ(at, (std::vector<std::string>{"2021-03-12T08:30:05Z", "2021-03-12T08:31:06Z"}));
}

INSTANTIATE_TEST_SUITE_P(Engines, MigrationTest, ::testing::ValuesIn(testing::all_engines()),
                         testing::param_name);

}  // namespace metropoli::storage
