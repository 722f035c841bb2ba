// SPDX-License-Identifier: MIT
// Progress on agreements: dated updates by the owner's editors with their evidence (a link or a document kept
// with its SHA-256), the roll-up of a parent from its children, the timeline, and the links of an agreement.
#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "access/audit.hpp"
#include "access/permissions.hpp"
#include "access/secrets.hpp"
#include "coordination/agreement_support.hpp"
#include "coordination/agreements.hpp"
#include "coordination/store_support.hpp"

namespace metropoli::coordination {

using nlohmann::json;

namespace {

// Documents are stored as hex text through SQL (decode/encode on PostgreSQL's BYTEA, the hex itself in
// SQLite's BLOB column): SOCI binds std::string as text, which would cut binary content at its first NUL.
std::string to_hex(std::string_view bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 15]);
    }
    return out;
}
std::string from_hex(std::string_view hex) {
    auto value = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return 0;
    };
    std::string out;
    out.reserve(hex.size() / 2);
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<char>(value(hex[i]) * 16 + value(hex[i + 1])));
    return out;
}

std::vector<ProgressUpdate> select_updates(storage::Database& db, long long agreement) {
    std::vector<ProgressUpdate> out;
    soci::rowset<soci::row> rows =
        (db.session().prepare
             << "SELECT p.id, p.agreement_id, p.reported_on, p.progress, s.key, p.text, "
                "p.evidence_url, d.id, d.name, d.media_type, d.size, d.sha256, d.uploaded_by, "
                "d.created_at, p.reported_by, p.created_at FROM progress_updates p "
                "LEFT JOIN agreement_statuses s ON s.id = p.status_id "
                "LEFT JOIN documents d ON d.id = p.document_id WHERE p.agreement_id = :a "
                "ORDER BY p.reported_on, p.id",
         soci::use(agreement));
    for (const auto& row : rows) {
        ProgressUpdate p;
        p.id = storage::get_int64(row, 0);
        p.agreement = storage::get_int64(row, 1);
        p.reported_on = *Date::parse_iso(row.get<std::string>(2));
        p.progress = detail::get_double(row, 3);
        p.status = detail::text_or_empty(row, 4);
        p.text = row.get<std::string>(5);
        p.evidence_url = row.get<std::string>(6);
        if (row.get_indicator(7) == soci::i_ok) {
            Document d;
            d.id = storage::get_int64(row, 7);
            d.name = row.get<std::string>(8);
            d.media_type = row.get<std::string>(9);
            d.size = storage::get_int64(row, 10);
            d.sha256 = row.get<std::string>(11);
            d.uploaded_by = row.get<std::string>(12);
            d.created_at = row.get<std::string>(13);
            p.document = d;
        }
        p.reported_by = row.get<std::string>(14);
        p.created_at = row.get<std::string>(15);
        out.push_back(std::move(p));
    }
    return out;
}

bool http_url(const std::string& u) {
    return (u.rfind("https://", 0) == 0 || u.rfind("http://", 0) == 0) && u.size() > 8 && u.size() <= 2000 &&
           u.find_first_of(" \t\r\n\"<>") == std::string::npos;
}

}  // namespace

const std::vector<std::string>& evidence_media_types() {
    static const std::vector<std::string> types = {
        "application/pdf",
        "image/png",
        "image/jpeg",
        "text/plain",
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
    };
    return types;
}

json document_json(const Document& d) {
    return {{"id", d.id},
            {"name", d.name},
            {"media_type", d.media_type},
            {"size", d.size},
            {"sha256", d.sha256},
            {"uploaded_by", d.uploaded_by},
            {"created_at", d.created_at},
            {"url", fmt::format("/api/v1/documents/{}", d.id)}};
}

json progress_json(const ProgressUpdate& p) {
    return {{"id", p.id},
            {"agreement", p.agreement},
            {"reported_on", p.reported_on.iso()},
            {"progress", p.progress},
            {"status", p.status.empty() ? json(nullptr) : json(p.status)},
            {"text", p.text},
            {"evidence_url", p.evidence_url.empty() ? json(nullptr) : json(p.evidence_url)},
            {"document", p.document ? document_json(*p.document) : json(nullptr)},
            {"reported_by", p.reported_by},
            {"created_at", p.created_at}};
}

double rolled_up(const std::vector<ChildProgress>& children) {
    if (children.empty()) return 0;
    double weights = 0, weighted = 0, sum = 0;
    bool all_weighted = true;
    for (const auto& c : children) {
        sum += c.progress;
        if (c.weight) {
            weights += *c.weight;
            weighted += *c.weight * c.progress;
        } else {
            all_weighted = false;
        }
    }
    const double value =
        all_weighted && weights > 0 ? weighted / weights : sum / static_cast<double>(children.size());
    return std::round(value * 100) / 100;  // two decimals, so that every reader shows the same figure
}

namespace detail {

Status roll_up_from(storage::Database& db, const Clock& clock, const access::Actor& who,
                    const std::string& request_id, std::optional<int64_t> parent) {
    auto& sql = db.session();
    for (int depth = 0; parent && depth < 1000; ++depth) {
        long long id = *parent;
        std::vector<ChildProgress> children;
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT progress, weight FROM agreements WHERE parent_id = :p", soci::use(id));
        for (const auto& row : rows) {
            ChildProgress c;
            c.progress = get_double(row, 0);
            if (row.get_indicator(1) == soci::i_ok) c.weight = get_double(row, 1);
            children.push_back(c);
        }
        double before = 0;
        long long above = 0;
        soci::indicator above_ind = soci::i_null;
        sql << "SELECT progress, parent_id FROM agreements WHERE id = :id", soci::use(id), soci::into(before),
            soci::into(above, above_ind);
        const double after = rolled_up(children);
        if (std::abs(after - before) > 1e-9) {
            const std::string now = clock.now_iso();
            sql << "UPDATE agreements SET progress = :g, version = version + 1, updated_at = :u WHERE id = "
                   ":id",
                soci::use(after), soci::use(now), soci::use(id);
            TRY(access::audit(db, clock, who, request_id,
                              {"agreement.rollup",
                               "agreement",
                               std::to_string(id),
                               {{"progress", {{"before", before}, {"after", after}}}}}));
        }
        parent = above_ind == soci::i_ok ? std::optional<int64_t>(above) : std::nullopt;
    }
    return ok_status();
}

Status check_progress_fields(soci::session& sql, const Agreement& agreement, const NewProgress& p) {
    if (!agreement.children.empty())
        return make_error(
            ErrorCode::conflict,
            fmt::format("el avance de {} es el de sus acuerdos hijos / the progress of {} is its "
                        "children's roll-up",
                        agreement.reference, agreement.reference));
    if (!(p.progress >= 0 && p.progress <= 100))
        return invalid("progress", "entre 0 y 100 / between 0 and 100");
    if (p.status && !status_by_key(sql, *p.status))
        return invalid("status", fmt::format("no hay estado '{}' / no status '{}'", *p.status, *p.status));
    if (p.text.size() > 20000) return invalid("text", "más de 20000 bytes / longer than 20000 bytes");
    if (!p.evidence_url.empty() && !http_url(p.evidence_url))
        return invalid("evidence_url", "un enlace http(s) / an http(s) link");
    if (p.document) {
        const auto& types = evidence_media_types();
        if (p.document->content.empty()) return invalid("document", "está vacío / is empty");
        if (p.document->content.size() > k_max_document_bytes)
            return invalid("document", "más de 10 MiB / larger than 10 MiB");
        if (std::find(types.begin(), types.end(), p.document->media_type) == types.end())
            return invalid("document/media_type",
                           fmt::format("tipo no admitido {} / media type {} not accepted",
                                       p.document->media_type, p.document->media_type));
        if (p.document->name.empty() || p.document->name.size() > 200 ||
            p.document->name.find_first_of("/\\\r\n\"") != std::string::npos)
            return invalid("document/name", "un nombre de archivo sin / ni comillas / a file name");
    }
    return ok_status();
}

Result<ProgressUpdate> insert_progress(storage::Database& db, const Clock& clock, const access::Actor& who,
                                       const std::string& request_id, const Agreement& agreement,
                                       const NewProgress& p) {
    auto& sql = db.session();
    TRY(check_progress_fields(sql, agreement, p));
    const std::string now = clock.now_iso();
    long long document = 0;
    soci::indicator document_ind = soci::i_null;
    if (p.document) {
        const std::string hash = access::sha256_hex(p.document->content);
        const std::string hex = to_hex(p.document->content);
        const long long size = static_cast<long long>(p.document->content.size());
        const std::string value = db.engine() == storage::Engine::postgresql ? "decode(:h, 'hex')" : ":h";
        sql << "INSERT INTO documents (name, media_type, size, sha256, content, uploaded_by, created_at) "
               "VALUES "
               "(:n, :m, :s, :x, " +
                   value + ", :b, :c) RETURNING id",
            soci::use(p.document->name), soci::use(p.document->media_type), soci::use(size), soci::use(hash),
            soci::use(hex), soci::use(who.id), soci::use(now), soci::into(document);
        document_ind = soci::i_ok;
        TRY(access::audit(db, clock, who, request_id,
                          {"document.create", "document", std::to_string(document),
                           access::diff_of(json::object(), {{"name", p.document->name},
                                                            {"media_type", p.document->media_type},
                                                            {"size", size},
                                                            {"sha256", hash}})}));
    }
    // The status it leaves: the one given; otherwise done at 100, in progress once started, else unchanged.
    std::string status_key = agreement.status.key;
    if (p.status) {
        status_key = *p.status;
    } else if (p.progress >= 100 && status_by_key(sql, "done")) {
        status_key = "done";
    } else if (p.progress > 0 && agreement.status.key == "not_started" && status_by_key(sql, "in_progress")) {
        status_key = "in_progress";
    }
    const auto status = *status_by_key(sql, status_key);
    long long given_status = p.status ? status.id : 0;
    soci::indicator given_ind = p.status ? soci::i_ok : soci::i_null;
    long long agreement_id = agreement.id, update = 0, status_id = status.id;
    const std::string reported = p.reported_on.iso();
    sql << "INSERT INTO progress_updates (agreement_id, reported_on, progress, status_id, text, "
           "evidence_url, "
           "document_id, reported_by, created_at) VALUES (:a, :d, :p, :s, :t, :e, :doc, :b, :c) RETURNING id",
        soci::use(agreement_id), soci::use(reported), soci::use(p.progress),
        soci::use(given_status, given_ind), soci::use(p.text), soci::use(p.evidence_url),
        soci::use(document, document_ind), soci::use(who.id), soci::use(now), soci::into(update);
    sql << "UPDATE agreements SET progress = :g, status_id = :s, version = version + 1, updated_at = :u "
           "WHERE "
           "id = :id",
        soci::use(p.progress), soci::use(status_id), soci::use(now), soci::use(agreement_id);
    const Agreement after = select_agreements(sql, agreement_id).front();
    json diff = access::diff_of(audited_agreement(agreement), audited_agreement(after));
    diff["progress_update"] = {{"before", nullptr}, {"after", update}};
    TRY(access::audit(db, clock, who, request_id,
                      {"agreement.progress", "agreement", std::to_string(agreement_id), diff}));
    TRY(roll_up_from(db, clock, who, request_id, agreement.parent));
    auto updates = select_updates(db, agreement_id);
    for (auto& u : updates)
        if (u.id == update) return u;
    return make_error(ErrorCode::internal, "an inserted progress update is missing");
}

}  // namespace detail

Status may_report_progress(storage::Database& db, const access::Actor& who, int64_t agreement) {
    TRY_ASSIGN(found, get_agreement(db, who, agreement));
    if (!access::permits(who, "progress.report", {.organisation = found.responsible.id}))
        return detail::refused(who, "progress.report");
    return ok_status();
}

Result<ProgressUpdate> report_progress(storage::Database& db, const Clock& clock, const access::Actor& who,
                                       const std::string& request_id, int64_t agreement,
                                       const NewProgress& p) {
    TRY(may_report_progress(db, who, agreement));
    Result<ProgressUpdate> made = make_error(ErrorCode::internal, "not reported");
    const Status written = db.transaction([&]() -> Status {
        // Read again inside the transaction: another report may have landed since.
        auto current = detail::select_agreements(db.session(), agreement);
        if (current.empty()) return make_error(ErrorCode::not_found, "the agreement is gone");
        made = detail::insert_progress(db, clock, who, request_id, current.front(), p);
        return made ? ok_status() : Status(made.error());
    });
    if (!written) return written.error();
    return made;
}

Result<std::vector<ProgressUpdate>> progress_updates(storage::Database& db, const access::Actor& who,
                                                     int64_t agreement) {
    TRY(get_agreement(db, who, agreement));
    return detail::reading(
        db, [&]() -> Result<std::vector<ProgressUpdate>> { return select_updates(db, agreement); });
}

Result<Document> get_document(storage::Database& db, int64_t id) {
    return detail::reading(db, [&]() -> Result<Document> {
        const std::string content =
            db.engine() == storage::Engine::postgresql ? "encode(content, 'hex')" : "content";
        soci::rowset<soci::row> rows =
            (db.session().prepare << "SELECT id, name, media_type, size, sha256, uploaded_by, created_at, " +
                                         content + " FROM documents WHERE id = :id",
             soci::use(static_cast<long long>(id)));
        for (const auto& row : rows) {
            Document d;
            d.id = storage::get_int64(row, 0);
            d.name = row.get<std::string>(1);
            d.media_type = row.get<std::string>(2);
            d.size = storage::get_int64(row, 3);
            d.sha256 = row.get<std::string>(4);
            d.uploaded_by = row.get<std::string>(5);
            d.created_at = row.get<std::string>(6);
            d.content = from_hex(row.get<std::string>(7));
            return d;
        }
        return make_error(ErrorCode::not_found, fmt::format("no hay documento {} / no document {}", id, id));
    });
}

Result<std::vector<TimelineEntry>> agreement_timeline(storage::Database& db, const access::Actor& who,
                                                      int64_t agreement) {
    TRY_ASSIGN(updates, progress_updates(db, who, agreement));
    access::AuditFilter filter;
    filter.entity = "agreement:" + std::to_string(agreement);
    TRY_ASSIGN(entries, access::audit_entries(db, filter));
    // The audit log's order is the true order (entries share a second); each progress update stands where its
    // "agreement.progress" entry does, so that a report and the changes it made read as one step.
    std::vector<TimelineEntry> out;
    std::map<int64_t, const ProgressUpdate*> by_id;
    for (const auto& u : updates) by_id[u.id] = &u;
    for (const auto& e : entries) {
        if (e.action == "agreement.progress") {
            const auto& ref =
                e.diff.contains("progress_update") ? e.diff["progress_update"]["after"] : json();
            auto it = ref.is_number_integer() ? by_id.find(ref.get<int64_t>()) : by_id.end();
            if (it != by_id.end()) {
                json detail = progress_json(*it->second);
                json changes = e.diff;
                changes.erase("progress_update");
                detail["changes"] = changes;
                out.push_back({e.at, "progress", detail});
                by_id.erase(it);
                continue;
            }
        }
        json changes = e.diff;
        changes.erase("progress_update");
        out.push_back({e.at, "change", {{"action", e.action}, {"actor", e.actor}, {"changes", changes}}});
    }
    // Updates without their entry (none are written so), by time.
    for (const auto& [id, u] : by_id) {
        TimelineEntry entry{u->created_at, "progress", progress_json(*u)};
        auto at =
            std::upper_bound(out.begin(), out.end(), entry,
                             [](const TimelineEntry& a, const TimelineEntry& b) { return a.at < b.at; });
        out.insert(at, entry);
    }
    return out;
}

json timeline_json(const std::vector<TimelineEntry>& t) {
    json out = json::array();
    for (const auto& e : t) out.push_back({{"at", e.at}, {"kind", e.kind}, {"detail", e.detail}});
    return out;
}

Result<json> agreement_detail_json(storage::Database& db, const access::Actor& who, int64_t id) {
    TRY_ASSIGN(a, get_agreement(db, who, id));
    TRY_ASSIGN(updates, progress_updates(db, who, id));
    return detail::reading(db, [&]() -> Result<json> {
        auto& sql = db.session();
        json out = agreement_json(a);
        json links = json::object();
        links["meeting"] = out["meeting"];
        links["minutes"] = nullptr;
        links["assessment"] = nullptr;
        if (a.meeting) {
            long long meeting = *a.meeting, minutes = 0;
            soci::indicator minutes_ind = soci::i_null;
            sql << "SELECT MAX(id) FROM minutes WHERE meeting_id = :m AND state = 'approved'",
                soci::use(meeting), soci::into(minutes, minutes_ind);
            if (minutes_ind == soci::i_ok) links["minutes"] = {{"id", minutes}};
            if (a.meeting_date) {
                const std::string day = a.meeting_date->iso();
                links["assessment"] = {{"date", day},
                                       {"jurisdiction", "zm-laguna"},
                                       {"api", fmt::format("/api/v1/indicators/zm-laguna/{}", day)},
                                       {"web", fmt::format("/#/?date={}", day)}};
            }
        }
        json clauses = json::array();
        long long agreement = id;
        soci::rowset<soci::row> rows =
            (sql.prepare
                 << "SELECT c.id, c.convenio_id, c.number, c.title, v.title FROM clause_agreements ca "
                    "JOIN convenio_clauses c ON c.id = ca.clause_id JOIN convenios v ON v.id = "
                    "c.convenio_id WHERE ca.agreement_id = :a ORDER BY c.convenio_id, c.position, c.id",
             soci::use(agreement));
        for (const auto& row : rows)
            clauses.push_back({{"id", storage::get_int64(row, 0)},
                               {"convenio", storage::get_int64(row, 1)},
                               {"number", row.get<std::string>(2)},
                               {"title", row.get<std::string>(3)},
                               {"convenio_title", row.get<std::string>(4)}});
        links["clauses"] = clauses;
        json progress = json::array();
        for (const auto& u : updates) progress.push_back(progress_json(u));
        links["progress_updates"] = progress;
        json children = json::array();
        for (int64_t c : a.children) {
            auto child = detail::select_agreements(sql, c);
            if (child.empty()) continue;
            children.push_back(
                {{"id", c},
                 {"reference", child.front().reference},
                 {"title", child.front().title},
                 {"progress", child.front().progress},
                 {"weight", child.front().weight ? json(*child.front().weight) : json(nullptr)},
                 {"status", child.front().status.key}});
        }
        links["children"] = children;
        out["links"] = links;
        return out;
    });
}

}  // namespace metropoli::coordination
