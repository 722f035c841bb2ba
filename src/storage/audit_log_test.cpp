// SPDX-License-Identifier: MIT
// The audit log on both engines: entries are appended and read back; every way of changing or removing one is
// refused by the database with the trigger's message; migrating again changes nothing.
#include "storage/audit_log.hpp"

#include <gtest/gtest.h>

#include "storage/migrations.hpp"
#include "storage/storage_fixture.hpp"

namespace metropoli::storage {

namespace {

class AuditLogTest : public testing::StorageTest {
protected:
    void SetUp() override {
        StorageTest::SetUp();
        if (IsSkipped() || HasFailure()) return;
        auto migrated = migrate(*m_db, storage_migrations());
        ASSERT_TRUE(migrated) << migrated.error().message;
        ASSERT_TRUE(append("2021-03-12T08:30:05Z", "cli:ingest", "release.replace", "release:ssa:2021-03-12",
                           R"({"rows_read": 4370})", std::string(64, '0'), std::string(64, 'a')));
    }

    Status append(const std::string& at, const std::string& actor, const std::string& action,
                  const std::string& subject, const std::string& detail, const std::string& prev_hash,
                  const std::string& hash) {
        return m_db->transaction([&]() -> Status {
            m_db->session() << "INSERT INTO audit_log (at, actor, action, subject, detail, prev_hash, hash) "
                               "VALUES (:at, :actor, :action, :subject, :detail, :prev, :hash)",
                soci::use(at), soci::use(actor), soci::use(action), soci::use(subject), soci::use(detail),
                soci::use(prev_hash), soci::use(hash);
            return ok_status();
        });
    }

    // Runs `sql` expecting the database to refuse it with a message holding `why`.
    void expect_refused(const std::string& sql, const std::string& why) {
        SCOPED_TRACE(sql);
        auto status = m_db->transaction([&]() -> Status { return m_db->execute(sql); });
        ASSERT_FALSE(status);
        EXPECT_EQ(status.error().code, ErrorCode::database);
        EXPECT_NE(status.error().message.find(why), std::string::npos) << status.error().message;
    }

    // The one entry SetUp appended, as stored.
    void expect_first_entry_intact() {
        std::string at, actor, action, subject, detail, prev_hash, hash;
        m_db->session()
            << "SELECT at, actor, action, subject, detail, prev_hash, hash FROM audit_log WHERE id = 1",
            soci::into(at), soci::into(actor), soci::into(action), soci::into(subject), soci::into(detail),
            soci::into(prev_hash), soci::into(hash);
        EXPECT_EQ(at, "2021-03-12T08:30:05Z");
        EXPECT_EQ(actor, "cli:ingest");
        EXPECT_EQ(action, "release.replace");
        EXPECT_EQ(subject, "release:ssa:2021-03-12");
        EXPECT_EQ(detail, R"({"rows_read": 4370})");
        EXPECT_EQ(prev_hash, std::string(64, '0'));
        EXPECT_EQ(hash, std::string(64, 'a'));
    }
};

}  // namespace

TEST_P(AuditLogTest, AnEntryIsAppendedAndReadBack) {
    expect_first_entry_intact();
    ASSERT_TRUE(append("2021-03-12T08:31:00Z", "ana", "region.init", "region:laguna", "{}",
                       std::string(64, 'a'), std::string(64, 'b')));
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), 2);
    EXPECT_EQ(count("SELECT MAX(id) FROM audit_log"), 2);
}

TEST_P(AuditLogTest, UpdateIsRefusedByTheTrigger) {
    expect_refused("UPDATE audit_log SET actor = 'mallory' WHERE id = 1",
                   "audit_log is append-only: UPDATE refused");
    expect_refused("UPDATE audit_log SET hash = hash", "audit_log is append-only: UPDATE refused");
    expect_first_entry_intact();
}

TEST_P(AuditLogTest, DeleteIsRefusedByTheTrigger) {
    expect_refused("DELETE FROM audit_log WHERE id = 1", "audit_log is append-only: DELETE refused");
    expect_refused("DELETE FROM audit_log", "audit_log is append-only: DELETE refused");
    expect_first_entry_intact();
}

TEST_P(AuditLogTest, ReplacingAnEntryIsRefused) {
    const std::string upsert =
        "INSERT INTO audit_log (id, at, actor, action, subject, prev_hash, hash) VALUES (1, 'x', 'mallory', "
        "'x', "
        "'x', 'p', 'h') ON CONFLICT (id) DO UPDATE SET actor = 'mallory'";
    expect_refused(upsert, "audit_log is append-only");
    if (is_sqlite()) {
        // REPLACE deletes the old row without firing the delete trigger: a trigger of its own refuses it.
        expect_refused(
            "INSERT OR REPLACE INTO audit_log (id, at, actor, action, subject, prev_hash, hash) VALUES "
            "(1, 'x', 'mallory', 'x', 'x', 'p', 'h')",
            "audit_log is append-only: an INSERT may not replace an entry");
        expect_refused(
            "REPLACE INTO audit_log (at, actor, action, subject, prev_hash, hash) VALUES "
            "('x', 'mallory', 'x', 'x', 'p', '" +
                std::string(64, 'a') + "')",
            "audit_log is append-only: an INSERT may not replace an entry");
    } else {
        expect_refused("TRUNCATE audit_log", "audit_log is append-only: TRUNCATE refused");
    }
    expect_first_entry_intact();
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), 1);
}

TEST_P(AuditLogTest, TheChainCannotFork) {
    // A second entry claiming the same predecessor as the first.
    EXPECT_FALSE(
        append("2021-03-12T08:31:00Z", "ana", "x", "x", "{}", std::string(64, '0'), std::string(64, 'c')));
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), 1);
}

TEST_P(AuditLogTest, MigratingAgainIsANoOp) {
    auto again = migrate(*m_db, storage_migrations());
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(*again, 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM schema_migrations WHERE version = 102"), 1);
    // Exactly the triggers of the migrations, not a second set: three refusals on SQLite, two on PostgreSQL,
    // plus the data generation's (103): three row triggers on SQLite, one statement trigger on PostgreSQL.
    EXPECT_EQ(
        count(is_sqlite()
                  ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
                  : "SELECT COUNT(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE "
                    "c.relname = 'audit_log' AND c.relnamespace = current_schema()::regnamespace AND "
                    "NOT t.tgisinternal"),
        is_sqlite() ? 3 + 3 : 2 + 1);
    expect_refused("DELETE FROM audit_log", "audit_log is append-only: DELETE refused");
    expect_first_entry_intact();
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditLogTest, ::testing::ValuesIn(testing::all_engines()),
                         testing::param_name);

}  // namespace metropoli::storage
