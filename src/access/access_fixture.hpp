// SPDX-License-Identifier: MIT
// Test support: a fixture run once per engine with storage's and access's migrations applied, a fixed clock,
// cheap password hashes and helpers to make accounts and actors.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "access/accounts.hpp"
#include "access/migrations.hpp"
#include "access/organisations.hpp"
#include "storage/migrations.hpp"
#include "storage/test_support.hpp"

namespace metropoli::access::testing {

inline Instant at(const char* iso) {
    return *parse_iso_utc(iso);
}

class AccessTest : public ::testing::TestWithParam<storage::Engine> {
protected:
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
        for (auto& m : access_migrations()) migrations.push_back(std::move(m));
        auto migrated = storage::migrate(*m_db, migrations, m_clock);
        ASSERT_TRUE(migrated) << migrated.error().message;
    }

    // The number `sql` (a SELECT COUNT(*) or another integer) gives.
    long long count(const std::string& sql) {
        long long n = -1;
        m_db->session() << sql, soci::into(n);
        return n;
    }

    // An organisation made by the command line.
    int64_t organisation(const std::string& short_name, const std::string& kind = "civil_society") {
        OrganisationFields f;
        f.name = short_name + " (nombre completo)";
        f.short_name = short_name;
        f.kind = kind;
        auto made = create_organisation(*m_db, m_clock, m_cli, "", f);
        EXPECT_TRUE(made) << made.error().message;
        return made ? made->id : 0;
    }

    // An account made by the command line, with `grants`; its password is k_password.
    Account account(const std::string& email, std::vector<Grant> grants = {}) {
        NewAccount a;
        a.email = email;
        a.name = "Persona de prueba";
        a.password = k_password;
        a.grants = std::move(grants);
        auto made = create_account(*m_db, m_clock, m_cli, "", a, k_fast);
        EXPECT_TRUE(made) << made.error().message;
        return made ? *made : Account{};
    }

    Actor actor_of(const Account& a) {
        auto actor = account_actor(*m_db, a.id);
        EXPECT_TRUE(actor) << actor.error().message;
        return actor ? *actor : Actor{};
    }

    static constexpr const char* k_password = "una frase larga de prueba";
    const PasswordOptions k_fast = PasswordOptions::fastest_for_tests();
    FixedClock m_clock{at("2026-03-12T08:30:00Z")};
    const Actor m_cli = cli_actor("tester");
    std::unique_ptr<storage::testing::ScratchDatabase> m_scratch;
    std::unique_ptr<storage::Database> m_db;
};

inline std::string param_name(const ::testing::TestParamInfo<storage::Engine>& info) {
    return storage::testing::engine_name(info.param);
}

}  // namespace metropoli::access::testing
