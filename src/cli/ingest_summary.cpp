// SPDX-License-Identifier: MIT
// Rendering of the ingest summary and the rejects file.
#include "cli/ingest_summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/text.hpp"

namespace metropoli::cli {

std::string format_summary(const analysis::IngestReport& r) {
    std::string out = fmt::format("ingest {}: release {} ({} layout{}), scope {}\n", r.source, r.release_date,
                                  r.schema, r.bom ? ", UTF-8 BOM" : "", r.scope);
    const double mb = static_cast<double>(r.bytes) / 1e6;
    out += fmt::format(
        "  rows read {}  kept {}  outside scope {}  rejected {}  ({:.1f} MB in {:.2f} s, {:.0f} rows/s)\n",
        with_thousands(static_cast<int64_t>(r.rows_read)), with_thousands(static_cast<int64_t>(r.rows_kept)),
        with_thousands(static_cast<int64_t>(r.rows_out_of_scope)),
        with_thousands(static_cast<int64_t>(r.rows_rejected)), mb, r.seconds,
        r.seconds > 0 ? static_cast<double>(r.rows_read) / r.seconds : 0.0);
    if (!r.reject_reasons.empty()) {
        out += "  rejected records by reason:\n";
        for (const auto& [reason, count] : r.reject_reasons) {
            out += fmt::format("    {:>10}  {}\n", with_thousands(static_cast<int64_t>(count)), reason);
        }
        const size_t shown = std::min<size_t>(r.rejects.size(), 5);
        for (size_t i = 0; i < shown; ++i) {
            out += fmt::format("    line {}, column {}: {}\n", r.rejects[i].line, r.rejects[i].column,
                               r.rejects[i].reason);
        }
        if (r.rows_rejected > shown) out += "    (--rejects FILE writes them all)\n";
    }
    if (!r.set_aside.empty()) {
        out += "  values outside the catalogue, field set aside (the rest of each record is kept):\n";
        for (const auto& s : r.set_aside) {
            out +=
                fmt::format("    {:>10}  {} = '{}' (first on line {})\n",
                            with_thousands(static_cast<int64_t>(s.count)), s.column, s.value, s.first_line);
        }
    }
    for (const auto& w : r.warnings) out += "  warning: " + w + "\n";
    if (r.series_written > 0)
        out += fmt::format("  stored {} series\n", with_thousands(static_cast<int64_t>(r.series_written)));
    return out;
}

namespace {
std::string csv_quote(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    return out + "\"";
}
}  // namespace

Status write_rejects_file(const std::string& path, const std::vector<analysis::IngestReport>& reports) {
    std::ofstream out(path, std::ios::trunc);
    if (!out)
        return make_error(ErrorCode::io_error,
                          fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    out << "file,line,column,reason\n";
    for (const auto& report : reports) {
        for (const auto& r : report.rejects) {
            out << csv_quote(report.source) << ',' << r.line << ',' << r.column << ',' << csv_quote(r.reason)
                << '\n';
        }
        if (report.rows_rejected > report.rejects.size()) {
            out << csv_quote(report.source) << ",,,"
                << csv_quote(fmt::format("{} more rejects not listed",
                                         report.rows_rejected - report.rejects.size()))
                << '\n';
        }
    }
    if (!out) return make_error(ErrorCode::io_error, fmt::format("cannot write {}", path));
    return ok_status();
}

}  // namespace metropoli::cli
