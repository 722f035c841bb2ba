// SPDX-License-Identifier: MIT
// The bundled presets of metro zones other than La Laguna, checked against the national tables read here on
// their own: members and their count from the 2015 delimitation, each member's Censo 2020 and CONAPO 2020
// population, the zone's as their sum, the states derived, and a polygon for every member.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>

#include "core/csv.hpp"
#include "core/region_loader.hpp"
#include "core/text.hpp"
#include "metropoli_source_dir.hpp"

namespace metropoli {

namespace {

using nlohmann::json;

DataPaths preset_paths() {
    return DataPaths{METROPOLI_SOURCE_DIR};
}

// One column of a national table, keyed by another.
std::map<std::string, std::string> column(const std::string& file, const std::string& key,
                                          const std::string& value) {
    auto table = read_csv_file(std::string(METROPOLI_SOURCE_DIR) + "/data/national/" + file);
    EXPECT_TRUE(table) << table.error().message;
    std::map<std::string, std::string> out;
    if (!table) return out;
    const auto k = static_cast<size_t>(table->column(key));
    const auto v = static_cast<size_t>(table->column(value));
    for (const auto& row : table->rows) out[row[k]] = row[v];
    return out;
}

std::vector<std::string> delimitation_members(const std::string& key) {
    auto table =
        read_csv_file(std::string(METROPOLI_SOURCE_DIR) + "/data/national/zonas_metropolitanas_2015.csv");
    EXPECT_TRUE(table) << table.error().message;
    std::set<std::string> out;
    if (!table) return {};
    for (const auto& row : table->rows) {
        if (row[static_cast<size_t>(table->column("CVE_ZM"))] == key)
            out.insert(row[static_cast<size_t>(table->column("CVE_MUN"))]);
    }
    return {out.begin(), out.end()};
}

// True when `geometry` is a GeoJSON Polygon or MultiPolygon with at least one closed ring of 4 or more
// positions.
bool is_polygon(const std::string& geometry) {
    if (geometry.empty()) return false;
    const auto g = json::parse(geometry);
    const auto polygons = g.at("type") == "Polygon"        ? json::array({g.at("coordinates")})
                          : g.at("type") == "MultiPolygon" ? g.at("coordinates")
                                                           : json::array();
    for (const auto& polygon : polygons) {
        for (const auto& ring : polygon) {
            if (ring.size() < 4 || ring.front() != ring.back()) return false;
        }
    }
    return !polygons.empty() && !polygons.at(0).empty();
}

struct PresetCase {
    std::string preset;
    std::string zone;
    std::string delimitation;
    size_t members;
    std::vector<std::string> states;
    int64_t census;  // the zone's Censo 2020 population, also checked as the sum of the table's rows
    int64_t conapo;
};

// gtest names each case by this instead of the struct's bytes.
void PrintTo(const PresetCase& c, std::ostream* os) {
    *os << c.preset;
}

class RegionPreset : public ::testing::TestWithParam<PresetCase> {};

}  // namespace

TEST_P(RegionPreset, MembersPopulationsStatesAndGeometryComeFromTheNationalTables) {
    const auto& c = GetParam();
    auto region = load_region(c.preset, preset_paths());
    ASSERT_TRUE(region) << region.error().message;
    EXPECT_EQ(region->metro_zones, std::vector<std::string>{c.zone});
    const auto* zone = region->find(c.zone);
    ASSERT_NE(zone, nullptr);
    EXPECT_EQ(zone->kind, JurisdictionKind::metro_zone);

    const auto expected_members = delimitation_members(c.delimitation);
    EXPECT_EQ(expected_members.size(), c.members);
    EXPECT_EQ(zone->members, expected_members);

    const auto census = column("censo2020_poblacion_municipio.csv", "cvegeo", "pob_total");
    const auto conapo = column("conapo_proyeccion2020_ssa_poblacion_municipio.csv", "cvegeo", "poblacion");
    const auto names = column("censo2020_poblacion_municipio.csv", "cvegeo", "municipio");
    int64_t census_sum = 0, conapo_sum = 0;
    std::set<std::string> member_states;
    for (const auto& code : zone->members) {
        const auto* m = region->find(code);
        ASSERT_NE(m, nullptr) << code;
        EXPECT_EQ(m->kind, JurisdictionKind::municipality);
        EXPECT_EQ(m->name, names.at(code));
        EXPECT_EQ(m->population_census_2020, parse_int(census.at(code))) << code;
        EXPECT_EQ(m->population_conapo_2020, parse_int(conapo.at(code))) << code;
        census_sum += *parse_int(census.at(code));
        conapo_sum += *parse_int(conapo.at(code));
        EXPECT_TRUE(is_polygon(m->geometry)) << code << " has no polygon";
        member_states.insert(m->state_code);
    }
    EXPECT_EQ(zone->population_census_2020, census_sum);
    EXPECT_EQ(zone->population_conapo_2020, conapo_sum);
    EXPECT_EQ(census_sum, c.census);
    EXPECT_EQ(conapo_sum, c.conapo);
    EXPECT_TRUE(is_polygon(zone->geometry));

    // The preset lists no states: they are the members' (its comparisons are those states or lie in them).
    EXPECT_EQ(region->states, c.states);
    EXPECT_EQ(std::vector<std::string>(member_states.begin(), member_states.end()), c.states);
    for (const auto& s : c.states) {
        const auto* state = region->find(s);
        ASSERT_NE(state, nullptr);
        EXPECT_TRUE(is_polygon(state->geometry)) << s;
        int64_t state_census = 0;
        for (const auto& [code, population] : census)
            state_census += code.starts_with(s) ? *parse_int(population) : 0;
        EXPECT_EQ(state->population_census_2020, state_census) << s;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Zones, RegionPreset,
    ::testing::Values(
        // Arteaga 29,578 + Ramos Arizpe 122,243 + Saltillo 879,958 (Coahuila).
        PresetCase{"saltillo", "zm-saltillo", "05.04", 3, {"05"}, 1031779, 997913},
        // Altamira, Ciudad Madero, Tampico (Tamaulipas); Pánuco, Pueblo Viejo (Veracruz).
        PresetCase{"tampico", "zm-tampico", "28.05", 5, {"28", "30"}, 927379, 980454},
        // Pénjamo 154,960 (Guanajuato) + La Piedad 106,490 (Michoacán).
        PresetCase{"la-piedad-penjamo", "zm-la-piedad-penjamo", "16.01", 2, {"11", "16"}, 261450, 270353}),
    [](const ::testing::TestParamInfo<PresetCase>& param_info) {
        std::string name = param_info.param.preset;
        std::erase(name, '-');
        return name;
    });

TEST(RegionPreset, StatesAreNamedAsCommonlyKnown) {
    auto region = load_region("tampico", preset_paths());
    ASSERT_TRUE(region) << region.error().message;
    EXPECT_EQ(region->find("28")->name, "Tamaulipas");
    EXPECT_EQ(region->find("30")->name, "Veracruz");  // officially "Veracruz de Ignacio de la Llave"
    EXPECT_EQ(region->find("16")->name, "Michoacán");
    EXPECT_EQ(region->find("30123")->name, "Pánuco");
    EXPECT_EQ(region->find("30133")->name, "Pueblo Viejo");
}

}  // namespace metropoli
