// SPDX-License-Identifier: MIT
// The federal per-person release as a CSV: layout detection (every schema, 34/35/40 columns, quoting on or
// off, a BOM), the record classifier and the counting, through the real ingest into the fixture's database.
// Small chunks (4 KiB), so records and quotes cross chunk boundaries; a small count budget, so tables spill.
// The input's first byte picks the scope (region or national). Invariants: no throw; a refused input changes
// nothing; a stored one accounts for every row (read = kept + out of scope + rejected) and its release is
// listed.
#include <cstdint>
#include <string>

#include "analysis/ingest/ssa_ingest.hpp"
#include "ingest_fixture.hpp"

namespace metropoli::fuzz {
namespace {

constexpr std::string_view k_target = "ssa_fuzz";

bool ingest(const std::string& path, analysis::Scope scope) {
    auto& f = ingest_fixture();
    analysis::ReleaseStore store(*f.context.db);
    analysis::IngestReport report;
    auto result = analysis::ingest_ssa(path, f.context.region, store, ssa_fuzz_options(scope), report);
    if (!stored_release(k_target, result, report)) return false;
    bool listed = false;
    auto releases = store.list();
    if (!releases) broken(k_target, "the releases cannot be listed after a stored ingest");
    for (const auto& r : *releases)
        listed = listed || (r.info.source == "ssa" && r.info.release_date.iso() == report.release_date);
    if (!listed) broken(k_target, "the stored release " + report.release_date + " is not listed");
    return true;
}

}  // namespace
}  // namespace metropoli::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace metropoli;
    if (size == 0) return 0;
    const auto scope = data[0] % 2 ? analysis::Scope::national : analysis::Scope::region;
    const auto path = fuzz::write_input("release.csv", data + 1, size - 1);
    fuzz::check_ingest(fuzz::k_target, [&] { return fuzz::ingest(path, scope); });
    return 0;
}
