// SPDX-License-Identifier: MIT
// Test support: access's fixture (one database per engine, a fixed clock, accounts made by the command line)
// with the activity rules' migration applied and, on request, the bundled data of data/activity_rules/
// loaded.
#pragma once

#include "access/access_fixture.hpp"
#include "homologation/activity_rules.hpp"
#include "metropoli_source_dir.hpp"

namespace metropoli::homologation::testing {

using access::testing::param_name;

class ActivityRuleTest : public access::testing::AccessTest {
protected:
    void SetUp() override {
        AccessTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        auto migrations = storage::storage_migrations();
        for (auto& m : access::access_migrations()) migrations.push_back(std::move(m));
        for (auto& m : activity_rule_migrations()) migrations.push_back(std::move(m));
        auto migrated = storage::migrate(*m_db, migrations, m_clock);
        ASSERT_TRUE(migrated) << migrated.error().message;
    }

    static std::string bundled_directory() {
        return std::string(METROPOLI_SOURCE_DIR) + "/data/activity_rules";
    }

    int load_bundled() {
        auto loaded = seed_activity_rules(*m_db, m_clock, "laguna", bundled_directory());
        EXPECT_TRUE(loaded) << loaded.error().message;
        return loaded ? *loaded : -1;
    }
};

}  // namespace metropoli::homologation::testing
