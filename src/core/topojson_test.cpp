// SPDX-License-Identifier: MIT
#include "core/topojson.hpp"

#include <gtest/gtest.h>

#include "core/national_data.hpp"
#include "core/text.hpp"
#include "metropoli_source_dir.hpp"

namespace metropoli {

namespace {

using nlohmann::json;

// Two squares side by side sharing the arc x = q2 (arc 1, walked backwards by the east square), quantised at
// 0.5 from (-103.123456, 25.5). In quantised units: arc 0 runs (2,0) (0,0) (0,2) (2,2); arc 1 (2,2) (2,0);
// arc 2 (2,2) (4,2) (4,0) (2,0).
constexpr const char* k_two_squares = R"({
  "type": "Topology",
  "transform": {"scale": [0.5, 0.5], "translate": [-103.123456, 25.5]},
  "arcs": [[[2, 0], [-2, 0], [0, 2], [2, 0]], [[2, 2], [0, -2]], [[2, 2], [2, 0], [0, -2], [-2, 0]]],
  "objects": {"squares": {"type": "GeometryCollection", "geometries": [
    {"type": "Polygon", "arcs": [[0, 1]], "properties": {"CVEGEO": "west"}},
    {"type": "Polygon", "arcs": [[2, -2]], "properties": {"CVEGEO": "east"}},
    {"type": "MultiPolygon", "arcs": [[[0, 1]], [[2, -2]]], "properties": {"CVEGEO": "both"}},
    {"type": "Point", "coordinates": [0, 0], "properties": {"CVEGEO": "point"}},
    {"type": "Polygon", "arcs": [[7]], "properties": {"CVEGEO": "broken"}}
  ]}}
})";

}  // namespace

TEST(Topology, JoinsArcsIntoRingsReversingNegativeIndices) {
    auto topology = Topology::parse(k_two_squares, "squares.topojson");
    ASSERT_TRUE(topology) << topology.error().message;
    auto geometries = topology->geometries("squares");
    ASSERT_TRUE(geometries) << geometries.error().message;
    const json& g = **geometries;
    auto west = topology->geojson(g.at(0));
    ASSERT_TRUE(west) << west.error().message;
    // Rounded to 5 decimals; each shared end written once.
    EXPECT_EQ(*west,
              R"({"type":"Polygon","coordinates":[[[-102.12346,25.5],[-103.12346,25.5],[-103.12346,26.5],)"
              R"([-102.12346,26.5],[-102.12346,25.5]]]})");
    auto east = topology->geojson(g.at(1));
    ASSERT_TRUE(east) << east.error().message;
    // -2 is ~1, arc 1 reversed: (2,0) -> (2,2) closes the east square where it started.
    EXPECT_EQ(*east,
              R"({"type":"Polygon","coordinates":[[[-102.12346,26.5],[-101.12346,26.5],[-101.12346,25.5],)"
              R"([-102.12346,25.5],[-102.12346,26.5]]]})");
    auto both = topology->geojson(g.at(2));
    ASSERT_TRUE(both) << both.error().message;
    EXPECT_EQ(json::parse(*both).at("coordinates"),
              json::array({json::parse(*west).at("coordinates"), json::parse(*east).at("coordinates")}));
}

TEST(Topology, ErrorsNameTheFileAndWhatIsWrong) {
    auto topology = Topology::parse(k_two_squares, "squares.topojson");
    ASSERT_TRUE(topology);
    const json& g = **topology->geometries("squares");
    auto point = topology->geojson(g.at(3));
    ASSERT_FALSE(point);
    EXPECT_EQ(point.error().message, "squares.topojson: geometry type Point is not a polygon");
    auto broken = topology->geojson(g.at(4));
    ASSERT_FALSE(broken);
    EXPECT_EQ(broken.error().message, "squares.topojson: arc 7 does not exist (3 arcs)");
    auto missing = topology->geometries("circles");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().message, R"(squares.topojson: no GeometryCollection "circles")");
    auto not_topology = Topology::parse(R"({"type": "FeatureCollection", "features": []})", "f.geojson");
    ASSERT_FALSE(not_topology);
    EXPECT_EQ(not_topology.error().message, "f.geojson: not a TopoJSON Topology");
    auto not_json = Topology::parse("{", "cut.topojson");
    ASSERT_FALSE(not_json);
    EXPECT_NE(not_json.error().message.find("cut.topojson: not a valid TopoJSON Topology"),
              std::string::npos);
}

TEST(Topology, BundledNationalGeometryHasEveryMunicipalityAndStateAsClosedRings) {
    const std::string file = std::string(METROPOLI_SOURCE_DIR) + "/data/" + k_geometry_file;
    auto text = read_file(file);
    ASSERT_TRUE(text) << text.error().message;
    auto topology = Topology::parse(*text, file);
    ASSERT_TRUE(topology) << topology.error().message;
    for (const auto& [object, count] : {std::pair{"municipios", 2469u}, std::pair{"estados", 32u}}) {
        auto geometries = topology->geometries(object);
        ASSERT_TRUE(geometries) << geometries.error().message;
        ASSERT_EQ((*geometries)->size(), count) << object;
        for (const auto& g : **geometries) {
            const auto code = g.at("properties").at("CVEGEO").get<std::string>();
            auto geometry = topology->geojson(g);
            ASSERT_TRUE(geometry) << geometry.error().message;
            const auto parsed = json::parse(*geometry);
            const auto polygons = parsed.at("type") == "Polygon" ? json::array({parsed.at("coordinates")})
                                                                 : parsed.at("coordinates");
            ASSERT_FALSE(polygons.empty()) << code;
            for (const auto& polygon : polygons) {
                for (const auto& ring : polygon) {
                    ASSERT_GE(ring.size(), 4u) << code;
                    EXPECT_EQ(ring.front(), ring.back()) << code << " has an open ring";
                    // Mexico lies within 118.4-86.7 W, 14.5-32.7 N.
                    for (const auto& p : ring) {
                        ASSERT_TRUE(p.at(0) > -118.5 && p.at(0) < -86.6 && p.at(1) > 14.4 && p.at(1) < 32.8)
                            << code;
                    }
                }
            }
        }
    }
}

}  // namespace metropoli
