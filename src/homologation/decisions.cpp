// SPDX-License-Identifier: MIT
// Harmonised decisions: proposing, voting (Coordinar's seat rules), closing with the agreements a carried
// decision creates, and the reads.
#include "homologation/decisions.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <map>

#include "access/audit.hpp"
#include "access/permissions.hpp"
#include "coordination/agreements.hpp"
#include "core/text.hpp"
#include "homologation/activity_rule_support.hpp"

namespace metropoli::homologation {

using nlohmann::json;

namespace {

constexpr const char* k_decision_columns =
    "d.id, d.reference, d.body_id, b.name, b.visibility, d.meeting_id, g.title, g.starts_at, d.title, "
    "d.text, "
    "d.measure_kind, d.measure, d.applies_from, d.state, d.tally, d.closed_at, d.closed_by, d.proposed_by, "
    "d.version, d.created_at, d.updated_at, d.example FROM harmonised_decisions d JOIN bodies b ON b.id = "
    "d.body_id "
    "JOIN meetings g ON g.id = d.meeting_id";

std::string text_at(const soci::row& r, std::size_t i) {
    return r.get_indicator(i) == soci::i_ok ? r.get<std::string>(i) : std::string();
}

coordination::Tally tally_from(const json& j) {
    coordination::Tally t;
    t.quorum_rule = j.value("quorum_rule", std::string());
    t.majority_rule = j.value("majority_rule", std::string());
    t.voting_seats = j.value("voting_seats", 0);
    t.attending = j.value("attending", 0);
    t.quorum_needed = j.value("quorum_needed", 0);
    t.quorum = j.value("quorum", false);
    t.for_votes = j.value("for", 0);
    t.against = j.value("against", 0);
    t.abstain = j.value("abstain", 0);
    t.not_voted = j.value("not_voted", 0);
    t.needed = j.value("needed", 0);
    t.carried = j.value("carried", false);
    return t;
}

// A municipality's name in the stored region's jurisdictions, or nothing (no region stored, or not there).
std::optional<std::string> place_name(soci::session& sql, const std::string& code) {
    std::string name;
    soci::indicator ind = soci::i_null;
    sql << "SELECT name FROM jurisdictions WHERE code = :c AND kind = 'municipality'", soci::use(code),
        soci::into(name, ind);
    if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
    return name;
}

bool region_stored(soci::session& sql) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM jurisdictions WHERE kind = 'municipality'", soci::into(n);
    return n > 0;
}

std::vector<Decision> select_decisions(storage::Database& db, const std::string& where, long long arg) {
    auto& sql = db.session();
    std::vector<Decision> out;
    {
        soci::rowset<soci::row> rows =
            (sql.prepare << fmt::format("SELECT {} WHERE {} ORDER BY g.starts_at DESC, d.id DESC",
                                        k_decision_columns, where),
             soci::use(arg));
        for (const auto& r : rows) {
            Decision d;
            d.id = storage::get_int64(r, 0);
            d.reference = r.get<std::string>(1);
            d.body = storage::get_int64(r, 2);
            d.body_name = r.get<std::string>(3);
            d.body_visibility = r.get<std::string>(4);
            d.meeting = storage::get_int64(r, 5);
            d.meeting_title = r.get<std::string>(6);
            d.meeting_date = Date::parse_iso(r.get<std::string>(7).substr(0, 10)).value_or(Date{});
            d.title = r.get<std::string>(8);
            d.text = r.get<std::string>(9);
            const std::string kind = r.get<std::string>(10);
            auto measure = measure_from_json(kind, json::parse(r.get<std::string>(11), nullptr, false));
            if (measure) d.measure = *measure;
            d.measure.kind = kind;
            d.applies_from = Date::parse_iso(r.get<std::string>(12)).value_or(Date{});
            d.state = r.get<std::string>(13);
            if (const std::string t = text_at(r, 14); !t.empty())
                d.tally = tally_from(json::parse(t, nullptr, false));
            d.closed_at = text_at(r, 15);
            d.closed_by = text_at(r, 16);
            d.proposed_by = r.get<std::string>(17);
            d.version = storage::get_int64(r, 18);
            d.created_at = r.get<std::string>(19);
            d.updated_at = r.get<std::string>(20);
            d.example = storage::get_int64(r, 21) != 0;
            out.push_back(std::move(d));
        }
    }
    if (out.empty()) return out;
    for (auto& d : out) {
        long long id = d.id;
        soci::rowset<soci::row> places =
            (sql.prepare
                 << "SELECT j.jurisdiction, j.owner_id, o.name FROM harmonised_decision_jurisdictions j "
                    "JOIN organisations o ON o.id = j.owner_id WHERE j.decision_id = :d ORDER BY "
                    "j.position",
             soci::use(id));
        for (const auto& p : places) {
            DecisionJurisdiction j;
            j.code = p.get<std::string>(0);
            j.name = place_name(sql, j.code).value_or(j.code);
            j.owner = storage::get_int64(p, 1);
            j.owner_name = p.get<std::string>(2);
            d.jurisdictions.push_back(std::move(j));
        }
        soci::rowset<soci::row> made =
            (sql.prepare << "SELECT agreement_id FROM harmonised_decision_agreements WHERE decision_id = :d "
                            "ORDER BY agreement_id",
             soci::use(id));
        for (const auto& a : made) d.agreements.push_back(storage::get_int64(a, 0));
    }
    return out;
}

std::optional<Decision> select_decision(storage::Database& db, int64_t id) {
    auto found = select_decisions(db, "d.id = :id", id);
    if (found.empty()) return std::nullopt;
    return found.front();
}

bool readable(const access::Actor& who, const Decision& d) {
    return d.body_visibility != "private" || access::permits(who, "minutes.read", {.body = d.body});
}

Error no_decision(int64_t id) {
    return make_error(ErrorCode::not_found, fmt::format("no hay decisión {} / no decision {}", id, id));
}

coordination::VoteSubject subject_of(const Decision& d) {
    return {"decision", d.id, d.body, d.meeting, d.meeting_date};
}

// Loads a decision for a write by `who` holding `permission` on its body: not_found, then the refusal.
Result<Decision> for_write(storage::Database& db, const access::Actor& who, int64_t id,
                           std::string_view permission) {
    auto d = select_decision(db, id);
    if (!d) return no_decision(id);
    if (!access::permits(who, permission, {.body = d->body})) {
        if (!readable(who, *d)) return who.anonymous() ? detail::refused(who, permission) : no_decision(id);
        return detail::refused(who, permission);
    }
    return *d;
}

Error closed(const Decision& d) {
    return make_error(ErrorCode::conflict,
                      fmt::format("la votación de {} ya se cerró ({}) / the vote on {} is closed ({})",
                                  d.reference, d.state, d.reference, d.state));
}

template <class T, class F>
Result<T> writing(storage::Database& db, F&& write) {
    Result<T> out = make_error(ErrorCode::internal, "not written");
    const Status written = db.transaction([&]() -> Status {
        out = write();
        return out ? ok_status() : Status(out.error());
    });
    if (!written) return written.error();
    return out;
}

json audited(const Decision& d) {
    json out = decision_json(d);
    for (const char* k : {"id", "body_name", "meeting_title", "meeting_date", "created_at", "updated_at"})
        out.erase(k);
    return out;
}

bool is_municipality_code(const std::string& code) {
    return code.size() == 5 &&
           std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The agreements that carry out a carried decision: one per owner, with the owner's municipalities.
Result<std::vector<int64_t>> create_agreements(storage::Database& db, const Clock& clock,
                                               const access::Actor& who, const std::string& request_id,
                                               const Decision& d) {
    std::vector<int64_t> owners;
    std::map<int64_t, std::vector<const DecisionJurisdiction*>> places;
    for (const auto& j : d.jurisdictions) {
        if (!places.count(j.owner)) owners.push_back(j.owner);
        places[j.owner].push_back(&j);
    }
    const Bilingual measure = describe_measure(d.measure);
    std::vector<int64_t> out;
    for (size_t i = 0; i < owners.size(); ++i) {
        coordination::NewAgreement a;
        a.reference = fmt::format("{}-{}", d.reference, i + 1);
        a.meeting = d.meeting;
        std::string names;
        for (const auto* j : places[owners[i]]) {
            a.jurisdictions.push_back(j->code);
            names += (names.empty() ? "" : ", ") + j->name;
        }
        a.title = fmt::format("Aplicar {} en {}: {}", d.reference, names, d.title);
        if (a.title.size() > 300)
            a.title = fmt::format("Aplicar {} en {}", d.reference, names).substr(0, 300);
        a.text = fmt::format(
            "Decisión armonizada {} de {} ({}), votada en «{}» el {}: {} en {}, desde el {}. / Harmonised "
            "decision "
            "{} of {} ({}), voted in '{}' on {}: {} in {}, from {}.",
            d.reference, d.body_name, d.title, d.meeting_title, d.meeting_date.iso(), measure.es, names,
            d.applies_from.iso(), d.reference, d.body_name, d.title, d.meeting_title, d.meeting_date.iso(),
            measure.en, names, d.applies_from.iso());
        a.responsible = owners[i];
        a.start_date = d.meeting_date;
        a.due_date = d.applies_from;
        a.example = d.example;
        TRY_ASSIGN(made, coordination::create_agreement(db, clock, who, request_id, a));
        long long decision = d.id, agreement = made.id;
        db.session()
            << "INSERT INTO harmonised_decision_agreements (decision_id, agreement_id) VALUES (:d, :a)",
            soci::use(decision), soci::use(agreement);
        out.push_back(made.id);
    }
    return out;
}

}  // namespace

const std::vector<std::string>& decision_states() {
    static const std::vector<std::string> k{"proposed", "carried", "rejected", "no_quorum"};
    return k;
}

json decision_json(const Decision& d) {
    json places = json::array();
    for (const auto& j : d.jurisdictions)
        places.push_back(
            {{"code", j.code}, {"name", j.name}, {"owner", j.owner}, {"owner_name", j.owner_name}});
    const Bilingual described = describe_measure(d.measure);
    return {{"id", d.id},
            {"reference", d.reference},
            {"body", d.body},
            {"body_name", d.body_name},
            {"meeting", d.meeting},
            {"meeting_title", d.meeting_title},
            {"meeting_date", d.meeting_date.iso()},
            {"title", d.title},
            {"text", d.text},
            {"measure_kind", d.measure.kind},
            {"measure", measure_json(d.measure)},
            {"measure_text", {{"es", described.es}, {"en", described.en}}},
            {"applies_from", d.applies_from.iso()},
            {"state", d.state},
            {"tally", d.tally ? coordination::tally_json(*d.tally) : json(nullptr)},
            {"closed_at", d.closed_at.empty() ? json(nullptr) : json(d.closed_at)},
            {"closed_by", d.closed_by.empty() ? json(nullptr) : json(d.closed_by)},
            {"proposed_by", d.proposed_by},
            {"jurisdictions", places},
            {"agreements", d.agreements},
            {"example", d.example},
            {"version", d.version},
            {"created_at", d.created_at},
            {"updated_at", d.updated_at}};
}

Result<Decision> propose_decision(storage::Database& db, const Clock& clock, const access::Actor& who,
                                  const std::string& request_id, const NewDecision& n) {
    return writing<Decision>(db, [&]() -> Result<Decision> {
        auto& sql = db.session();
        long long meeting = n.meeting, body = 0;
        std::string state, starts;
        soci::indicator ind = soci::i_null;
        sql << "SELECT body_id, state, starts_at FROM meetings WHERE id = :g", soci::use(meeting),
            soci::into(body, ind), soci::into(state), soci::into(starts);
        if (!sql.got_data() || ind != soci::i_ok)
            return make_error(ErrorCode::not_found,
                              fmt::format("no hay reunión {} / no meeting {}", meeting, meeting));
        if (!access::permits(who, "decision.edit", {.body = body}))
            return detail::refused(who, "decision.edit");
        if (state == "cancelled")
            return make_error(
                ErrorCode::conflict,
                "la reunión se canceló: no vota decisiones / the meeting was cancelled: it votes no "
                "decisions");
        if (n.title.find_first_not_of(" \t\r\n") == std::string::npos)
            return detail::invalid("title", "es obligatorio / is required");
        if (n.title.size() > 300) return detail::invalid("title", "más de 300 bytes / longer than 300 bytes");
        if (n.text.size() > 20000)
            return detail::invalid("text", "más de 20000 bytes / longer than 20000 bytes");
        if (!is_valid_utf8(n.title) || !is_valid_utf8(n.text))
            return detail::invalid(is_valid_utf8(n.title) ? "text" : "title",
                                   "no es UTF-8 válido / is not valid UTF-8");
        if (!n.applies_from) return detail::invalid("applies_from", "es obligatorio / is required");
        if (n.measure.kind == "activity_rule") {
            long long known = 0;
            sql << "SELECT COUNT(*) FROM activity_catalogue WHERE key = :k", soci::use(n.measure.activity),
                soci::into(known);
            if (known == 0)
                return detail::invalid(
                    "measure/activity",
                    fmt::format("no hay actividad '{}' en el catálogo / no activity '{}' in the "
                                "catalogue",
                                n.measure.activity, n.measure.activity));
        }
        if (n.jurisdictions.empty())
            return detail::invalid("jurisdictions", "al menos un municipio / at least one municipality");
        const bool region = region_stored(sql);
        for (size_t i = 0; i < n.jurisdictions.size(); ++i) {
            const auto& [code, owner] = n.jurisdictions[i];
            const std::string at = fmt::format("jurisdictions/{}/", i);
            if (!is_municipality_code(code) || (region && !place_name(sql, code)))
                return detail::invalid(
                    at + "code",
                    fmt::format("'{}' no es un municipio de la región / is not a municipality of "
                                "the region",
                                code));
            for (size_t k = 0; k < i; ++k)
                if (n.jurisdictions[k].first == code)
                    return detail::invalid(at + "code",
                                           fmt::format("'{}' está dos veces / is listed twice", code));
            long long org = owner, found = 0;
            sql << "SELECT COUNT(*) FROM organisations WHERE id = :o", soci::use(org), soci::into(found);
            if (found == 0)
                return detail::invalid(
                    at + "owner", fmt::format("no hay organización {} / no organisation {}", owner, owner));
        }
        const std::string day = starts.substr(0, 10);
        const std::string prefix = "DA-" + day + "-";
        long long same_day = 0;
        const std::string like = prefix + "%";
        sql << "SELECT COUNT(*) FROM harmonised_decisions WHERE reference LIKE :p", soci::use(like),
            soci::into(same_day);
        const std::string reference = fmt::format("{}{:02}", prefix, same_day + 1);
        const std::string now = clock.now_iso(), measure = measure_json(n.measure).dump(),
                          applies = n.applies_from->iso();
        const int example = n.example ? 1 : 0;
        long long id = 0;
        sql << "INSERT INTO harmonised_decisions (reference, body_id, meeting_id, title, text, measure_kind, "
               "measure, "
               "applies_from, proposed_by, created_at, updated_at, example) VALUES (:r, :b, :g, :t, :x, :k, "
               ":m, :a, :p, :c, :u, :e) RETURNING id",
            soci::use(reference), soci::use(body), soci::use(meeting), soci::use(n.title), soci::use(n.text),
            soci::use(n.measure.kind), soci::use(measure), soci::use(applies), soci::use(who.id),
            soci::use(now), soci::use(now), soci::use(example), soci::into(id);
        for (size_t i = 0; i < n.jurisdictions.size(); ++i) {
            long long owner = n.jurisdictions[i].second;
            int position = static_cast<int>(i);
            sql << "INSERT INTO harmonised_decision_jurisdictions (decision_id, jurisdiction, owner_id, "
                   "position) "
                   "VALUES (:d, :j, :o, :p)",
                soci::use(id), soci::use(n.jurisdictions[i].first), soci::use(owner), soci::use(position);
        }
        auto made = select_decision(db, id);
        if (!made) return make_error(ErrorCode::internal, "a proposed decision is missing");
        TRY(access::audit(db, clock, who, request_id,
                          {"decision.propose", "decision", std::to_string(id),
                           access::diff_of(json::object(), audited(*made))}));
        return *made;
    });
}

Result<coordination::Tally> vote_on_decision(storage::Database& db, const Clock& clock,
                                             const access::Actor& who, const std::string& request_id,
                                             int64_t id, std::optional<int64_t> seat,
                                             const std::string& choice) {
    return writing<coordination::Tally>(db, [&]() -> Result<coordination::Tally> {
        auto& sql = db.session();
        TRY_ASSIGN(d, for_write(db, who, id, "decision.vote"));
        if (d.state != "proposed") return closed(d);
        TRY_ASSIGN(voter, coordination::record_seat_vote(sql, clock, who, subject_of(d), seat, choice));
        long long did = d.id;
        const std::string now = clock.now_iso();
        sql << "UPDATE harmonised_decisions SET version = version + 1, updated_at = :u WHERE id = :id",
            soci::use(now), soci::use(did);
        json vote = {{"seat", voter.seat}, {"choice", choice}, {"by_alternate", voter.alternate}};
        TRY(access::audit(db, clock, who, request_id,
                          {"decision.vote",
                           "decision",
                           std::to_string(d.id),
                           {{"vote", {{"before", nullptr}, {"after", vote}}}}}));
        return coordination::count_votes(sql, subject_of(d));
    });
}

Result<Decision> close_decision(storage::Database& db, const Clock& clock, const access::Actor& who,
                                const std::string& request_id, int64_t id, int64_t expected_version) {
    return writing<Decision>(db, [&]() -> Result<Decision> {
        auto& sql = db.session();
        TRY_ASSIGN(before, for_write(db, who, id, "decision.edit"));
        if (before.state != "proposed") return closed(before);
        if (before.version != expected_version)
            return make_error(
                ErrorCode::precondition_failed,
                fmt::format("la decisión {} cambió (versión {}, no {}); vuelva a leerla / decision {} "
                            "changed (version {}, not {}): read it again",
                            id, before.version, expected_version, id, before.version, expected_version));
        const coordination::Tally t = coordination::count_votes(sql, subject_of(before));
        const std::string state = !t.quorum ? "no_quorum" : t.carried ? "carried" : "rejected";
        const std::string now = clock.now_iso(), tally = coordination::tally_json(t).dump();
        long long did = id, version = expected_version;
        soci::statement st =
            (sql.prepare
                 << "UPDATE harmonised_decisions SET state = :s, tally = :t, closed_at = :c, closed_by = :b, "
                    "version = version + 1, updated_at = :u WHERE id = :id AND version = :v AND state = "
                    "'proposed'",
             soci::use(state), soci::use(tally), soci::use(now), soci::use(who.id), soci::use(now),
             soci::use(did), soci::use(version));
        st.execute(true);
        if (st.get_affected_rows() != 1)
            return make_error(ErrorCode::precondition_failed, "the decision changed while it was closed");
        if (state == "carried") {
            auto closing = select_decision(db, id);
            TRY(create_agreements(db, clock, who, request_id, *closing));
        }
        auto after = select_decision(db, id);
        if (!after) return make_error(ErrorCode::internal, "a closed decision is missing");
        TRY(access::audit(db, clock, who, request_id,
                          {"decision.close", "decision", std::to_string(id),
                           access::diff_of(audited(before), audited(*after))}));
        return *after;
    });
}

Result<std::vector<Decision>> list_decisions(storage::Database& db, const access::Actor& who,
                                             const DecisionFilter& filter) {
    return detail::reading(db, [&]() -> Result<std::vector<Decision>> {
        std::vector<Decision> out;
        for (auto& d : select_decisions(db, "1 = :one", 1)) {
            if (filter.meeting && d.meeting != *filter.meeting) continue;
            if (filter.body && d.body != *filter.body) continue;
            if (!readable(who, d)) continue;
            out.push_back(std::move(d));
        }
        return out;
    });
}

Result<Decision> get_decision(storage::Database& db, const access::Actor& who, int64_t id) {
    return detail::reading(db, [&]() -> Result<Decision> {
        auto d = select_decision(db, id);
        if (!d || !readable(who, *d)) return no_decision(id);
        return *d;
    });
}

Result<std::vector<coordination::Vote>> decision_votes(storage::Database& db, const access::Actor& who,
                                                       int64_t id) {
    TRY_ASSIGN(d, get_decision(db, who, id));
    return detail::reading(db, [&]() -> Result<std::vector<coordination::Vote>> {
        return coordination::subject_votes(db.session(), subject_of(d));
    });
}

Result<coordination::Tally> decision_tally(storage::Database& db, const access::Actor& who, int64_t id) {
    TRY_ASSIGN(d, get_decision(db, who, id));
    if (d.tally) return *d.tally;
    return detail::reading(db, [&]() -> Result<coordination::Tally> {
        return coordination::count_votes(db.session(), subject_of(d));
    });
}

}  // namespace metropoli::homologation
