// SPDX-License-Identifier: MIT
// Migrations 310-311 on both engines: they apply once, count in the data generation where they should, and
// the database itself refuses what the code never writes.
#include <gtest/gtest.h>

#include "access/access_fixture.hpp"
#include "storage/data_generation.hpp"

namespace metropoli::access::testing {
namespace {

class AccessSchema : public AccessTest {};

TEST_P(AccessSchema, MigratingAgainAppliesNothing) {
    auto migrations = storage::storage_migrations();
    for (auto& m : access_migrations()) migrations.push_back(std::move(m));
    auto again = storage::migrate(*m_db, migrations, m_clock);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(*again, 0);
    for (const auto& m : access_migrations()) EXPECT_GE(m.version, 310);
}

TEST_P(AccessSchema, OnlyTheTablesThatChangeOnEveryRequestLackGenerationTriggers) {
    auto all = storage::tables_without_generation_triggers(*m_db, tables_outside_generation());
    ASSERT_TRUE(all) << all.error().message;
    EXPECT_TRUE(all->empty()) << all->front();
    auto missing = storage::tables_without_generation_triggers(*m_db);
    ASSERT_TRUE(missing);
    EXPECT_EQ(*missing, (std::vector<std::string>{"api_tokens", "login_failures", "sessions"}));
    // A registry write counts; a session does not.
    const auto before = *storage::data_generation(*m_db);
    const auto a = account("ana@example.org");
    const auto after_account = *storage::data_generation(*m_db);
    EXPECT_GT(after_account, before);
    long long id = a.id;
    m_db->session()
        << "INSERT INTO sessions (token_hash, account_id, created_at, last_seen, expires_at) VALUES "
           "('h', :a, 'x', 'x', 'x')",
        soci::use(id);
    EXPECT_EQ(*storage::data_generation(*m_db), after_account);
}

TEST_P(AccessSchema, TheDatabaseRefusesAHashThatIsNotArgon2idAndAnUnscopedEditor) {
    const auto a = account("ana@example.org");
    long long id = a.id;
    EXPECT_THROW(
        (m_db->session() << "UPDATE accounts SET password_hash = 'plain text' WHERE id = :id", soci::use(id)),
        std::exception);
    EXPECT_THROW((m_db->session() << "INSERT INTO role_grants (account_id, role, created_at) VALUES (:id, "
                                     "'editor', 'x')",
                  soci::use(id)),
                 std::exception);
    EXPECT_THROW(
        m_db->session() << "INSERT INTO accounts (email, person_id, password_hash, state, created_at, "
                           "updated_at) VALUES ('ana@example.org', 1, '$argon2id$x', 'active', 'x', 'x')",
        std::exception);
}

INSTANTIATE_TEST_SUITE_P(Engines, AccessSchema, ::testing::ValuesIn(storage::testing::all_engines()),
                         param_name);

}  // namespace
}  // namespace metropoli::access::testing
