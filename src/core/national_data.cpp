// SPDX-License-Identifier: MIT
// Reading data/national/: each table checked as it is read, joined on the 5-digit INEGI code.
#include "core/national_data.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

#include "core/csv.hpp"
#include "core/text.hpp"

namespace metropoli {

namespace {

// A table with the named columns found: `columns[i]` is the index of `names[i]`.
struct Table {
    std::string file;
    CsvTable csv;
    std::vector<size_t> columns;

    const std::string& at(size_t row, size_t column) const { return csv.rows[row][columns[column]]; }
    Error error(size_t row, const std::string& what) const {
        return make_error(ErrorCode::bad_input, fmt::format("{}:{}: {}", file, csv.row_lines[row], what));
    }
};

Result<Table> read_table(const std::string& data_dir, const char* file,
                         std::initializer_list<const char*> names) {
    auto csv = read_csv_file(data_dir + "/" + file);
    if (!csv) return csv.error();
    Table table{file, std::move(*csv), {}};
    for (const char* name : names) {
        const int column = table.csv.column(name);
        if (column < 0)
            return make_error(ErrorCode::bad_input, fmt::format("{}: no column \"{}\"", file, name));
        table.columns.push_back(static_cast<size_t>(column));
    }
    return table;
}

bool is_municipality_code(const std::string& code) {
    return code.size() == 5 &&
           std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Status read_census(const std::string& data_dir, NationalData& out) {
    auto table = read_table(data_dir, k_census_file, {"cvegeo", "cve_ent", "municipio", "pob_total"});
    if (!table) return table.error();
    for (size_t r = 0; r < table->csv.rows.size(); ++r) {
        const auto& code = table->at(r, 0);
        const auto population = parse_int(table->at(r, 3));
        if (!is_municipality_code(code) || table->at(r, 1) != code.substr(0, 2)) {
            return table->error(r, fmt::format("malformed municipality code '{}'", code));
        }
        if (!population || *population < 0)
            return table->error(r, fmt::format("malformed population '{}'", table->at(r, 3)));
        const bool added =
            out.municipalities
                .emplace(code, MunicipalityFigures{code.substr(0, 2), table->at(r, 2), *population, {}})
                .second;
        if (!added) return table->error(r, fmt::format("municipality {} appears twice", code));
    }
    return ok_status();
}

Status read_conapo(const std::string& data_dir, NationalData& out) {
    auto table = read_table(data_dir, k_conapo_file, {"cvegeo", "poblacion"});
    if (!table) return table.error();
    for (size_t r = 0; r < table->csv.rows.size(); ++r) {
        const auto& code = table->at(r, 0);
        const auto population = parse_int(table->at(r, 1));
        auto it = out.municipalities.find(code);
        if (it == out.municipalities.end()) {
            return table->error(r, fmt::format("municipality {} is not in {}", code, k_census_file));
        }
        if (!population || *population < 0)
            return table->error(r, fmt::format("malformed population '{}'", table->at(r, 1)));
        if (it->second.population_conapo_2020)
            return table->error(r, fmt::format("municipality {} appears twice", code));
        it->second.population_conapo_2020 = *population;
    }
    return ok_status();
}

Status read_delimitation(const std::string& data_dir, NationalData& out) {
    auto table = read_table(data_dir, k_delimitation_file, {"CVE_ZM", "NOM_ZM", "CVE_MUN"});
    if (!table) return table.error();
    for (size_t r = 0; r < table->csv.rows.size(); ++r) {
        const auto& key = table->at(r, 0);
        const auto& code = table->at(r, 2);
        if (!out.municipalities.count(code)) {
            return table->error(r, fmt::format("municipality '{}' is not in {}", code, k_census_file));
        }
        auto& zone = out.metro_zones[key];
        zone.key = key;
        zone.name = table->at(r, 1);
        zone.members.push_back(code);
    }
    for (auto& [key, zone] : out.metro_zones) std::sort(zone.members.begin(), zone.members.end());
    return ok_status();
}

}  // namespace

Result<NationalData> load_national_data(const std::string& data_dir) {
    NationalData out;
    for (auto* read : {read_census, read_conapo, read_delimitation}) {
        if (auto s = read(data_dir, out); !s) return s.error();
    }
    auto text = read_file(data_dir + "/" + k_geometry_file);
    if (!text) return text.error();
    auto geometry = Topology::parse(*text, k_geometry_file);
    if (!geometry) return geometry.error();
    out.geometry = std::move(*geometry);
    return out;
}

}  // namespace metropoli
