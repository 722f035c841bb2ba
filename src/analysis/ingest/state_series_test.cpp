// SPDX-License-Identifier: MIT
// The bundled state series (data/ssa_state/) and the positivity they give. The expected sums were computed
// apart from this code, with Python's csv module over the same files (the day's 7 columns summed per row):
// e.g. Coahuila, 2020-11-04 … 2020-11-10, cut-off 2021-12-07: 2,322 confirmed, 1,831 negative, 414 suspected.
#include "analysis/ingest/state_series.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/test_dates.hpp"
#include "metropoli_source_dir.hpp"

namespace metropoli::analysis {

namespace {

const std::string k_folder = std::string(METROPOLI_SOURCE_DIR) + "/data/ssa_state";

using metropoli::testing::day;

const StateSeries& bundled() {
    static const StateSeries series = [] {
        auto s = StateSeries::read(k_folder);
        if (!s) throw std::runtime_error(s.error().message);
        return std::move(*s);
    }();
    return series;
}

// A scratch folder with the named files and contents.
class StateFolder {
public:
    StateFolder()
        : m_path(std::filesystem::temp_directory_path() / ("state-series-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    ~StateFolder() { std::filesystem::remove_all(m_path); }
    void write(const std::string& name, const std::string& text) const {
        std::ofstream(m_path / name) << text;
    }
    std::string path() const { return m_path.string(); }

private:
    std::filesystem::path m_path;
};

const std::string k_good = "cve_ent,poblacion,nombre,01-03-2020,02-03-2020\n\"05\",3,\"COAHUILA\",1,2\n";

}  // namespace

TEST(StateSeriesTest, ReadsTheFiveBundledCutoffsWithTheirThreeKinds) {
    const auto& s = bundled();
    ASSERT_EQ(s.cutoffs().size(), 5u);
    const std::vector<std::string> expected = {"2020-05-27", "2021-10-11", "2021-10-18", "2021-10-26",
                                               "2021-12-07"};
    for (size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(s.cutoffs()[i].cutoff.iso(), expected[i]);
        EXPECT_EQ(s.cutoffs()[i].states.size(), 3u);  // Coahuila, Durango, national
    }
    // PROVENANCE.md's totals: the sums over every column of the 2020-05-27 files.
    const auto& may = s.cutoffs().front().states.at("05");
    uint64_t confirmed = 0, negative = 0, suspected = 0;
    for (auto v : may[0].counts) confirmed += v;
    for (auto v : may[1].counts) negative += v;
    for (auto v : may[2].counts) suspected += v;
    EXPECT_EQ(confirmed, 965u);
    EXPECT_EQ(negative, 5538u);
    EXPECT_EQ(suspected, 1811u);
    EXPECT_EQ(may[0].first.iso(), "2020-01-13");
    EXPECT_EQ(may[1].first.iso(), "2019-12-31");
}

TEST(StateSeriesTest, PositivityOfTheWeekByTheNewestCutoffThatCoversTheDay) {
    const auto p = bundled().positivity("05", day("2020-11-10"), 14);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->cutoff.iso(), "2021-12-07");
    EXPECT_EQ(p->window_from.iso(), "2020-11-04");
    EXPECT_EQ(p->window_to.iso(), "2020-11-10");
    EXPECT_EQ(p->confirmed, 2322u);
    EXPECT_EQ(p->negative, 1831u);
    EXPECT_EQ(p->suspected, 414u);
    EXPECT_NEAR(*p->percent, 55.911389357, 1e-6);
    EXPECT_NEAR(*p->pending_percent, 9.065031750, 1e-6);
    EXPECT_TRUE(p->complete);

    const auto dgo = bundled().positivity("10", day("2020-11-10"), 14);
    ASSERT_TRUE(dgo);
    EXPECT_NEAR(*dgo->percent, 61.588946459, 1e-6);
}

TEST(StateSeriesTest, AnEarlierCutoffGivesTheFiguresAsPublishedThen) {
    const auto& may = bundled().cutoffs().front();
    const auto then = StateSeries::positivity(may, "05", day("2020-05-13"), 14);
    ASSERT_TRUE(then);
    EXPECT_EQ(then->confirmed, 131u);
    EXPECT_EQ(then->negative, 774u);
    EXPECT_EQ(then->suspected, 145u);
    EXPECT_TRUE(then->complete);  // 14 days before the 27 May cut-off: its last complete day, as for releases
    EXPECT_FALSE(StateSeries::positivity(may, "05", day("2020-05-14"), 14)->complete);
    const auto later = bundled().positivity("05", day("2020-05-13"), 14);
    ASSERT_TRUE(later);
    EXPECT_EQ(later->confirmed, 145u);
    EXPECT_EQ(later->negative, 850u);
    EXPECT_EQ(later->suspected, 59u);
    EXPECT_NEAR(*later->percent, 14.572864322, 1e-6);
    EXPECT_TRUE(later->complete);
    // The cut-off itself decides only for days on or before it.
    EXPECT_FALSE(StateSeries::positivity(may, "05", day("2020-05-28"), 14));
}

TEST(StateSeriesTest, DaysBeforeAFilesFirstColumnCountNobodyAndTheLastWeeksAreIncomplete) {
    // Durango's Confirmados of 2021-12-07 start on 2020-02-26: the week to 2020-02-28 has no confirmed case.
    const auto p = bundled().positivity("10", day("2020-02-28"), 14);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->confirmed, 0u);
    EXPECT_EQ(p->negative, 20u);
    EXPECT_EQ(p->suspected, 24u);
    EXPECT_EQ(*p->percent, 0.0);
    const auto late = bundled().positivity("05", day("2021-11-30"), 14);
    ASSERT_TRUE(late);
    EXPECT_EQ(late->confirmed, 976u);
    EXPECT_EQ(late->negative, 2925u);
    EXPECT_FALSE(late->complete);
}

TEST(StateSeriesTest, NoCutoffCoversADayAfterTheNewestOrAnUnknownState) {
    EXPECT_FALSE(bundled().positivity("05", day("2022-03-19"), 14));
    EXPECT_FALSE(bundled().positivity("19", day("2020-11-10"), 14));
    auto none = StateSeries::read(k_folder + "/no such folder");
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->cutoffs().empty());
}

TEST(StateSeriesTest, ACutoffWithoutOneOfItsThreeKindsIsRefusedByName) {
    StateFolder f;
    f.write("Casos_Diarios_Estado_Nacional_Confirmados_20200302.csv", k_good);
    f.write("Casos_Diarios_Estado_Nacional_Sospechosos_20200302.csv", k_good);
    auto s = StateSeries::read(f.path());
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().message.find("the cut-off 2020-03-02 has no Negativos file"), std::string::npos)
        << s.error().message;
}

TEST(StateSeriesTest, ABadCountOrCodeOrLayoutNamesTheFileLineAndColumn) {
    {
        StateFolder f;
        f.write("Casos_Diarios_Estado_Nacional_Negativos_x.csv",
                "cve_ent,poblacion,nombre,01-03-2020,02-03-2020\n\"05\",3,\"COAHUILA\",1,-2\n");
        auto s = StateSeries::read(f.path());
        ASSERT_FALSE(s);
        EXPECT_NE(s.error().message.find("Negativos_x.csv: line 2, column 5 (02-03-2020): '-2' is not a "
                                         "non-negative count"),
                  std::string::npos)
            << s.error().message;
    }
    {
        StateFolder f;
        f.write("Casos_Diarios_Estado_Nacional_Negativos_x.csv",
                "cve_ent,poblacion,nombre,01-03-2020\n\"05035\",3,\"TORREON\",1\n");
        auto s = StateSeries::read(f.path());
        ASSERT_FALSE(s);
        EXPECT_NE(s.error().message.find("line 2, column 1: '05035' is not a state code"), std::string::npos)
            << s.error().message;
    }
    {
        StateFolder f;
        f.write("Casos_Diarios_Estado_Nacional_Negativos_x.csv", "estado,01-03-2020\nCoahuila,1\n");
        auto s = StateSeries::read(f.path());
        ASSERT_FALSE(s);
        EXPECT_NE(s.error().message.find("unknown layout of the state series"), std::string::npos)
            << s.error().message;
    }
    {
        StateFolder f;
        f.write("Casos_Diarios_Estado_Nacional_Negativos_a.csv", k_good);
        f.write("Casos_Diarios_Estado_Nacional_Negativos_b.csv", k_good);
        auto s = StateSeries::read(f.path());
        ASSERT_FALSE(s);
        EXPECT_NE(s.error().message.find("two Negativos files with the cut-off 2020-03-02"),
                  std::string::npos)
            << s.error().message;
    }
}

}  // namespace metropoli::analysis
