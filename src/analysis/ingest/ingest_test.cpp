// SPDX-License-Identifier: MIT
// Ingest and query on both engines, with the real extracts and the hand-made bad files in tests/data/ssa.
#include <gtest/gtest.h>

#include "analysis/engine_fixture.hpp"
#include "analysis/ingest/municipal_ingest.hpp"
#include "analysis/ingest/ssa_ingest.hpp"
#include "analysis/releases/series_query.hpp"
#include "core/clock.hpp"
#include "core/region_loader.hpp"
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
    auto mixed = ingest(bad("mixed_release.csv"));
    ASSERT_TRUE(mixed);
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
