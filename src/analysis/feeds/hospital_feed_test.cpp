// SPDX-License-Identifier: MIT
// The occupancy rules (absolute sum, highest published percent, 7-day lookback) on the real Red IRAG files,
// on both engines.
#include "analysis/feeds/hospital_feed.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "analysis/engine_fixture.hpp"
#include "analysis/feeds/feed_ingest.hpp"
#include "analysis/releases/release_store.hpp"
#include "core/region_loader.hpp"
#include "core/test_dates.hpp"
#include "metropoli_source_dir.hpp"
#include "storage/migrations.hpp"
#include "storage/test_support.hpp"

namespace metropoli::analysis {

namespace {

const std::string k_hospital_root = METROPOLI_SOURCE_DIR;
const std::string k_hospital_absolute =
    k_hospital_root + "/data/hospital/irag_ocupacion_absoluta_estatal_coah_dgo_20200407_20200906.csv";
const std::string k_hospital_percent =
    k_hospital_root + "/data/hospital/irag_porcentaje_ocupacion_estatal_coah_dgo_20200407_20210205.csv";

using metropoli::testing::day;

// Fields of the line of `path` for (fecha, cve_ent), read without the ingest's parser.
std::vector<double> file_row(const std::string& path, const std::string& date, const std::string& state) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(date + "," + state + ",", 0) != 0) continue;
        std::vector<double> out;
        std::stringstream ss(line);
        std::string f;
        for (int i = 0; std::getline(ss, f, ','); ++i) out.push_back(i >= 3 ? std::stod(f) : 0.0);
        return out;
    }
    ADD_FAILURE() << "no line for " << date << " " << state << " in " << path;
    return std::vector<double>(10, 0.0);
}

}  // namespace

class HospitalOccupancyTest : public testing::EngineFixture {
protected:
    void ingest(const std::string& path) {
        FeedStore store(*m_db);
        auto r = ingest_feed(Feed::hospital, path, m_region, store);
        ASSERT_TRUE(r) << r.error().message;
    }
    std::optional<BedOccupancy> occupancy(const std::string& code, const char* iso) {
        const auto* j = m_region.find(code);
        EXPECT_NE(j, nullptr) << code;
        if (!j) return std::nullopt;
        auto r = hospital_occupancy(*m_db, m_region, *j, day(iso));
        EXPECT_TRUE(r) << r.error().message;
        return r ? *r : std::nullopt;
    }
};

TEST_P(HospitalOccupancyTest, AbsoluteCountsAreSummedOverTheMetroStates) {
    ingest(k_hospital_absolute);
    ingest(k_hospital_percent);
    // Columns: fecha,cve_ent,estado, GEN occupied (3), available, total (5), VENT occupied (6), available,
    // total (8).
    const auto coahuila = file_row(k_hospital_absolute, "2020-07-15", "05");
    const auto durango = file_row(k_hospital_absolute, "2020-07-15", "10");
    const double general = 100.0 * (coahuila[3] + durango[3]) / (coahuila[5] + durango[5]);
    const double ventilator = 100.0 * (coahuila[6] + durango[6]) / (coahuila[8] + durango[8]);

    auto o = occupancy("zm-laguna", "2020-07-15");
    ASSERT_TRUE(o);
    EXPECT_EQ(o->method, "absolute");
    EXPECT_EQ(o->date, day("2020-07-15"));
    ASSERT_TRUE(o->general_pct && o->ventilator_pct);
    EXPECT_DOUBLE_EQ(*o->general_pct, general);
    EXPECT_DOUBLE_EQ(*o->ventilator_pct, ventilator);
    EXPECT_NEAR(*o->general_pct, 100.0 * 398 / 891, 1e-9);  // (322 + 76) / (600 + 291)
    EXPECT_FALSE(o->icu_pct);
    EXPECT_NE(o->detail.find("Coahuila + Durango"), std::string::npos) << o->detail;
    EXPECT_NE(o->detail.find("398 de 891"), std::string::npos) << o->detail;

    // A municipality: its own state only. Torreón is in Coahuila: 322 of 600.
    auto torreon = occupancy("05035", "2020-07-15");
    ASSERT_TRUE(torreon && torreon->general_pct);
    EXPECT_EQ(torreon->method, "absolute");
    EXPECT_DOUBLE_EQ(*torreon->general_pct, 100.0 * coahuila[3] / coahuila[5]);
    auto lerdo = occupancy("10012", "2020-07-15");
    ASSERT_TRUE(lerdo && lerdo->general_pct);
    EXPECT_DOUBLE_EQ(*lerdo->general_pct, 100.0 * durango[3] / durango[5]);
}

TEST_P(HospitalOccupancyTest, PercentTakesTheHighestState) {
    ingest(k_hospital_percent);
    // 2020-07-15: Coahuila 53.66, 32.50, 33.95; Durango 26.11, 36.73, 22.68.
    auto o = occupancy("zm-laguna", "2020-07-15");
    ASSERT_TRUE(o);
    EXPECT_EQ(o->method, "percent");
    EXPECT_EQ(o->general_pct, 53.66);
    EXPECT_EQ(o->icu_pct, 36.73);
    EXPECT_EQ(o->ventilator_pct, 33.95);
    EXPECT_NE(o->detail.find("camas generales Coahuila 53.7 %, Durango 26.1 %"), std::string::npos)
        << o->detail;
    EXPECT_NE(o->detail.find("se toma la mayor"), std::string::npos) << o->detail;
    // One state: its own published figure, Durango's lower one for Gómez Palacio.
    auto gomez = occupancy("10007", "2020-07-15");
    ASSERT_TRUE(gomez);
    EXPECT_EQ(gomez->general_pct, 26.11);
    EXPECT_EQ(gomez->detail.find("se toma la mayor"), std::string::npos) << gomez->detail;
}

TEST_P(HospitalOccupancyTest, APublishedPercentOfALaterDayWinsOverOlderCounts) {
    ingest(k_hospital_absolute);  // ends 2020-09-06
    ingest(k_hospital_percent);
    auto o = occupancy("zm-laguna", "2020-09-10");
    ASSERT_TRUE(o);
    EXPECT_EQ(o->method, "percent");
    EXPECT_EQ(o->date, day("2020-09-10"));
    EXPECT_EQ(o->general_pct, 41.95);  // Durango 41.95 > Coahuila 36.95
    auto same_day = occupancy("zm-laguna", "2020-09-06");
    ASSERT_TRUE(same_day);
    EXPECT_EQ(same_day->method, "absolute");
}

TEST_P(HospitalOccupancyTest, LooksBackSevenDaysAtMost) {
    ingest(k_hospital_absolute);
    // Counts end 2020-09-06: used up to six days later, not seven.
    auto within = occupancy("zm-laguna", "2020-09-12");
    ASSERT_TRUE(within);
    EXPECT_EQ(within->date, day("2020-09-06"));
    EXPECT_EQ(within->method, "absolute");
    EXPECT_FALSE(occupancy("zm-laguna", "2020-09-13"));
    EXPECT_FALSE(occupancy("zm-laguna", "2020-04-06"));  // before the first day

    ingest(k_hospital_percent);
    // 2020-12-04 and 2020-12-05 are missing in the source: the 3rd stands in.
    auto gap = occupancy("05", "2020-12-05");
    ASSERT_TRUE(gap);
    EXPECT_EQ(gap->date, day("2020-12-03"));
    EXPECT_EQ(gap->general_pct, 53.22);
    auto last = occupancy("zm-laguna", "2021-02-11");
    ASSERT_TRUE(last);
    EXPECT_EQ(last->date, day("2021-02-05"));
    EXPECT_EQ(last->icu_pct, 64.28);
    EXPECT_FALSE(occupancy("zm-laguna", "2021-02-12"));
    // The nation spans 32 states; only two are stored.
    EXPECT_FALSE(occupancy("00", "2020-07-15"));
}

INSTANTIATE_TEST_SUITE_P(Engines, HospitalOccupancyTest, ::testing::ValuesIn(storage::testing::all_engines()),
                         testing::engine_param_name);

}  // namespace metropoli::analysis
