// SPDX-License-Identifier: MIT
// `metropoli init --region <file>` with each bundled preset, and the map document the dashboard draws
// (/api/v1/geo): one feature per municipality of the zone, then one per state they lie in.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <tuple>

#include "app/context.hpp"
#include "app/web_views.hpp"
#include "metropoli_source_dir.hpp"
#include "storage/test_support.hpp"

namespace metropoli::app {
namespace {

using nlohmann::json;

struct PresetCase {
    std::string preset;
    std::string zone;
    std::vector<std::string> members;
    std::vector<std::string> states;
    int64_t population;  // Censo 2020, the zone's
};

// gtest names each case by this instead of the struct's bytes.
void PrintTo(const PresetCase& c, std::ostream* os) {
    *os << c.preset;
}

// Each preset on each engine.
class GeoDocument : public ::testing::TestWithParam<std::tuple<PresetCase, storage::Engine>> {
protected:
    void SetUp() override {
        m_scratch = std::make_unique<storage::testing::ScratchDatabase>(std::get<1>(GetParam()));
        if (!m_scratch->available()) {
            if (storage::testing::postgres_required()) FAIL() << m_scratch->why_unavailable();
            GTEST_SKIP() << m_scratch->why_unavailable();
        }
    }
    std::unique_ptr<storage::testing::ScratchDatabase> m_scratch;
};

}  // namespace

TEST_P(GeoDocument, InitStoresThePresetAndTheMapHasEveryMunicipalityOfTheZone) {
    const auto& c = std::get<0>(GetParam());
    const std::string& url = m_scratch->url();
    {
        auto db = open_database(url, storage::Access::create);
        ASSERT_TRUE(db) << db.error().message;
        // As `init --region` does: a path to a preset file.
        auto region =
            initialise(**db, std::string(METROPOLI_SOURCE_DIR) + "/regions/" + c.preset + "/region.json");
        ASSERT_TRUE(region) << region.error().message;
        EXPECT_EQ(region->id, c.preset);
    }
    auto context = open_context(url);
    ASSERT_TRUE(context) << context.error().message;
    EXPECT_EQ(context->region.states, c.states);
    const auto* zone = context->region.find(c.zone);
    ASSERT_NE(zone, nullptr);
    EXPECT_EQ(zone->members, c.members);
    EXPECT_EQ(zone->population_census_2020, c.population);

    auto geo = geo_json(*context, c.zone);
    ASSERT_TRUE(geo) << geo.error().message;
    EXPECT_EQ(geo->at("type"), "FeatureCollection");
    std::vector<std::string> municipalities;
    std::set<std::string> states;
    for (const auto& f : geo->at("features")) {
        const auto& p = f.at("properties");
        const auto& g = f.at("geometry");
        EXPECT_TRUE(g.at("type") == "Polygon" || g.at("type") == "MultiPolygon") << p.dump();
        EXPECT_FALSE(g.at("coordinates").empty()) << p.dump();
        EXPECT_FALSE(g.at("coordinates").at(0).empty()) << p.dump();
        if (p.at("kind") == "municipality") {
            municipalities.push_back(p.at("code").get<std::string>());
            EXPECT_EQ(p.at("name"), context->region.find(p.at("code").get<std::string>())->name);
        } else {
            EXPECT_EQ(p.at("kind"), "state");
            states.insert(p.at("code").get<std::string>());
        }
    }
    EXPECT_EQ(municipalities, c.members);
    EXPECT_EQ(std::vector<std::string>(states.begin(), states.end()), c.states);
}

INSTANTIATE_TEST_SUITE_P(
    Presets, GeoDocument,
    ::testing::Combine(
        ::testing::Values(
            PresetCase{
                "laguna", "zm-laguna", {"05009", "05017", "05035", "10007", "10012"}, {"05", "10"}, 1434283},
            PresetCase{"saltillo", "zm-saltillo", {"05004", "05027", "05030"}, {"05"}, 1031779},
            PresetCase{
                "tampico", "zm-tampico", {"28003", "28009", "28038", "30123", "30133"}, {"28", "30"}, 927379},
            PresetCase{
                "la-piedad-penjamo", "zm-la-piedad-penjamo", {"11023", "16069"}, {"11", "16"}, 261450}),
        ::testing::ValuesIn(storage::testing::all_engines())),
    [](const ::testing::TestParamInfo<std::tuple<PresetCase, storage::Engine>>& param_info) {
        std::string name = std::get<0>(param_info.param).preset;
        std::erase(name, '-');
        return name + "_" + storage::testing::engine_name(std::get<1>(param_info.param));
    });

}  // namespace metropoli::app
