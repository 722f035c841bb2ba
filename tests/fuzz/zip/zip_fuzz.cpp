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
    analysis::IngestReport report;
    auto result = analysis::ingest_ssa(path, f.context.region, store,
                                       ssa_fuzz_options(analysis::Scope::national), report);
    return stored_release(k_target, result, report);
}

}  // namespace
}  // namespace metropoli::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace metropoli;
    const auto path = fuzz::write_input("release.zip", data, size);
    fuzz::check_ingest(fuzz::k_target, [&] { return fuzz::ingest(path); });
    return 0;
}
