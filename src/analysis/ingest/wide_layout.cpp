// SPDX-License-Identifier: MIT
#include "analysis/ingest/wide_layout.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"

namespace metropoli::analysis {

std::optional<Date> parse_day_first(std::string_view s) {
    const auto sep = s.find_first_of("-/");
    if (sep == std::string_view::npos) return std::nullopt;
    const auto sep2 = s.find(s[sep], sep + 1);
    if (sep2 == std::string_view::npos) return std::nullopt;
    auto d = parse_int(s.substr(0, sep));
    auto m = parse_int(s.substr(sep + 1, sep2 - sep - 1));
    auto y = parse_int(s.substr(sep2 + 1));
    if (!d || !m || !y || *y < 1000) return std::nullopt;
    return Date::from_ymd(static_cast<int>(*y), static_cast<int>(*m), static_cast<int>(*d));
}

Result<WideDates> wide_dates(const CsvTable& table, const std::string& path, std::string_view kind) {
    const auto& header = table.header;
    if (header.size() <= k_wide_first_day_column || header[0] != "cve_ent" || header[1] != "poblacion" ||
        header[2] != "nombre") {
        std::string found;
        for (size_t i = 0; i < std::min<size_t>(header.size(), 5); ++i) found += (i ? "," : "") + header[i];
        return make_error(ErrorCode::bad_input,
                          fmt::format("{}: unknown layout of the {} series: expected columns "
                                      "cve_ent,poblacion,nombre,<dd-mm-yyyy>...; found {}{}",
                                      path, kind, found, header.size() > 5 ? ",..." : ""));
    }
    WideDates out;
    for (size_t c = k_wide_first_day_column; c < header.size(); ++c) {
        auto d = parse_day_first(header[c]);
        if (!d)
            return make_error(ErrorCode::bad_input, fmt::format("{}: line 1, column {}: '{}' is not a date",
                                                                path, c + 1, header[c]));
        if (!out.dates.empty() && *d != out.dates.back() + 1) {
            return make_error(ErrorCode::bad_input,
                              fmt::format("{}: line 1, column {}: dates are not consecutive ({} after {})",
                                          path, c + 1, d->iso(), out.dates.back().iso()));
        }
        out.dates.push_back(*d);
    }
    out.schema = fmt::format(
        "{}-wide-{}", kind,
        header[k_wide_first_day_column].find('/') != std::string::npos ? "d/m/yyyy" : "dd-mm-yyyy");
    return out;
}

}  // namespace metropoli::analysis
