// SPDX-License-Identifier: MIT
// Test support: access's fixture (one database per engine, a fixed clock, accounts and organisations made by
// the command line) with coordination's migrations applied too.
#pragma once

#include "access/access_fixture.hpp"
#include "coordination/migrations.hpp"

namespace metropoli::coordination::testing {

using access::testing::at;
using access::testing::param_name;

class CoordinationTest : public access::testing::AccessTest {
protected:
    void SetUp() override {
        AccessTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        auto migrated = storage::migrate(*m_db, all_migrations(), m_clock);
        ASSERT_TRUE(migrated) << migrated.error().message;
    }

    static std::vector<storage::Migration> all_migrations() {
        auto migrations = storage::storage_migrations();
        for (auto& m : access::access_migrations()) migrations.push_back(std::move(m));
        for (auto& m : coordination_migrations()) migrations.push_back(std::move(m));
        return migrations;
    }
};

}  // namespace metropoli::coordination::testing
