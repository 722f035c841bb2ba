// SPDX-License-Identifier: MIT
// The convenio's rows: reading one whole (with the clause roll-up) and the inserts shared by the use cases
// and the seed.
#include <fmt/format.h>

#include "access/audit.hpp"
#include "coordination/convenio_support.hpp"
#include "coordination/store_support.hpp"

namespace metropoli::coordination::detail {

using nlohmann::json;

double get_number(const soci::row& row, std::size_t column) {
    if (row.get_properties(column).get_data_type() == soci::dt_double) return row.get<double>(column);
    return static_cast<double>(storage::get_int64(row, column));
}

namespace {

void load_parties(soci::session& sql, Convenio& c) {
    long long id = c.id;
    soci::rowset<soci::row> rows =
        (sql.prepare
             << "SELECT p.id, p.organisation_id, o.name, p.kind, p.position, s.id, s.signed_by, "
                "s.signer_title, s.signed_on, s.evidence, s.evidence_url, s.recorded_by, s.created_at "
                "FROM convenio_parties p JOIN organisations o ON o.id = p.organisation_id "
                "LEFT JOIN convenio_signatures s ON s.party_id = p.id WHERE p.convenio_id = :c "
                "ORDER BY p.position, p.id",
         soci::use(id));
    for (const auto& row : rows) {
        Party p;
        p.id = storage::get_int64(row, 0);
        p.organisation = storage::get_int64(row, 1);
        p.organisation_name = row.get<std::string>(2);
        p.kind = row.get<std::string>(3);
        p.position = static_cast<int>(storage::get_int64(row, 4));
        if (row.get_indicator(5) == soci::i_ok) {
            Signature s;
            s.id = storage::get_int64(row, 5);
            s.signed_by = row.get<std::string>(6);
            s.signer_title = row.get<std::string>(7);
            s.signed_on = *Date::parse_iso(row.get<std::string>(8));
            s.evidence = row.get<std::string>(9);
            s.evidence_url = row.get<std::string>(10);
            s.recorded_by = row.get<std::string>(11);
            s.created_at = row.get<std::string>(12);
            p.signature = s;
            ++c.signed_parties;
        }
        c.parties.push_back(std::move(p));
    }
}

void load_clauses(soci::session& sql, Convenio& c) {
    long long id = c.id;
    {
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT id, number, position, task, title, text, version FROM convenio_clauses "
                            "WHERE convenio_id = :c ORDER BY position, id",
             soci::use(id));
        for (const auto& row : rows) {
            Clause k;
            k.id = storage::get_int64(row, 0);
            k.number = row.get<std::string>(1);
            k.position = static_cast<int>(storage::get_int64(row, 2));
            if (row.get_indicator(3) == soci::i_ok) k.task = row.get<std::string>(3);
            k.title = row.get<std::string>(4);
            k.text = row.get<std::string>(5);
            k.version = storage::get_int64(row, 6);
            c.clauses.push_back(std::move(k));
        }
    }
    soci::rowset<soci::row> links =
        (sql.prepare
             << "SELECT l.clause_id, a.id, a.reference, a.title, a.progress FROM clause_agreements l "
                "JOIN agreements a ON a.id = l.agreement_id JOIN convenio_clauses k ON k.id = l.clause_id "
                "WHERE k.convenio_id = :c ORDER BY a.reference, a.id",
         soci::use(id));
    for (const auto& row : links) {
        const int64_t clause = storage::get_int64(row, 0);
        for (auto& k : c.clauses) {
            if (k.id != clause) continue;
            k.agreements.push_back({storage::get_int64(row, 1), row.get<std::string>(2),
                                    row.get<std::string>(3), get_number(row, 4)});
        }
    }
    // The roll-up: a clause's progress is the plain mean of its agreements' stored progress (each agreement's
    // own roll-up of its children is already in that column); the convenio's is the mean of the clauses that
    // have agreements.
    double sum = 0;
    int counted = 0;
    for (auto& k : c.clauses) {
        if (k.agreements.empty()) continue;
        double total = 0;
        for (const auto& a : k.agreements) total += a.progress;
        k.progress = total / static_cast<double>(k.agreements.size());
        sum += *k.progress;
        ++counted;
    }
    if (counted > 0) c.progress = sum / counted;
}

}  // namespace

std::optional<Convenio> load_convenio(soci::session& sql, long long id) {
    std::optional<Convenio> out;
    soci::rowset<soci::row> rows =
        (sql.prepare
             << "SELECT id, seed_key, title, region_id, body_id, status, valid_from, valid_to, preamble, "
                "example, version, created_at, updated_at FROM convenios WHERE id = :id",
         soci::use(id));
    for (const auto& row : rows) {
        Convenio c;
        c.id = storage::get_int64(row, 0);
        c.seed = row.get_indicator(1) == soci::i_ok;
        c.title = row.get<std::string>(2);
        c.region_id = row.get<std::string>(3);
        c.body = optional_id(row, 4);
        c.status = row.get<std::string>(5);
        c.valid_from = optional_date(row, 6);
        c.valid_to = optional_date(row, 7);
        c.preamble = row.get<std::string>(8);
        c.example = storage::get_int64(row, 9) != 0;
        c.version = storage::get_int64(row, 10);
        c.created_at = row.get<std::string>(11);
        c.updated_at = row.get<std::string>(12);
        out = std::move(c);
    }
    if (!out) return out;
    load_parties(sql, *out);
    load_clauses(sql, *out);
    return out;
}

std::optional<int64_t> clause_convenio(soci::session& sql, long long clause) {
    long long owner = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT convenio_id FROM convenio_clauses WHERE id = :id", soci::use(clause),
        soci::into(owner, ind);
    if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
    return owner;
}

Result<int64_t> insert_convenio(storage::Database& db, const Clock& clock, const access::Actor& who,
                                const std::string& request_id, const ConvenioFields& f,
                                const std::optional<std::string>& seed_key) {
    auto& sql = db.session();
    if (f.body) {
        long long b = *f.body, known = 0;
        sql << "SELECT COUNT(*) FROM bodies WHERE id = :b", soci::use(b), soci::into(known);
        if (known == 0) return invalid("body", fmt::format("no hay órgano {} / no body {}", b, b));
    }
    const std::string now = clock.now_iso();
    std::string key = seed_key.value_or(""), from = f.valid_from ? f.valid_from->iso() : "",
                to = f.valid_to ? f.valid_to->iso() : "";
    soci::indicator key_ind = seed_key ? soci::i_ok : soci::i_null;
    soci::indicator from_ind = f.valid_from ? soci::i_ok : soci::i_null;
    soci::indicator to_ind = f.valid_to ? soci::i_ok : soci::i_null;
    long long body = f.body.value_or(0), id = 0;
    soci::indicator body_ind = f.body ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO convenios (seed_key, title, region_id, body_id, status, valid_from, valid_to, "
           "preamble, "
           "example, created_at, updated_at) VALUES (:k, :t, :r, :b, 'draft', :f, :v, :p, :e, :c, :u) "
           "RETURNING id",
        soci::use(key, key_ind), soci::use(f.title), soci::use(f.region_id), soci::use(body, body_ind),
        soci::use(from, from_ind), soci::use(to, to_ind), soci::use(f.preamble), soci::use(f.example ? 1 : 0),
        soci::use(now), soci::use(now), soci::into(id);
    const json after = {{"title", f.title},
                        {"region_id", f.region_id},
                        {"body", f.body ? json(*f.body) : json(nullptr)},
                        {"status", "draft"},
                        {"valid_from", f.valid_from ? json(f.valid_from->iso()) : json(nullptr)},
                        {"valid_to", f.valid_to ? json(f.valid_to->iso()) : json(nullptr)},
                        {"example", f.example}};
    TRY(access::audit(
        db, clock, who, request_id,
        {"convenio.create", "convenio", std::to_string(id), access::diff_of(json::object(), after)}));
    return static_cast<int64_t>(id);
}

Status insert_party(storage::Database& db, const Clock& clock, const access::Actor& who,
                    const std::string& request_id, const Convenio& c, const NewParty& party) {
    auto& sql = db.session();
    long long org = party.organisation, known = 0;
    std::string name;
    soci::indicator name_ind = soci::i_null;
    sql << "SELECT name FROM organisations WHERE id = :o", soci::use(org), soci::into(name, name_ind);
    if (!sql.got_data() || name_ind != soci::i_ok)
        return invalid("organisation", fmt::format("no hay organización {} / no organisation {}", org, org));
    long long convenio = c.id;
    sql << "SELECT COUNT(*) FROM convenio_parties WHERE convenio_id = :c AND organisation_id = :o",
        soci::use(convenio), soci::use(org), soci::into(known);
    if (known > 0)
        return make_error(ErrorCode::conflict,
                          fmt::format("{} ya es parte del convenio / is already a party", name));
    const int position = c.parties.empty() ? 1 : c.parties.back().position + 1;
    sql << "INSERT INTO convenio_parties (convenio_id, organisation_id, kind, position) VALUES (:c, :o, :k, "
           ":p)",
        soci::use(convenio), soci::use(org), soci::use(party.kind), soci::use(position);
    const std::string now = clock.now_iso();
    sql << "UPDATE convenios SET version = version + 1, updated_at = :u WHERE id = :id", soci::use(now),
        soci::use(convenio);
    const json after = {
        {"organisation", party.organisation}, {"organisation_name", name}, {"kind", party.kind}};
    return access::audit(
        db, clock, who, request_id,
        {"convenio.party.add", "convenio", std::to_string(c.id), access::diff_of(json::object(), after)});
}

Status insert_clause(storage::Database& db, const Clock& clock, const access::Actor& who,
                     const std::string& request_id, const Convenio& c, const ClauseFields& k) {
    auto& sql = db.session();
    long long convenio = c.id, same = 0, id = 0;
    sql << "SELECT COUNT(*) FROM convenio_clauses WHERE convenio_id = :c AND number = :n",
        soci::use(convenio), soci::use(k.number), soci::into(same);
    if (same > 0)
        return invalid("number",
                       fmt::format("ya hay una cláusula {} / clause {} exists", k.number, k.number));
    int last = 0;
    for (const auto& existing : c.clauses) last = std::max(last, existing.position);
    const int position = k.position.value_or(last + 1);
    const std::string now = clock.now_iso();
    std::string task = k.task.value_or("");
    soci::indicator task_ind = k.task ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO convenio_clauses (convenio_id, number, position, task, title, text, created_at, "
           "updated_at) VALUES (:c, :n, :p, :k, :t, :x, :cr, :u) RETURNING id",
        soci::use(convenio), soci::use(k.number), soci::use(position), soci::use(task, task_ind),
        soci::use(k.title), soci::use(k.text), soci::use(now), soci::use(now), soci::into(id);
    sql << "UPDATE convenios SET version = version + 1, updated_at = :u WHERE id = :id", soci::use(now),
        soci::use(convenio);
    const json after = {{"convenio", c.id},     {"number", k.number},
                        {"position", position}, {"task", k.task ? json(*k.task) : json(nullptr)},
                        {"title", k.title},     {"text", k.text}};
    return access::audit(db, clock, who, request_id,
                         {"convenio.clause.add", "convenio_clause", std::to_string(id),
                          access::diff_of(json::object(), after)});
}

}  // namespace metropoli::coordination::detail
