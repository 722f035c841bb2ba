// SPDX-License-Identifier: MIT
// Export of agreements as CSV (RFC 4180), JSON and an XLSX workbook (libxlsxwriter, written to a temporary
// file and read back).
#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "coordination/agreements.hpp"

namespace metropoli::coordination {

using nlohmann::json;

namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ";") + i;
    return out;
}

std::string number(double v) {
    std::string s = fmt::format("{:.2f}", v);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

// The cells of one agreement in export_columns() order.
std::vector<std::string> cells(const Agreement& a, const std::map<int64_t, std::string>& references) {
    std::vector<std::string> co;
    for (const auto& c : a.coresponsibles) co.push_back(std::to_string(c.id));
    std::string parent;
    if (a.parent) {
        auto it = references.find(*a.parent);
        parent = it != references.end() ? it->second : std::to_string(*a.parent);
    }
    return {std::to_string(a.id),
            a.reference,
            a.title,
            a.text,
            a.meeting ? std::to_string(*a.meeting) : "",
            a.meeting_date ? a.meeting_date->iso() : "",
            parent,
            a.weight ? number(*a.weight) : "",
            std::to_string(a.responsible.id),
            a.responsible.name,
            join(co),
            join(a.jurisdictions),
            a.status.key,
            number(a.progress),
            a.start_date ? a.start_date->iso() : "",
            a.due_date ? a.due_date->iso() : "",
            a.imported ? "1" : "0",
            a.example ? "1" : "0"};
}

std::map<int64_t, std::string> references_of(const std::vector<Agreement>& agreements) {
    std::map<int64_t, std::string> out;
    for (const auto& a : agreements) out[a.id] = a.reference;
    return out;
}

std::string quoted(const std::string& v) {
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

const std::vector<std::string>& export_columns() {
    static const std::vector<std::string> columns = {
        "id",          "reference",        "title",          "text",
        "meeting",     "meeting_date",     "parent",         "weight",
        "responsible", "responsible_name", "coresponsibles", "jurisdictions",
        "status",      "progress",         "start_date",     "due_date",
        "imported",    "example"};
    return columns;
}

std::string agreements_csv(const std::vector<Agreement>& agreements) {
    const auto references = references_of(agreements);
    std::string out;
    auto line = [&](const std::vector<std::string>& fields) {
        for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + quoted(fields[i]);
        out += "\r\n";
    };
    line(export_columns());
    for (const auto& a : agreements) line(cells(a, references));
    return out;
}

json agreements_export_json(const std::vector<Agreement>& agreements) {
    json out = json::array();
    for (const auto& a : agreements) out.push_back(agreement_json(a));
    return {{"agreements", out}, {"count", agreements.size()}};
}

Result<std::string> agreements_xlsx(const std::vector<Agreement>& agreements) {
    char path[] = "/tmp/metropoli-acuerdos-XXXXXX";
    const int fd = mkstemp(path);
    if (fd < 0) return make_error(ErrorCode::io_error, "cannot make a temporary file for the XLSX export");
    ::close(fd);
    struct Remove {
        const char* p;
        ~Remove() { std::remove(p); }
    } remove_at_exit{path};
    lxw_workbook* workbook = workbook_new(path);
    if (!workbook) return make_error(ErrorCode::io_error, fmt::format("cannot write the workbook {}", path));
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Acuerdos");
    lxw_format* bold = workbook_add_format(workbook);
    format_set_bold(bold);
    const auto& columns = export_columns();
    for (size_t c = 0; c < columns.size(); ++c)
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), columns[c].c_str(), bold);
    const auto references = references_of(agreements);
    lxw_row_t r = 1;
    for (const auto& a : agreements) {
        const auto row = cells(a, references);
        for (size_t c = 0; c < row.size(); ++c) {
            const auto col = static_cast<lxw_col_t>(c);
            const std::string& name = columns[c];
            if ((name == "id" || name == "progress" || name == "weight" || name == "responsible" ||
                 name == "meeting") &&
                !row[c].empty()) {
                worksheet_write_number(sheet, r, col, std::stod(row[c]), nullptr);
            } else if (!row[c].empty()) {
                worksheet_write_string(sheet, r, col, row[c].c_str(), nullptr);
            }
        }
        ++r;
    }
    worksheet_freeze_panes(sheet, 1, 0);
    const lxw_error closed = workbook_close(workbook);
    if (closed != LXW_NO_ERROR)
        return make_error(ErrorCode::io_error, fmt::format("libxlsxwriter: {}", lxw_strerror(closed)));
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

}  // namespace metropoli::coordination
