// SPDX-License-Identifier: MIT
#include "coordination/hxl.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "coordination/activity_support.hpp"
#include "core/csv.hpp"

namespace metropoli::coordination {

using nlohmann::json;

namespace {

// The columns of the export, in order: name (Spanish / English) and hashtag.
struct Column {
    const char* name;
    const char* tag;
    bool required;
};
const Column k_hxl_columns[] = {
    {"Organización ejecutora / Implementing organisation", "#org+impl", true},
    {"Organización que programa / Programming organisation", "#org+prog", false},
    {"Organización que financia / Funding organisation", "#org+funder", false},
    {"Sector", "#sector", true},
    {"Actividad / Activity", "#activity", true},
    {"Estado (INEGI) / State", "#adm1+code", true},
    {"Municipio (INEGI) / Municipality", "#adm2+code", false},
    {"Latitud / Latitude", "#geo+lat", false},
    {"Longitud / Longitude", "#geo+lon", false},
    {"Inicio / Start", "#date+start", true},
    {"Fin / End", "#date+end", false},
    {"Estado de la actividad / Status", "#status", true},
    {"Personas alcanzadas / Reached", "#reached", false},
    {"Personas meta / Targeted", "#targeted", false},
};

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
}

bool token_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

std::string csv_field(const std::string& v) {
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string number_text(double v) {
    return fmt::format("{}", v);
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

}  // namespace

std::optional<HxlTag> parse_hxl_tag(std::string_view cell) {
    std::string s = lower(cell);
    size_t i = 0;
    auto skip = [&] {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    };
    auto token = [&]() -> std::optional<std::string> {
        const size_t from = i;
        while (i < s.size() && token_char(s[i])) ++i;
        if (i == from || !(s[from] >= 'a' && s[from] <= 'z')) return std::nullopt;
        return s.substr(from, i - from);
    };
    skip();
    if (i >= s.size() || s[i] != '#') return std::nullopt;
    ++i;
    HxlTag tag;
    auto name = token();
    if (!name) return std::nullopt;
    tag.hashtag = *name;
    for (;;) {
        skip();
        if (i >= s.size()) break;
        if (s[i] != '+') return std::nullopt;
        ++i;
        skip();
        auto attribute = token();
        if (!attribute) return std::nullopt;
        tag.attributes.push_back(*attribute);
    }
    std::sort(tag.attributes.begin(), tag.attributes.end());
    tag.attributes.erase(std::unique(tag.attributes.begin(), tag.attributes.end()), tag.attributes.end());
    return tag;
}

bool hxl_matches(const HxlTag& column, const HxlTag& pattern) {
    if (column.hashtag != pattern.hashtag) return false;
    return std::includes(column.attributes.begin(), column.attributes.end(), pattern.attributes.begin(),
                         pattern.attributes.end());
}

Result<std::string> export_activities_hxl(storage::Database& db, const ActivityFilter& filter) {
    TRY_ASSIGN(activities, list_activities(db, filter));
    std::string out;
    auto line = [&](const std::vector<std::string>& cells) {
        for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_field(cells[i]);
        out += "\r\n";
    };
    std::vector<std::string> names, tags;
    for (const auto& c : k_hxl_columns) {
        names.emplace_back(c.name);
        tags.emplace_back(c.tag);
    }
    line(names);
    line(tags);
    for (const auto& a : activities) {
        line({a.organisation_name, a.programming ? a.programming_name : "", a.funding ? a.funding_name : "",
              a.sector, a.activity, a.adm1, a.adm2.value_or(""), a.latitude ? number_text(*a.latitude) : "",
              a.longitude ? number_text(*a.longitude) : "", a.start_date.iso(),
              a.end_date ? a.end_date->iso() : "", a.status, a.reached ? std::to_string(*a.reached) : "",
              a.targeted ? std::to_string(*a.targeted) : ""});
    }
    return out;
}

json hxl_import_json(const HxlImport& report) {
    json problems = json::array();
    for (const auto& p : report.problems)
        problems.push_back({{"row", p.row}, {"column", p.column}, {"message", p.message}});
    return {{"imported", report.imported}, {"problems", problems}};
}

Result<HxlImport> import_activities_hxl(storage::Database& db, const Clock& clock, const access::Actor& who,
                                        const std::string& request_id, std::string_view csv) {
    TRY_ASSIGN(table, parse_csv(csv, "HXL"));
    // Every record, the parser's header included, with the line it starts on.
    std::vector<std::vector<std::string>> records{table.header};
    std::vector<size_t> lines{1};
    for (size_t i = 0; i < table.rows.size(); ++i) {
        records.push_back(table.rows[i]);
        lines.push_back(table.row_lines[i]);
    }
    // The tag row: the first whose non-blank cells are all hashtags (at least one).
    std::optional<size_t> tag_row;
    std::vector<std::optional<HxlTag>> tags;
    for (size_t r = 0; r < records.size() && !tag_row; ++r) {
        std::vector<std::optional<HxlTag>> parsed;
        bool all = true, any = false;
        for (const auto& cell : records[r]) {
            if (trim(cell).empty()) {
                parsed.emplace_back();
                continue;
            }
            auto t = parse_hxl_tag(cell);
            if (!t) {
                all = false;
                break;
            }
            any = true;
            parsed.push_back(std::move(t));
        }
        if (all && any) {
            tag_row = r;
            tags = std::move(parsed);
        }
    }
    if (!tag_row)
        return make_error(
            ErrorCode::invalid_argument,
            "/csv: no hay fila de etiquetas HXL (#org+impl, #sector, ...) / no HXL hashtag row");
    std::map<std::string, int> at;  // pattern -> column index
    std::vector<std::string> missing;
    for (const auto& c : k_hxl_columns) {
        const HxlTag pattern = *parse_hxl_tag(c.tag);
        int found = -1;
        for (size_t i = 0; i < tags.size() && found < 0; ++i)
            if (tags[i] && hxl_matches(*tags[i], pattern)) found = static_cast<int>(i);
        at[c.tag] = found;
        if (found < 0 && c.required) missing.emplace_back(c.tag);
    }
    if (!missing.empty()) {
        std::string list;
        for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
        return make_error(ErrorCode::invalid_argument,
                          fmt::format("/csv: faltan las columnas {} / missing columns {}", list, list));
    }
    // Organisations by name and short name (case ignored).
    std::map<std::string, int64_t> organisations;
    {
        soci::rowset<soci::row> rows =
            (db.session().prepare << "SELECT id, name, short_name FROM organisations");
        for (const auto& row : rows) {
            organisations[lower(row.get<std::string>(1))] = storage::get_int64(row, 0);
            organisations.emplace(lower(row.get<std::string>(2)), storage::get_int64(row, 0));
        }
    }
    HxlImport report;
    int imported = 0;
    std::optional<Error> fatal;
    const Status written = db.transaction([&]() -> Status {
        for (size_t r = *tag_row + 1; r < records.size(); ++r) {
            const auto& cells = records[r];
            const int line = static_cast<int>(lines[r]);
            if (std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return trim(c).empty(); }))
                continue;
            auto cell = [&](const char* tag) {
                return at[tag] < 0 ? std::string() : trim(cells[static_cast<size_t>(at[tag])]);
            };
            std::vector<HxlProblem> problems;
            auto problem = [&](const char* tag, std::string message) {
                problems.push_back({line, tag, std::move(message)});
            };
            ActivityFields f;
            auto org = [&](const char* tag) -> std::optional<int64_t> {
                const std::string name = cell(tag);
                if (name.empty()) return std::nullopt;
                auto it = organisations.find(lower(name));
                if (it == organisations.end()) {
                    problem(tag,
                            fmt::format("no hay organización '{}' en el directorio / no organisation '{}'",
                                        name, name));
                    return std::nullopt;
                }
                return it->second;
            };
            if (cell("#org+impl").empty())
                problem("#org+impl", "es obligatorio / is required");
            else if (auto id = org("#org+impl"))
                f.organisation = *id;
            f.programming = org("#org+prog");
            f.funding = org("#org+funder");
            f.sector = cell("#sector");
            f.activity = cell("#activity");
            f.adm1 = cell("#adm1+code");
            if (auto v = cell("#adm2+code"); !v.empty()) f.adm2 = v;
            auto date = [&](const char* tag) -> std::optional<Date> {
                const std::string v = cell(tag);
                if (v.empty()) return std::nullopt;
                auto d = Date::parse_iso(v);
                if (!d)
                    problem(tag,
                            fmt::format("'{}' no es una fecha AAAA-MM-DD / is not a YYYY-MM-DD date", v));
                return d;
            };
            f.start_date = date("#date+start");
            if (!f.start_date && cell("#date+start").empty())
                problem("#date+start", "es obligatoria / is required");
            f.end_date = date("#date+end");
            f.status = lower(cell("#status"));
            auto count = [&](const char* tag) -> std::optional<int64_t> {
                const std::string v = cell(tag);
                if (v.empty()) return std::nullopt;
                int64_t n = 0;
                auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
                if (ec != std::errc() || end != v.data() + v.size() || n < 0) {
                    problem(tag, fmt::format("'{}' no es un entero no negativo / is not a whole number", v));
                    return std::nullopt;
                }
                return n;
            };
            f.reached = count("#reached");
            f.targeted = count("#targeted");
            auto coordinate = [&](const char* tag) -> std::optional<double> {
                const std::string v = cell(tag);
                if (v.empty()) return std::nullopt;
                try {
                    size_t used = 0;
                    double d = std::stod(v, &used);
                    if (used == v.size()) return d;
                } catch (const std::exception&) {
                }
                problem(tag, fmt::format("'{}' no es un número / is not a number", v));
                return std::nullopt;
            };
            f.latitude = coordinate("#geo+lat");
            f.longitude = coordinate("#geo+lon");
            if (problems.empty()) {
                auto made = detail::insert_activity(db, clock, who, request_id, f);
                if (!made) {
                    // The store names the field ("/start_date: ..."): report its hashtag.
                    static const std::map<std::string, const char*> k_field_tag = {
                        {"organisation", "#org+impl"}, {"programming", "#org+prog"},
                        {"funding", "#org+funder"},    {"sector", "#sector"},
                        {"activity", "#activity"},     {"adm1", "#adm1+code"},
                        {"adm2", "#adm2+code"},        {"latitude", "#geo+lat"},
                        {"longitude", "#geo+lon"},     {"start_date", "#date+start"},
                        {"end_date", "#date+end"},     {"status", "#status"},
                        {"reached", "#reached"},       {"targeted", "#targeted"}};
                    const std::string& m = made.error().message;
                    std::string tag = "";
                    std::string message = m;
                    if (made.error().code == ErrorCode::invalid_argument && !m.empty() && m.front() == '/') {
                        const auto colon = m.find(':');
                        auto it = k_field_tag.find(m.substr(1, colon - 1));
                        if (it != k_field_tag.end()) tag = it->second;
                        message = trim(m.substr(colon + 1));
                    } else if (made.error().code != ErrorCode::invalid_argument) {
                        fatal = made.error();  // refused or the database: the whole import fails
                        return made.error();
                    }
                    problems.push_back({line, tag, message});
                } else {
                    ++imported;
                }
            }
            for (auto& p : problems) report.problems.push_back(std::move(p));
        }
        if (!report.problems.empty())
            return make_error(ErrorCode::invalid_argument, "the import has bad rows");  // rolls back
        return ok_status();
    });
    if (fatal) return *fatal;
    if (!written && report.problems.empty()) return written.error();
    report.imported = report.problems.empty() ? imported : 0;
    return report;
}

}  // namespace metropoli::coordination
