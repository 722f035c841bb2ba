// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "core/region_loader.hpp"
#include "metropoli_source_dir.hpp"

namespace metropoli {

namespace {
DataPaths paths() {
    return DataPaths{METROPOLI_SOURCE_DIR};
}
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
    EXPECT_EQ(region->find("05")->population_conapo_2020, 3218720);
    EXPECT_EQ(region->find("05")->name, "Coahuila");
    EXPECT_EQ(region->find("10")->name, "Durango");
    EXPECT_EQ(zm->population_conapo_2020, 1462745);
    EXPECT_EQ(region->states, (std::vector<std::string>{"05", "10"}));
    for (const auto& code : zm->members) EXPECT_FALSE(region->find(code)->geometry.empty()) << code;
    EXPECT_FALSE(region->find("05")->geometry.empty());
    EXPECT_EQ(region->comparisons, (std::vector<std::string>{"05030", "10005", "05", "10"}));
    // The national catalogue is known too, for --scope national.
    EXPECT_EQ(region->find("01001")->name, "Aguascalientes");
    EXPECT_EQ(region->municipalities_of(*region->find("05")).size(), 39u);  // 38 + 999 no especificado
    // Outside the region's states: names, but neither populations nor geometry.
    EXPECT_FALSE(region->find("01001")->population_census_2020);
    EXPECT_TRUE(region->find("01001")->geometry.empty());
    // Censo 2020 municipalities the SSA catalogue of 2020-11 lacks are known too.
    ASSERT_NE(region->find("02006"), nullptr);
    EXPECT_EQ(region->find("02006")->name, "San Quintín");
    EXPECT_EQ(region->find("02006")->kind, JurisdictionKind::municipality);
}

TEST(Region, SaltilloZoneIsDefinableInAConfigFile) {
    const std::string path = ::testing::TempDir() + "/saltillo.json";
    // As README.md shows it: the states come from the delimitation, the zone's name may too.
    std::ofstream(path) << R"({"id": "saltillo", "name": "Saltillo",
        "metro_zones": [{"id": "zm-saltillo", "delimitation": "05.04"}]})";
    auto region = load_region_file(path, paths());
    ASSERT_TRUE(region) << region.error().message;
    const auto* zm = region->find("zm-saltillo");
    ASSERT_NE(zm, nullptr);
    EXPECT_EQ(zm->name, "Zona Metropolitana de Saltillo");
    EXPECT_EQ(zm->members,
              (std::vector<std::string>{"05004", "05027", "05030"}));  // Arteaga, Ramos Arizpe, Saltillo
    EXPECT_EQ(region->states, std::vector<std::string>{"05"});
    EXPECT_EQ(region->find("05004")->name, "Arteaga");
    EXPECT_EQ(zm->population_census_2020, 1031779);
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
    std::ofstream(path)
        << R"({"id": "x", "name": "X", "metro_zones": [{"id": "zm-x", "delimitation": "99.01"}]})";
    region = load_region_file(path, paths());
    ASSERT_FALSE(region);
    EXPECT_NE(region.error().message.find("delimitation 99.01 has no municipalities"), std::string::npos)
        << region.error().message;
    std::ofstream(path) << R"({"id": "x", "name": "X", "metro_zones": [], "comparisons": ["05035", "zz"]})";
    region = load_region_file(path, paths());
    ASSERT_FALSE(region);
    EXPECT_NE(region.error().message.find("comparison \"zz\" is not a known jurisdiction"),
              std::string::npos);
    std::ofstream(path) << R"({"id": "x", "name": "X"})";
    region = load_region_file(path, paths());
    ASSERT_FALSE(region);
    EXPECT_NE(region.error().message.find(path + ": needs a metro zone, a comparison or \"states\""),
              std::string::npos)
        << region.error().message;
    std::remove(path.c_str());
}

TEST(Region, ResolvesCodesZonesAndNames) {
    auto region = load_region("laguna", paths());
    ASSERT_TRUE(region) << region.error().message;
    auto by_code = resolve_jurisdiction(*region, "05035");
    ASSERT_TRUE(by_code) << by_code.error().message;
    EXPECT_EQ((*by_code)->name, "Torreón");
    auto lost_zero = resolve_jurisdiction(*region, "5035");  // a code that lost its leading zero
    ASSERT_TRUE(lost_zero) << lost_zero.error().message;
    EXPECT_EQ((*lost_zero)->code, "05035");
    auto zone = resolve_jurisdiction(*region, "zm-laguna");
    ASSERT_TRUE(zone) << zone.error().message;
    EXPECT_EQ((*zone)->kind, JurisdictionKind::metro_zone);
    auto plain = resolve_jurisdiction(*region, "gomez palacio");  // without accents or capitals
    ASSERT_TRUE(plain) << plain.error().message;
    EXPECT_EQ((*plain)->code, "10007");

    auto ambiguous = resolve_jurisdiction(*region, "Durango");  // a state and a municipality
    ASSERT_FALSE(ambiguous);
    EXPECT_EQ(ambiguous.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(ambiguous.error().message.find("'Durango' is ambiguous"), std::string::npos)
        << ambiguous.error().message;
    auto unknown = resolve_jurisdiction(*region, "Atlantis");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
    EXPECT_NE(unknown.error().message.find("unknown jurisdiction 'Atlantis'"), std::string::npos);
}

TEST(Region, TitleCaseKeepsAccentsAndParticles) {
    EXPECT_EQ(title_case_spanish("GÓMEZ PALACIO"), "Gómez Palacio");
    EXPECT_EQ(title_case_spanish("COAHUILA DE ZARAGOZA"), "Coahuila de Zaragoza");
    EXPECT_EQ(title_case_spanish("MICHOACÁN DE OCAMPO"), "Michoacán de Ocampo");
}

}  // namespace metropoli
