// SPDX-License-Identifier: MIT
// Region presets: the JSON file says which states and metro zones; the data files say everything else.
#include "core/region_loader.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/csv.hpp"
#include "core/text.hpp"

namespace metropoli {

namespace {

using nlohmann::json;

std::string lower_utf8(std::string_view word) {
    std::string out(word);
    for (size_t i = 0; i < out.size(); ++i) {
        auto c = static_cast<unsigned char>(out[i]);
        if (c >= 'A' && c <= 'Z') {
            out[i] = static_cast<char>(c + 32);
        } else if (c == 0xC3 && i + 1 < out.size()) {
            auto n = static_cast<unsigned char>(out[i + 1]);
            if (n >= 0x80 && n <= 0x9E && n != 0x97) out[i + 1] = static_cast<char>(n + 0x20);
            ++i;
        }
    }
    return out;
}

Result<CsvTable> load_table(const DataPaths& paths, const std::string& relative) {
    return read_csv_file(paths.data_dir() + "/" + relative);
}

Error table_error(const std::string& file, const std::string& what) {
    return make_error(ErrorCode::bad_input, fmt::format("{}: {}", file, what));
}

}  // namespace

std::string title_case_spanish(std::string_view upper) {
    static const std::set<std::string> k_particles = {"de", "del", "la", "las", "los", "y", "el"};
    std::string out;
    size_t i = 0;
    bool first = true;
    while (i <= upper.size()) {
        size_t j = upper.find(' ', i);
        if (j == std::string_view::npos) j = upper.size();
        std::string word = lower_utf8(upper.substr(i, j - i));
        if (!word.empty() && (first || !k_particles.count(word))) {
            auto c = static_cast<unsigned char>(word[0]);
            if (c >= 'a' && c <= 'z') {
                word[0] = static_cast<char>(c - 32);
            } else if (c == 0xC3 && word.size() > 1) {
                word[1] = static_cast<char>(static_cast<unsigned char>(word[1]) - 0x20);
            }
        }
        if (!out.empty()) out.push_back(' ');
        out += word;
        first = false;
        i = j + 1;
    }
    return out;
}

Result<Region> load_region_file(const std::string& config_path, const DataPaths& paths) {
    auto text = read_file(config_path);
    if (!text) return text.error();
    json config;
    try {
        config = json::parse(*text);
    } catch (const json::parse_error& e) {
        return make_error(ErrorCode::bad_input, fmt::format("{}: not valid JSON: {}", config_path, e.what()));
    }
    Region region;
    try {
        region.id = config.at("id").get<std::string>();
        region.name = config.at("name").get<std::string>();
        region.states = config.at("states").get<std::vector<std::string>>();
        region.comparisons = config.value("comparisons", std::vector<std::string>{});
    } catch (const json::exception& e) {
        return make_error(ErrorCode::bad_input,
                          fmt::format("{}: needs \"id\", \"name\" and \"states\": {}", config_path, e.what()));
    }

    // Nation and states, from the SSA catalogue of states (codes 01..32).
    const std::string states_file = "ssa/catalogs_2020-11/catalogo_entidades.csv";
    auto states = load_table(paths, states_file);
    if (!states) return states.error();
    region.jurisdictions.push_back(
        Jurisdiction{"00", JurisdictionKind::nation, "Estados Unidos Mexicanos", "", {}, {}, "", {}});
    for (const auto& row : states->rows) {
        auto code = parse_int(row[0]);
        if (!code || *code < 1 || *code > 32) continue;  // 36, 97, 98, 99 are not states
        region.jurisdictions.push_back(Jurisdiction{row[0], JurisdictionKind::state, title_case_spanish(row[1]),
                                                    row[0], {}, {}, "", {}});
    }

    // Every municipality of the national SSA catalogue, including each state's 999 "no especificado".
    const std::string munis_file = "ssa/catalogs_2020-11/catalogo_municipios.csv";
    auto munis = load_table(paths, munis_file);
    if (!munis) return munis.error();
    for (const auto& row : munis->rows) {
        if (row[2].size() != 2 || row[0].size() != 3) {
            return table_error(munis_file, fmt::format("malformed code '{}{}'", row[2], row[0]));
        }
        auto state_code = parse_int(row[2]);
        if (!state_code || *state_code < 1 || *state_code > 32) continue;
        region.jurisdictions.push_back(Jurisdiction{row[2] + row[0], JurisdictionKind::municipality,
                                                    title_case_spanish(row[1]), row[2], {}, {}, "", {}});
    }
    region.reindex();

    // Names with accents and populations where INEGI and CONAPO figures are bundled.
    const std::string censo_file = "population/censo2020_poblacion_municipio_coah_dgo.csv";
    auto censo = load_table(paths, censo_file);
    if (!censo) return censo.error();
    std::map<std::string, int64_t> state_census;
    for (const auto& row : censo->rows) {
        auto* j = region.find(row[0]);
        auto pop = parse_int(row[4]);
        if (!j || !pop) return table_error(censo_file, fmt::format("unknown municipality or population '{}'", row[0]));
        j->name = row[3];
        j->population_census_2020 = *pop;
        state_census[row[1]] += *pop;
    }
    const std::string conapo_file = "population/conapo_proyeccion2020_ssa_poblacion_municipio_coah_dgo.csv";
    auto conapo = load_table(paths, conapo_file);
    if (!conapo) return conapo.error();
    std::map<std::string, int64_t> state_conapo;
    for (const auto& row : conapo->rows) {
        auto* j = region.find(row[0]);
        auto pop = parse_int(row[4]);
        if (!j || !pop) return table_error(conapo_file, fmt::format("unknown municipality or population '{}'", row[0]));
        j->population_conapo_2020 = *pop;
        state_conapo[row[1]] += *pop;
    }
    for (auto& j : region.jurisdictions) {
        if (j.kind != JurisdictionKind::state) continue;
        if (auto it = state_census.find(j.code); it != state_census.end()) j.population_census_2020 = it->second;
        if (auto it = state_conapo.find(j.code); it != state_conapo.end()) j.population_conapo_2020 = it->second;
    }

    // Geometry of municipalities and states (INEGI Marco Geoestadístico, simplified).
    for (const std::string file : {"geo/municipios_coah_dgo_simplified.geojson", "geo/estados_coah_dgo_simplified.geojson"}) {
        auto geo_text = read_file(paths.data_dir() + "/" + file);
        if (!geo_text) return geo_text.error();
        try {
            const auto geo = json::parse(*geo_text);
            for (const auto& feature : geo.at("features")) {
                const auto code = feature.at("properties").at("CVEGEO").get<std::string>();
                auto* j = region.find(code);
                if (!j) return table_error(file, fmt::format("feature {} is not a known jurisdiction", code));
                j->geometry = feature.at("geometry").dump();
                if (j->kind == JurisdictionKind::state) j->name = feature.at("properties").at("NOM_ENT").get<std::string>();
            }
        } catch (const json::exception& e) {
            return table_error(file, fmt::format("not a GeoJSON FeatureCollection: {}", e.what()));
        }
    }

    for (const auto& s : region.states) {
        const auto* j = region.find(s);
        if (!j || j->kind != JurisdictionKind::state) {
            return make_error(ErrorCode::bad_input, fmt::format("{}: \"{}\" is not a state code", config_path, s));
        }
    }

    // Metro zones: members from the 2015 delimitation ("delimitation": "05.01") or listed ("members": [...]).
    const std::string zm_file = "population/zonas_metropolitanas_2015_coah_dgo.csv";
    auto zm = load_table(paths, zm_file);
    if (!zm) return zm.error();
    for (const auto& entry : config.value("metro_zones", json::array())) {
        Jurisdiction metro;
        metro.kind = JurisdictionKind::metro_zone;
        try {
            metro.code = entry.at("id").get<std::string>();
            metro.name = entry.at("name").get<std::string>();
        } catch (const json::exception&) {
            return make_error(ErrorCode::bad_input, fmt::format("{}: each metro zone needs \"id\" and \"name\"", config_path));
        }
        if (entry.contains("delimitation")) {
            const auto cve_zm = entry.at("delimitation").get<std::string>();
            for (const auto& row : zm->rows) {
                if (row[0] == cve_zm) metro.members.push_back(row[4]);
            }
            if (metro.members.empty()) {
                return make_error(ErrorCode::bad_input,
                                  fmt::format("{}: metro zone {}: delimitation {} has no municipalities in {}",
                                              config_path, metro.code, cve_zm, zm_file));
            }
        } else {
            metro.members = entry.value("members", std::vector<std::string>{});
        }
        if (metro.members.empty()) {
            return make_error(ErrorCode::bad_input,
                              fmt::format("{}: metro zone {} has no members", config_path, metro.code));
        }
        std::sort(metro.members.begin(), metro.members.end());
        int64_t census_sum = 0, conapo_sum = 0;
        bool census_known = true, conapo_known = true;
        std::string multipolygon;
        for (const auto& m : metro.members) {
            const auto* j = region.find(m);
            if (!j || j->kind != JurisdictionKind::municipality) {
                return make_error(ErrorCode::bad_input, fmt::format("{}: metro zone {}: member {} is not a municipality",
                                                                    config_path, metro.code, m));
            }
            census_known = census_known && j->population_census_2020;
            conapo_known = conapo_known && j->population_conapo_2020;
            census_sum += j->population_census_2020.value_or(0);
            conapo_sum += j->population_conapo_2020.value_or(0);
            if (!j->geometry.empty()) {
                const auto g = json::parse(j->geometry);
                const auto& coords = g.at("coordinates");
                if (g.at("type") == "Polygon") {
                    multipolygon += (multipolygon.empty() ? "" : ",") + coords.dump();
                } else {
                    for (const auto& poly : coords) multipolygon += (multipolygon.empty() ? "" : ",") + poly.dump();
                }
            }
        }
        if (census_known) metro.population_census_2020 = census_sum;
        if (conapo_known) metro.population_conapo_2020 = conapo_sum;
        if (!multipolygon.empty()) metro.geometry = R"({"type":"MultiPolygon","coordinates":[)" + multipolygon + "]}";
        region.metro_zones.push_back(metro.code);
        region.jurisdictions.push_back(std::move(metro));
    }
    region.reindex();

    for (const auto& c : region.comparisons) {
        if (!region.find(c)) {
            return make_error(ErrorCode::bad_input, fmt::format("{}: comparison \"{}\" is not a known jurisdiction", config_path, c));
        }
    }
    return region;
}

Result<Region> load_region(const std::string& id, const DataPaths& paths) {
    return load_region_file(paths.region_file(id), paths);
}

}  // namespace metropoli
