// SPDX-License-Identifier: MIT
// Feed ingest and series on both engines, with the bundled real files and the hand-made bad ones in
// tests/data/feeds.
#include "analysis/feeds/feed_ingest.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "access/audit.hpp"
#include "analysis/engine_fixture.hpp"
#include "analysis/feeds/feed_query.hpp"
#include "analysis/releases/release_store.hpp"
#include "core/clock.hpp"
#include "core/region_loader.hpp"
#include "core/test_dates.hpp"
#include "metropoli_source_dir.hpp"
#include "storage/migrations.hpp"
#include "storage/region_store.hpp"
#include "storage/test_support.hpp"

namespace metropoli::analysis {

namespace {

const std::string k_root = METROPOLI_SOURCE_DIR;
const std::string k_absolute =
    k_root + "/data/hospital/irag_ocupacion_absoluta_estatal_coah_dgo_20200407_20200906.csv";
const std::string k_percent =
    k_root + "/data/hospital/irag_porcentaje_ocupacion_estatal_coah_dgo_20200407_20210205.csv";
const std::string k_per_hospital =
    k_root + "/data/hospital/irag_porcentaje_ocupacion_por_hospital_coah_dgo_20200407_20210205.csv";
const std::string k_mobility_2020 = k_root + "/data/mobility/2020_MX_Region_Mobility_Report_coah_dgo.csv";
const std::string k_mobility_2021 = k_root + "/data/mobility/2021_MX_Region_Mobility_Report_coah_dgo.csv";
const std::string k_imss_laguna = k_root + "/data/economy/imss_asegurados_totales_la_laguna_2022.csv";
const std::string k_imss_regions =
    k_root + "/data/economy/imss_asegurados_totales_por_region_ultimo_dato_2022.csv";
std::string bad(const std::string& name) {
    return k_root + "/tests/data/feeds/" + name;
}

// The data lines of a CSV file split at commas (the bundled feed files quote nothing), read independently of
// the ingest's parser.
std::vector<std::vector<std::string>> raw_rows(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::vector<std::string>> out;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::vector<std::string> fields;
        std::stringstream ss(line);
        std::string f;
        while (std::getline(ss, f, ',')) fields.push_back(f);
        if (!line.empty() && line.back() == ',') fields.emplace_back();
        out.push_back(std::move(fields));
    }
    return out;
}

using metropoli::testing::day;

}  // namespace

class FeedIngestTest : public testing::EngineFixture {
protected:
    void SetUp() override {
        EngineFixture::SetUp();
        if (!ready()) return;
        m_store = std::make_unique<FeedStore>(*m_db);
    }

    Result<FeedReport> ingest(Feed feed, const std::string& path) {
        return ingest_feed(feed, path, m_region, *m_store);
    }

    // The stored series, or an empty one after a failed expectation.
    std::vector<std::pair<Date, double>> series(const std::string& jurisdiction, const std::string& metric,
                                                std::optional<Date> from = std::nullopt,
                                                std::optional<Date> to = std::nullopt) {
        FeedSeriesQuery q;
        q.jurisdiction = jurisdiction;
        q.metric = metric;
        q.from = from;
        q.to = to;
        auto r = query_feed_series(*m_store, m_region, q);
        EXPECT_TRUE(r) << r.error().message;
        return r ? r->points : std::vector<std::pair<Date, double>>{};
    }
    std::optional<double> value(const std::string& jurisdiction, const std::string& metric, const char* iso) {
        auto points = series(jurisdiction, metric, day(iso), day(iso));
        if (points.empty()) return std::nullopt;
        return points.front().second;
    }
    uint64_t stored_values() {
        auto files = m_store->list();
        EXPECT_TRUE(files) << files.error().message;
        uint64_t n = 0;
        if (files)
            for (const auto& f : *files) n += f.values;
        return n;
    }

    std::unique_ptr<FeedStore> m_store;
};

TEST_P(FeedIngestTest, HospitalStateAbsoluteLayout) {
    auto r = ingest(Feed::hospital, k_absolute);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->layout, "state-absolute");
    EXPECT_EQ(r->rows_read, 306u);
    EXPECT_EQ(r->rows_kept, 306u);
    EXPECT_EQ(r->values, 306u * 6);
    EXPECT_EQ(r->dates, 153u);
    EXPECT_EQ(r->first, day("2020-04-07"));
    EXPECT_EQ(r->last, day("2020-09-06"));
    EXPECT_EQ(r->jurisdictions, (std::vector<std::string>{"05", "10"}));
    EXPECT_TRUE(r->warnings.empty());
    // 2020-07-15,05,Coahuila,322,278,600,55,107,162 and 2020-07-15,10,Durango,76,215,291,27,92,119
    EXPECT_EQ(value("05", "irag_general_occupied", "2020-07-15"), 322);
    EXPECT_EQ(value("05", "irag_general_total", "2020-07-15"), 600);
    EXPECT_EQ(value("Coahuila", "irag_ventilator_total", "2020-07-15"), 162);
    EXPECT_EQ(value("10", "irag_ventilator_occupied", "2020-07-15"), 27);
    EXPECT_EQ(value("10", "irag_general_available", "2020-07-15"), 215);
    // The whole Durango series against the file.
    double from_file = 0;
    size_t days = 0;
    for (const auto& row : raw_rows(k_absolute)) {
        if (row[1] != "10") continue;
        from_file += std::stod(row[3]);
        ++days;
    }
    const auto stored = series("10", "irag_general_occupied");
    ASSERT_EQ(stored.size(), days);
    double sum = 0;
    for (const auto& [d, v] : stored) sum += v;
    EXPECT_EQ(sum, from_file);
}

TEST_P(FeedIngestTest, HospitalStatePercentLayout) {
    auto r = ingest(Feed::hospital, k_percent);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->layout, "state-percent");
    EXPECT_EQ(r->rows_read, 606u);
    EXPECT_EQ(r->values, 606u * 3);
    EXPECT_EQ(r->dates, 303u);
    EXPECT_EQ(r->last, day("2021-02-05"));
    // 2020-07-15,05,Coahuila de Zaragoza,53.66,32.50,33.95
    EXPECT_EQ(value("05", "irag_general_pct", "2020-07-15"), 53.66);
    EXPECT_EQ(value("05", "irag_icu_pct", "2020-07-15"), 32.50);
    EXPECT_EQ(value("05", "irag_ventilator_pct", "2020-07-15"), 33.95);
    EXPECT_EQ(value("10", "irag_icu_pct", "2021-02-05"), 64.28);
    // 2020-12-04 and 2020-12-05 are absent in the source: absent here, not zero.
    const auto week = series("10", "irag_general_pct", day("2020-12-01"), day("2020-12-07"));
    ASSERT_EQ(week.size(), 5u);
    for (const auto& [d, v] : week) EXPECT_TRUE(d != day("2020-12-04") && d != day("2020-12-05")) << d.iso();
}

TEST_P(FeedIngestTest, HospitalPerHospitalLayout) {
    auto r = ingest(Feed::hospital, k_per_hospital);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->layout, "hospital-percent");
    EXPECT_EQ(r->rows_read, 10492u);
    EXPECT_EQ(r->rows_kept, 10492u);
    EXPECT_EQ(r->units, 43u);
    EXPECT_EQ(r->missing, 79u);  // 39 general and 40 ICU cells are empty
    EXPECT_EQ(r->values, 10492u * 3 - 79);
    ASSERT_FALSE(r->warnings.empty());
    EXPECT_EQ(r->warnings.front().rfind("14 percentages outside 0-100", 0), 0u) << r->warnings.front();

    FeedSeriesQuery q;
    q.hospital = "clims000432";  // HGZMF 16 Torreón, any case
    q.metric = "irag_ventilator_pct";
    auto torreon = query_feed_series(*m_store, m_region, q);
    ASSERT_TRUE(torreon) << torreon.error().message;
    ASSERT_TRUE(torreon->hospital);
    EXPECT_EQ(torreon->hospital->code, "CLIMS000432");
    EXPECT_EQ(torreon->hospital->name, "Hgzmf 16 Torreon");
    EXPECT_EQ(torreon->hospital->institution, "IMSS");
    EXPECT_EQ(torreon->jurisdiction->code, "05");
    EXPECT_EQ(torreon->points.size(), 283u);
    // 2020-07-15,CLIMS000432,Hgzmf 16 Torreon,Coahuila de Zaragoza,IMSS,92,0,56
    const auto it = std::find_if(torreon->points.begin(), torreon->points.end(),
                                 [](const auto& p) { return p.first == day("2020-07-15"); });
    ASSERT_NE(it, torreon->points.end());
    EXPECT_EQ(it->second, 56);
    // Published as is, even when impossible: 2020-06-29 DGSSA000676 general -100.
    q.hospital = "DGSSA000676";
    q.metric = "irag_general_pct";
    q.from = q.to = day("2020-06-29");
    auto gomez = query_feed_series(*m_store, m_region, q);
    ASSERT_TRUE(gomez) << gomez.error().message;
    ASSERT_EQ(gomez->points.size(), 1u);
    EXPECT_EQ(gomez->points.front().second, -100);
    EXPECT_EQ(gomez->jurisdiction->code, "10");
    // Hospitals publish percentages only.
    q.metric = "irag_general_total";
    auto counts = query_feed_series(*m_store, m_region, q);
    ASSERT_FALSE(counts);
    EXPECT_EQ(counts.error().code, ErrorCode::invalid_argument);
}

TEST_P(FeedIngestTest, MobilityStatesWithEmptyCellsMissing) {
    auto r = ingest(Feed::mobility, k_mobility_2020);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->layout, "google-region-mobility");
    EXPECT_EQ(r->rows_read, 642u);
    EXPECT_EQ(r->missing, 25u);
    EXPECT_EQ(r->values, 642u * 6 - 25);
    EXPECT_EQ(r->jurisdictions, (std::vector<std::string>{"05", "10"}));
    auto r2021 = ingest(Feed::mobility, k_mobility_2021);
    ASSERT_TRUE(r2021) << r2021.error().message;
    EXPECT_EQ(r2021->values, 340u * 6);
    // MX,Mexico,Coahuila,...,2020-04-13,-55,-22,-50,-51,-51,21 and Durango
    // ...,2020-04-13,-46,-20,-40,-53,-44,16
    EXPECT_EQ(value("05", "mobility_retail_and_recreation", "2020-04-13"), -55);
    EXPECT_EQ(value("05", "mobility_residential", "2020-04-13"), 21);
    EXPECT_EQ(value("10", "mobility_transit_stations", "2020-04-13"), -53);
    EXPECT_EQ(value("10", "mobility_workplaces", "2021-06-19"), 14);
    // Durango's transit_stations cell is empty on 2020-08-17: no point that day.
    EXPECT_EQ(value("10", "mobility_transit_stations", "2020-08-17"), std::nullopt);
    EXPECT_EQ(value("10", "mobility_workplaces", "2020-08-17"), -27);
    size_t filled = 0;
    for (const auto& row : raw_rows(k_mobility_2020)) filled += row[2] == "Durango" && !row[12].empty();
    for (const auto& row : raw_rows(k_mobility_2021)) filled += row[2] == "Durango" && !row[12].empty();
    EXPECT_EQ(series("10", "mobility_transit_stations").size(), filled);
}

TEST_P(FeedIngestTest, MobilityCountryAndMunicipalRows) {
    auto r = ingest(Feed::mobility, bad("mobility_national_and_municipal.csv"));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->rows_read, 6u);
    EXPECT_EQ(r->rows_kept, 3u);
    EXPECT_EQ(r->rows_out_of_scope, 3u);  // Nuevo León, Mexico City, Brazil
    EXPECT_EQ(r->missing, 1u);
    EXPECT_EQ(r->jurisdictions, (std::vector<std::string>{"00", "05035", "10007"}));
    EXPECT_EQ(value("00", "mobility_residential", "2020-04-13"), 20);
    EXPECT_EQ(value("Torreón", "mobility_retail_and_recreation", "2020-04-13"), -60);
    EXPECT_EQ(value("10007", "mobility_parks", "2020-04-13"), -47);
    // Its only grocery cell is empty: Gómez Palacio has no grocery figure at all, which the query says.
    FeedSeriesQuery q;
    q.jurisdiction = "10007";
    q.metric = "mobility_grocery_and_pharmacy";
    auto grocery = query_feed_series(*m_store, m_region, q);
    ASSERT_FALSE(grocery);
    EXPECT_EQ(grocery.error().code, ErrorCode::not_found);
}

TEST_P(FeedIngestTest, EconomyLaLagunaIsTheMetroZone) {
    auto laguna = ingest(Feed::economy, k_imss_laguna);
    ASSERT_TRUE(laguna) << laguna.error().message;
    EXPECT_EQ(laguna->layout, "imss-region-name");
    EXPECT_EQ(laguna->jurisdictions, (std::vector<std::string>{"zm-laguna"}));
    EXPECT_EQ(laguna->values, 6u);
    auto regions = ingest(Feed::economy, k_imss_regions);
    ASSERT_TRUE(regions) << regions.error().message;
    EXPECT_EQ(regions->layout, "imss-cvegeo");
    EXPECT_EQ(regions->values, 8u);
    EXPECT_EQ(regions->jurisdictions,
              (std::vector<std::string>{"00", "05", "05017", "05035", "10", "10007", "10012", "zm-laguna"}));
    EXPECT_EQ(value("zm-laguna", "imss_insured", "2022-04-30"), 372774);
    EXPECT_EQ(value("05035", "imss_insured", "2022-06-30"), 244679);
    EXPECT_EQ(value("Lerdo", "imss_insured", "2022-06-30"), 16920);
    EXPECT_EQ(value("00", "imss_insured", "2022-02-28"), 29292460);
    // Both files give La Laguna on 2022-06-30 (372,033): one point.
    const auto points = series("zm-laguna", "imss_insured");
    ASSERT_EQ(points.size(), 6u);
    EXPECT_EQ(points.back(), std::make_pair(day("2022-06-30"), 372033.0));
}

TEST_P(FeedIngestTest, BadInputNamesFileLineAndColumnAndStoresNothing) {
    struct Case {
        Feed feed;
        const char* file;
        std::vector<std::string> expected;
    };
    const std::vector<Case> cases = {
        {Feed::hospital, "hospital_bad_date.csv", {"line 3, column 1 (fecha)", "'2020-04-31' is not a date"}},
        {Feed::hospital, "hospital_bad_number.csv", {"line 4, column 5 (IRAG_GEN_Disponibles)", "'7x6'"}},
        {Feed::hospital,
         "hospital_bad_state_code.csv",
         {"line 5, column 2 (cve_ent)", "'99' is not a state code"}},
        {Feed::hospital,
         "hospital_unknown_state.csv",
         {"line 4, column 4 (estado)", "'Coahuilla' is not a Mexican state"}},
        {Feed::mobility,
         "mobility_bad_number.csv",
         {"line 3, column 12 (parks_percent_change_from_baseline)", "'n/a'"}},
        {Feed::mobility,
         "mobility_unknown_municipality.csv",
         {"line 4, column 4 (sub_region_2)", "'Torreon Centro'"}},
        {Feed::economy,
         "economy_ambiguous_name.csv",
         {"line 3, column 2 (region)", "10 (state Durango) or 10005"}},
        {Feed::economy, "economy_bad_cvegeo.csv", {"line 3, column 3 (cvegeo)", "'10099'"}},
        {Feed::economy,
         "economy_conflicting_repeat.csv",
         {"line 4, column 3 (asegurados_totales)", "but line 2 gave 368869"}},
        {Feed::hospital, "hospital_truncated.csv", {"truncated", "last line (6)"}},
    };
    for (const auto& c : cases) {
        auto r = ingest(c.feed, bad(c.file));
        ASSERT_FALSE(r) << c.file;
        EXPECT_EQ(r.error().code, ErrorCode::bad_input) << c.file;
        const auto& message = r.error().message;
        EXPECT_EQ(message.rfind(bad(c.file) + ": ", 0), 0u) << message;
        for (const auto& e : c.expected)
            EXPECT_NE(message.find(e), std::string::npos) << c.file << ": " << message;
        EXPECT_NE(message.find("nothing was stored"), std::string::npos) << message;
    }
    EXPECT_EQ(stored_values(), 0u);
    auto files = m_store->list();
    ASSERT_TRUE(files);
    EXPECT_TRUE(files->empty());
}

TEST_P(FeedIngestTest, UnknownHeaderListsExpectedAndFoundColumns) {
    auto r = ingest(Feed::hospital, bad("hospital_unknown_layout.csv"));
    ASSERT_FALSE(r);
    const auto& message = r.error().message;
    EXPECT_NE(message.find("unknown layout of the hospital (Red IRAG) feed"), std::string::npos) << message;
    EXPECT_NE(message.find("state absolute beds: fecha,cve_ent,estado,IRAG_GEN_Ocupadas,"), std::string::npos)
        << message;
    EXPECT_NE(message.find("hospital percent: fecha,CLUES,"), std::string::npos) << message;
    EXPECT_NE(message.find("found fecha,cve_ent,estado,IRAG_GEN_Ocupada,IRAG_GEN_Disponibles"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("which lacks IRAG_GEN_Ocupadas"), std::string::npos) << message;
    // A mobility file is not a hospital file.
    auto wrong = ingest(Feed::hospital, k_mobility_2020);
    ASSERT_FALSE(wrong);
    EXPECT_NE(wrong.error().message.find("found country_region_code,"), std::string::npos)
        << wrong.error().message;
}

TEST_P(FeedIngestTest, FailingReingestKeepsThePreviousRows) {
    // A folder of our own: the scratch URL is not a path on PostgreSQL.
    const auto dir =
        std::filesystem::temp_directory_path() / ("metropoli_feed_test_" + std::to_string(::getpid()) + "_" +
                                                  storage::testing::engine_name(GetParam()));
    std::filesystem::create_directories(dir);
    struct RemoveAfter {
        std::filesystem::path path;
        ~RemoveAfter() {
            std::error_code ec;
            std::filesystem::remove_all(path, ec);
        }
    } remove_after{dir};
    const std::string name = (dir / "irag_absoluta.csv").string();
    std::filesystem::copy_file(k_absolute, name, std::filesystem::copy_options::overwrite_existing);
    ASSERT_TRUE(ingest(Feed::hospital, name));
    ASSERT_TRUE(ingest(Feed::hospital, k_percent));
    const uint64_t before = stored_values();
    EXPECT_EQ(before, 306u * 6 + 606u * 3);

    // Same file name, now cut short and with a bad number: refused; the stored rows stay.
    std::filesystem::copy_file(bad("hospital_truncated.csv"), name,
                               std::filesystem::copy_options::overwrite_existing);
    ASSERT_FALSE(ingest(Feed::hospital, name));
    std::filesystem::copy_file(bad("hospital_bad_number.csv"), name,
                               std::filesystem::copy_options::overwrite_existing);
    ASSERT_FALSE(ingest(Feed::hospital, name));
    EXPECT_EQ(stored_values(), before);
    EXPECT_EQ(value("10", "irag_general_occupied", "2020-07-15"), 76);

    // A failure inside the transaction (a repeated key, after the old rows were deleted) rolls back too.
    FeedFile file;
    file.feed = Feed::hospital;
    file.source_file = "irag_absoluta.csv";
    file.path = name;
    file.layout = "state-absolute";
    const FeedValue v{"05", "", day("2020-04-07"), "irag_general_occupied", 1};
    auto failed = m_store->replace_file(file, {v, v}, {});
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, ErrorCode::database);
    EXPECT_EQ(stored_values(), before);
    EXPECT_EQ(value("05", "irag_general_occupied", "2020-04-07"), 12);

    // A good re-ingest of that name replaces its rows only.
    {
        std::ofstream out(name, std::ios::trunc);
        out << "fecha,cve_ent,estado,IRAG_GEN_Ocupadas,IRAG_GEN_Disponibles,IRAG_GEN_Total,IRAG_VENT_"
               "Ocupadas,"
               "IRAG_VENT_Disponibles,IRAG_VENT_Total\n2020-04-07,05,Coahuila,13,69,82,3,101,104\n";
    }
    ASSERT_TRUE(ingest(Feed::hospital, name));
    EXPECT_EQ(stored_values(), 6u + 606u * 3);
    EXPECT_EQ(value("05", "irag_general_occupied", "2020-04-07"), 13);
    EXPECT_EQ(value("05", "irag_general_pct", "2020-07-15"), 53.66);
    auto files = m_store->list();
    ASSERT_TRUE(files);
    EXPECT_EQ(files->size(), 2u);
}

TEST_P(FeedIngestTest, EveryStoredFileIsAuditedWithItsActor) {
    access::Attribution by;
    by.actor = access::cli_actor("ana");
    auto first = ingest_feed(Feed::hospital, k_absolute, m_region, *m_store, by);
    ASSERT_TRUE(first) << first.error().message;
    ASSERT_TRUE(ingest_feed(Feed::hospital, k_absolute, m_region, *m_store));  // the system's, by default
    ASSERT_FALSE(ingest_feed(Feed::hospital, bad("hospital_bad_number.csv"), m_region, *m_store, by));
    auto entries = access::audit_entries(*m_db, {});
    ASSERT_TRUE(entries) << entries.error().message;
    ASSERT_EQ(entries->size(), 2u);
    const std::string name = std::filesystem::path(k_absolute).filename().string();
    EXPECT_EQ((*entries)[0].actor, "cli:ana");
    EXPECT_EQ((*entries)[0].action, "feed.ingest");
    EXPECT_EQ((*entries)[0].entity_type, "feed");
    EXPECT_EQ((*entries)[0].entity_id, "hospital:" + name);
    EXPECT_EQ((*entries)[0].diff["values"]["after"], first->values);
    EXPECT_EQ((*entries)[0].diff["layout"]["after"], "state-absolute");
    EXPECT_EQ((*entries)[1].actor, "system");
    EXPECT_EQ((*entries)[1].action, "feed.replace");
    EXPECT_EQ((*entries)[1].diff, nlohmann::json::object());  // the same file again changes nothing
    EXPECT_TRUE(access::verify_chain(*m_db)->intact());
}

TEST_P(FeedIngestTest, QueryForAPlaceWithoutTheFeedSaysSo) {
    FeedSeriesQuery q;
    q.jurisdiction = "10";
    q.metric = "imss_insured";
    auto none = query_feed_series(*m_store, m_region, q);
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().code, ErrorCode::not_found);
    EXPECT_NE(none.error().message.find("ingest the economy feed"), std::string::npos)
        << none.error().message;

    ASSERT_TRUE(ingest(Feed::hospital, k_percent));
    q.jurisdiction = "Torreón";
    q.metric = "irag_general_pct";
    auto municipality = query_feed_series(*m_store, m_region, q);
    ASSERT_FALSE(municipality);
    EXPECT_EQ(municipality.error().code, ErrorCode::not_found);
    const auto& message = municipality.error().message;
    EXPECT_NE(message.find("no irag_general_pct for 05035 (Torreón)"), std::string::npos) << message;
    EXPECT_NE(message.find("05 (Coahuila), 10 (Durango)"), std::string::npos) << message;
    EXPECT_NE(message.find("ask for the state (05) or a hospital (its CLUES)"), std::string::npos) << message;

    q.metric = "irag_beds";
    auto unknown = query_feed_series(*m_store, m_region, q);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::invalid_argument);
}

TEST_P(FeedIngestTest, IngestedAtIsTheClocksTimeExactly) {
    FixedClock clock(*parse_iso_utc("2021-03-12T08:30:05Z"));
    FeedStore store(*m_db, clock);
    ASSERT_TRUE(ingest_feed(Feed::hospital, k_percent, m_region, store));
    clock.advance(std::chrono::seconds(1));
    ASSERT_TRUE(ingest_feed(Feed::economy, k_imss_laguna, m_region, store));
    auto files = store.list();
    ASSERT_TRUE(files) << files.error().message;
    ASSERT_EQ(files->size(), 2u);  // by feed: economy, hospital
    EXPECT_EQ((*files)[0].ingested_at, "2021-03-12T08:30:06Z");
    EXPECT_EQ((*files)[1].ingested_at, "2021-03-12T08:30:05Z");

    clock.set(*parse_iso_utc("2022-01-01T00:00:00Z"));
    ASSERT_TRUE(ingest_feed(Feed::hospital, k_percent, m_region, store));  // replaces the file
    files = store.list();
    ASSERT_TRUE(files) << files.error().message;
    EXPECT_EQ((*files)[1].ingested_at, "2022-01-01T00:00:00Z");
}

INSTANTIATE_TEST_SUITE_P(Engines, FeedIngestTest, ::testing::ValuesIn(storage::testing::all_engines()),
                         testing::engine_param_name);

}  // namespace metropoli::analysis
