// SPDX-License-Identifier: MIT
// Reading TopoJSON (https://github.com/topojson/topojson-specification): geometries stored as shared arcs, so
// a border between two places is stored once. The bundled national geometry (data/national) is one such file.
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace metropoli {

// A parsed TopoJSON Topology with its arcs decoded to longitude/latitude (quantised and delta-encoded arcs,
// under a "transform", are decoded; absolute arcs are taken as they are).
class Topology {
public:
    // Parses `text`; `source` names the file in errors. A text that is not a Topology, or whose arcs are not
    // arrays of positions, is a bad_input error naming the source.
    static Result<Topology> parse(std::string_view text, const std::string& source);

    // The geometries of the GeometryCollection named `name` in "objects", as stored (each with "type", "arcs"
    // and "properties"). A missing object is a bad_input error naming the source and the object.
    Result<const nlohmann::json*> geometries(const std::string& name) const;

    // One stored Polygon or MultiPolygon as GeoJSON geometry text: each ring is its arcs joined end to start
    // (a negative index ~i is arc i reversed), coordinates rounded to 5 decimals (about 1 m), ring winding as
    // stored. Another type, or an arc index out of range, is a bad_input error naming the source.
    Result<std::string> geojson(const nlohmann::json& geometry) const;

private:
    using Position = std::array<double, 2>;
    Result<std::string> ring_text(const nlohmann::json& arcs) const;

    std::string m_source;
    nlohmann::json m_objects;
    std::vector<std::vector<Position>> m_arcs;
};

}  // namespace metropoli
