// SPDX-License-Identifier: MIT
// The observations store on SQLite and PostgreSQL: migration 500, an OxCGRT file imported in one audited
// transaction, the same file again changing nothing, a malformed file writing nothing, and the indices
// computed from what was stored equal to every value OxCGRT published.
#include "homologation/policy_store.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "access/access_fixture.hpp"
#include "core/csv.hpp"
#include "homologation/migrations.hpp"
#include "homologation/oxcgrt_export.hpp"
#include "metropoli_source_dir.hpp"

namespace metropoli::homologation {
namespace {

using access::testing::param_name;

std::string sample(const std::string& name) {
    std::ifstream in(std::string(METROPOLI_SOURCE_DIR) + "/data/oxcgrt/" + name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class PolicyStore : public access::testing::AccessTest {
protected:
    void SetUp() override {
        AccessTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        auto migrated = storage::migrate(*m_db, homologation_migrations(), m_clock);
        ASSERT_TRUE(migrated) << migrated.error().message;
    }
    access::Attribution who() const { return {m_cli, ""}; }
    long long fingerprint() {
        return count(
            "SELECT (SELECT COUNT(*) FROM policy_observations) * 1000000 + (SELECT COUNT(*) FROM "
            "policy_published_indices) * 10 + (SELECT COUNT(*) FROM policy_sources)");
    }
};

TEST_P(PolicyStore, ImportsAFileOnceAuditedAndComputesEveryPublishedValue) {
    const std::string name = "data/oxcgrt/GBR_raw_v1_STATEWIDE_NATGOV_2020.csv";
    const auto first =
        import_oxcgrt_file(*m_db, m_clock, who(), name, sample("GBR_raw_v1_STATEWIDE_NATGOV_2020.csv"));
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_FALSE(first->already_imported);
    EXPECT_EQ(first->layout, "raw");
    EXPECT_EQ(first->records, 1464u);
    EXPECT_EQ(first->published, 1464u * 13);
    EXPECT_GT(first->observations, 0u);
    EXPECT_LT(first->observations, 1464u * 16 / 4);  // stored as runs of days, not day by day
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM audit_log WHERE action = 'policy.import' AND subject = 'policy_source:" +
              std::to_string(first->source_id) + "' AND actor = 'cli:tester'"),
        1);
    const long long before = fingerprint();
    const auto again =
        import_oxcgrt_file(*m_db, m_clock, who(), name, sample("GBR_raw_v1_STATEWIDE_NATGOV_2020.csv"));
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_TRUE(again->already_imported);
    EXPECT_EQ(again->source_id, first->source_id);
    EXPECT_EQ(fingerprint(), before);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'policy.import'"), 1);

    const auto levels = stored_levels(*m_db, "GBR");
    ASSERT_TRUE(levels);
    EXPECT_EQ(*levels, std::vector<std::string>{"NAT_GOV"});
    for (const std::string code : {"GBR", "UK_SCO", "UK_WAL", "UK_NIR"}) {
        const std::string level = code == "GBR" ? "NAT_GOV" : "STATE_WIDE";
        const auto days = load_days(*m_db, code, level);
        const auto published = load_published(*m_db, code, level);
        ASSERT_TRUE(days && published);
        ASSERT_EQ(days->size(), 366u) << code;
        ASSERT_EQ(published->size(), 1u);
        const Comparison c = compare_published(*days, published->front().values);
        EXPECT_EQ(c.total_equal(), 366 * 13) << code;
        EXPECT_EQ(c.total_mismatches() + c.total_ties(), 0) << code;
    }
}

TEST_P(PolicyStore, AMalformedFileIsRefusedAtItsLineAndColumnAndWritesNothing) {
    std::string text = sample("MEX_NAT_2020_from_legacy_timeseries.csv");
    const size_t line = text.find("Mexico,MEX,NAT_TOTAL,20200601,");
    ASSERT_NE(line, std::string::npos);
    text.replace(line + std::string("Mexico,MEX,NAT_TOTAL,20200601,").size(), 1, "7");  // C1 is 0-3
    const auto refused = import_oxcgrt_file(*m_db, m_clock, who(), "mex.csv", text);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("mex.csv: línea 154, columna 5 (C1_School closing)"),
              std::string::npos)
        << refused.error().message;
    EXPECT_EQ(fingerprint(), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'policy.import'"), 0);
}

TEST_P(PolicyStore, FullwithnotesExportedFromTheStoreReproducesTheIndicatorColumns) {
    const std::string name = "GBR_fullwithnotes_v1_SCO_WAL_NIR_NAT_2020-2022.csv";
    const std::string text = sample(name);
    const auto imported = import_oxcgrt_file(*m_db, m_clock, who(), name, text);
    ASSERT_TRUE(imported) << imported.error().message;
    std::vector<OxRecord> records;
    for (const auto& [code, level] :
         std::vector<std::pair<std::string, std::string>>{{"GBR", "NAT_TOTAL"},
                                                          {"UK_NIR", "STATE_TOTAL"},
                                                          {"UK_SCO", "STATE_TOTAL"},
                                                          {"UK_WAL", "STATE_TOTAL"}}) {
        auto loaded = load_records(*m_db, code, level);
        ASSERT_TRUE(loaded) << loaded.error().message;
        ASSERT_EQ(loaded->size(), 1096u) << code;
        for (auto& r : *loaded) records.push_back(std::move(r));
    }
    const auto original = parse_csv(text, name);
    const auto back = parse_csv(export_fullwithnotes(records), "export");
    ASSERT_TRUE(original && back);
    ASSERT_EQ(back->header, original->header);
    const int region = original->column("RegionCode"), date = original->column("Date");
    std::map<std::pair<std::string, std::string>, const std::vector<std::string>*> by_key;
    for (const auto& row : back->rows)
        by_key[{row[static_cast<size_t>(region)], row[static_cast<size_t>(date)]}] = &row;
    ASSERT_EQ(by_key.size(), original->rows.size());
    size_t compared = 0;
    for (const auto& row : original->rows) {
        const auto found = by_key.find({row[static_cast<size_t>(region)], row[static_cast<size_t>(date)]});
        ASSERT_NE(found, by_key.end());
        for (size_t col = 0; col < row.size(); ++col) {
            if (original->header[col].find("Index") != std::string::npos) continue;
            ASSERT_EQ((*found->second)[col], row[col])
                << original->header[col] << " " << row[static_cast<size_t>(date)];
            ++compared;
        }
    }
    EXPECT_EQ(compared, 4384u * 134u);
}

INSTANTIATE_TEST_SUITE_P(Engines, PolicyStore, ::testing::ValuesIn(storage::testing::all_engines()),
                         param_name);

}  // namespace
}  // namespace metropoli::homologation
