// SPDX-License-Identifier: MIT
#include "ingest_fixture.hpp"

#include <soci/soci.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "scratch_dir.hpp"

namespace metropoli::fuzz {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_prefix = "metropoli_ingest_fuzz_";

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "ingest fuzz fixture: %s\n", what.c_str());
    std::abort();
}

IngestFixture build() {
    const std::string dir = scratch_dir(k_prefix);
    const std::string db_file = dir + "/ingest.db";
    {
        auto db = app::open_database(db_file);
        if (!db) fail(db.error().message);
        if (auto region = app::initialise(**db, "laguna"); !region) fail(region.error().message);
    }
    auto context = app::open_context(db_file, storage::Access::write);
    if (!context) fail(context.error().message);
    return IngestFixture{dir, std::move(*context)};
}

int64_t scalar(storage::Database& db, const std::string& sql) {
    soci::row row;
    db.session() << sql, soci::into(row);
    return storage::get_int64(row, 0);
}

}  // namespace

IngestFixture& ingest_fixture() {
    static IngestFixture f = build();
    static const bool cleaned = [] {
        std::atexit([] {
            std::error_code ec;
            fs::remove_all(ingest_fixture().dir, ec);
        });
        return true;
    }();
    (void)cleaned;
    return f;
}

std::string write_input(std::string_view name, const uint8_t* data, size_t size) {
    std::string path = ingest_fixture().dir + "/" + std::string(name);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out) fail("cannot write " + path);
    return path;
}

std::string stored_state() {
    auto& db = *ingest_fixture().context.db;
    std::string state;
    for (const char* sql :
         {"SELECT count(*) FROM releases", "SELECT coalesce(sum(rows_kept), 0) FROM releases",
          "SELECT count(*) FROM release_series", "SELECT coalesce(sum(total), 0) FROM release_series",
          "SELECT count(*) FROM feed_files", "SELECT count(*) FROM feed_values",
          "SELECT count(*) FROM audit_log"})
        state += std::to_string(scalar(db, sql)) + ";";
    return state;
}

void trace(std::string_view target, std::string_view outcome) {
    static const bool on = [] {
        const char* v = std::getenv("INGEST_FUZZ_TRACE");
        return v && std::string_view(v) == "1";
    }();
    if (on)
        std::fprintf(stderr, "%.*s: %.*s\n", static_cast<int>(target.size()), target.data(),
                     static_cast<int>(outcome.size()), outcome.data());
}

analysis::SsaIngestOptions ssa_fuzz_options(analysis::Scope scope) {
    analysis::SsaIngestOptions options;
    options.scope = scope;
    options.threads = 1;
    options.chunk_bytes = 4096;
    options.memory_budget_mb = 1;
    options.replacement = analysis::Replacement::anyway;
    return options;
}

bool stored_release(std::string_view target, const Result<analysis::IngestReport>& result,
                    const analysis::IngestReport& report) {
    if (!result) {
        trace(target, "refused: " + result.error().message);
        return false;
    }
    trace(target, "stored " + report.release_date + ": " + std::to_string(report.rows_kept) + " rows kept");
    if (report.rows_read != report.rows_kept + report.rows_out_of_scope + report.rows_rejected)
        broken(target, "rows read != kept + out of scope + rejected");
    return true;
}

void broken(std::string_view target, std::string_view what) {
    std::fprintf(stderr, "%.*s: invariant broken: %.*s\n", static_cast<int>(target.size()), target.data(),
                 static_cast<int>(what.size()), what.data());
    __builtin_trap();
}

}  // namespace metropoli::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    metropoli::fuzz::ingest_fixture();
    return 0;
}
