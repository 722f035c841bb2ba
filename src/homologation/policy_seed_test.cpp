// SPDX-License-Identifier: MIT
// The bundled 2020 record of La Laguna (data/policy_laguna_2020/) on SQLite and PostgreSQL: loaded once,
// approved, audited once, its sources the ones data/activity_rules/ cites (same titles, issuers and dates),
// and the November 2020 divergence between Torreón and Gómez Palacio it was coded to show.
#include "homologation/policy_seed.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "access/access_fixture.hpp"
#include "core/csv.hpp"
#include "core/test_dates.hpp"
#include "homologation/effective_policy.hpp"
#include "homologation/migrations.hpp"
#include "homologation/observations.hpp"
#include "metropoli_source_dir.hpp"

namespace metropoli::homologation {
namespace {

using access::testing::param_name;

std::string directory() {
    return std::string(METROPOLI_SOURCE_DIR) + "/data/policy_laguna_2020";
}
using metropoli::testing::day;

class PolicySeed : public access::testing::AccessTest {
protected:
    void SetUp() override {
        AccessTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        auto migrated = storage::migrate(*m_db, homologation_migrations(), m_clock);
        ASSERT_TRUE(migrated) << migrated.error().message;
    }
};

TEST_P(PolicySeed, LoadsTheRecordOnceApprovedAndAudited) {
    auto loaded = seed_policy_observations(*m_db, m_clock, "laguna", directory());
    ASSERT_TRUE(loaded) << loaded.error().message;
    std::cout << "[policy seed] observations seeded: " << *loaded << "\n";
    auto rows = [](const char* file) {
        auto t = read_csv_file(directory() + "/" + file);
        return t ? static_cast<int>(t->rows.size()) : -1;
    };
    EXPECT_EQ(*loaded, rows("observations.csv") + rows("federal_semaforo.csv"));
    EXPECT_EQ(*loaded, 50);
    EXPECT_EQ(count("SELECT COUNT(*) FROM policy_observations WHERE review_state = 'approved'"), *loaded);
    EXPECT_EQ(count("SELECT COUNT(*) FROM policy_observations WHERE reviewer IS NULL OR coder = ''"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM policy_jurisdictions"), 9);
    EXPECT_EQ(count("SELECT COUNT(*) FROM policy_jurisdiction_members WHERE body = 'zm-laguna'"), 5);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'policy.observations.seed'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'policy.observation.create'"), 0);
    // Every uncertain date is marked with what is uncertain.
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM policy_observations WHERE unverified = 1 AND verification_note = ''"), 0);
    auto again = seed_policy_observations(*m_db, m_clock, "laguna", directory());
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM policy_observations"), *loaded);
    EXPECT_EQ(*seed_policy_observations(*m_db, m_clock, "saltillo", directory()), 0);
}

TEST_P(PolicySeed, ItsSourcesAreTheOnesTheActivityRulesCite) {
    auto sources = read_csv_file(directory() + "/sources.csv");
    ASSERT_TRUE(sources) << sources.error().message;
    std::ifstream in(std::string(METROPOLI_SOURCE_DIR) + "/data/activity_rules/sources.json");
    const auto rules = nlohmann::json::parse(in).at("sources");
    int shared = 0;
    for (const auto& row : sources->rows) {
        const std::string key = row[static_cast<size_t>(sources->column("key"))];
        for (const auto& s : rules) {
            if (s.at("key") != key) continue;
            ++shared;
            EXPECT_EQ(row[static_cast<size_t>(sources->column("title"))], s.at("title")) << key;
            EXPECT_EQ(row[static_cast<size_t>(sources->column("issuer"))], s.at("issuer")) << key;
            EXPECT_EQ(row[static_cast<size_t>(sources->column("issued_on"))], s.value("published_on", ""))
                << key;
            if (!s.value("url", "").empty()) {
                EXPECT_EQ(row[static_cast<size_t>(sources->column("url"))], s.at("url")) << key;
            }
        }
    }
    EXPECT_EQ(shared, 7);
}

TEST_P(PolicySeed, TorreonAndGomezPalacioDivergeOnC6ForFifteenDaysOfNovember2020) {
    ASSERT_TRUE(seed_policy_observations(*m_db, m_clock, "laguna", directory()));
    auto torreon = effective_policy(*m_db, "05035", "C6", day("2020-11-01"), day("2020-11-30"));
    auto gomez = effective_policy(*m_db, "10007", "C6", day("2020-11-01"), day("2020-11-30"));
    ASSERT_TRUE(torreon && gomez);
    int divergent = 0;
    for (size_t i = 0; i < torreon->size(); ++i)
        divergent += (*torreon)[i].value != (*gomez)[i].value ? 1 : 0;
    std::cout << "[policy seed] days of C6 divergence, Torreón vs Gómez Palacio, November 2020: " << divergent
              << "\n";
    EXPECT_EQ(divergent, 15);          // Durango's red, 3-17 November
    const auto& curfew = (*gomez)[4];  // 5 November
    EXPECT_EQ(curfew.value, 2);
    EXPECT_EQ(curfew.set_by->jurisdiction, "10");
    EXPECT_EQ(curfew.set_by->extensions.curfew_from, "22:00");
    EXPECT_EQ(curfew.set_by->extensions.curfew_to, "05:00");
    // Torreón: Coahuila coded no curfew (0), and the federal orange's recommendation to stay home (1,
    // targeted at Coahuila's Laguna, so general there) is stricter.
    EXPECT_EQ((*torreon)[4].value, 1);
    EXPECT_EQ((*torreon)[4].set_by->jurisdiction, "00");
    // Restaurants: Coahuila's 50 % and 23:00 ties with the federal orange (C2 1) and is credited to Coahuila.
    auto c2 = effective_policy(*m_db, "05035", "C2", day("2020-11-05"), day("2020-11-05"));
    ASSERT_TRUE(c2);
    EXPECT_EQ(c2->front().value, 1);
    EXPECT_EQ(c2->front().set_by->jurisdiction, "05");
    EXPECT_EQ(c2->front().set_by->extensions.capacity_pct, 50);
    EXPECT_EQ(c2->front().set_by->extensions.closing_time, "23:00");
    auto gp_c2 = effective_policy(*m_db, "10007", "C2", day("2020-11-05"), day("2020-11-05"));
    EXPECT_EQ(gp_c2->front().value, 3);
    EXPECT_EQ(gp_c2->front().set_by->extensions.alcohol_sales, "ley_seca");
}

TEST_P(PolicySeed, ABadRowIsRefusedNamingFileLineAndFieldAndNothingIsLoaded) {
    const std::string scratch =
        ::testing::TempDir() + "/policy_seed_bad_" + std::to_string(GetParam() == storage::Engine::sqlite);
    std::filesystem::create_directories(scratch);
    for (const char* f : {"jurisdictions.csv", "sources.csv", "federal_semaforo.csv"})
        std::filesystem::copy_file(directory() + "/" + f, scratch + "/" + f,
                                   std::filesystem::copy_options::overwrite_existing);
    std::ifstream in(directory() + "/observations.csv");
    std::stringstream text;
    text << in.rdbuf();
    std::string csv = text.str();
    const auto at = csv.find("22:00,05:00");
    ASSERT_NE(at, std::string::npos);
    csv.replace(at, 11, "22:00,22:00");
    std::ofstream(scratch + "/observations.csv") << csv;
    auto loaded = seed_policy_observations(*m_db, m_clock, "laguna", scratch);
    ASSERT_FALSE(loaded);
    EXPECT_EQ(loaded.error().code, ErrorCode::bad_input);
    EXPECT_TRUE(loaded.error().message.starts_with("observations.csv:3: /extensions/curfew_to:"))
        << loaded.error().message;
    EXPECT_EQ(count("SELECT COUNT(*) FROM policy_observations"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM policy_jurisdictions"), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, PolicySeed, ::testing::ValuesIn(storage::testing::all_engines()),
                         param_name);

}  // namespace
}  // namespace metropoli::homologation
