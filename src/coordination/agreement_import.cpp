// SPDX-License-Identifier: MIT
// CSV import of agreements and of progress updates, all rows or none: every row is read and checked, and the
// rows are written in one transaction that is rolled back when any row is bad, with a report naming each bad
// row (its line in the file) and column.
#include <fmt/format.h>
#include <soci/soci.h>

#include <functional>
#include <map>
#include <set>

#include "access/permissions.hpp"
#include "coordination/agreement_support.hpp"
#include "coordination/agreements.hpp"
#include "coordination/store_support.hpp"
#include "core/csv.hpp"
#include "core/text.hpp"

namespace metropoli::coordination {

using nlohmann::json;

namespace {

constexpr const char* k_rolled_back = "import rolled back";

std::string cell(const CsvTable& t, const std::vector<std::string>& row, const char* column) {
    const int c = t.column(column);
    if (c < 0 || static_cast<size_t>(c) >= row.size()) return "";
    std::string v = row[static_cast<size_t>(c)];
    while (!v.empty() && (v.back() == ' ' || v.back() == '\r')) v.pop_back();
    while (!v.empty() && v.front() == ' ') v.erase(v.begin());
    return v;
}

std::vector<std::string> split_list(const std::string& v) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= v.size()) {
        size_t end = v.find(';', start);
        if (end == std::string::npos) end = v.size();
        std::string item = v.substr(start, end - start);
        while (!item.empty() && item.back() == ' ') item.pop_back();
        while (!item.empty() && item.front() == ' ') item.erase(item.begin());
        if (!item.empty()) out.push_back(item);
        start = end + 1;
    }
    return out;
}

std::optional<long long> parse_id(const std::string& v) {
    if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::stoll(v);
}

std::optional<double> parse_number(const std::string& v) {
    if (v.empty()) return std::nullopt;
    try {
        size_t used = 0;
        const double d = std::stod(v, &used);
        if (used != v.size()) return std::nullopt;
        return d;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// The column an error of the store names ("/coresponsibles/1: why" names coresponsibles), and its reason.
ImportProblem problem_of(size_t line, const Error& e) {
    ImportProblem p{line, "", e.message};
    if (e.message.size() > 1 && e.message[0] == '/') {
        const size_t colon = e.message.find(": ");
        std::string field = e.message.substr(1, colon == std::string::npos ? std::string::npos : colon - 1);
        const size_t slash = field.find('/');
        p.column = slash == std::string::npos ? field : field.substr(0, slash);
        if (colon != std::string::npos) p.why = e.message.substr(colon + 2);
    }
    return p;
}

// An organisation by id, short name or name.
std::optional<long long> organisation_id(soci::session& sql, const std::string& v) {
    if (auto id = parse_id(v)) return id;
    long long id = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT MIN(id) FROM organisations WHERE short_name = :s OR name = :n", soci::use(v), soci::use(v),
        soci::into(id, ind);
    return ind == soci::i_ok ? std::optional<long long>(id) : std::nullopt;
}

// The first line that is not well-formed UTF-8 (a file saved as latin-1, say), named before anything is read.
std::optional<ImportProblem> not_utf8(std::string_view csv) {
    if (is_valid_utf8(csv)) return std::nullopt;
    size_t line = 1, start = 0;
    while (start <= csv.size()) {
        const size_t end = std::min(csv.find('\n', start), csv.size());
        if (!is_valid_utf8(csv.substr(start, end - start)))
            return ImportProblem{
                line, "",
                "no es UTF-8 válido; guarde el archivo como UTF-8 / not valid UTF-8; save the "
                "file as UTF-8"};
        start = end + 1;
        ++line;
    }
    return ImportProblem{0, "", "no es UTF-8 válido / not valid UTF-8"};
}

std::optional<ImportProblem> missing_columns(const CsvTable& t, std::initializer_list<const char*> required) {
    for (const char* c : required)
        if (t.column(c) < 0) return ImportProblem{1, c, "falta la columna / the column is missing"};
    return std::nullopt;
}

// Runs `write` for each row in one transaction that is rolled back when any row recorded a problem.
Result<ImportReport> all_or_nothing(storage::Database& db, ImportReport& report,
                                    const std::function<void()>& write) {
    const Status written = db.transaction([&]() -> Status {
        write();
        if (!report.ok()) return make_error(ErrorCode::conflict, k_rolled_back);
        return ok_status();
    });
    if (!written && written.error().message != k_rolled_back) return written.error();
    if (!report.ok()) report.agreements = report.progress = 0;
    return report;
}

}  // namespace

json import_report_json(const ImportReport& r) {
    json problems = json::array();
    for (const auto& p : r.problems)
        problems.push_back({{"line", p.line}, {"column", p.column}, {"why", p.why}});
    return {{"ok", r.ok()}, {"agreements", r.agreements}, {"progress", r.progress}, {"problems", problems}};
}

Result<ImportReport> import_agreements_csv(storage::Database& db, const Clock& clock,
                                           const access::Actor& who, const std::string& request_id,
                                           std::string_view csv) {
    if (!access::permits(who, "agreement.edit")) return detail::refused(who, "agreement.edit");
    ImportReport report;
    if (auto bad = not_utf8(csv)) {
        report.problems.push_back(*bad);
        return report;
    }
    auto table = parse_csv(csv, "import");
    if (!table) {
        report.problems.push_back({0, "", table.error().message});
        return report;
    }
    if (auto missing = missing_columns(*table, {"reference", "title", "responsible"})) {
        report.problems.push_back(*missing);
        return report;
    }
    if (table->rows.empty()) {
        report.problems.push_back({1, "", "no hay filas / there are no rows"});
        return report;
    }
    return all_or_nothing(db, report, [&] {
        auto& sql = db.session();
        std::set<std::string> seen;
        for (size_t i = 0; i < table->rows.size(); ++i) {
            const auto& row = table->rows[i];
            const size_t line = table->row_lines[i];
            const size_t before = report.problems.size();
            auto bad = [&](const char* column, std::string why) {
                report.problems.push_back({line, column, std::move(why)});
            };
            NewAgreement a;
            a.reference = cell(*table, row, "reference");
            a.title = cell(*table, row, "title");
            a.text = cell(*table, row, "text");
            if (!seen.insert(a.reference).second)
                bad("reference", "repetida en el archivo / repeated in the file");
            const std::string responsible = cell(*table, row, "responsible");
            if (auto id = organisation_id(sql, responsible)) {
                a.responsible = *id;
            } else {
                bad("responsible",
                    fmt::format("no hay organización '{}' / no organisation '{}'", responsible, responsible));
            }
            for (const auto& c : split_list(cell(*table, row, "coresponsibles"))) {
                if (auto id = organisation_id(sql, c)) {
                    a.coresponsibles.push_back(*id);
                } else {
                    bad("coresponsibles",
                        fmt::format("no hay organización '{}' / no organisation '{}'", c, c));
                }
            }
            a.jurisdictions = split_list(cell(*table, row, "jurisdictions"));
            const std::string meeting = cell(*table, row, "meeting");
            if (!meeting.empty()) {
                if (auto id = parse_id(meeting)) {
                    a.meeting = *id;
                } else {
                    bad("meeting", "el número de una reunión / a meeting's id");
                }
            }
            a.imported = !a.meeting;
            const std::string parent = cell(*table, row, "parent");
            if (!parent.empty()) {
                auto found = detail::select_agreements(sql, std::nullopt, &parent);
                if (found.empty()) {
                    bad("parent",
                        fmt::format("no hay acuerdo {} antes en el archivo ni guardado / no agreement {} "
                                    "earlier in the file or stored",
                                    parent, parent));
                } else {
                    a.parent = found.front().id;
                }
            }
            const std::string weight = cell(*table, row, "weight");
            if (!weight.empty()) {
                a.weight = parse_number(weight);
                if (!a.weight) bad("weight", "un número / a number");
            }
            const std::string status = cell(*table, row, "status");
            if (!status.empty()) a.status = status;
            for (const char* column : {"start_date", "due_date"}) {
                const std::string v = cell(*table, row, column);
                if (v.empty()) continue;
                auto day = Date::parse_iso(v);
                if (!day) {
                    bad(column, "una fecha AAAA-MM-DD / a date YYYY-MM-DD");
                } else if (std::string_view(column) == "start_date") {
                    a.start_date = day;
                } else {
                    a.due_date = day;
                }
            }
            if (report.problems.size() != before) continue;
            auto made = detail::insert_agreement(db, clock, who, request_id, a);
            if (!made) {
                report.problems.push_back(problem_of(line, made.error()));
                if (made.error().code == ErrorCode::conflict) report.problems.back().column = "reference";
                continue;
            }
            ++report.agreements;
        }
    });
}

Result<ImportReport> import_progress_csv(storage::Database& db, const Clock& clock, const access::Actor& who,
                                         const std::string& request_id, std::string_view csv) {
    if (who.anonymous()) return detail::refused(who, "progress.report");
    ImportReport report;
    if (auto bad = not_utf8(csv)) {
        report.problems.push_back(*bad);
        return report;
    }
    auto table = parse_csv(csv, "import");
    if (!table) {
        report.problems.push_back({0, "", table.error().message});
        return report;
    }
    if (auto missing = missing_columns(*table, {"reference", "reported_on", "progress"})) {
        report.problems.push_back(*missing);
        return report;
    }
    if (table->rows.empty()) {
        report.problems.push_back({1, "", "no hay filas / there are no rows"});
        return report;
    }
    return all_or_nothing(db, report, [&] {
        auto& sql = db.session();
        for (size_t i = 0; i < table->rows.size(); ++i) {
            const auto& row = table->rows[i];
            const size_t line = table->row_lines[i];
            const std::string reference = cell(*table, row, "reference");
            auto found = detail::select_agreements(sql, std::nullopt, &reference);
            if (found.empty()) {
                report.problems.push_back(
                    {line, "reference",
                     fmt::format("no hay acuerdo {} / no agreement {}", reference, reference)});
                continue;
            }
            if (!access::permits(who, "progress.report", {.organisation = found.front().responsible.id})) {
                report.problems.push_back(
                    {line, "reference", detail::refused(who, "progress.report").message});
                continue;
            }
            NewProgress p;
            auto day = Date::parse_iso(cell(*table, row, "reported_on"));
            if (!day) {
                report.problems.push_back({line, "reported_on", "una fecha AAAA-MM-DD / a date YYYY-MM-DD"});
                continue;
            }
            p.reported_on = *day;
            auto progress = parse_number(cell(*table, row, "progress"));
            if (!progress) {
                report.problems.push_back(
                    {line, "progress", "un número entre 0 y 100 / a number from 0 to 100"});
                continue;
            }
            p.progress = *progress;
            const std::string status = cell(*table, row, "status");
            if (!status.empty()) p.status = status;
            p.text = cell(*table, row, "text");
            p.evidence_url = cell(*table, row, "evidence_url");
            auto made = detail::insert_progress(db, clock, who, request_id, found.front(), p);
            if (!made) {
                report.problems.push_back(problem_of(line, made.error()));
                if (report.problems.back().column.empty()) report.problems.back().column = "reference";
                continue;
            }
            ++report.progress;
        }
    });
}

}  // namespace metropoli::coordination
