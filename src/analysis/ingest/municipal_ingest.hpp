// SPDX-License-Identifier: MIT
// `metropoli ingest municipal`: the official daily series by municipality of residence
// (Casos_Diarios_Municipio_<Confirmados|Defunciones|...>_YYYYMMDD.csv), in both header layouts the SSA and
// its mirrors have used (dates dd-mm-yyyy, or d/m/yyyy from a spreadsheet round-trip; codes quoted or not).
#pragma once

#include <optional>
#include <string>

#include "analysis/ingest/ssa_ingest.hpp"
#include "analysis/releases/ingest_report.hpp"
#include "analysis/releases/release_store.hpp"
#include "core/region.hpp"

namespace metropoli::analysis {

struct MunicipalIngestOptions {
    Scope scope = Scope::region;
    bool strict = false;
    std::optional<Measure> measure;    // default: from the file name (Confirmados, Defunciones, ...)
    std::optional<Date> release_date;  // default: the YYYYMMDD cut-off in the file name
    Replacement replacement = Replacement::never_with_less;
    access::Attribution by;  // recorded in the audit entry written with the release
};

// Ingests one file: the series of its measure in the release of its cut-off are replaced, and the audit
// entry appended, in one transaction (replace_release_audited).
Result<IngestReport> ingest_municipal(const std::string& path, const Region& region, ReleaseStore& store,
                                      const MunicipalIngestOptions& options, IngestReport& report);

// The measure and cut-off named by an official file name, e.g. "..._Defunciones_20210312.csv".
std::optional<Measure> measure_from_file_name(const std::string& path);
std::optional<Date> release_from_file_name(const std::string& path);

}  // namespace metropoli::analysis
