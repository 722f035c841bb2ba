// SPDX-License-Identifier: MIT
// Reading OxCGRT's CSV layouts: the header is classified column by column, then every record is read and
// checked against the codebook.
#include "homologation/oxcgrt_file.hpp"

#include <fmt/format.h>

#include <array>
#include <map>
#include <regex>
#include <tuple>

#include "core/csv.hpp"
#include "homologation/codebook.hpp"

namespace metropoli::homologation {

namespace {

constexpr std::string_view k_fullwithnotes_header =
    R"(CountryName,CountryCode,RegionName,RegionCode,Jurisdiction,Date,C1E_School closing,C1E_Flag,C1NV_School closing,C1NV_Flag,C1V_School closing,C1V_Flag,C1M_School closing,C1M_Flag,C1_Notes,C2E_Workplace closing,C2E_Flag,C2NV_Workplace closing,C2NV_Flag,C2V_Workplace closing,C2V_Flag,C2M_Workplace closing,C2M_Flag,C2_Notes,C3E_Cancel public events,C3E_Flag,C3NV_Cancel public events,C3NV_Flag,C3V_Cancel public events,C3V_Flag,C3M_Cancel public events,C3M_Flag,C3_Notes,C4E_Restrictions on gatherings,C4E_Flag,C4NV_Restrictions on gatherings,C4NV_Flag,C4V_Restrictions on gatherings,C4V_Flag,C4M_Restrictions on gatherings,C4M_Flag,C4_Notes,C5E_Close public transport,C5E_Flag,C5NV_Close public transport,C5NV_Flag,C5V_Close public transport,C5V_Flag,C5M_Close public transport,C5M_Flag,C5_Notes,C6E_Stay at home requirements,C6E_Flag,C6NV_Stay at home requirements,C6NV_Flag,C6V_Stay at home requirements,C6V_Flag,C6M_Stay at home requirements,C6M_Flag,C6_Notes,C7E_Restrictions on internal movement,C7E_Flag,C7NV_Restrictions on internal movement,C7NV_Flag,C7V_Restrictions on internal movement,C7V_Flag,C7M_Restrictions on internal movement,C7M_Flag,C7_Notes,C8E_International travel controls,C8NV_International travel controls,C8V_International travel controls,C8EV_International travel controls,C8_Notes,E1_Income support,E1_Flag,E1_Notes,E2_Debt/contract relief,E2_Notes,E3_Fiscal measures,E3_Notes,E4_International support,E4_Notes,H1_Public information campaigns,H1_Flag,H1_Notes,H2_Testing policy,H2_Notes,H3_Contact tracing,H3_Notes,H4_Emergency investment in healthcare,H4_Notes,H5_Investment in vaccines,H5_Notes,H6E_Facial Coverings,H6E_Flag,H6NV_Facial Coverings,H6NV_Flag,H6V_Facial Coverings,H6V_Flag,H6M_Facial Coverings,H6M_Flag,H6_Notes,H7_Vaccination policy,H7_Flag,H7_Notes,H8E_Protection of elderly people,H8E_Flag,H8NV_Protection of elderly people,H8NV_Flag,H8V_Protection of elderly people,H8V_Flag,H8M_Protection of elderly people,H8M_Flag,H8_Notes,M1_Notes,V1_Vaccine Prioritisation (summary),V1_Notes,V2A_Vaccine Availability (summary),V2_Notes,V2B_Vaccine age eligibility/availability age floor (general population summary),V2C_Vaccine age eligibility/availability age floor (at risk summary),V2D_Medically/ clinically vulnerable (Non-elderly),V2E_Education,V2F_Frontline workers  (non healthcare),V2G_Frontline workers  (healthcare),V3_Vaccine Financial Support (summary),V3_Notes,V4_Mandatory Vaccination (summary),V4_Notes,ConfirmedCases,ConfirmedDeaths,MajorityVaccinated,PopulationVaccinated,StringencyIndex_NonVaccinated,StringencyIndex_Vaccinated,StringencyIndex_SimpleAverage,StringencyIndex_WeightedAverage,GovernmentResponseIndex_NonVaccinated,GovernmentResponseIndex_Vaccinated,GovernmentResponseIndex_SimpleAverage,GovernmentResponseIndex_WeightedAverage,ContainmentHealthIndex_NonVaccinated,ContainmentHealthIndex_Vaccinated,ContainmentHealthIndex_SimpleAverage,ContainmentHealthIndex_WeightedAverage,EconomicSupportIndex)";

enum class ColumnKind {
    ignored,
    country_name,
    country_code,
    region_name,
    region_code,
    jurisdiction,
    date,
    value,
    flag,
    notes,
    published,
    cases,
    deaths,
    majority,
    population,
    day
};

struct Column {
    ColumnKind kind = ColumnKind::ignored;
    std::string indicator;
    Segment segment = Segment::everyone;
    OxPublished published;
    Date day;  // a timeseries date column
};

std::optional<Date> parse_compact_date(std::string_view s) {  // YYYYMMDD
    if (s.size() != 8) return std::nullopt;
    for (char c : s)
        if (c < '0' || c > '9') return std::nullopt;
    return Date::from_ymd(std::stoi(std::string(s.substr(0, 4))), std::stoi(std::string(s.substr(4, 2))),
                          std::stoi(std::string(s.substr(6, 2))));
}

std::optional<Date> parse_wide_date(std::string_view s) {  // 01Jan2020
    static constexpr std::array<std::string_view, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (s.size() != 9) return std::nullopt;
    for (size_t m = 0; m < months.size(); ++m) {
        if (s.substr(2, 3) != months[m]) continue;
        const std::string d(s.substr(0, 2)), y(s.substr(5, 4));
        if (d.find_first_not_of("0123456789") != std::string::npos ||
            y.find_first_not_of("0123456789") != std::string::npos)
            return std::nullopt;
        return Date::from_ymd(std::stoi(y), static_cast<int>(m) + 1, std::stoi(d));
    }
    return std::nullopt;
}

std::optional<Column> classify(const std::string& name) {
    static const std::regex indicator(R"(^([CEH][1-8])(E|NV|V|M|EV)?_(.+)$)");
    static const std::regex vaccine(R"(^(V[1-4])([A-G])?_(.+)$)");
    static const std::regex published(
        R"(^(StringencyIndex|GovernmentResponseIndex|ContainmentHealthIndex|EconomicSupportIndex|LegacyStringencyIndex)(ForDisplay)?(_(NonVaccinated|Vaccinated|SimpleAverage|WeightedAverage|Average))?$)");
    Column c;
    std::smatch m;
    if (name == "CountryName")
        c.kind = ColumnKind::country_name;
    else if (name == "CountryCode")
        c.kind = ColumnKind::country_code;
    else if (name == "RegionName")
        c.kind = ColumnKind::region_name;
    else if (name == "RegionCode")
        c.kind = ColumnKind::region_code;
    else if (name == "CityName" || name == "CityCode")
        c.kind = ColumnKind::ignored;
    else if (name == "Jurisdiction")
        c.kind = ColumnKind::jurisdiction;
    else if (name == "Date")
        c.kind = ColumnKind::date;
    else if (name == "ConfirmedCases")
        c.kind = ColumnKind::cases;
    else if (name == "ConfirmedDeaths")
        c.kind = ColumnKind::deaths;
    else if (name == "MajorityVaccinated")
        c.kind = ColumnKind::majority;
    else if (name == "PopulationVaccinated")
        c.kind = ColumnKind::population;
    else if (name == "M1_Notes" || name == "M1_Wildcard") {
        c.kind = ColumnKind::notes;
        c.indicator = "M1";
    } else if (std::regex_match(name, m, indicator)) {
        c.indicator = m[1];
        if (!find_indicator(c.indicator)) return std::nullopt;
        if (m[2].matched) {
            const auto seg = parse_segment(m[2].str());
            if (!seg) return std::nullopt;
            c.segment = *seg;
        }
        const std::string rest = m[3];
        c.kind = rest == "Flag" ? ColumnKind::flag : rest == "Notes" ? ColumnKind::notes : ColumnKind::value;
    } else if (std::regex_match(name, m, vaccine)) {
        c.indicator = m[1].str() + m[2].str();
        c.kind = m[3] == "Notes" ? ColumnKind::notes : ColumnKind::value;
    } else if (std::regex_match(name, m, published)) {
        c.kind = ColumnKind::published;
        for (Index i : {Index::si, Index::gri, Index::chi, Index::esi, Index::lsi})
            if (index_column_name(i) == m[1].str()) c.published.index = i;
        c.published.display = m[2].matched;
        if (m[4].matched) c.published.variant = *parse_variant(m[4].str());
    } else if (const auto d = parse_wide_date(name)) {
        c.kind = ColumnKind::day;
        c.day = *d;
    } else {
        return std::nullopt;
    }
    return c;
}

struct Reader {
    const std::string& name;
    const CsvTable& table;
    std::vector<Column> columns;

    Error error(size_t row, size_t col, const std::string& what) const {
        return make_error(ErrorCode::bad_input,
                          fmt::format("{}: línea {}, columna {} ({}): {}", name, table.row_lines[row],
                                      col + 1, table.header[col], what));
    }

    // An indicator value: an ordinal within its scale, as its integer; others as written.
    Result<std::string> value(size_t row, size_t col, const std::string& text,
                              const IndicatorDef* def) const {
        if (!def || def->scale != Scale::ordinal) return text;
        const auto v = parse_decimal(text);
        if (!v || v->den() != 1 || v->num() < 0 || v->num() > def->max_value)
            return error(row, col,
                         fmt::format("valor '{}' fuera de la escala 0–{} / value outside the scale", text,
                                     def->max_value));
        return std::to_string(v->num());
    }

    Result<OxRecord> record(size_t row) const {
        const auto& fields = table.rows[row];
        OxRecord r;
        r.line = table.row_lines[row];
        r.level = "NAT_TOTAL";
        bool dated = false;
        for (size_t col = 0; col < columns.size(); ++col) {
            const Column& c = columns[col];
            const std::string& f = fields[col];
            switch (c.kind) {
                case ColumnKind::country_name:
                    r.country_name = f;
                    break;
                case ColumnKind::country_code:
                    r.country_code = f;
                    break;
                case ColumnKind::region_name:
                    r.region_name = f;
                    break;
                case ColumnKind::region_code:
                    r.region_code = f;
                    break;
                case ColumnKind::jurisdiction:
                    if (f.empty()) return error(row, col, "jurisdicción vacía / empty jurisdiction");
                    r.level = f;
                    break;
                case ColumnKind::date: {
                    const auto d = parse_compact_date(f);
                    if (!d)
                        return error(row, col, fmt::format("fecha '{}' no es AAAAMMDD / not YYYYMMDD", f));
                    r.date = *d;
                    dated = true;
                    break;
                }
                case ColumnKind::value: {
                    if (f.empty()) break;
                    TRY_ASSIGN(v, value(row, col, f, find_indicator(c.indicator.substr(0, 2))));
                    r.values.push_back({c.indicator, c.segment, v, std::nullopt});
                    break;
                }
                case ColumnKind::flag: {
                    if (f.empty()) break;
                    const auto v = parse_decimal(f);
                    if (!v || v->den() != 1 || (v->num() != 0 && v->num() != 1))
                        return error(row, col,
                                     fmt::format("bandera '{}' no es 0 ni 1 / flag is not 0 or 1", f));
                    auto it = std::find_if(r.values.begin(), r.values.end(), [&](const OxValue& x) {
                        return x.indicator == c.indicator && x.segment == c.segment;
                    });
                    if (it == r.values.end())
                        return error(row, col, "bandera sin valor / flag without a value");
                    it->flag = static_cast<int>(v->num());
                    break;
                }
                case ColumnKind::notes:
                    if (!f.empty()) r.notes.push_back({c.indicator, f});
                    break;
                case ColumnKind::published:
                    if (f.empty()) break;
                    if (!parse_decimal(f))
                        return error(row, col, fmt::format("índice '{}' no es decimal", f));
                    r.published.push_back(c.published);
                    r.published.back().value = f;
                    break;
                case ColumnKind::cases:
                    r.confirmed_cases = f;
                    break;
                case ColumnKind::deaths:
                    r.confirmed_deaths = f;
                    break;
                case ColumnKind::majority:
                    r.majority_vaccinated = f;
                    break;
                case ColumnKind::population:
                    if (!f.empty() && !parse_decimal(f))
                        return error(row, col, fmt::format("'{}' no es decimal / not a decimal", f));
                    r.population_vaccinated = f;
                    break;
                case ColumnKind::ignored:
                case ColumnKind::day:
                    break;
            }
        }
        if (!dated)
            return make_error(ErrorCode::bad_input,
                              fmt::format("{}: sin columna Date / no Date column", name));
        if (r.country_code.empty())
            return make_error(
                ErrorCode::bad_input,
                fmt::format("{}: línea {}: CountryCode vacío / empty CountryCode", name, r.line));
        return r;
    }

    // The wide layout: one record per (row, date column) that holds a value.
    Result<std::vector<OxRecord>> wide(Index index) const {
        std::vector<OxRecord> out;
        for (size_t row = 0; row < table.rows.size(); ++row) {
            const auto& fields = table.rows[row];
            OxRecord base;
            base.line = table.row_lines[row];
            for (size_t col = 0; col < columns.size(); ++col) {
                const Column& c = columns[col];
                const std::string& f = fields[col];
                if (c.kind == ColumnKind::country_code)
                    base.country_code = f;
                else if (c.kind == ColumnKind::country_name)
                    base.country_name = f;
                else if (c.kind == ColumnKind::region_code)
                    base.region_code = f;
                else if (c.kind == ColumnKind::region_name)
                    base.region_name = f;
                else if (c.kind == ColumnKind::jurisdiction)
                    base.level = f;
            }
            if (base.country_code.empty() || base.level.empty())
                return make_error(
                    ErrorCode::bad_input,
                    fmt::format("{}: línea {}: CountryCode o Jurisdiction vacío", name, base.line));
            for (size_t col = 0; col < columns.size(); ++col) {
                if (columns[col].kind != ColumnKind::day || fields[col].empty()) continue;
                if (!parse_decimal(fields[col]))
                    return error(row, col, fmt::format("índice '{}' no es decimal", fields[col]));
                OxRecord r = base;
                r.date = columns[col].day;
                r.published.push_back({index, Variant::average, false, fields[col]});
                out.push_back(std::move(r));
            }
        }
        return out;
    }
};

// One record per jurisdiction, level and day: a repeated one would make the day's policy ambiguous.
Status check_unique(const OxFile& file, const std::string& name) {
    std::map<std::tuple<std::string, std::string, int32_t>, size_t> seen;
    for (const auto& r : file.records) {
        const auto [it, fresh] = seen.try_emplace({r.jurisdiction(), r.level, r.date.days()}, r.line);
        if (!fresh)
            return make_error(
                ErrorCode::bad_input,
                fmt::format("{}: línea {}: {} {} {} repetido (ya en la línea {}) / duplicate record "
                            "(first on line {})",
                            name, r.line, r.jurisdiction(), r.level, r.date.iso(), it->second, it->second));
    }
    return ok_status();
}

}  // namespace

std::string_view layout_name(Layout layout) {
    switch (layout) {
        case Layout::fullwithnotes:
            return "fullwithnotes";
        case Layout::raw:
            return "raw";
        case Layout::legacy:
            return "legacy";
        case Layout::timeseries:
            return "timeseries";
    }
    return "legacy";
}

const std::vector<std::string>& fullwithnotes_header() {
    static const std::vector<std::string> k_header = [] {
        std::vector<std::string> out;
        std::string_view rest = k_fullwithnotes_header;
        while (true) {
            const size_t comma = rest.find(',');
            out.emplace_back(rest.substr(0, comma));
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
        }
        return out;
    }();
    return k_header;
}

Result<OxFile> parse_oxcgrt(std::string_view text, const std::string& name) {
    TRY_ASSIGN(table, parse_csv(text, name));
    Reader reader{name, table, {}};
    bool wide = false, has_m = false, has_c1e = false;
    for (size_t col = 0; col < table.header.size(); ++col) {
        const auto c = classify(table.header[col]);
        if (!c)
            return make_error(
                ErrorCode::bad_input,
                fmt::format("{}: línea 1, columna {}: columna desconocida '{}' / unknown column", name,
                            col + 1, table.header[col]));
        wide = wide || c->kind == ColumnKind::day;
        has_m = has_m || (c->kind == ColumnKind::value && c->segment == Segment::majority);
        has_c1e = has_c1e || table.header[col] == "C1E_School closing";
        reader.columns.push_back(*c);
    }
    OxFile file;
    file.header = table.header;
    if (wide) {
        file.layout = Layout::timeseries;
        // The index is in the file's name: timeseries_StringencyIndex… or OxCGRT_timeseries_…
        std::optional<Index> index;
        for (Index i : {Index::si, Index::gri, Index::chi, Index::esi, Index::lsi})
            if (name.find(std::string("timeseries_") + std::string(index_column_name(i))) !=
                std::string::npos)
                index = i;
        if (!index)
            return make_error(ErrorCode::bad_input,
                              fmt::format("{}: un archivo timeseries debe llamarse timeseries_<Index>… / a "
                                          "timeseries file must be named timeseries_<Index>…",
                                          name));
        TRY_ASSIGN(records, reader.wide(*index));
        file.records = std::move(records);
        TRY(check_unique(file, name));
        return file;
    }
    file.layout = has_m ? Layout::fullwithnotes : has_c1e ? Layout::raw : Layout::legacy;
    for (size_t row = 0; row < table.rows.size(); ++row) {
        TRY_ASSIGN(r, reader.record(row));
        file.records.push_back(std::move(r));
    }
    TRY(check_unique(file, name));
    return file;
}

DayPolicy day_policy(const OxRecord& record) {
    DayPolicy day;
    day.date = record.date;
    for (const auto& v : record.values) {
        const auto c = parse_component(v.indicator);
        if (!c) continue;
        day.set(*c, v.segment, Reading{std::stoi(v.value), v.flag});
    }
    if (!record.population_vaccinated.empty())
        day.population_vaccinated = parse_decimal(record.population_vaccinated);
    return day;
}

}  // namespace metropoli::homologation
