// SPDX-License-Identifier: MIT
// Migrations 400-499 on both engines: they apply once, every table counts in the data generation, and the
// database itself refuses a change to approved minutes, whoever sends the SQL.
#include <gtest/gtest.h>

#include "coordination/coordination_fixture.hpp"
#include "storage/data_generation.hpp"

namespace metropoli::coordination::testing {
namespace {

class CoordinationSchema : public CoordinationTest {
protected:
    // A body, a seat and a meeting, inserted as plain SQL; returns the meeting's id.
    long long meeting() {
        const int64_t org = organisation("Sociedad civil");
        auto& sql = m_db->session();
        sql << "INSERT INTO bodies (name, short_name, kind, visibility, created_at, updated_at) VALUES "
               "('Mesa de Salud', 'Mesa', 'mesa', 'public', 'x', 'x')";
        long long body = count("SELECT id FROM bodies WHERE short_name = 'Mesa'");
        long long organisation_id = org;
        sql << "INSERT INTO seats (body_id, name, representation, organisation_id, created_at, updated_at) "
               "VALUES (:b, 'Sociedad civil', 'civil_society', :o, 'x', 'x')",
            soci::use(body), soci::use(organisation_id);
        sql << "INSERT INTO meetings (body_id, title, starts_at, ends_at, mode, created_at, updated_at) "
               "VALUES "
               "(:b, 'Instalación', '2020-05-04T16:00:00Z', '2020-05-04T18:00:00Z', 'in_person', 'x', 'x')",
            soci::use(body);
        return count("SELECT MAX(id) FROM meetings");
    }
};

TEST_P(CoordinationSchema, MigratingAgainAppliesNothing) {
    auto again = storage::migrate(*m_db, all_migrations(), m_clock);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(*again, 0);
    for (const auto& m : coordination_migrations()) {
        EXPECT_GE(m.version, 400);
        EXPECT_LT(m.version, 500);
    }
}

TEST_P(CoordinationSchema, EveryCoordinationTableCountsInTheDataGeneration) {
    auto missing = storage::tables_without_generation_triggers(*m_db);
    ASSERT_TRUE(missing) << missing.error().message;
    EXPECT_EQ(*missing, (std::vector<std::string>{"api_tokens", "login_failures", "sessions"}));
    const auto before = *storage::data_generation(*m_db);
    meeting();
    EXPECT_GT(*storage::data_generation(*m_db), before);
}

TEST_P(CoordinationSchema, ApprovedMinutesRefuseUpdateAndDeleteInSql) {
    long long m = meeting();
    auto& sql = m_db->session();
    sql << "INSERT INTO minutes (meeting_id, text, created_at, updated_at) VALUES (:m, 'borrador', 'x', 'x')",
        soci::use(m);
    const long long id = count("SELECT MAX(id) FROM minutes");
    // A draft may change, and may be approved.
    sql << "UPDATE minutes SET text = 'borrador 2' WHERE id = :id", soci::use(id);
    sql << "UPDATE minutes SET state = 'approved', approved_at = 'x', text_sha256 = 'h' WHERE id = :id",
        soci::use(id);
    // Approved: no statement changes or removes it.
    EXPECT_THROW((sql << "UPDATE minutes SET text = 'otro' WHERE id = :id", soci::use(id)), std::exception);
    EXPECT_THROW((sql << "UPDATE minutes SET state = 'draft' WHERE id = :id", soci::use(id)), std::exception);
    EXPECT_THROW((sql << "DELETE FROM minutes WHERE id = :id", soci::use(id)), std::exception);
    EXPECT_EQ(count("SELECT COUNT(*) FROM minutes WHERE text = 'borrador 2' AND state = 'approved'"), 1);
}

TEST_P(CoordinationSchema, AnAgreementNeedsItsMeetingUnlessImported) {
    meeting();
    const int64_t org = organisation("Ejecutivo municipal");
    long long o = org;
    auto& sql = m_db->session();
    sql << "INSERT INTO agreement_statuses (key, name_es, name_en, typical_progress) VALUES ('p', 'P', 'P', "
           "0)";
    EXPECT_THROW((sql << "INSERT INTO agreements (reference, title, responsible_id, status_id, created_at, "
                         "updated_at) VALUES ('A-1', 't', :o, 1, 'x', 'x')",
                  soci::use(o)),
                 std::exception);
    sql << "INSERT INTO agreements (reference, imported, title, responsible_id, status_id, created_at, "
           "updated_at) VALUES ('A-1', 1, 't', :o, 1, 'x', 'x')",
        soci::use(o);
    EXPECT_EQ(count("SELECT COUNT(*) FROM agreements"), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, CoordinationSchema, ::testing::ValuesIn(storage::testing::all_engines()),
                         param_name);

}  // namespace
}  // namespace metropoli::coordination::testing
