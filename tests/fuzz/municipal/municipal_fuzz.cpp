// SPDX-License-Identifier: MIT
// The official municipal daily series (Casos_Diarios_Municipio_*.csv, the wide layout of one column a day)
// through the real ingest into the fixture's database. The input's first byte picks the measure its file name
// says (Confirmados, Defunciones, Negativos, Sospechosos). Invariants: no throw; a refused input changes
// nothing; a stored one accounts for every row (read = kept + out of scope + rejected).
#include <array>
#include <cstdint>
#include <string>

#include "analysis/ingest/municipal_ingest.hpp"
#include "ingest_fixture.hpp"

namespace metropoli::fuzz {
namespace {

constexpr std::string_view k_target = "municipal_fuzz";

bool ingest(const std::string& path) {
    auto& f = ingest_fixture();
    analysis::ReleaseStore store(*f.context.db);
    analysis::MunicipalIngestOptions options;
    options.scope = analysis::Scope::national;
    options.replacement = analysis::Replacement::anyway;
    analysis::IngestReport report;
    auto result = analysis::ingest_municipal(path, f.context.region, store, options, report);
    return stored_release(k_target, result, report);
}

}  // namespace
}  // namespace metropoli::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace metropoli;
    if (size == 0) return 0;
    static constexpr std::array<const char*, 4> k_names = {
        "Casos_Diarios_Municipio_Confirmados_20220402.csv",
        "Casos_Diarios_Municipio_Defunciones_20210312.csv", "Casos_Diarios_Municipio_Negativos_20220402.csv",
        "Casos_Diarios_Municipio_Sospechosos_20220402.csv"};
    const auto path = fuzz::write_input(k_names[data[0] % k_names.size()], data + 1, size - 1);
    fuzz::check_ingest(fuzz::k_target, [&] { return fuzz::ingest(path); });
    return 0;
}
