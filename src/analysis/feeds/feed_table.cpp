// SPDX-License-Identifier: MIT
// Reading a feed file strictly: every failure names the file, the line and the column.
#include "analysis/feeds/feed_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/text.hpp"

namespace metropoli::analysis {

namespace {

std::string lower(std::string_view s) {
    std::string out(trim(s));
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string join(const std::vector<std::string_view>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ",") + std::string(n);
    return out;
}

}  // namespace

Result<FeedTable> FeedTable::read(const std::string& path) {
    auto text = read_file(path);
    if (!text) return text.error();
    const std::string_view body = strip_bom(*text);
    if (trim(body).empty()) {
        return make_error(ErrorCode::bad_input,
                          fmt::format("{}: empty file, no header; nothing was stored", path));
    }
    if (body.back() != '\n' && body.back() != '\r') {
        const auto lines = static_cast<uint64_t>(std::count(body.begin(), body.end(), '\n')) + 1;
        return make_error(
            ErrorCode::bad_input,
            fmt::format("{}: truncated: the last line ({}) does not end with a line break, so it may be "
                        "cut; nothing was stored",
                        path, lines));
    }
    auto csv = parse_csv(body, path);
    if (!csv) {
        return make_error(csv.error().code, csv.error().message + "; nothing was stored");
    }
    FeedTable table;
    table.m_path = path;
    table.m_csv = std::move(*csv);
    return table;
}

int FeedTable::column(std::string_view name) const {
    const std::string wanted = lower(name);
    for (size_t i = 0; i < m_csv.header.size(); ++i) {
        if (lower(m_csv.header[i]) == wanted) return static_cast<int>(i);
    }
    return -1;
}

bool FeedTable::has_all(const std::vector<std::string_view>& names) const {
    return std::all_of(names.begin(), names.end(), [&](std::string_view n) { return column(n) >= 0; });
}

std::string_view FeedTable::cell(size_t row, int column) const {
    return trim(m_csv.rows[row][static_cast<size_t>(column)]);
}

Error FeedTable::error(size_t row, int column, const std::string& what) const {
    return make_error(ErrorCode::bad_input,
                      fmt::format("{}: line {}, column {} ({}): {}; nothing was stored", m_path, line(row),
                                  column + 1, m_csv.header[static_cast<size_t>(column)], what));
}

Error FeedTable::unknown_layout(
    std::string_view feed,
    const std::vector<std::pair<std::string, std::vector<std::string_view>>>& layouts) const {
    std::string expected;
    size_t best = 0, best_hits = 0;
    for (size_t i = 0; i < layouts.size(); ++i) {
        expected += fmt::format("{}{}: {}", i ? "; or " : "", layouts[i].first, join(layouts[i].second));
        const auto hits =
            static_cast<size_t>(std::count_if(layouts[i].second.begin(), layouts[i].second.end(),
                                              [&](std::string_view n) { return column(n) >= 0; }));
        if (hits > best_hits) {
            best = i;
            best_hits = hits;
        }
    }
    std::string found;
    for (const auto& h : m_csv.header) found += (found.empty() ? "" : ",") + h;
    std::string missing;
    if (best_hits > 0) {
        std::vector<std::string_view> absent;
        for (const auto& n : layouts[best].second) {
            if (column(n) < 0) absent.push_back(n);
        }
        missing = fmt::format(" (closest: {}, which lacks {})", layouts[best].first, join(absent));
    }
    return make_error(
        ErrorCode::bad_input,
        fmt::format("{}: unknown layout of the {} feed: expected the columns of {}; found {}{}; nothing "
                    "was stored",
                    m_path, feed, expected, found, missing));
}

Result<Date> FeedTable::date(size_t row, int column) const {
    const auto text = cell(row, column);
    auto d = Date::parse_iso(text);
    if (!d) return error(row, column, fmt::format("'{}' is not a date (YYYY-MM-DD)", text));
    return *d;
}

Result<std::optional<double>> FeedTable::number(size_t row, int column) const {
    std::string_view text = cell(row, column);
    if (text.empty()) return std::optional<double>();
    std::string_view digits = text;
    if (digits.front() == '+') digits.remove_prefix(1);
    double v = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    // from_chars also reads "inf" and "nan"; neither is a figure.
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || !std::isfinite(v)) {
        return error(
            row, column,
            fmt::format("'{}' is not a number (decimal point, no thousands separator; leave the cell empty "
                        "for a missing value)",
                        text));
    }
    return std::optional<double>(v);
}

Result<std::optional<double>> FeedTable::count(size_t row, int column) const {
    auto v = number(row, column);
    if (!v || !*v) return v;
    if (**v < 0 || std::floor(**v) != **v) {
        return error(row, column, fmt::format("'{}' is not a non-negative whole number", cell(row, column)));
    }
    return v;
}

Status FeedCollector::add(size_t row, int column, FeedValue value) {
    std::string key = value.metric + '|' + value.jurisdiction + '|' + value.unit + '|' + value.date.iso();
    const uint64_t line = m_table.line(row);
    auto [it, inserted] = m_seen.try_emplace(std::move(key), value.value, line);
    if (!inserted) {
        if (it->second.first == value.value) {
            ++m_parsed.repeats;
            return ok_status();
        }
        return m_table.error(row, column,
                             fmt::format("{} of {}{} on {} is {}, but line {} gave {}", value.metric,
                                         value.jurisdiction, value.unit.empty() ? "" : " " + value.unit,
                                         value.date.iso(), value.value, it->second.second, it->second.first));
    }
    m_parsed.values.push_back(std::move(value));
    return ok_status();
}

}  // namespace metropoli::analysis
