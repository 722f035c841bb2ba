// SPDX-License-Identifier: MIT
// `metropoli ingest ssa`: stream a federal release (.csv or the official .zip) through parallel parsers into
// bounded-memory counts, then replace the stored release in one transaction.
#pragma once

#include <map>
#include <string>

#include "analysis/ingest/progress.hpp"
#include "analysis/ingest/release_audit.hpp"
#include "analysis/releases/ingest_report.hpp"
#include "analysis/releases/release_store.hpp"
#include "core/region.hpp"

namespace metropoli::analysis {

enum class Scope { region, national };

// Whether an ingest of `scope` keeps the records of municipality `j`.
bool keeps(const Region& region, const Jurisdiction& j, Scope scope);
// The scope as stored with a release: "national" or "region:<id>".
std::string scope_label(const Region& region, Scope scope);

struct SsaIngestOptions {
    Scope scope = Scope::region;
    bool strict = false;            // stop at the first reject; store nothing
    size_t memory_budget_mb = 128;  // for the count tables; beyond it they spill to temporary files
    unsigned threads = 0;           // parser threads; 0 = one per core
    size_t chunk_bytes = 4u << 20;
    ProgressCallback on_progress;  // optional
    std::string member;  // the CSV to load from a zip holding several; empty: the zip must hold exactly one
    Replacement replacement = Replacement::never_with_less;
    access::Attribution by;  // recorded in the audit entry written with the release
    // The releases an earlier file of the same command stored, by date: a second file of the same date is
    // refused (conflict) unless `replacement` is anyway, instead of silently replacing the first.
    const std::map<Date, std::string>* stored_by_this_run = nullptr;
};

// Ingests one file. On success the release of its date is replaced (the date of its name when the name
// carries one that FECHA_ACTUALIZACION contradicts, release_name.hpp; else FECHA_ACTUALIZACION), and its
// audit entry appended in the same transaction (replace_release_audited); on any error (unknown layout,
// truncated file, strict reject, database failure) nothing is stored and the error says what and where.
// `report` is filled as far as the ingest got, so rejects can be written even when it fails.
Result<IngestReport> ingest_ssa(const std::string& path, const Region& region, ReleaseStore& store,
                                const SsaIngestOptions& options, IngestReport& report);

}  // namespace metropoli::analysis
