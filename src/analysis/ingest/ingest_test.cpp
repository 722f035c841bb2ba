// SPDX-License-Identifier: MIT
// Ingest and query on both engines, with the real extracts and the hand-made bad files in tests/data/ssa.
#include <gtest/gtest.h>

#include <fstream>

#include "access/audit.hpp"
#include "analysis/engine_fixture.hpp"
#include "analysis/ingest/municipal_ingest.hpp"
#include "analysis/ingest/ssa_ingest.hpp"
#include "analysis/releases/series_query.hpp"
#include "core/clock.hpp"
#include "core/region_loader.hpp"
#include "metropoli_source_dir.hpp"
#include "storage/data_generation.hpp"
#include "storage/migrations.hpp"
#include "storage/region_store.hpp"
#include "storage/test_support.hpp"

namespace metropoli::analysis {

namespace {

const std::string k_root = METROPOLI_SOURCE_DIR;
const std::string k_sample_2020 = k_root + "/data/ssa/samples/datos_abiertos_20200430_coah_dgo.csv";
std::string bad(const std::string& name) {
    return k_root + "/tests/data/ssa/" + name;
}

class IngestTest : public testing::EngineFixture {
protected:
    void SetUp() override {
        EngineFixture::SetUp();
        if (!ready()) return;
        m_store = std::make_unique<ReleaseStore>(*m_db);
    }

    Result<IngestReport> ingest(const std::string& path, SsaIngestOptions options = {}) {
        IngestReport report;
        options.threads = 2;
        options.chunk_bytes = 64 * 1024;  // several chunks even for the small extract
        return ingest_ssa(path, m_region, *m_store, options, report);
    }
    uint64_t total(const std::string& j, Measure m, std::optional<Basis> b = std::nullopt) {
        SeriesQuery q;
        q.jurisdiction = j;
        q.measure = m;
        q.basis = b;
        auto r = query_series(*m_store, m_region, q);
        EXPECT_TRUE(r) << r.error().message;
        uint64_t t = 0;
        if (r)
            for (auto& [d, v] : r->points) t += v;
        return t;
    }

    std::unique_ptr<ReleaseStore> m_store;
};

}  // namespace

TEST_P(IngestTest, ProgressIsReportedThroughTheCallbackUpToTheWholeFile) {
    std::vector<IngestProgress>
        reports;  // the reader thread calls back; this test only reads after the ingest
    SsaIngestOptions options;
    options.on_progress = [&reports](const IngestProgress& p) { reports.push_back(p); };
    auto report = ingest(k_sample_2020, options);
    ASSERT_TRUE(report) << report.error().message;
    ASSERT_GE(reports.size(), 2u);  // 64 KiB chunks: several updates, then the last one
    for (size_t i = 0; i + 1 < reports.size(); ++i) {
        EXPECT_FALSE(reports[i].done) << i;
        EXPECT_LE(reports[i].bytes_done, reports[i + 1].bytes_done) << i;
    }
    const IngestProgress& last = reports.back();
    EXPECT_TRUE(last.done);
    EXPECT_EQ(last.bytes_total, report->bytes);
    EXPECT_EQ(last.bytes_done, last.bytes_total);
    EXPECT_EQ(last.rows, report->rows_read);
}

TEST_P(IngestTest, RealExtractOf2020IngestsAndSumsTheMetro) {
    auto report = ingest(k_sample_2020);
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->release_date, "2020-04-30");
    EXPECT_EQ(report->schema, "2020-resultado");
    EXPECT_EQ(report->rows_read, 4370u);
    EXPECT_EQ(report->rows_kept, 4370u);
    EXPECT_EQ(report->rows_rejected, 0u);
    const uint64_t zm = total("zm-laguna", Measure::confirmed);
    uint64_t sum = 0;
    for (const char* m : {"05009", "05017", "05035", "10007", "10012"}) sum += total(m, Measure::confirmed);
    EXPECT_EQ(zm, sum);
    EXPECT_GT(zm, 0u);
    EXPECT_EQ(total("05", Measure::tested) + total("10", Measure::tested), 4370u);  // everyone had a sample
    // Age and sex cells add up to the totals.
    SeriesQuery q;
    q.jurisdiction = "Torreón";
    q.measure = Measure::confirmed;
    uint64_t by_sex = 0;
    for (int sex = 0; sex < k_sex_count; ++sex) {
        q.sex = sex;
        auto r = query_series(*m_store, m_region, q);
        ASSERT_TRUE(r) << r.error().message;
        for (auto& [d, v] : r->points) by_sex += v;
    }
    EXPECT_EQ(by_sex, total("05035", Measure::confirmed));
}

TEST_P(IngestTest, ReingestReplacesTheRelease) {
    ASSERT_TRUE(ingest(k_sample_2020));
    const uint64_t before = total("zm-laguna", Measure::confirmed);
    ASSERT_TRUE(ingest(bad("release_20200430.zip")));  // same release, from the zip
    auto releases = m_store->list();
    ASSERT_TRUE(releases);
    ASSERT_EQ(releases->size(), 1u);
    EXPECT_EQ(total("zm-laguna", Measure::confirmed), before);
}

TEST_P(IngestTest, EveryTableCountsInTheDataGenerationAndOnlyAStoredIngestBumpsIt) {
    auto missing = storage::tables_without_generation_triggers(*m_db);
    ASSERT_TRUE(missing) << missing.error().message;
    EXPECT_TRUE(missing->empty()) << "tables without the data generation triggers: " << missing->front();
    const auto before = storage::data_generation(*m_db);
    ASSERT_TRUE(before) << before.error().message;
    ASSERT_TRUE(ingest(k_sample_2020));
    const auto stored = storage::data_generation(*m_db);
    ASSERT_TRUE(stored) << stored.error().message;
    EXPECT_GT(*stored, *before);
    ASSERT_FALSE(ingest(bad("truncated.csv")));  // nothing stored: the same generation
    EXPECT_EQ(*storage::data_generation(*m_db), *stored);
}

TEST_P(IngestTest, TruncatedInputStoresNothingAndKeepsThePreviousRelease) {
    ASSERT_TRUE(ingest(k_sample_2020));
    const uint64_t before = total("zm-laguna", Measure::confirmed);
    for (const char* file : {"truncated.csv", "truncated.zip"}) {
        auto r = ingest(bad(file));
        ASSERT_FALSE(r) << file;
        EXPECT_EQ(r.error().code, ErrorCode::bad_input);
        EXPECT_NE(r.error().message.find("truncated"), std::string::npos) << r.error().message;
        EXPECT_EQ(total("zm-laguna", Measure::confirmed), before) << file;
    }
}

TEST_P(IngestTest, RejectsAndSetAsideFieldsAreReportedWithLineAndColumn) {
    auto r = ingest(bad("bad_values.csv"));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->rows_read, 6u);
    EXPECT_EQ(r->rows_rejected, 2u);
    ASSERT_EQ(r->rejects.size(), 2u);
    EXPECT_EQ(r->rejects[0].line, 4u);
    EXPECT_EQ(r->rejects[0].column, "MUNICIPIO_RES");
    EXPECT_EQ(r->rejects[1].line, 5u);
    EXPECT_NE(r->rejects[1].reason.find("10777"), std::string::npos) << r->rejects[1].reason;
    ASSERT_EQ(r->set_aside.size(), 2u);
    EXPECT_EQ(r->set_aside[0].column, "FECHA_DEF");
    EXPECT_EQ(r->set_aside[0].value, "-001-11-30");
    EXPECT_EQ(r->set_aside[0].first_line, 3u);
    EXPECT_EQ(r->set_aside[1].column, "SEXO");
    EXPECT_EQ(r->set_aside[1].value, "5");

    auto counted = ingest(bad("bad_field_count.csv"));
    ASSERT_TRUE(counted);
    ASSERT_EQ(counted->rejects.size(), 1u);
    EXPECT_EQ(counted->rejects[0].line, 5u);
    EXPECT_EQ(counted->rejects[0].reason, "expected 35 fields, found 34");
}

TEST_P(IngestTest, StrictStopsAtTheFirstRejectAndStoresNothing) {
    SsaIngestOptions strict;
    strict.strict = true;
    auto r = ingest(bad("bad_values.csv"), strict);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("line 4"), std::string::npos) << r.error().message;
    EXPECT_TRUE(m_store->list()->empty());
}

TEST_P(IngestTest, UnknownLayoutAndOtherDefects) {
    auto r = ingest(bad("unknown_layout.csv"));
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("found 3 columns"), std::string::npos);
    auto l = ingest(bad("latin1.csv"));
    ASSERT_TRUE(l) << l.error().message;
    EXPECT_EQ(l->rows_rejected, 0u);
    // Fewer rows kept than latin1.csv's release of the same date (its odd record is rejected): a replacement
    // only when asked for.
    ASSERT_FALSE(ingest(bad("mixed_release.csv")));
    SsaIngestOptions anyway;
    anyway.replacement = Replacement::anyway;
    auto mixed = ingest(bad("mixed_release.csv"), anyway);
    ASSERT_TRUE(mixed) << mixed.error().message;
    ASSERT_EQ(mixed->rejects.size(), 1u);
    EXPECT_EQ(mixed->rejects[0].line, 4u);
    EXPECT_EQ(mixed->rejects[0].column, "FECHA_ACTUALIZACION");
}

TEST_P(IngestTest, MunicipalSeriesAreStoredExactly) {
    IngestReport report;
    auto r = ingest_municipal(
        k_root + "/data/ssa_municipal/Casos_Diarios_Municipio_Confirmados_20220402_coah_dgo.csv", m_region,
        *m_store, {}, report);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->rows_kept, 77u);
    EXPECT_EQ(total("05035", Measure::confirmed), 29695u);  // PROVENANCE.md: Torreón 29,695
    EXPECT_EQ(total("10007", Measure::confirmed), 13394u);
    IngestReport deaths_report;
    auto d = ingest_municipal(
        k_root + "/data/ssa_municipal/Casos_Diarios_Municipio_Defunciones_20210312_coah_dgo.csv", m_region,
        *m_store, {}, deaths_report);
    ASSERT_TRUE(d) << d.error().message;
    EXPECT_EQ(d->schema, "municipal-wide-dd-mm-yyyy");
    EXPECT_GT(total("zm-laguna", Measure::deaths), 0u);
}

INSTANTIATE_TEST_SUITE_P(Engines, IngestTest, ::testing::ValuesIn(storage::testing::all_engines()),
                         testing::engine_param_name);

}  // namespace metropoli::analysis

namespace metropoli::analysis {

TEST_P(IngestTest, DefaultReleaseIsTheNewestWithDataForThePlace) {
    ASSERT_TRUE(ingest(k_sample_2020));
    const uint64_t torreon = total("05035", Measure::confirmed);
    // The 2022 extract is of Baja California; its three Coahuila/Durango records are not Torreón's.
    auto newer = ingest(k_root + "/data/ssa/samples/covidmx_sample_20220714_bc_bcs.csv");
    ASSERT_TRUE(newer) << newer.error().message;
    EXPECT_EQ(newer->rows_kept, 3u);
    EXPECT_EQ(total("05035", Measure::confirmed), torreon);
    EXPECT_EQ(torreon, 50u);  // the raw rows: RESULTADO 1, residence 05035
}

// What `metropoli releases` and /api/v1/releases show is the clock's time, as written, on both write paths:
// a release inserted, and a municipal measure replaced inside an existing release (an UPDATE).
TEST_P(IngestTest, IngestedAtIsTheClocksTimeExactly) {
    FixedClock clock(*parse_iso_utc("2021-03-12T08:30:05Z"));
    ReleaseStore store(*m_db, clock);
    IngestReport report;
    SsaIngestOptions options;
    options.threads = 2;
    ASSERT_TRUE(ingest_ssa(k_sample_2020, m_region, store, options, report));
    const std::string municipal =
        k_root + "/data/ssa_municipal/Casos_Diarios_Municipio_Confirmados_20220402_coah_dgo.csv";
    clock.advance(std::chrono::minutes(90));
    IngestReport first;
    ASSERT_TRUE(ingest_municipal(municipal, m_region, store, {}, first));
    auto listed = store.list();
    ASSERT_TRUE(listed) << listed.error().message;
    ASSERT_EQ(listed->size(), 2u);
    EXPECT_EQ((*listed)[0].ingested_at, "2021-03-12T08:30:05Z");  // ssa 2020-04-30
    EXPECT_EQ((*listed)[1].ingested_at, "2021-03-12T10:00:05Z");  // municipal 2022-04-02

    clock.set(*parse_iso_utc("2022-04-03T00:00:00Z"));
    IngestReport again;
    ASSERT_TRUE(ingest_municipal(municipal, m_region, store, {}, again));
    listed = store.list();
    ASSERT_TRUE(listed) << listed.error().message;
    EXPECT_EQ((*listed)[0].ingested_at, "2021-03-12T08:30:05Z");
    EXPECT_EQ((*listed)[1].ingested_at, "2022-04-03T00:00:00Z");
}

}  // namespace metropoli::analysis

namespace metropoli::analysis {

// A zip holding the whole release and, first, a one-state extract of it: loading "the first CSV" would
// replace the release with the extract. It is refused with the members' names; --member picks one.
TEST_P(IngestTest, AZipOfSeveralCsvFilesIsRefusedUnlessAMemberIsNamed) {
    const std::string zip = bad("two_members.zip");
    auto refused = ingest(zip);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::bad_input);
    for (const char* part : {"2 CSV files", "200430COVID19MEXICO_coahuila.csv", "200430COVID19MEXICO.csv",
                             "name the member", "Nothing was stored"})
        EXPECT_NE(refused.error().message.find(part), std::string::npos) << refused.error().message;
    auto listed = m_store->list();
    ASSERT_TRUE(listed);
    EXPECT_TRUE(listed->empty());

    SsaIngestOptions options;
    options.member = "200430COVID19MEXICO.csv";
    auto whole = ingest(zip, options);
    ASSERT_TRUE(whole) << whole.error().message;
    EXPECT_EQ(whole->rows_kept, 4370u);

    options.member = "no_such.csv";
    auto missing = ingest(zip, options);
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("no member no_such.csv"), std::string::npos)
        << missing.error().message;

    options.member = "200430COVID19MEXICO.csv";
    auto not_zip = ingest(k_sample_2020, options);
    ASSERT_FALSE(not_zip);
    EXPECT_EQ(not_zip.error().code, ErrorCode::invalid_argument);
}

// A release replaces a stored one of the same date only when it holds at least as much: the one-state extract
// of the same release (fewer rows), or the same file under a narrower scope, is refused and the stored
// release stays whole; --replace (Replacement::anyway) replaces it.
TEST_P(IngestTest, AReleaseIsNeverReplacedByOneThatHoldsLess) {
    SsaIngestOptions national;
    national.scope = Scope::national;
    ASSERT_TRUE(ingest(k_sample_2020, national));
    const uint64_t metro = total("zm-laguna", Measure::confirmed);
    const uint64_t gomez = total("10007", Measure::confirmed);
    ASSERT_GT(gomez, 0u);

    SsaIngestOptions extract = national;
    extract.member = "200430COVID19MEXICO_coahuila.csv";
    auto smaller = ingest(bad("two_members.zip"), extract);
    ASSERT_FALSE(smaller);
    EXPECT_EQ(smaller.error().code, ErrorCode::conflict);
    for (const char* part :
         {"4,370 rows kept", "3,643 rows kept", "asked for explicitly", "nothing was stored"})
        EXPECT_NE(smaller.error().message.find(part), std::string::npos) << smaller.error().message;
    EXPECT_EQ(total("zm-laguna", Measure::confirmed), metro);

    auto narrower = ingest(k_sample_2020);  // the region's scope under a national release
    ASSERT_FALSE(narrower);
    EXPECT_EQ(narrower.error().code, ErrorCode::conflict);
    EXPECT_NE(narrower.error().message.find("scope region:"), std::string::npos) << narrower.error().message;

    ASSERT_TRUE(ingest(k_sample_2020, national));  // the same release again: as much, so it replaces

    extract.replacement = Replacement::anyway;
    auto forced = ingest(bad("two_members.zip"), extract);
    ASSERT_TRUE(forced) << forced.error().message;
    EXPECT_EQ(total("10007", Measure::confirmed), 0u);  // Durango's records were not in the extract
    auto releases = m_store->list();
    ASSERT_TRUE(releases);
    ASSERT_EQ(releases->size(), 1u);
    EXPECT_EQ((*releases)[0].info.rows_kept, 3643u);
}

// One municipal file per measure: a file of that measure with fewer municipalities than the stored series, or
// a narrower scope, is refused, and the stored series stay.
TEST_P(IngestTest, AMunicipalFileWithFewerSeriesIsRefused) {
    const std::string file =
        k_root + "/data/ssa_municipal/Casos_Diarios_Municipio_Confirmados_20220402_coah_dgo.csv";
    IngestReport report;
    ASSERT_TRUE(ingest_municipal(file, m_region, *m_store, {}, report));
    const uint64_t torreon = total("05035", Measure::confirmed), gomez = total("10007", Measure::confirmed);

    // The same file without its last 38 rows (Gómez Palacio and Lerdo among them).
    const std::string fewer = ::testing::TempDir() + "Casos_Diarios_Municipio_Confirmados_20220402_fewer.csv";
    {
        std::ifstream in(file);
        std::ofstream out(fewer);
        std::string line;
        for (int n = 0; n < 40 && std::getline(in, line); ++n) out << line << "\n";
    }
    IngestReport fewer_report;
    auto refused = ingest_municipal(fewer, m_region, *m_store, {}, fewer_report);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::conflict);
    EXPECT_NE(refused.error().message.find("series"), std::string::npos) << refused.error().message;
    EXPECT_EQ(total("05035", Measure::confirmed), torreon);
    EXPECT_EQ(total("10007", Measure::confirmed), gomez);

    MunicipalIngestOptions anyway;
    anyway.replacement = Replacement::anyway;
    IngestReport forced;
    ASSERT_TRUE(ingest_municipal(fewer, m_region, *m_store, anyway, forced));
    EXPECT_EQ(total("05035", Measure::confirmed), torreon);
    EXPECT_EQ(total("10007", Measure::confirmed), 0u);
}

// Every stored release leaves one audit entry by its actor, in its transaction; a refused one leaves none.
TEST_P(IngestTest, EveryStoredReleaseIsAuditedWithItsActorAndARefusedOneIsNot) {
    SsaIngestOptions options;
    options.by.actor = access::cli_actor("ana");
    auto first = ingest(k_sample_2020, options);
    ASSERT_TRUE(first) << first.error().message;
    auto entries = access::audit_entries(*m_db, {});
    ASSERT_TRUE(entries) << entries.error().message;
    ASSERT_EQ(entries->size(), 1u);
    const auto& e = (*entries)[0];
    EXPECT_EQ(e.actor, "cli:ana");
    EXPECT_EQ(e.action, "release.ingest");
    EXPECT_EQ(e.entity_type, "release");
    EXPECT_EQ(e.entity_id, "ssa:2020-04-30");
    EXPECT_EQ(e.diff["rows_kept"]["before"], nullptr);
    EXPECT_EQ(e.diff["rows_kept"]["after"], first->rows_kept);
    EXPECT_EQ(e.diff["series"]["after"], first->series_written);
    EXPECT_EQ(e.diff["rows_read"]["after"], first->rows_read);

    // The narrower scope is refused: no entry. The same release again: "release.replace", nothing changed
    // but the files named.
    SsaIngestOptions national = options;
    national.scope = Scope::national;
    ASSERT_TRUE(ingest(k_sample_2020, national));
    ASSERT_FALSE(ingest(k_sample_2020, options));
    entries = access::audit_entries(*m_db, {});
    ASSERT_EQ(entries->size(), 2u);
    EXPECT_EQ((*entries)[1].action, "release.replace");
    EXPECT_EQ((*entries)[1].diff["scope"]["after"], "national");
    EXPECT_FALSE((*entries)[1].diff.contains("rows_read"));  // the same file: the same rows read

    // A municipal file adds its measure to a release of its own date.
    MunicipalIngestOptions municipal;
    municipal.by.actor = access::cli_actor("luis");
    IngestReport report;
    ASSERT_TRUE(ingest_municipal(
        k_root + "/data/ssa_municipal/Casos_Diarios_Municipio_Confirmados_20220402_coah_dgo.csv", m_region,
        *m_store, municipal, report));
    entries = access::audit_entries(*m_db, {});
    ASSERT_EQ(entries->size(), 3u);
    EXPECT_EQ((*entries)[2].actor, "cli:luis");
    EXPECT_EQ((*entries)[2].entity_id, "municipal:2022-04-02");
    EXPECT_EQ((*entries)[2].diff["measures"]["after"], nlohmann::json::array({"confirmed"}));
    auto chain = access::verify_chain(*m_db);
    ASSERT_TRUE(chain) << chain.error().message;
    EXPECT_TRUE(chain->intact()) << chain->reason;
    EXPECT_EQ(chain->checked, 3);
}

}  // namespace metropoli::analysis

namespace metropoli::analysis {

// The views of docs/sql.md, on both engines: the same counts as the series the API reads.
TEST_P(IngestTest, SqlViewsHoldTheStoredCounts) {
    ASSERT_TRUE(ingest(k_sample_2020));
    auto& sql = m_db->session();
    long long daily = 0, by_age_sex = 0, days = 0;
    sql << "SELECT COALESCE(SUM(value), 0), COUNT(*) FROM daily_counts WHERE municipality = '05035' "
           "AND measure = 'confirmed' AND basis = 'onset' AND release_date = '2020-04-30'",
        soci::into(daily), soci::into(days);
    sql << "SELECT COALESCE(SUM(value), 0) FROM daily_counts_by_age_sex WHERE municipality = '05035' "
           "AND measure = 'confirmed' AND basis = 'onset'",
        soci::into(by_age_sex);
    EXPECT_EQ(static_cast<uint64_t>(daily), total("05035", Measure::confirmed, Basis::onset));
    EXPECT_EQ(daily, 50);  // the raw rows: RESULTADO 1, residence 05035
    EXPECT_EQ(by_age_sex, daily);
    EXPECT_GT(days, 1);

    std::string date, band, sex;
    long long value = 0;
    sql << "SELECT date, age_band, sex, value FROM daily_counts_by_age_sex WHERE municipality = '05035' "
           "AND measure = 'confirmed' AND basis = 'onset' ORDER BY date, age_band, sex LIMIT 1",
        soci::into(date), soci::into(band), soci::into(sex), soci::into(value);
    EXPECT_TRUE(Date::parse_iso(date)) << date;
    EXPECT_NE(band.find_first_of("0123456789u"), std::string::npos) << band;
    EXPECT_TRUE(sex == "mujer" || sex == "hombre" || sex == "no_especificado") << sex;
    EXPECT_GT(value, 0);
}

}  // namespace metropoli::analysis
