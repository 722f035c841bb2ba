// SPDX-License-Identifier: MIT
// The region's observations in OxCGRT's layouts, on both engines: Gómez Palacio's own measures (GOV) and the
// resident's TOTAL (Durango's curfew imputed) exported in the fullwithnotes layout, imported back as an
// OxCGRT file and exported again byte for byte; drafts never exported; the timeseries layout of the TOTAL
// read back as published values that the computed index matches on every day.
#include "homologation/region_export.hpp"

#include <gtest/gtest.h>

#include "homologation/compare.hpp"
#include "homologation/observation_fixture.hpp"
#include "homologation/oxcgrt_export.hpp"
#include "homologation/policy_store.hpp"

namespace metropoli::homologation::testing {
namespace {

class RegionExport : public ObservationTest {
protected:
    void SetUp() override {
        ObservationTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        // Durango's curfew for the whole state, 3-17 Nov 2020; Gómez Palacio's own workplace rule from 5 Nov
        // until further notice; a draft of school closing that counts for nothing.
        ObservationInput curfew = input("10", "C6", "2", 1, "2020-11-03", "2020-11-17");
        curfew.scope = "WIDE";
        curfew.extensions.curfew_from = "22:00";
        curfew.extensions.curfew_to = "05:00";
        approved(curfew);
        approved(input("10007", "C2", "2", 1, "2020-11-05"));
        approved(input("10007", "H6", "3", 1, "2020-11-01", "2020-11-20"));
        // The federation's measures of the month, so that the Stringency Index has its components.
        for (const auto& [indicator, value] : std::vector<std::pair<const char*, const char*>>{
                 {"C1", "1"}, {"C3", "2"}, {"C4", "3"}, {"C5", "1"}, {"C7", "1"}, {"C8", "1"}, {"H1", "2"}})
            approved(input("00", indicator, value,
                           std::string(indicator) == "C8" ? std::nullopt : std::optional<int>(1),
                           "2020-11-01", "2020-11-30"));
        auto draft =
            record_observation(*m_db, m_clock, m_cli, "", input("10007", "C1", "3", 1, "2020-11-01"));
        ASSERT_TRUE(draft) << draft.error().message;
    }
};

TEST_P(RegionExport, AMunicipalitysGovAndTotalRoundTripThroughTheFullWithNotesLayout) {
    const Date from = day("2020-11-01"), to = day("2020-11-30");
    auto gov = region_records(*m_db, "10007", "GOV", from, to);
    ASSERT_TRUE(gov) << gov.error().message;
    ASSERT_EQ(gov->size(), 30u) << "H6 from the 1st, C2 open-ended to the last day asked";
    EXPECT_EQ(gov->front().level, "CITY_GOV");
    EXPECT_EQ(gov->front().region_code, "10007");
    EXPECT_EQ(gov->front().region_name, "Gómez Palacio");
    EXPECT_EQ(gov->front().country_code, "MEX");
    for (const auto& r : *gov)
        for (const auto& v : r.values) EXPECT_NE(v.indicator, "C1") << "a draft is never exported";
    auto total = region_records(*m_db, "10007", "TOTAL", from, to);
    ASSERT_TRUE(total) << total.error().message;
    ASSERT_EQ(total->size(), 30u);
    const auto c6_on = [&](const std::vector<OxRecord>& records, const char* iso) -> std::string {
        for (const auto& r : records)
            if (r.date == day(iso))
                for (const auto& v : r.values)
                    if (v.indicator == "C6") return v.value + "/" + (v.flag ? std::to_string(*v.flag) : "");
        return "";
    };
    EXPECT_EQ(c6_on(*total, "2020-11-10"), "2/1") << "the state's curfew is the resident's";
    EXPECT_EQ(c6_on(*total, "2020-11-20"), "");
    EXPECT_EQ(total->front().level, "CITY_TOTAL");

    std::vector<OxRecord> both = *gov;
    both.insert(both.end(), total->begin(), total->end());
    const std::string text = export_fullwithnotes(both);
    auto imported = import_oxcgrt_file(*m_db, m_clock, {m_cli, ""}, "region_10007_fullwithnotes.csv", text);
    ASSERT_TRUE(imported) << imported.error().message;
    EXPECT_EQ(imported->layout, "fullwithnotes");
    EXPECT_EQ(imported->records, 60u);
    auto gov_back = load_records(*m_db, "10007", "CITY_GOV");
    auto total_back = load_records(*m_db, "10007", "CITY_TOTAL");
    ASSERT_TRUE(gov_back && total_back);
    std::vector<OxRecord> again = *gov_back;
    again.insert(again.end(), total_back->begin(), total_back->end());
    const std::string second = export_fullwithnotes(again);
    EXPECT_EQ(second, text) << "byte for byte";
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 61);
    std::cout << "region round trip (" << storage::testing::engine_name(GetParam()) << "): " << both.size()
              << " records of 10007 (CITY_GOV, CITY_TOTAL), " << text.size()
              << " bytes, identical after import\n";
}

TEST_P(RegionExport, TheTimeseriesOfTheTotalIsReadBackAsPublishedValuesEqualToTheComputedOnes) {
    const Date from = day("2020-11-01"), to = day("2020-11-30");
    auto total = region_records(*m_db, "10007", "TOTAL", from, to);
    ASSERT_TRUE(total) << total.error().message;
    const std::string series = export_timeseries(*total, Index::si, Variant::average, from, to);
    EXPECT_EQ(
        series.rfind("CountryCode,CountryName,RegionCode,RegionName,CityCode,CityName,Jurisdiction,01Nov2020,"
                     "02Nov2020,",
                     0),
        0u);
    EXPECT_NE(series.find("\r\nMEX,México,10007,Gómez Palacio,,,CITY_TOTAL,"), std::string::npos) << series;
    // The records themselves, then their index as OxCGRT publishes it: compare finds every value equal.
    ASSERT_TRUE(import_oxcgrt_file(*m_db, m_clock, {m_cli, ""}, "total.csv", export_fullwithnotes(*total)));
    auto published =
        import_oxcgrt_file(*m_db, m_clock, {m_cli, ""}, "timeseries_StringencyIndex_10007.csv", series);
    ASSERT_TRUE(published) << published.error().message;
    auto days = load_days(*m_db, "10007", "CITY_TOTAL");
    auto sets = load_published(*m_db, "10007", "CITY_TOTAL");
    ASSERT_TRUE(days && sets);
    size_t equal = 0, mismatches = 0;
    for (const auto& set : *sets) {
        if (set.source.find("timeseries") == std::string::npos) continue;  // the records' own index columns
        const auto c = compare_published(*days, set.values, {});
        for (const auto& row : c.rows)
            if (row.index == Index::si) equal += static_cast<size_t>(row.equal);
        mismatches += static_cast<size_t>(c.total_mismatches());
    }
    EXPECT_GT(equal, 0u);
    EXPECT_EQ(mismatches, 0u);
    std::cout << "region timeseries (" << storage::testing::engine_name(GetParam())
              << "): SI of 10007 CITY_TOTAL, " << equal << " days equal to the computed, " << mismatches
              << " mismatches\n";
    auto bad = region_records(*m_db, "10", "TOTAL", from, to);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message.rfind("/level:", 0), 0u) << bad.error().message;
}

INSTANTIATE_TEST_SUITE_P(Engines, RegionExport,
                         ::testing::Values(storage::Engine::sqlite, storage::Engine::postgresql), param_name);

}  // namespace
}  // namespace metropoli::homologation::testing
