// SPDX-License-Identifier: MIT
// The coordination agreement (convenio): its parties (organisations of the directory, each with the kind of
// party it is), its text in clauses (each under one of the source deck's four tasks), the agreements that
// carry each clause out and the clause's progress rolled up from them, each party's signature (who signed,
// when, how it is evidenced) and its status: draft -> in_signature -> in_force (when every party signed) ->
// expired (after valid_to, by the clock). Public to read; written by a coordinator (permission
// "convenio.edit"), every write audited in its transaction and bumping the convenio's version.
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

const std::vector<std::string>& convenio_statuses();     // draft, in_signature, in_force, expired
const std::vector<std::string>& convenio_party_kinds();  // state_government, municipal_government, ...
const std::vector<std::string>& convenio_tasks();        // analizar, coordinar, homologar, comunicar
const std::vector<std::string>& signature_evidences();   // original, scanned_copy, electronic_signature, ...

struct Signature {
    int64_t id = 0;
    std::string signed_by, signer_title;
    Date signed_on;
    std::string evidence;      // one of signature_evidences()
    std::string evidence_url;  // a reference: a link, a document hash, a gazette entry
    std::string recorded_by;   // the actor who recorded it
    std::string created_at;
};

struct Party {
    int64_t id = 0;
    int64_t organisation = 0;
    std::string organisation_name;
    std::string kind;  // one of convenio_party_kinds()
    int position = 0;
    std::optional<Signature> signature;
};

// An agreement that carries a clause out, with its stored effective progress.
struct ClauseAgreement {
    int64_t id = 0;
    std::string reference, title;
    double progress = 0;
};

struct Clause {
    int64_t id = 0;
    std::string number;  // "PRIMERA", "1", "3.2"
    int position = 0;
    std::optional<std::string> task;  // one of convenio_tasks(), or none
    std::string title, text;
    int64_t version = 1;
    std::vector<ClauseAgreement> agreements;
    std::optional<double> progress;  // the mean of its agreements' progress; none without agreements
};

struct Convenio {
    int64_t id = 0;
    std::string title, region_id, preamble;
    std::optional<int64_t> body;
    std::string status = "draft";
    std::optional<Date> valid_from, valid_to;
    bool example = false, seed = false;
    int64_t version = 1;
    std::string created_at, updated_at;
    std::vector<Party> parties;
    std::vector<Clause> clauses;
    std::optional<double> progress;  // the mean of the clauses that have a progress
    int signed_parties = 0;
};
nlohmann::json convenio_json(const Convenio& c);          // with parties, signatures, clauses and progress
nlohmann::json convenio_summary_json(const Convenio& c);  // without the clauses' text and the parties

struct ConvenioFields {
    std::string title, region_id, preamble;
    std::optional<int64_t> body;
    std::optional<Date> valid_from, valid_to;
    bool example = false;
};
// Reads the fields of a POST/PUT body: invalid_argument naming the field ("/valid_to: ...").
Result<ConvenioFields> convenio_fields_from_json(const nlohmann::json& body);

struct NewParty {
    int64_t organisation = 0;
    std::string kind;
};

struct ClauseFields {
    std::string number;
    std::optional<int> position;  // default: after the last
    std::optional<std::string> task;
    std::string title, text;
};
Result<ClauseFields> clause_fields_from_json(const nlohmann::json& body);

struct NewSignature {
    int64_t party = 0;  // convenio_parties.id
    std::string signed_by, signer_title;
    Date signed_on;
    std::string evidence = "original", evidence_url;
};
Result<NewSignature> signature_from_json(const nlohmann::json& body);

// Every convenio, newest first, with parties and clauses. Only reads.
Result<std::vector<Convenio>> list_convenios(storage::Database& db);
// One convenio; not_found when missing. Only reads.
Result<Convenio> get_convenio(storage::Database& db, int64_t id);

// Creates a draft convenio (convenio.edit).
Result<Convenio> create_convenio(storage::Database& db, const Clock& clock, const access::Actor& who,
                                 const std::string& request_id, const ConvenioFields& fields);
// Edits title, dates and preamble while draft; precondition_failed unless `version` is the stored one.
Result<Convenio> update_convenio(storage::Database& db, const Clock& clock, const access::Actor& who,
                                 const std::string& request_id, int64_t id, int64_t version,
                                 const ConvenioFields& fields);

// Adds a party while draft; conflict when the organisation already is one.
Result<Convenio> add_party(storage::Database& db, const Clock& clock, const access::Actor& who,
                           const std::string& request_id, int64_t convenio, int64_t version,
                           const NewParty& party);

// Adds a clause while draft.
Result<Convenio> add_clause(storage::Database& db, const Clock& clock, const access::Actor& who,
                            const std::string& request_id, int64_t convenio, int64_t version,
                            const ClauseFields& clause);
// Edits a clause while its convenio is draft; `version` is the clause's.
Result<Convenio> update_clause(storage::Database& db, const Clock& clock, const access::Actor& who,
                               const std::string& request_id, int64_t clause, int64_t version,
                               const ClauseFields& fields);

// Links (or, with `linked` false, unlinks) an agreement to a clause: any status but expired. With a
// `version`, precondition_failed unless it is the convenio's.
Result<Convenio> link_agreement(storage::Database& db, const Clock& clock, const access::Actor& who,
                                const std::string& request_id, int64_t clause, int64_t agreement,
                                bool linked = true, std::optional<int64_t> version = std::nullopt);

// Records a party's signature while in_signature; when it is the last party to sign, the convenio goes into
// force in the same transaction (valid_from defaults to that day).
Result<Convenio> sign(storage::Database& db, const Clock& clock, const access::Actor& who,
                      const std::string& request_id, int64_t convenio, int64_t version,
                      const NewSignature& s);

// Moves the convenio to `status`: draft -> in_signature (with a party and a clause); in_signature -> draft
// (before anyone signed); in_signature -> in_force (every party signed); in_force -> expired (the clock is
// past valid_to). Anything else is refused on /status, saying why.
Result<Convenio> set_convenio_status(storage::Database& db, const Clock& clock, const access::Actor& who,
                                     const std::string& request_id, int64_t convenio, int64_t version,
                                     const std::string& status);

// The example convenio of La Laguna, a DRAFT for the Mesa to edit (example = 1, never signed): the parties
// access seeds that are in the directory and eight clauses under the source deck's four tasks. Once, as
// `system`; returns how many convenios were added (0 for other regions or when already there).
Result<int> seed_example_convenio(storage::Database& db, const Clock& clock, std::string_view region_id);

}  // namespace metropoli::coordination
