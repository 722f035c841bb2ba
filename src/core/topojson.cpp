// SPDX-License-Identifier: MIT
// TopoJSON arcs decoded once; polygons rebuilt from them on request as GeoJSON text.
#include "core/topojson.hpp"

#include <fmt/format.h>

namespace metropoli {

namespace {

using nlohmann::json;

// A coordinate with at most 5 decimals and no trailing zeros ("-103.4", not "-103.40000").
void append_coordinate(std::string& out, double value) {
    std::string text = fmt::format("{:.5f}", value);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    if (text == "-0") text = "0";
    out += text;
}

}  // namespace

Result<Topology> Topology::parse(std::string_view text, const std::string& source) {
    Topology topology;
    topology.m_source = source;
    try {
        json doc = json::parse(text);
        if (doc.value("type", "") != "Topology") {
            return make_error(ErrorCode::bad_input, fmt::format("{}: not a TopoJSON Topology", source));
        }
        double scale[2] = {1, 1}, translate[2] = {0, 0};
        const bool quantised = doc.contains("transform");
        if (quantised) {
            const auto& t = doc.at("transform");
            for (size_t i = 0; i < 2; ++i) {
                scale[i] = t.at("scale").at(i).get<double>();
                translate[i] = t.at("translate").at(i).get<double>();
            }
        }
        const auto& arcs = doc.at("arcs");
        topology.m_arcs.reserve(arcs.size());
        for (const auto& arc : arcs) {
            std::vector<Position> points;
            points.reserve(arc.size());
            double x = 0, y = 0;
            for (const auto& p : arc) {
                if (quantised) {
                    // Quantised arcs are delta-encoded: each position is the offset from the previous one.
                    x += p.at(0).get<double>();
                    y += p.at(1).get<double>();
                    points.push_back({x * scale[0] + translate[0], y * scale[1] + translate[1]});
                } else {
                    points.push_back({p.at(0).get<double>(), p.at(1).get<double>()});
                }
            }
            topology.m_arcs.push_back(std::move(points));
        }
        topology.m_objects = std::move(doc.at("objects"));
    } catch (const json::exception& e) {
        return make_error(ErrorCode::bad_input,
                          fmt::format("{}: not a valid TopoJSON Topology: {}", source, e.what()));
    }
    return topology;
}

Result<const json*> Topology::geometries(const std::string& name) const {
    const auto it = m_objects.find(name);
    if (it == m_objects.end() || !it->contains("geometries") || !it->at("geometries").is_array()) {
        return make_error(ErrorCode::bad_input,
                          fmt::format("{}: no GeometryCollection \"{}\"", m_source, name));
    }
    return &it->at("geometries");
}

Result<std::string> Topology::ring_text(const json& arcs) const {
    std::string out = "[";
    bool first_point = true;
    bool first_arc = true;
    for (const auto& index_json : arcs) {
        const auto index = index_json.get<int64_t>();
        const bool reversed = index < 0;
        const auto arc = static_cast<size_t>(reversed ? ~index : index);
        if (arc >= m_arcs.size()) {
            return make_error(ErrorCode::bad_input, fmt::format("{}: arc {} does not exist ({} arcs)",
                                                                m_source, index, m_arcs.size()));
        }
        const auto& points = m_arcs[arc];
        // Each arc after the first starts where the previous one ended: that shared position is written once.
        for (size_t k = first_arc ? 0 : 1; k < points.size(); ++k) {
            const auto& p = points[reversed ? points.size() - 1 - k : k];
            if (!first_point) out += ',';
            out += '[';
            append_coordinate(out, p[0]);
            out += ',';
            append_coordinate(out, p[1]);
            out += ']';
            first_point = false;
        }
        first_arc = false;
    }
    return out + "]";
}

Result<std::string> Topology::geojson(const json& geometry) const {
    try {
        const auto type = geometry.at("type").get<std::string>();
        const auto polygon_text = [this](const json& rings) -> Result<std::string> {
            std::string out = "[";
            for (size_t i = 0; i < rings.size(); ++i) {
                auto ring = ring_text(rings.at(i));
                if (!ring) return ring.error();
                out += (i ? "," : "") + *ring;
            }
            return out + "]";
        };
        std::string coordinates;
        if (type == "Polygon") {
            auto polygon = polygon_text(geometry.at("arcs"));
            if (!polygon) return polygon.error();
            coordinates = std::move(*polygon);
        } else if (type == "MultiPolygon") {
            coordinates = "[";
            const auto& polygons = geometry.at("arcs");
            for (size_t i = 0; i < polygons.size(); ++i) {
                auto polygon = polygon_text(polygons.at(i));
                if (!polygon) return polygon.error();
                coordinates += (i ? "," : "") + *polygon;
            }
            coordinates += "]";
        } else {
            return make_error(ErrorCode::bad_input,
                              fmt::format("{}: geometry type {} is not a polygon", m_source, type));
        }
        return fmt::format(R"({{"type":"{}","coordinates":{}}})", type, coordinates);
    } catch (const json::exception& e) {
        return make_error(ErrorCode::bad_input,
                          fmt::format("{}: malformed geometry: {}", m_source, e.what()));
    }
}

}  // namespace metropoli
