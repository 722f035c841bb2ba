// SPDX-License-Identifier: MIT
// The official release as a .zip, streamed through libarchive: the members listed (several CSVs are refused
// with their names), the one member inflated in pieces into the per-person parser, through the real ingest
// into the fixture's database. Invariants: no throw; a refused input (not a zip, truncated, a bad member,
// several members) changes nothing; a stored one accounts for every row (read = kept + out of scope +
// rejected).
#include <cstdint>
#include <string>

#include "analysis/ingest/ssa_ingest.hpp"
#include "ingest_fixture.hpp"

namespace metropoli::fuzz {
namespace {

constexpr std::string_view k_target = "zip_fuzz";

bool ingest(const std::string& path) {
    auto& f = ingest_fixture();
    analysis::ReleaseStore store(*f.context.db);
    analysis::SsaIngestOptions options;
    options.scope = analysis::Scope::national;
    options.threads = 1;
    options.chunk_bytes = 4096;
    options.memory_budget_mb = 1;
    options.replacement = analysis::Replacement::anyway;
    analysis::IngestReport report;
    auto result = analysis::ingest_ssa(path, f.context.region, store, options, report);
    if (!result) {
        trace(k_target, "refused: " + result.error().message);
        return false;
    }
    trace(k_target, "stored " + report.release_date + ": " + std::to_string(report.rows_kept) + " rows kept");
    if (report.rows_read != report.rows_kept + report.rows_out_of_scope + report.rows_rejected)
        broken(k_target, "rows read != kept + out of scope + rejected");
    return true;
}

}  // namespace
}  // namespace metropoli::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    metropoli::fuzz::ingest_fixture();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace metropoli;
    const auto path = fuzz::write_input("release.zip", data, size);
    fuzz::check_ingest(fuzz::k_target, [&] { return fuzz::ingest(path); });
    return 0;
}
