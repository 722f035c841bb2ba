// SPDX-License-Identifier: MIT
#include "analysis/ingest/state_series.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "analysis/ingest/wide_layout.hpp"
#include "core/csv.hpp"
#include "core/text.hpp"

namespace metropoli::analysis {

namespace {

constexpr std::string_view k_prefix = "Casos_Diarios_Estado_Nacional_";
constexpr std::array<std::string_view, k_state_kind_count> k_kind_names = {"Confirmados", "Negativos",
                                                                           "Sospechosos"};

std::optional<StateKind> kind_of(const std::string& name) {
    if (!name.starts_with(k_prefix) || !name.ends_with(".csv")) return std::nullopt;
    for (size_t k = 0; k < k_kind_names.size(); ++k) {
        const auto& kind = k_kind_names[k];
        if (name.compare(k_prefix.size(), kind.size(), kind) == 0 &&
            name.size() > k_prefix.size() + kind.size() && name[k_prefix.size() + kind.size()] == '_')
            return static_cast<StateKind>(k);
    }
    return std::nullopt;
}

struct StateFile {
    Date cutoff;
    std::map<std::string, StateDaily> states;
};

Result<StateFile> read_state_file(const std::string& path) {
    auto table = read_csv_file(path);
    if (!table) return table.error();
    auto wide = wide_dates(*table, path, "state");
    if (!wide) return wide.error();
    if (wide->dates.empty())
        return make_error(ErrorCode::bad_input, fmt::format("{}: line 1: no date columns", path));
    StateFile out{wide->dates.back(), {}};
    for (size_t r = 0; r < table->rows.size(); ++r) {
        const auto& row = table->rows[r];
        const auto line = table->row_lines[r];
        const std::string code(trim(row[0]));
        if ((code.size() != 2 && code != "000") || !parse_int(code))
            return make_error(
                ErrorCode::bad_input,
                fmt::format("{}: line {}, column 1: '{}' is not a state code", path, line, row[0]));
        StateDaily daily{wide->dates.front(), {}};
        daily.counts.reserve(wide->dates.size());
        for (size_t c = k_wide_first_day_column; c < row.size(); ++c) {
            const auto v = parse_int(trim(row[c]));
            if (!v || *v < 0)
                return make_error(ErrorCode::bad_input,
                                  fmt::format("{}: line {}, column {} ({}): '{}' is not a non-negative count",
                                              path, line, c + 1, table->header[c], row[c]));
            daily.counts.push_back(static_cast<uint64_t>(*v));
        }
        if (!out.states.emplace(code, std::move(daily)).second)
            return make_error(ErrorCode::bad_input,
                              fmt::format("{}: line {}: state {} appears twice", path, line, code));
    }
    return out;
}

// The people of one kind over [from, to]: nobody before the series' first day.
uint64_t sum(const StateDaily& s, Date from, Date to) {
    uint64_t total = 0;
    for (Date d = std::max(from, s.first); d <= to; d = d + 1) {
        const auto i = static_cast<size_t>(d - s.first);
        if (i < s.counts.size()) total += s.counts[i];
    }
    return total;
}

}  // namespace

Result<StateSeries> StateSeries::read(const std::string& folder) {
    std::vector<std::filesystem::path> paths;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        if (entry.is_regular_file() && kind_of(entry.path().filename().string()))
            paths.push_back(entry.path());
    }
    if (ec && ec != std::errc::no_such_file_or_directory)
        return make_error(ErrorCode::io_error, fmt::format("{}: {}", folder, ec.message()));
    std::sort(paths.begin(), paths.end());
    std::map<int32_t, StateCutoff> by_cutoff;
    for (const auto& p : paths) {
        const auto path = p.string();
        const auto kind = static_cast<size_t>(*kind_of(p.filename().string()));
        auto file = read_state_file(path);
        if (!file) return file.error();
        auto& cutoff = by_cutoff[file->cutoff.days()];
        cutoff.cutoff = file->cutoff;
        if (!cutoff.files[kind].empty())
            return make_error(ErrorCode::bad_input,
                              fmt::format("{} and {}: two {} files with the cut-off {}", cutoff.files[kind],
                                          path, k_kind_names[kind], file->cutoff.iso()));
        cutoff.files[kind] = path;
        for (auto& [code, daily] : file->states) cutoff.states[code][kind] = std::move(daily);
    }
    StateSeries out;
    for (auto& [days, cutoff] : by_cutoff) {
        for (size_t k = 0; k < k_kind_names.size(); ++k) {
            if (!cutoff.files[k].empty()) continue;
            const auto& some = *std::find_if(cutoff.files.begin(), cutoff.files.end(),
                                             [](const std::string& f) { return !f.empty(); });
            return make_error(ErrorCode::bad_input,
                              fmt::format("{}: the cut-off {} has no {} file in {} (each cut-off needs "
                                          "Confirmados, Negativos and Sospechosos)",
                                          some, cutoff.cutoff.iso(), k_kind_names[k], folder));
        }
        out.m_cutoffs.push_back(std::move(cutoff));
    }
    return out;
}

std::optional<StatePositivity> StateSeries::positivity(const StateCutoff& cutoff, const std::string& state,
                                                       Date day, int incomplete_days) {
    const auto it = cutoff.states.find(state);
    if (it == cutoff.states.end() || day > cutoff.cutoff) return std::nullopt;
    StatePositivity p;
    p.cutoff = cutoff.cutoff;
    p.window_to = day;
    p.window_from = day - (k_state_positivity_days - 1);
    const auto& kinds = it->second;
    p.confirmed = sum(kinds[static_cast<size_t>(StateKind::confirmed)], p.window_from, day);
    p.negative = sum(kinds[static_cast<size_t>(StateKind::negative)], p.window_from, day);
    p.suspected = sum(kinds[static_cast<size_t>(StateKind::suspected)], p.window_from, day);
    const auto classified = p.confirmed + p.negative;
    if (classified > 0)
        p.percent = 100.0 * static_cast<double>(p.confirmed) / static_cast<double>(classified);
    if (classified + p.suspected > 0)
        p.pending_percent =
            100.0 * static_cast<double>(p.suspected) / static_cast<double>(classified + p.suspected);
    p.complete = day <= cutoff.cutoff - incomplete_days;
    return p;
}

std::optional<StatePositivity> StateSeries::positivity(const std::string& state, Date day,
                                                       int incomplete_days) const {
    for (auto it = m_cutoffs.rbegin(); it != m_cutoffs.rend(); ++it) {
        if (it->cutoff < day) break;
        if (auto p = positivity(*it, state, day, incomplete_days)) return p;
    }
    return std::nullopt;
}

}  // namespace metropoli::analysis
