// SPDX-License-Identifier: MIT
#include "core/region_loader.hpp"

#include <cstdio>
#include <fstream>

#include <gtest/gtest.h>

namespace metropoli {

namespace {
DataPaths paths() { return DataPaths{METROPOLI_SOURCE_DIR}; }
}  // namespace

TEST(Region, LagunaPresetHasFiveMunicipalitiesAndTheirPopulations) {
    auto region = load_region("laguna", paths());
    ASSERT_TRUE(region) << region.error().message;
    const auto* zm = region->find("zm-laguna");
    ASSERT_NE(zm, nullptr);
    EXPECT_EQ(zm->members, (std::vector<std::string>{"05009", "05017", "05035", "10007", "10012"}));
    EXPECT_EQ(zm->population_census_2020, 1434283);  // 720,848 + 118,337 + 59,035 + 372,750 + 163,313
    EXPECT_FALSE(zm->geometry.empty());
    const auto* torreon = region->find("05035");
    ASSERT_NE(torreon, nullptr);
    EXPECT_EQ(torreon->name, "Torreón");
    EXPECT_EQ(torreon->population_census_2020, 720848);
    EXPECT_EQ(torreon->population_conapo_2020, 744247);
    EXPECT_EQ(region->find("10007")->name, "Gómez Palacio");
    EXPECT_EQ(region->find("05")->population_census_2020, 3146771);
    EXPECT_EQ(region->find("10")->population_census_2020, 1832650);
    EXPECT_EQ(region->find("10")->population_conapo_2020, 1868996);
    EXPECT_EQ(region->comparisons, (std::vector<std::string>{"05030", "10005", "05", "10"}));
    // The national catalogue is known too, for --scope national.
    EXPECT_EQ(region->find("01001")->name, "Aguascalientes");
    EXPECT_EQ(region->municipalities_of(*region->find("05")).size(), 39u);  // 38 + 999 no especificado
}

TEST(Region, SaltilloZoneIsDefinableInAConfigFile) {
    const std::string path = ::testing::TempDir() + "/saltillo.json";
    std::ofstream(path) << R"({"id": "saltillo", "name": "Saltillo", "states": ["05"],
        "metro_zones": [{"id": "zm-saltillo", "name": "Zona Metropolitana de Saltillo", "delimitation": "05.04"}]})";
    auto region = load_region_file(path, paths());
    ASSERT_TRUE(region) << region.error().message;
    const auto* zm = region->find("zm-saltillo");
    ASSERT_NE(zm, nullptr);
    EXPECT_EQ(zm->members, (std::vector<std::string>{"05004", "05027", "05030"}));  // Arteaga, Ramos Arizpe, Saltillo
    EXPECT_EQ(region->find("05004")->name, "Arteaga");
    std::remove(path.c_str());
}

TEST(Region, BadPresetsSayWhatIsWrong) {
    const std::string path = ::testing::TempDir() + "/bad.json";
    std::ofstream(path) << R"({"id": "x", "name": "X", "states": ["05"],
        "metro_zones": [{"id": "zm-x", "name": "X", "members": ["05035", "99999"]}]})";
    auto region = load_region_file(path, paths());
    ASSERT_FALSE(region);
    EXPECT_NE(region.error().message.find("member 99999 is not a municipality"), std::string::npos);
    std::ofstream(path) << R"({"id": "x", "name": "X", "states": ["77"]})";
    region = load_region_file(path, paths());
    ASSERT_FALSE(region);
    EXPECT_NE(region.error().message.find("\"77\" is not a state code"), std::string::npos);
    std::remove(path.c_str());
}

TEST(Region, TitleCaseKeepsAccentsAndParticles) {
    EXPECT_EQ(title_case_spanish("GÓMEZ PALACIO"), "Gómez Palacio");
    EXPECT_EQ(title_case_spanish("COAHUILA DE ZARAGOZA"), "Coahuila de Zaragoza");
    EXPECT_EQ(title_case_spanish("MICHOACÁN DE OCAMPO"), "Michoacán de Ocampo");
}

}  // namespace metropoli
