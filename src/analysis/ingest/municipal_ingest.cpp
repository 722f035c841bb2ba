// SPDX-License-Identifier: MIT
// Wide municipal series: one row per municipality, one column per day of new cases (by onset) or deaths (by
// date of death).
#include "analysis/ingest/municipal_ingest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <regex>

#include "analysis/ingest/wide_layout.hpp"
#include "core/csv.hpp"
#include "core/text.hpp"

namespace metropoli::analysis {

std::optional<Measure> measure_from_file_name(const std::string& path) {
    const std::string name = path.substr(path.find_last_of('/') + 1);
    if (name.find("Confirmados") != std::string::npos) return Measure::confirmed;
    if (name.find("Defunciones") != std::string::npos) return Measure::deaths;
    if (name.find("Sospechosos") != std::string::npos) return Measure::suspected;
    if (name.find("Negativos") != std::string::npos) return Measure::negative;
    return std::nullopt;
}

std::optional<Date> release_from_file_name(const std::string& path) {
    static const std::regex k_cutoff("_(20[0-9]{2})([01][0-9])([0-3][0-9])");
    std::smatch m;
    const std::string name = path.substr(path.find_last_of('/') + 1);
    if (!std::regex_search(name, m, k_cutoff)) return std::nullopt;
    return Date::from_ymd(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]));
}

Result<IngestReport> ingest_municipal(const std::string& path, const Region& region, ReleaseStore& store,
                                      const MunicipalIngestOptions& options, IngestReport& report) {
    const auto started = std::chrono::steady_clock::now();
    report.source = path;
    report.scope = options.scope == Scope::national ? "national" : "region " + region.id;
    const auto measure = options.measure ? options.measure : measure_from_file_name(path);
    if (!measure) {
        return make_error(ErrorCode::invalid_argument,
                          fmt::format("{}: cannot tell the measure from the file name "
                                      "(Casos_Diarios_Municipio_<measure>_YYYYMMDD.csv); name the measure",
                                      path));
    }
    const auto release = options.release_date ? options.release_date : release_from_file_name(path);
    if (!release) {
        return make_error(
            ErrorCode::invalid_argument,
            fmt::format(
                "{}: cannot tell the cut-off date from the file name (…_YYYYMMDD.csv); give the release date",
                path));
    }
    report.release_date = release->iso();
    auto text = read_file(path);
    if (!text) return text.error();
    report.bytes = text->size();
    auto table = parse_csv(*text, path);
    if (!table) return table.error();
    const auto& header = table->header;
    auto wide = wide_dates(*table, path, "municipal");
    if (!wide) return wide.error();
    const auto& dates = wide->dates;
    report.schema = wide->schema;

    std::vector<SeriesRecord> series;
    for (size_t r = 0; r < table->rows.size(); ++r) {
        const auto& row = table->rows[r];
        const uint64_t line = table->row_lines[r];
        ++report.rows_read;
        auto reject = [&](std::string column, const std::string& kind, std::string reason) {
            ++report.rows_rejected;
            ++report.reject_reasons[kind];
            report.rejects.push_back({line, std::move(column), std::move(reason)});
        };
        std::string code = std::string(trim(row[0]));
        if (code.empty() || code.size() > 5 || !parse_int(code)) {
            reject("cve_ent", "not a municipality code",
                   fmt::format("'{}' is not a municipality code", row[0]));
            continue;
        }
        code.insert(0, 5 - code.size(), '0');
        const auto* j = region.find(code);
        if (!j || j->kind != JurisdictionKind::municipality) {
            reject("cve_ent", "municipality not in the SSA catalogue",
                   fmt::format("municipality {} is not in the SSA catalogue", code));
            continue;
        }
        if (!keeps(region, *j, options.scope)) {
            ++report.rows_out_of_scope;
            continue;
        }
        SeriesRecord s;
        s.municipality = code;
        s.measure = *measure;
        s.basis = default_basis(*measure);
        s.first = dates.front();
        s.daily.reserve(dates.size());
        bool bad = false;
        for (size_t c = k_wide_first_day_column; c < row.size(); ++c) {
            auto v = parse_int(trim(row[c]));
            if (!v || *v < 0) {
                reject(header[c], "not a non-negative count",
                       fmt::format("'{}' is not a non-negative count", row[c]));
                bad = true;
                break;
            }
            s.daily.push_back(static_cast<uint64_t>(*v));
        }
        if (bad) continue;
        ++report.rows_kept;
        series.push_back(std::move(s));
    }
    if (options.strict && report.rows_rejected > 0) {
        const auto& first = report.rejects.front();
        return make_error(ErrorCode::bad_input,
                          fmt::format("{}: line {}, column {}: {} (strict ingest: nothing was stored)", path,
                                      first.line, first.column, first.reason));
    }
    if (series.empty())
        return make_error(ErrorCode::bad_input,
                          fmt::format("{}: no municipality of the kept scope; nothing was stored", path));

    const ReleaseInfo info =
        release_info("municipal", *release, scope_label(region, options.scope), path, report);
    auto written = replace_release_audited(
        store, info,
        [&](const SeriesSink& sink) -> Status {
            for (const auto& s : series) {
                if (auto st = sink(s); !st) return st;
            }
            return ok_status();
        },
        {{*measure, default_basis(*measure)}}, options.replacement, options.by);
    if (!written) return written.error();
    report.series_written = *written;
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace metropoli::analysis
