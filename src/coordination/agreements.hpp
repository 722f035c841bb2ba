// SPDX-License-Identifier: MIT
// Agreements (acuerdos) and their follow-up: the configurable statuses, agreements decided in a meeting (or
// imported) with an owner, co-owners, the jurisdictions concerned, dates, a parent and a weight; dated
// progress updates by the owner's editors with evidence (a link or a document stored with its SHA-256); the
// roll-up of a parent's progress from its children; the timeline (progress updates and the audit log's field
// history); what is due or late per organisation and the per-organisation scorecard; the links that lead an
// agreement back to its meeting, the approved minutes, the figures of that day and the convenio clause.
// Reads are public (agreements of a private body's meetings only for coordinators); every write checks its
// permission and is audited in its own transaction.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "core/date.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::coordination {

// ---- statuses ---------------------------------------------------------------------------------------------

// One entry of the configurable list: a key, its names, the progress it typically means, its place in the
// list and whether it closes the agreement (a closed agreement is never late). Migration 411 seeds
// not_started 0, in_progress 50, done 100 (closed) and cancelled 0 (closed).
struct AgreementStatus {
    int64_t id = 0;
    std::string key, name_es, name_en;
    int typical_progress = 0;
    int position = 0;
    bool closed = false;
    int64_t version = 1;
};
nlohmann::json status_json(const AgreementStatus& s);

// The statuses in their order. Only reads.
Result<std::vector<AgreementStatus>> list_statuses(storage::Database& db);
// Adds a status (agreement.edit): /key is lower-case letters, digits and '_', unique (conflict).
Result<AgreementStatus> create_status(storage::Database& db, const Clock& clock, const access::Actor& who,
                                      const std::string& request_id, const AgreementStatus& s);
// Rewrites the names, typical progress, position and closed flag of the status `key` (agreement.edit)
// provided its stored version is `expected_version` (precondition_failed otherwise); bumps the version.
Result<AgreementStatus> update_status(storage::Database& db, const Clock& clock, const access::Actor& who,
                                      const std::string& request_id, const std::string& key,
                                      int64_t expected_version, const AgreementStatus& s);
// Removes a status no agreement or progress update uses (agreement.edit; conflict when one does), provided
// its stored version is `expected_version`.
Status delete_status(storage::Database& db, const Clock& clock, const access::Actor& who,
                     const std::string& request_id, const std::string& key, int64_t expected_version);

// ---- agreements -------------------------------------------------------------------------------------------

struct NamedRef {
    int64_t id = 0;
    std::string name;
};

struct Agreement {
    int64_t id = 0;
    std::string reference;  // "MSL-2020-05-04-01", unique
    std::optional<int64_t> meeting;
    std::string meeting_title;
    std::optional<Date> meeting_date;
    bool imported = false;
    std::optional<int64_t> parent;
    std::optional<double> weight;
    std::string title, text;
    NamedRef responsible;
    std::vector<NamedRef> coresponsibles;
    std::vector<std::string> jurisdictions;  // INEGI municipality codes
    AgreementStatus status;
    double progress = 0;  // the last report, or the children's roll-up for a parent
    std::optional<Date> start_date, due_date;
    bool example = false;
    int64_t version = 1;
    std::string created_at, updated_at;
    std::vector<int64_t> children;
};
nlohmann::json agreement_json(const Agreement& a);

struct NewAgreement {
    std::string reference;
    std::optional<int64_t> meeting;  // required unless imported
    bool imported = false;
    std::optional<int64_t> parent;
    std::optional<double> weight;
    std::string title, text;
    int64_t responsible = 0;
    std::vector<int64_t> coresponsibles;
    std::vector<std::string> jurisdictions;
    std::string status = "not_started";
    std::optional<Date> start_date, due_date;
    bool example = false;
};

// An edit: each field set replaces the stored one (an inner nullopt clears an optional field).
struct AgreementEdit {
    std::optional<std::string> reference, title, text, status;
    std::optional<int64_t> responsible;
    std::optional<std::vector<int64_t>> coresponsibles;
    std::optional<std::vector<std::string>> jurisdictions;
    std::optional<std::optional<int64_t>> parent;
    std::optional<std::optional<double>> weight;
    std::optional<std::optional<Date>> start_date, due_date;
};

struct AgreementFilter {
    std::optional<int64_t> organisation;  // responsible or co-responsible
    std::optional<std::string> status;    // status key
    std::optional<std::string> municipality;
    std::optional<int64_t> meeting;
    std::optional<int64_t> parent;
    std::optional<Date> overdue_as_of;  // only those late on that day
    bool examples = true;
};

// The agreements the filter selects, by reference. Only reads.
Result<std::vector<Agreement>> list_agreements(storage::Database& db, const access::Actor& who,
                                               const AgreementFilter& filter = {});
Result<Agreement> get_agreement(storage::Database& db, const access::Actor& who, int64_t id);
Result<Agreement> find_agreement(storage::Database& db, const access::Actor& who,
                                 const std::string& reference);

// Records an agreement (agreement.edit): invalid_argument naming the field, conflict when the reference is
// taken. A parent's progress is rolled up again in the same transaction.
Result<Agreement> create_agreement(storage::Database& db, const Clock& clock, const access::Actor& who,
                                   const std::string& request_id, const NewAgreement& a);
// Edits an agreement whose stored version is `expected_version` (agreement.edit; precondition_failed
// otherwise); bumps the version; rolls up the old and the new parent.
Result<Agreement> edit_agreement(storage::Database& db, const Clock& clock, const access::Actor& who,
                                 const std::string& request_id, int64_t id, int64_t expected_version,
                                 const AgreementEdit& edit);

// ---- progress and evidence --------------------------------------------------------------------------------

constexpr std::size_t k_max_document_bytes = 10 * 1024 * 1024;
// The media types an evidence document may have: PDF, PNG, JPEG, plain text, CSV, XLSX, DOCX, ODT, ODS.
const std::vector<std::string>& evidence_media_types();

struct NewDocument {
    std::string name, media_type;
    std::string content;  // the bytes
};

struct Document {
    int64_t id = 0;
    std::string name, media_type, sha256;
    int64_t size = 0;
    std::string uploaded_by, created_at;
    std::string content;  // filled by get_document only
};
nlohmann::json document_json(const Document& d);  // without the content

struct NewProgress {
    Date reported_on;
    double progress = 0;
    std::optional<std::string>
        status;  // default: done at 100, in_progress above 0 when not_started, else kept
    std::string text;
    std::string evidence_url;             // http(s)
    std::optional<NewDocument> document;  // or an attached document
};

struct ProgressUpdate {
    int64_t id = 0;
    int64_t agreement = 0;
    Date reported_on;
    double progress = 0;
    std::string status;  // key, empty when none given
    std::string text, evidence_url;
    std::optional<Document> document;
    std::string reported_by, created_at;
};
nlohmann::json progress_json(const ProgressUpdate& p);

// Whether `who` may report progress on `agreement` (progress.report for its responsible organisation):
// not_found, unauthenticated or forbidden otherwise. Only reads.
Status may_report_progress(storage::Database& db, const access::Actor& who, int64_t agreement);
// Reports progress on an agreement without children (progress.report for its responsible organisation):
// stores the update (and its document), sets the agreement's progress and status, bumps its version and rolls
// its ancestors up, all in one transaction with the audit entries.
Result<ProgressUpdate> report_progress(storage::Database& db, const Clock& clock, const access::Actor& who,
                                       const std::string& request_id, int64_t agreement,
                                       const NewProgress& p);
// The progress updates of an agreement, oldest first. Only reads.
Result<std::vector<ProgressUpdate>> progress_updates(storage::Database& db, const access::Actor& who,
                                                     int64_t agreement);
// A stored document with its bytes. Only reads.
Result<Document> get_document(storage::Database& db, int64_t id);

// The roll-up of children's progress: the weighted sum (weights normalised to their sum) when every child
// carries a weight and they sum above zero, otherwise the mean; 0 without children.
struct ChildProgress {
    double progress = 0;
    std::optional<double> weight;
};
double rolled_up(const std::vector<ChildProgress>& children);

// ---- timeline and traceability ----------------------------------------------------------------------------

struct TimelineEntry {
    std::string at;    // ISO-8601 UTC instant or a day
    std::string kind;  // "progress" | "change"
    nlohmann::json detail;
};
// Progress updates and the audit log's entries for "agreement:<id>" (each with its field changes), by time.
Result<std::vector<TimelineEntry>> agreement_timeline(storage::Database& db, const access::Actor& who,
                                                      int64_t agreement);
nlohmann::json timeline_json(const std::vector<TimelineEntry>& t);

// The agreement's JSON with its links: the meeting (id, title, date), the meeting's approved minutes, the
// assessment of the meeting's day (API and web URLs), the convenio clauses that list it, its progress updates
// and its children.
Result<nlohmann::json> agreement_detail_json(storage::Database& db, const access::Actor& who, int64_t id);

// ---- follow-up
// ----------------------------------------------------------------------------------------------

// Late on `as_of`: due before it, progress below 100 and a status that does not close it. Due: due on or
// within `within_days` after as_of, not done, not closed.
bool is_late(const Agreement& a, Date as_of);

struct OrganisationFollowUp {
    NamedRef organisation;
    std::vector<Agreement> due, late;
};
Result<std::vector<OrganisationFollowUp>> overdue(storage::Database& db, const access::Actor& who, Date as_of,
                                                  int within_days = 14, bool examples = true);
nlohmann::json overdue_json(const std::vector<OrganisationFollowUp>& o, Date as_of, int within_days);

// Per responsible organisation, on `as_of`: owed (every agreement it owns that is not cancelled, i.e. not
// closed below 100), done (progress 100), done on time (its last update reaching 100 on or before the due
// date, or no due date), late, open on time (neither done nor late).
struct Scorecard {
    NamedRef organisation;
    int owed = 0, done = 0, done_on_time = 0, late = 0, open_on_time = 0;
};
// `examples` false: the demo's example agreements (example = 1) are left out, as in overdue().
Result<std::vector<Scorecard>> scorecards(storage::Database& db, const access::Actor& who, Date as_of,
                                          bool examples = true);
nlohmann::json scorecards_json(const std::vector<Scorecard>& s, Date as_of);

// ---- import and export
// --------------------------------------------------------------------------------------

// One bad cell of an import: the 1-based line of the file, the column and why.
struct ImportProblem {
    size_t line = 0;
    std::string column, why;
};
struct ImportReport {
    int agreements = 0, progress = 0;  // rows written (0 when there is any problem)
    std::vector<ImportProblem> problems;
    bool ok() const { return problems.empty(); }
};
nlohmann::json import_report_json(const ImportReport& r);

// Imports agreements from CSV (agreement.edit): columns reference, title, responsible (organisation id or
// short name) required; text, meeting (id), parent (reference, earlier in the file or stored), weight,
// coresponsibles and jurisdictions (';'-separated), status, start_date, due_date optional. Every row is
// parsed and checked first; all rows are written in one transaction, or none when any row is bad (the report
// names each). An agreement without a meeting is marked imported.
Result<ImportReport> import_agreements_csv(storage::Database& db, const Clock& clock,
                                           const access::Actor& who, const std::string& request_id,
                                           std::string_view csv);
// Imports progress updates from CSV: columns reference, reported_on, progress required; status, text,
// evidence_url optional. The actor needs progress.report for every row's agreement (a refused row is a
// problem of its line). All or nothing, as agreements.
Result<ImportReport> import_progress_csv(storage::Database& db, const Clock& clock, const access::Actor& who,
                                         const std::string& request_id, std::string_view csv);

// The export's columns, in order: the import's agreement columns plus id, progress, meeting_date, example.
const std::vector<std::string>& export_columns();
std::string agreements_csv(const std::vector<Agreement>& agreements);
nlohmann::json agreements_export_json(const std::vector<Agreement>& agreements);
// An XLSX workbook (libxlsxwriter) with one sheet "Acuerdos" of export_columns().
Result<std::string> agreements_xlsx(const std::vector<Agreement>& agreements);

// ---- demo
// ---------------------------------------------------------------------------------------------------

// For the La Laguna demo: a handful of example agreements (example = 1) attached to the example meeting of
// 4 May 2020, a parent "Homologar medidas" with weighted children and progress on some, once, as `system`.
// Returns how many were added: 0 for another region, when already seeded, or when that meeting is missing.
Result<int> seed_example_agreements(storage::Database& db, const Clock& clock, std::string_view region_id);

}  // namespace metropoli::coordination
