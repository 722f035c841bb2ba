// SPDX-License-Identifier: MIT
// The national reference tables bundled in data/national/ (see its PROVENANCE.md): Censo 2020 and CONAPO 2020
// population of every municipality, the 2015 delimitation of the 74 metro zones, and the simplified INEGI
// geometry of every municipality and state.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/topojson.hpp"

namespace metropoli {

// One municipality of Censo 2020.
struct MunicipalityFigures {
    std::string state_code;  // "05"
    std::string name;        // as INEGI writes it ("Torreón")
    int64_t population_census_2020 = 0;
    std::optional<int64_t> population_conapo_2020;  // none for the 12 municipalities created 2015-2020
};

// One metro zone of the 2015 SEDATU/CONAPO/INEGI delimitation.
struct MetroZoneDelimitation {
    std::string key;                   // CVE_ZM, "05.01"
    std::string name;                  // NOM_ZM, "La Laguna"
    std::vector<std::string> members;  // municipality codes, sorted
};

struct NationalData {
    std::map<std::string, MunicipalityFigures> municipalities;  // by INEGI code ("05035"): all 2,469
    std::map<std::string, MetroZoneDelimitation> metro_zones;   // by key ("05.01"): all 74
    // Objects "municipios" (property CVEGEO = municipality code) and "estados" (CVEGEO = state code,
    // NOM_ENT = official state name).
    Topology geometry;
};

// The file names under the data folder, for messages and documentation.
inline constexpr const char* k_census_file = "national/censo2020_poblacion_municipio.csv";
inline constexpr const char* k_conapo_file = "national/conapo_proyeccion2020_ssa_poblacion_municipio.csv";
inline constexpr const char* k_delimitation_file = "national/zonas_metropolitanas_2015.csv";
inline constexpr const char* k_geometry_file = "national/mexico_2020_simplified.topojson";

// Reads the four files under `data_dir` (the project's data/ folder). Errors name the file and line: a
// missing column, a malformed code or population, a code repeated, or a CONAPO or delimitation row naming a
// municipality that Censo 2020 does not have.
Result<NationalData> load_national_data(const std::string& data_dir);

}  // namespace metropoli
