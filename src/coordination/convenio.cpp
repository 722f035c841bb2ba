// SPDX-License-Identifier: MIT
#include "coordination/convenio.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>

#include "access/audit.hpp"
#include "access/permissions.hpp"
#include "coordination/convenio_support.hpp"
#include "coordination/store_support.hpp"

namespace metropoli::coordination {

using nlohmann::json;

namespace {

using detail::one_of;
using detail::optional_json;

Date today(const Clock& clock) {
    return *Date::parse_iso(clock.now_iso().substr(0, 10));
}

Error missing(int64_t id) {
    return make_error(ErrorCode::not_found, fmt::format("no hay convenio {} / no convenio {}", id, id));
}

Error stale(int64_t stored) {
    return make_error(ErrorCode::precondition_failed,
                      fmt::format("el convenio cambió: su versión es v{} / the convenio changed since it was "
                                  "read: its version is now v{}",
                                  stored, stored));
}

Status only_while(const Convenio& c, std::initializer_list<const char*> statuses, std::string_view what) {
    for (const char* s : statuses)
        if (c.status == s) return ok_status();
    return make_error(ErrorCode::conflict,
                      fmt::format("el convenio está en estado '{}': no se puede {} / the convenio is '{}'",
                                  c.status, what, c.status));
}

Status check_text(std::string_view field, const std::string& value, size_t limit, bool required = true) {
    if (required && value.find_first_not_of(" \t\n") == std::string::npos)
        return detail::invalid(field, "es obligatorio / is required");
    if (value.size() > limit)
        return detail::invalid(field, fmt::format("más de {} bytes / longer than {} bytes", limit, limit));
    return ok_status();
}

Status validate(const ConvenioFields& f) {
    TRY(check_text("title", f.title, 300));
    TRY(check_text("preamble", f.preamble, 20000, false));
    if (f.valid_from && f.valid_to && *f.valid_to < *f.valid_from)
        return detail::invalid("valid_to", "anterior a valid_from / before valid_from");
    return ok_status();
}

Status validate(const ClauseFields& f) {
    TRY(check_text("number", f.number, 40));
    TRY(check_text("title", f.title, 300));
    TRY(check_text("text", f.text, 20000));
    if (f.task && !one_of(convenio_tasks(), *f.task))
        return detail::invalid("task", "analizar, coordinar, homologar o comunicar / or comunicar");
    return ok_status();
}

// Bumps the convenio's version and updated_at: every change below it (a party, a clause, a signature, a
// link) makes the version a reader holds stale.
void touch(soci::session& sql, long long id, const std::string& now) {
    sql << "UPDATE convenios SET version = version + 1, updated_at = :u WHERE id = :id", soci::use(now),
        soci::use(id);
}

// Runs `change` in a transaction after checking the permission and the convenio's version; returns the
// convenio as written.
template <class F>
Result<Convenio> write(storage::Database& db, const access::Actor& who, int64_t id,
                       std::optional<int64_t> version, F&& change) {
    if (!access::permits(who, "convenio.edit")) return detail::refused(who, "convenio.edit");
    const Status written = db.transaction([&]() -> Status {
        auto current = detail::load_convenio(db.session(), id);
        if (!current) return missing(id);
        if (version && *version != current->version) return stale(current->version);
        return change(*current);
    });
    if (!written) return written.error();
    return get_convenio(db, id);
}

json audited(const Convenio& c) {
    return {{"title", c.title},
            {"region_id", c.region_id},
            {"preamble", c.preamble},
            {"body", c.body ? json(*c.body) : json(nullptr)},
            {"status", c.status},
            {"valid_from", optional_json(c.valid_from)},
            {"valid_to", optional_json(c.valid_to)},
            {"example", c.example}};
}

json clause_audited(const ClauseFields& f) {
    return {{"number", f.number},
            {"task", f.task ? json(*f.task) : json(nullptr)},
            {"title", f.title},
            {"text", f.text}};
}

// What a status change needs, or why it is refused.
Status check_transition(const Convenio& c, const std::string& to, Date on) {
    if (!one_of(convenio_statuses(), to))
        return detail::invalid("status", "draft, in_signature, in_force o expired / or expired");
    auto refuse = [&](std::string_view why_es, std::string_view why_en) {
        return detail::invalid("status",
                               fmt::format("no se puede pasar de {} a {}: {} / cannot go from {} to "
                                           "{}: {}",
                                           c.status, to, why_es, c.status, to, why_en));
    };
    if (c.status == "draft" && to == "in_signature") {
        if (c.parties.empty()) return refuse("no tiene partes", "it has no parties");
        if (c.clauses.empty()) return refuse("no tiene cláusulas", "it has no clauses");
        return ok_status();
    }
    if (c.status == "in_signature" && to == "draft") {
        if (c.signed_parties > 0) return refuse("ya hay firmas", "a party has signed");
        return ok_status();
    }
    if (c.status == "in_signature" && to == "in_force") {
        if (c.signed_parties < static_cast<int>(c.parties.size()))
            return refuse(fmt::format("firmaron {} de {} partes", c.signed_parties, c.parties.size()),
                          fmt::format("{} of {} parties signed", c.signed_parties, c.parties.size()));
        return ok_status();
    }
    if (c.status == "in_force" && to == "expired") {
        if (!c.valid_to) return refuse("no tiene fecha de término", "it has no valid_to");
        if (on <= *c.valid_to)
            return refuse(fmt::format("vigente hasta el {}", c.valid_to->iso()),
                          fmt::format("valid until {}", c.valid_to->iso()));
        return ok_status();
    }
    return refuse("transición no permitida", "not an allowed transition");
}

Status write_status(storage::Database& db, const Clock& clock, const access::Actor& who,
                    const std::string& request_id, const Convenio& c, const std::string& to) {
    auto& sql = db.session();
    const std::string now = clock.now_iso();
    long long id = c.id;
    json diff = {{"status", {{"before", c.status}, {"after", to}}}};
    if (to == "in_force" && !c.valid_from) {
        const std::string from = today(clock).iso();
        sql << "UPDATE convenios SET valid_from = :f WHERE id = :id", soci::use(from), soci::use(id);
        diff["valid_from"] = {{"before", nullptr}, {"after", from}};
    }
    sql << "UPDATE convenios SET status = :s WHERE id = :id", soci::use(to), soci::use(id);
    touch(sql, id, now);
    return access::audit(db, clock, who, request_id,
                         {"convenio.status", "convenio", std::to_string(id), diff});
}

}  // namespace

const std::vector<std::string>& convenio_statuses() {
    static const std::vector<std::string> k{"draft", "in_signature", "in_force", "expired"};
    return k;
}
const std::vector<std::string>& convenio_party_kinds() {
    static const std::vector<std::string> k{"state_government", "municipal_government", "federal_agency",
                                            "civil_society", "other"};
    return k;
}
const std::vector<std::string>& convenio_tasks() {
    static const std::vector<std::string> k{"analizar", "coordinar", "homologar", "comunicar"};
    return k;
}
const std::vector<std::string>& signature_evidences() {
    static const std::vector<std::string> k{"original", "scanned_copy", "electronic_signature", "public_act",
                                            "other"};
    return k;
}

json convenio_summary_json(const Convenio& c) {
    return {{"id", c.id},
            {"title", c.title},
            {"region_id", c.region_id},
            {"body", c.body ? json(*c.body) : json(nullptr)},
            {"status", c.status},
            {"valid_from", optional_json(c.valid_from)},
            {"valid_to", optional_json(c.valid_to)},
            {"example", c.example},
            {"seed", c.seed},
            {"parties", c.parties.size()},
            {"signed_parties", c.signed_parties},
            {"clauses", c.clauses.size()},
            {"progress", optional_json(c.progress)},
            {"version", c.version},
            {"created_at", c.created_at},
            {"updated_at", c.updated_at}};
}

json convenio_json(const Convenio& c) {
    json out = convenio_summary_json(c);
    out["preamble"] = c.preamble;
    json parties = json::array();
    for (const auto& p : c.parties) {
        json signature = nullptr;
        if (p.signature) {
            signature = {
                {"signed_by", p.signature->signed_by},       {"signer_title", p.signature->signer_title},
                {"signed_on", p.signature->signed_on.iso()}, {"evidence", p.signature->evidence},
                {"evidence_url", p.signature->evidence_url}, {"recorded_by", p.signature->recorded_by},
                {"recorded_at", p.signature->created_at}};
        }
        parties.push_back({{"id", p.id},
                           {"organisation", p.organisation},
                           {"organisation_name", p.organisation_name},
                           {"kind", p.kind},
                           {"position", p.position},
                           {"signed", p.signature.has_value()},
                           {"signature", signature}});
    }
    out["parties"] = parties;
    json clauses = json::array();
    for (const auto& k : c.clauses) {
        json agreements = json::array();
        for (const auto& a : k.agreements)
            agreements.push_back(
                {{"id", a.id}, {"reference", a.reference}, {"title", a.title}, {"progress", a.progress}});
        clauses.push_back({{"id", k.id},
                           {"number", k.number},
                           {"position", k.position},
                           {"task", k.task ? json(*k.task) : json(nullptr)},
                           {"title", k.title},
                           {"text", k.text},
                           {"version", k.version},
                           {"progress", optional_json(k.progress)},
                           {"agreements", agreements}});
    }
    out["clauses"] = clauses;
    return out;
}

Result<ConvenioFields> convenio_fields_from_json(const json& body) {
    ConvenioFields f;
    auto text = [&](const char* key, std::string& into) -> Status {
        if (!body.contains(key)) return ok_status();
        if (!body[key].is_string()) return detail::invalid(key, "debe ser texto / must be a string");
        into = body[key].get<std::string>();
        return ok_status();
    };
    auto date = [&](const char* key, std::optional<Date>& into) -> Status {
        if (!body.contains(key) || body[key].is_null()) return ok_status();
        auto d = body[key].is_string() ? Date::parse_iso(body[key].get<std::string>()) : std::nullopt;
        if (!d) return detail::invalid(key, "fecha AAAA-MM-DD / a YYYY-MM-DD date");
        into = d;
        return ok_status();
    };
    TRY(text("title", f.title));
    TRY(text("region_id", f.region_id));
    TRY(text("preamble", f.preamble));
    TRY(date("valid_from", f.valid_from));
    TRY(date("valid_to", f.valid_to));
    if (body.contains("body") && !body["body"].is_null()) {
        if (!body["body"].is_number_integer()) return detail::invalid("body", "un id de órgano / a body id");
        f.body = body["body"].get<int64_t>();
    }
    if (body.contains("example")) {
        if (!body["example"].is_boolean()) return detail::invalid("example", "true o false / true or false");
        f.example = body["example"].get<bool>();
    }
    return f;
}

Result<ClauseFields> clause_fields_from_json(const json& body) {
    ClauseFields f;
    for (const char* key : {"number", "title", "text"}) {
        if (!body.contains(key) || !body[key].is_string())
            return detail::invalid(key, "es obligatorio y debe ser texto / is required, a string");
    }
    f.number = body["number"].get<std::string>();
    f.title = body["title"].get<std::string>();
    f.text = body["text"].get<std::string>();
    if (body.contains("task") && !body["task"].is_null()) {
        if (!body["task"].is_string()) return detail::invalid("task", "debe ser texto / must be a string");
        f.task = body["task"].get<std::string>();
    }
    if (body.contains("position") && !body["position"].is_null()) {
        if (!body["position"].is_number_integer())
            return detail::invalid("position", "un entero / an integer");
        f.position = body["position"].get<int>();
    }
    return f;
}

Result<NewSignature> signature_from_json(const json& body) {
    NewSignature s;
    if (!body.contains("party") || !body["party"].is_number_integer())
        return detail::invalid("party", "el id de la parte / the party's id");
    s.party = body["party"].get<int64_t>();
    if (!body.contains("signed_by") || !body["signed_by"].is_string())
        return detail::invalid("signed_by", "es obligatorio / is required");
    s.signed_by = body["signed_by"].get<std::string>();
    if (body.contains("signer_title")) {
        if (!body["signer_title"].is_string())
            return detail::invalid("signer_title", "debe ser texto / must be a string");
        s.signer_title = body["signer_title"].get<std::string>();
    }
    auto on = body.contains("signed_on") && body["signed_on"].is_string()
                  ? Date::parse_iso(body["signed_on"].get<std::string>())
                  : std::nullopt;
    if (!on) return detail::invalid("signed_on", "fecha AAAA-MM-DD / a YYYY-MM-DD date");
    s.signed_on = *on;
    if (body.contains("evidence")) {
        if (!body["evidence"].is_string())
            return detail::invalid("evidence", "debe ser texto / must be a string");
        s.evidence = body["evidence"].get<std::string>();
    }
    if (body.contains("evidence_url")) {
        if (!body["evidence_url"].is_string())
            return detail::invalid("evidence_url", "debe ser texto / must be a string");
        s.evidence_url = body["evidence_url"].get<std::string>();
    }
    return s;
}

Result<std::vector<Convenio>> list_convenios(storage::Database& db) {
    return detail::reading(db, [&]() -> Result<std::vector<Convenio>> {
        std::vector<long long> ids;
        soci::rowset<soci::row> rows = (db.session().prepare << "SELECT id FROM convenios ORDER BY id DESC");
        for (const auto& row : rows) ids.push_back(storage::get_int64(row, 0));
        std::vector<Convenio> out;
        for (auto id : ids)
            if (auto c = detail::load_convenio(db.session(), id)) out.push_back(std::move(*c));
        return out;
    });
}

Result<Convenio> get_convenio(storage::Database& db, int64_t id) {
    return detail::reading(db, [&]() -> Result<Convenio> {
        auto c = detail::load_convenio(db.session(), id);
        if (!c) return missing(id);
        return std::move(*c);
    });
}

Result<Convenio> create_convenio(storage::Database& db, const Clock& clock, const access::Actor& who,
                                 const std::string& request_id, const ConvenioFields& fields) {
    if (!access::permits(who, "convenio.edit")) return detail::refused(who, "convenio.edit");
    TRY(validate(fields));
    long long id = 0;
    const Status written = db.transaction([&]() -> Status {
        TRY_ASSIGN(made, detail::insert_convenio(db, clock, who, request_id, fields, std::nullopt));
        id = made;
        return ok_status();
    });
    if (!written) return written.error();
    return get_convenio(db, id);
}

Result<Convenio> update_convenio(storage::Database& db, const Clock& clock, const access::Actor& who,
                                 const std::string& request_id, int64_t id, int64_t version,
                                 const ConvenioFields& fields) {
    TRY(validate(fields));
    return write(db, who, id, version, [&](const Convenio& c) -> Status {
        TRY(only_while(c, {"draft"}, "editar / edit it"));
        auto& sql = db.session();
        const json before = audited(c);
        std::string from = fields.valid_from ? fields.valid_from->iso() : "";
        std::string to = fields.valid_to ? fields.valid_to->iso() : "";
        soci::indicator from_ind = fields.valid_from ? soci::i_ok : soci::i_null;
        soci::indicator to_ind = fields.valid_to ? soci::i_ok : soci::i_null;
        long long key = c.id;
        sql << "UPDATE convenios SET title = :t, preamble = :p, valid_from = :f, valid_to = :v WHERE id = "
               ":id",
            soci::use(fields.title), soci::use(fields.preamble), soci::use(from, from_ind),
            soci::use(to, to_ind), soci::use(key);
        touch(sql, key, clock.now_iso());
        Convenio after = c;
        after.title = fields.title;
        after.preamble = fields.preamble;
        after.valid_from = fields.valid_from;
        after.valid_to = fields.valid_to;
        return access::audit(
            db, clock, who, request_id,
            {"convenio.update", "convenio", std::to_string(c.id), access::diff_of(before, audited(after))});
    });
}

Result<Convenio> add_party(storage::Database& db, const Clock& clock, const access::Actor& who,
                           const std::string& request_id, int64_t convenio, int64_t version,
                           const NewParty& party) {
    if (!one_of(convenio_party_kinds(), party.kind))
        return detail::invalid(
            "kind", "state_government, municipal_government, federal_agency, civil_society u other");
    return write(db, who, convenio, version, [&](const Convenio& c) -> Status {
        TRY(only_while(c, {"draft"}, "añadir partes / add parties"));
        return detail::insert_party(db, clock, who, request_id, c, party);
    });
}

Result<Convenio> add_clause(storage::Database& db, const Clock& clock, const access::Actor& who,
                            const std::string& request_id, int64_t convenio, int64_t version,
                            const ClauseFields& clause) {
    TRY(validate(clause));
    return write(db, who, convenio, version, [&](const Convenio& c) -> Status {
        TRY(only_while(c, {"draft"}, "añadir cláusulas / add clauses"));
        return detail::insert_clause(db, clock, who, request_id, c, clause);
    });
}

Result<Convenio> update_clause(storage::Database& db, const Clock& clock, const access::Actor& who,
                               const std::string& request_id, int64_t clause, int64_t version,
                               const ClauseFields& fields) {
    TRY(validate(fields));
    auto owner = detail::reading(db, [&]() -> Result<int64_t> {
        auto found = detail::clause_convenio(db.session(), clause);
        if (!found)
            return make_error(ErrorCode::not_found,
                              fmt::format("no hay cláusula {} / no clause {}", clause, clause));
        return *found;
    });
    if (!owner) return owner.error();
    return write(db, who, *owner, std::nullopt, [&](const Convenio& c) -> Status {
        TRY(only_while(c, {"draft"}, "editar cláusulas / edit clauses"));
        const auto it =
            std::find_if(c.clauses.begin(), c.clauses.end(), [&](const Clause& k) { return k.id == clause; });
        if (it == c.clauses.end()) return make_error(ErrorCode::internal, "a clause left its convenio");
        if (it->version != version) {
            return make_error(
                ErrorCode::precondition_failed,
                fmt::format("la cláusula cambió: su versión es v{} / the clause changed since it was "
                            "read: its version is now v{}",
                            it->version, it->version));
        }
        auto& sql = db.session();
        long long same = 0, key = clause, owner_id = c.id;
        sql << "SELECT COUNT(*) FROM convenio_clauses WHERE convenio_id = :c AND number = :n AND id <> :id",
            soci::use(owner_id), soci::use(fields.number), soci::use(key), soci::into(same);
        if (same > 0)
            return detail::invalid("number", fmt::format("ya hay una cláusula {} / clause {} exists",
                                                         fields.number, fields.number));
        const std::string now = clock.now_iso();
        std::string task = fields.task.value_or("");
        soci::indicator task_ind = fields.task ? soci::i_ok : soci::i_null;
        int position = fields.position.value_or(it->position);
        sql << "UPDATE convenio_clauses SET number = :n, position = :p, task = :k, title = :t, text = :x, "
               "version = version + 1, updated_at = :u WHERE id = :id",
            soci::use(fields.number), soci::use(position), soci::use(task, task_ind), soci::use(fields.title),
            soci::use(fields.text), soci::use(now), soci::use(key);
        touch(sql, owner_id, now);
        ClauseFields before{it->number, it->position, it->task, it->title, it->text};
        return access::audit(db, clock, who, request_id,
                             {"convenio.clause.update", "convenio_clause", std::to_string(clause),
                              access::diff_of(clause_audited(before), clause_audited(fields))});
    });
}

Result<Convenio> link_agreement(storage::Database& db, const Clock& clock, const access::Actor& who,
                                const std::string& request_id, int64_t clause, int64_t agreement, bool linked,
                                std::optional<int64_t> version) {
    auto owner = detail::reading(db, [&]() -> Result<int64_t> {
        auto found = detail::clause_convenio(db.session(), clause);
        if (!found)
            return make_error(ErrorCode::not_found,
                              fmt::format("no hay cláusula {} / no clause {}", clause, clause));
        return *found;
    });
    if (!owner) return owner.error();
    return write(db, who, *owner, version, [&](const Convenio& c) -> Status {
        TRY(only_while(c, {"draft", "in_signature", "in_force"}, "vincular acuerdos / link agreements"));
        auto& sql = db.session();
        long long a = agreement, k = clause, known = 0, present = 0;
        sql << "SELECT COUNT(*) FROM agreements WHERE id = :a", soci::use(a), soci::into(known);
        if (known == 0)
            return detail::invalid("agreement",
                                   fmt::format("no hay acuerdo {} / no agreement {}", agreement, agreement));
        sql << "SELECT COUNT(*) FROM clause_agreements WHERE clause_id = :k AND agreement_id = :a",
            soci::use(k), soci::use(a), soci::into(present);
        if (linked && present > 0)
            return make_error(ErrorCode::conflict,
                              "el acuerdo ya está vinculado / the agreement is already linked");
        if (!linked && present == 0)
            return make_error(ErrorCode::not_found,
                              "el acuerdo no está vinculado / the agreement is not linked");
        if (linked)
            sql << "INSERT INTO clause_agreements (clause_id, agreement_id) VALUES (:k, :a)", soci::use(k),
                soci::use(a);
        else
            sql << "DELETE FROM clause_agreements WHERE clause_id = :k AND agreement_id = :a", soci::use(k),
                soci::use(a);
        touch(sql, c.id, clock.now_iso());
        json diff = {{"agreement",
                      {{"before", linked ? json(nullptr) : json(agreement)},
                       {"after", linked ? json(agreement) : json(nullptr)}}}};
        return access::audit(db, clock, who, request_id,
                             {linked ? "convenio.clause.link" : "convenio.clause.unlink", "convenio_clause",
                              std::to_string(clause), diff});
    });
}

Result<Convenio> sign(storage::Database& db, const Clock& clock, const access::Actor& who,
                      const std::string& request_id, int64_t convenio, int64_t version,
                      const NewSignature& s) {
    TRY(check_text("signed_by", s.signed_by, 200));
    TRY(check_text("signer_title", s.signer_title, 200, false));
    TRY(check_text("evidence_url", s.evidence_url, 2000, false));
    if (!one_of(signature_evidences(), s.evidence))
        return detail::invalid("evidence",
                               "original, scanned_copy, electronic_signature, public_act u other / or other");
    return write(db, who, convenio, version, [&](const Convenio& c) -> Status {
        TRY(only_while(c, {"in_signature"}, "firmar / sign it"));
        const auto party =
            std::find_if(c.parties.begin(), c.parties.end(), [&](const Party& p) { return p.id == s.party; });
        if (party == c.parties.end())
            return detail::invalid(
                "party", fmt::format("el convenio no tiene la parte {} / no party {}", s.party, s.party));
        if (party->signature)
            return make_error(ErrorCode::conflict,
                              fmt::format("{} ya firmó / has already signed", party->organisation_name));
        if (s.signed_on > today(clock))
            return detail::invalid("signed_on", "es posterior a hoy / is after today");
        auto& sql = db.session();
        const std::string now = clock.now_iso(), on = s.signed_on.iso();
        long long p = s.party;
        sql << "INSERT INTO convenio_signatures (party_id, signed_by, signer_title, signed_on, evidence, "
               "evidence_url, recorded_by, created_at) VALUES (:p, :b, :t, :o, :e, :u, :r, :c)",
            soci::use(p), soci::use(s.signed_by), soci::use(s.signer_title), soci::use(on),
            soci::use(s.evidence), soci::use(s.evidence_url), soci::use(who.id), soci::use(now);
        touch(sql, c.id, now);
        const json after = {{"party", s.party},
                            {"organisation", party->organisation_name},
                            {"signed_by", s.signed_by},
                            {"signer_title", s.signer_title},
                            {"signed_on", on},
                            {"evidence", s.evidence},
                            {"evidence_url", s.evidence_url}};
        TRY(access::audit(
            db, clock, who, request_id,
            {"convenio.sign", "convenio", std::to_string(c.id), access::diff_of(json::object(), after)}));
        // The last signature puts the convenio in force.
        if (c.signed_parties + 1 == static_cast<int>(c.parties.size())) {
            Convenio signed_all = c;
            signed_all.signed_parties = c.signed_parties + 1;
            TRY(write_status(db, clock, who, request_id, signed_all, "in_force"));
        }
        return ok_status();
    });
}

Result<Convenio> set_convenio_status(storage::Database& db, const Clock& clock, const access::Actor& who,
                                     const std::string& request_id, int64_t convenio, int64_t version,
                                     const std::string& status) {
    return write(db, who, convenio, version, [&](const Convenio& c) -> Status {
        TRY(check_transition(c, status, today(clock)));
        return write_status(db, clock, who, request_id, c, status);
    });
}

}  // namespace metropoli::coordination
