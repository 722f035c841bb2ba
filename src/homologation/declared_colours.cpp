// SPDX-License-Identifier: MIT
// Reading the two compilations of the federal semáforo (data/semaforo/) and comparing them week by week.
#include "homologation/declared_colours.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "core/csv.hpp"

namespace metropoli::homologation {

namespace {

bool is_colour(const std::string& c) {
    return c == "rojo" || c == "naranja" || c == "amarillo" || c == "verde";
}

Date first_monday(int year) {
    const Date jan1 = *Date::from_ymd(year, 1, 1);
    // 1970-01-01 was a Thursday: days since the epoch + 3, modulo 7, is 0 on Mondays.
    const int weekday = ((jan1.days() + 3) % 7 + 7) % 7;
    return jan1 + (7 - weekday) % 7;
}

std::optional<int> number(std::string_view text) {
    int value = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
    return value;
}

// dd/mm/yyyy
std::optional<Date> day_month_year(const std::string& text) {
    if (text.size() != 10 || text[2] != '/' || text[5] != '/') return std::nullopt;
    auto d = number(std::string_view(text).substr(0, 2)), m = number(std::string_view(text).substr(3, 2)),
         y = number(std::string_view(text).substr(6, 4));
    if (!d || !m || !y) return std::nullopt;
    return Date::from_ymd(*y, *m, *d);
}

std::string lower_ascii(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

}  // namespace

std::optional<std::pair<Date, Date>> percent_w_week(const std::string& label) {
    if (label.size() != 8 || label[4] != '-' || label[5] != 'W') return std::nullopt;
    auto year = number(std::string_view(label).substr(0, 4));
    auto week = number(std::string_view(label).substr(6, 2));
    if (!year || !week || *year < 1900 || *year > 2999 || *week > 53) return std::nullopt;
    const Date monday = first_monday(*year);
    const Date next_year = *Date::from_ymd(*year + 1, 1, 1);
    if (*week == 0) {
        if (monday == *Date::from_ymd(*year, 1, 1)) return std::nullopt;  // the year starts on a Monday
        return std::pair{*Date::from_ymd(*year, 1, 1), monday - 1};
    }
    const Date from = monday + (*week - 1) * 7;
    if (!(from < next_year)) return std::nullopt;
    return std::pair{from, from + 6};
}

Result<std::vector<DeclaredColour>> read_bisaloo(const std::string& path,
                                                 const std::vector<StateName>& states) {
    TRY_ASSIGN(table, read_csv_file(path));
    if (table.column("estado") != 0)
        return make_error(ErrorCode::bad_input, fmt::format("{}: the first column is not 'estado'", path));
    std::vector<std::pair<Date, Date>> weeks;
    for (size_t c = 1; c < table.header.size(); ++c) {
        auto w = percent_w_week(table.header[c]);
        if (!w)
            return make_error(ErrorCode::bad_input,
                              fmt::format("{}: line 1, column {}: '{}' is not a %W week (YYYY-Www)", path,
                                          c + 1, table.header[c]));
        weeks.push_back(*w);
    }
    std::vector<DeclaredColour> out;
    for (size_t r = 0; r < table.rows.size(); ++r) {
        const auto& row = table.rows[r];
        auto state =
            std::find_if(states.begin(), states.end(), [&](const auto& s) { return s.name == row[0]; });
        if (state == states.end()) continue;
        for (size_t c = 1; c < row.size(); ++c) {
            if (!is_colour(row[c]))
                return make_error(ErrorCode::bad_input,
                                  fmt::format("{}: line {}, column {} ({}): '{}' is not a semáforo colour",
                                              path, table.row_lines[r], c + 1, table.header[c], row[c]));
            DeclaredColour d;
            d.scope = "federal";
            d.declared_by = "00";
            d.jurisdiction = state->code;
            d.week = table.header[c];
            d.valid_from = weeks[c - 1].first;
            d.valid_to = weeks[c - 1].second;
            d.colour = row[c];
            d.source = k_bisaloo;
            out.push_back(std::move(d));
        }
    }
    return out;
}

Result<std::vector<DeclaredColour>> read_claudiodanielpc(const std::string& path,
                                                         const std::vector<StateName>& states) {
    TRY_ASSIGN(table, read_csv_file(path));
    const int code = table.column("cve_ent"), from = table.column("fecha_inicio"),
              to = table.column("fecha_fin"), colour = table.column("color_sem");
    if (code < 0 || from < 0 || to < 0 || colour < 0)
        return make_error(
            ErrorCode::bad_input,
            fmt::format("{}: expected the columns cve_ent, fecha_inicio, fecha_fin, color_sem", path));
    std::vector<DeclaredColour> out;
    for (size_t r = 0; r < table.rows.size(); ++r) {
        const auto& row = table.rows[r];
        const auto where = [&](int column) {
            return fmt::format("{}: line {}, column {}", path, table.row_lines[r], column + 1);
        };
        auto n = number(row[static_cast<size_t>(code)]);
        if (!n || *n < 1 || *n > 32)
            return make_error(ErrorCode::bad_input, fmt::format("{}: '{}' is not a state number (1-32)",
                                                                where(code), row[static_cast<size_t>(code)]));
        const std::string state = fmt::format("{:02}", *n);
        if (std::none_of(states.begin(), states.end(), [&](const auto& s) { return s.code == state; }))
            continue;
        auto first = day_month_year(row[static_cast<size_t>(from)]);
        auto last = day_month_year(row[static_cast<size_t>(to)]);
        if (!first || !last || *last < *first)
            return make_error(ErrorCode::bad_input,
                              fmt::format("{}: '{}'-'{}' is not a period (dd/mm/yyyy)", where(from),
                                          row[static_cast<size_t>(from)], row[static_cast<size_t>(to)]));
        const std::string c = lower_ascii(row[static_cast<size_t>(colour)]);
        if (!is_colour(c))
            return make_error(ErrorCode::bad_input,
                              fmt::format("{}: '{}' is not a semáforo colour", where(colour),
                                          row[static_cast<size_t>(colour)]));
        DeclaredColour d;
        d.scope = "federal";
        d.declared_by = "00";
        d.jurisdiction = state;
        d.valid_from = *first;
        d.valid_to = *last;
        d.colour = c;
        d.source = k_claudiodanielpc;
        // Every other period lasts 7 or 14 days; this one overlaps the next three.
        if (*last - *first + 1 > 14) {
            d.unverified = true;
            d.note = fmt::format(
                "The period {}-{} lasts {} days and overlaps the next ones: its end is probably "
                "mistyped.",
                row[static_cast<size_t>(from)], row[static_cast<size_t>(to)], *last - *first + 1);
        }
        out.push_back(std::move(d));
    }
    return out;
}

bool WeekComparison::agree() const {
    return compared() && std::all_of(claudiodanielpc.begin(), claudiodanielpc.end(),
                                     [&](const std::string& c) { return c == bisaloo; });
}

std::vector<WeekComparison> compare_compilations(const std::vector<DeclaredColour>& federal) {
    std::map<std::string, std::vector<const DeclaredColour*>> periods;
    for (const auto& d : federal)
        if (d.scope == "federal" && d.source == k_claudiodanielpc) periods[d.jurisdiction].push_back(&d);
    for (auto& [state, list] : periods)
        std::sort(list.begin(), list.end(),
                  [](const auto* a, const auto* b) { return a->valid_from < b->valid_from; });
    std::vector<WeekComparison> out;
    for (const auto& d : federal) {
        if (d.scope != "federal" || d.source != k_bisaloo) continue;
        WeekComparison w{d.jurisdiction, d.week, d.valid_from, d.colour, {}, {}};
        for (const auto* p : periods[d.jurisdiction]) {
            if (!p->covers(d.valid_from, d.valid_to)) continue;
            w.claudiodanielpc.push_back(p->colour);
            w.periods.emplace_back(p->valid_from, p->valid_to);
        }
        out.push_back(std::move(w));
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.state != b.state ? a.state < b.state : a.monday < b.monday;
    });
    return out;
}

std::vector<WeekComparison> compilation_disagreements(const std::vector<DeclaredColour>& federal) {
    std::vector<WeekComparison> out;
    for (auto& w : compare_compilations(federal))
        if (w.compared() && !w.agree()) out.push_back(std::move(w));
    return out;
}

nlohmann::json declared_colour_json(const DeclaredColour& c) {
    return {{"id", c.id},
            {"scope", c.scope},
            {"declared_by", c.declared_by},
            {"jurisdiction", c.jurisdiction},
            {"area", c.area},
            {"municipalities", c.municipalities},
            {"week", c.week.empty() ? nlohmann::json() : nlohmann::json(c.week)},
            {"valid_from", c.valid_from.iso()},
            {"valid_to", c.valid_to.iso()},
            {"colour", c.colour},
            {"source", c.source},
            {"unverified", c.unverified},
            {"note", c.note}};
}

nlohmann::json declared_colour_source_json(const DeclaredColourSource& s) {
    return {{"key", s.key},
            {"kind", s.kind},
            {"title", s.title},
            {"issuer", s.issuer},
            {"published_on", s.published_on ? nlohmann::json(s.published_on->iso()) : nlohmann::json()},
            {"url", s.url},
            {"licence", s.licence},
            {"note", s.note}};
}

}  // namespace metropoli::homologation
