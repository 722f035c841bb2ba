// SPDX-License-Identifier: MIT
// Region presets: the JSON file names the metro zones (and optionally states and comparison units); the SSA
// catalogue and the national tables in data/national say everything else.
#include "core/region_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "core/csv.hpp"
#include "core/national_data.hpp"
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

// What a preset file says, before anything is looked up.
struct Preset {
    std::string id;
    std::string name;
    std::optional<std::vector<std::string>> states;  // absent: derived from the zones and comparisons
    std::vector<std::string> comparisons;
    json zones = json::array();
};

// A metro zone of the preset with its members resolved, before its figures are summed.
struct ZoneSpec {
    std::string id;
    std::string name;
    std::vector<std::string> members;  // sorted municipality codes
};

Error preset_error(const std::string& path, const std::string& what) {
    return make_error(ErrorCode::bad_input, fmt::format("{}: {}", path, what));
}

Result<Preset> read_preset(const std::string& path) {
    auto text = read_file(path);
    if (!text) return text.error();
    Preset preset;
    try {
        const json config = json::parse(*text);
        try {
            preset.id = config.at("id").get<std::string>();
            preset.name = config.at("name").get<std::string>();
        } catch (const json::exception& e) {
            return preset_error(path, fmt::format("needs \"id\" and \"name\": {}", e.what()));
        }
        if (config.contains("states")) preset.states = config.at("states").get<std::vector<std::string>>();
        preset.comparisons = config.value("comparisons", std::vector<std::string>{});
        preset.zones = config.value("metro_zones", json::array());
        if (!preset.zones.is_array()) return preset_error(path, "\"metro_zones\" must be a list");
    } catch (const json::parse_error& e) {
        return preset_error(path, fmt::format("not valid JSON: {}", e.what()));
    } catch (const json::exception& e) {
        return preset_error(
            path, fmt::format("\"states\" and \"comparisons\" must be lists of codes: {}", e.what()));
    }
    return preset;
}

// "Coahuila de Zaragoza" -> "Coahuila": three official state names carry the name of a hero of independence
// or reform, which neither common use nor the feeds' tables repeat.
std::string common_state_name(const std::string& official) {
    for (const std::string_view suffix : {" de Zaragoza", " de Ocampo", " de Ignacio de la Llave"}) {
        if (official.size() > suffix.size() && official.ends_with(suffix)) {
            return official.substr(0, official.size() - suffix.size());
        }
    }
    return official;
}

// The nation, the 32 states and every municipality: the SSA catalogue (the codes releases use, with each
// state's 999 "no especificado") plus the Censo 2020 municipalities it lacks; names from Censo 2020 and the
// geometry's state names where those have the place.
Result<Region> catalogue(const DataPaths& paths, const NationalData& national) {
    Region region;
    const std::string states_file = "ssa/catalogs_2020-11/catalogo_entidades.csv";
    auto states = read_csv_file(paths.data_dir() + "/" + states_file);
    if (!states) return states.error();
    region.jurisdictions.push_back(
        Jurisdiction{"00", JurisdictionKind::nation, "Estados Unidos Mexicanos", "", {}, {}, "", {}});
    for (const auto& row : states->rows) {
        auto code = parse_int(row[0]);
        if (!code || *code < 1 || *code > 32) continue;  // 36, 97, 98, 99 are not states
        region.jurisdictions.push_back(Jurisdiction{
            row[0], JurisdictionKind::state, title_case_spanish(row[1]), row[0], {}, {}, "", {}});
    }

    const std::string munis_file = "ssa/catalogs_2020-11/catalogo_municipios.csv";
    auto munis = read_csv_file(paths.data_dir() + "/" + munis_file);
    if (!munis) return munis.error();
    std::map<std::string, Jurisdiction> municipalities;  // by code, so the Censo-only ones fall into order
    for (size_t r = 0; r < munis->rows.size(); ++r) {
        const auto& row = munis->rows[r];
        if (row[2].size() != 2 || row[0].size() != 3) {
            return make_error(ErrorCode::bad_input, fmt::format("{}:{}: malformed code '{}{}'", munis_file,
                                                                munis->row_lines[r], row[2], row[0]));
        }
        auto state_code = parse_int(row[2]);
        if (!state_code || *state_code < 1 || *state_code > 32) continue;
        municipalities.emplace(row[2] + row[0], Jurisdiction{row[2] + row[0],
                                                             JurisdictionKind::municipality,
                                                             title_case_spanish(row[1]),
                                                             row[2],
                                                             {},
                                                             {},
                                                             "",
                                                             {}});
    }
    for (const auto& [code, figures] : national.municipalities) {
        auto [it, added] = municipalities.try_emplace(
            code,
            Jurisdiction{
                code, JurisdictionKind::municipality, figures.name, figures.state_code, {}, {}, "", {}});
        if (!added) it->second.name = figures.name;
    }
    for (auto& [code, j] : municipalities) region.jurisdictions.push_back(std::move(j));
    region.reindex();

    auto estados = national.geometry.geometries("estados");
    if (!estados) return estados.error();
    for (const auto& g : **estados) {
        const auto code = g.at("properties").value("CVEGEO", "");
        auto* j = region.find(code);
        if (!j || j->kind != JurisdictionKind::state) {
            return make_error(ErrorCode::bad_input,
                              fmt::format("{}: state geometry '{}' is not a state of {}", k_geometry_file,
                                          code, states_file));
        }
        j->name = common_state_name(g.at("properties").value("NOM_ENT", j->name));
    }
    return region;
}

// The members of each metro zone of the preset: the 2015 delimitation ("delimitation": "05.01") or a list
// ("members": [...]). Every member must be a municipality of the catalogue.
Result<std::vector<ZoneSpec>> resolve_zones(const Preset& preset, const std::string& path,
                                            const Region& region, const NationalData& national) {
    std::vector<ZoneSpec> zones;
    for (const auto& entry : preset.zones) {
        ZoneSpec zone;
        try {
            zone.id = entry.at("id").get<std::string>();
            if (entry.contains("delimitation")) {
                const auto key = entry.at("delimitation").get<std::string>();
                auto it = national.metro_zones.find(key);
                if (it == national.metro_zones.end()) {
                    return preset_error(
                        path, fmt::format("metro zone {}: delimitation {} has no municipalities in {}",
                                          zone.id, key, k_delimitation_file));
                }
                zone.members = it->second.members;
                zone.name = entry.value("name", "Zona Metropolitana de " + it->second.name);
            } else {
                zone.name = entry.at("name").get<std::string>();
                zone.members = entry.value("members", std::vector<std::string>{});
            }
        } catch (const json::exception&) {
            return preset_error(
                path, "each metro zone needs \"id\", and \"name\" unless it has a \"delimitation\"");
        }
        if (zone.members.empty())
            return preset_error(path, fmt::format("metro zone {} has no members", zone.id));
        std::sort(zone.members.begin(), zone.members.end());
        for (const auto& m : zone.members) {
            const auto* j = region.find(m);
            if (!j || j->kind != JurisdictionKind::municipality) {
                return preset_error(
                    path, fmt::format("metro zone {}: member {} is not a municipality", zone.id, m));
            }
        }
        zones.push_back(std::move(zone));
    }
    return zones;
}

// The states a preset covers: those of its zones' members, then those of its comparison units (a comparison's
// records are only kept if its state is).
std::vector<std::string> derived_states(const std::vector<ZoneSpec>& zones,
                                        const std::vector<std::string>& comparisons, const Region& region) {
    std::set<std::string> states;
    for (const auto& zone : zones) {
        for (const auto& m : zone.members) states.insert(region.find(m)->state_code);
    }
    for (const auto& c : comparisons) {
        const auto* j = region.find(c);
        if (j && !j->state_code.empty()) states.insert(j->state_code);
    }
    return {states.begin(), states.end()};
}

// Populations (Censo 2020, CONAPO 2020) and geometry for the places the region works on: every municipality
// of the states in `scope` and those states (a state's population is the sum of its municipalities').
Status attach_figures(Region& region, const std::set<std::string>& scope, const NationalData& national) {
    for (auto& j : region.jurisdictions) {
        if (j.kind != JurisdictionKind::municipality || !scope.count(j.state_code)) continue;
        auto it = national.municipalities.find(j.code);
        if (it == national.municipalities.end()) continue;  // the 999 "no especificado" rows
        j.population_census_2020 = it->second.population_census_2020;
        j.population_conapo_2020 = it->second.population_conapo_2020;
        auto* state = region.find(j.state_code);
        state->population_census_2020 = state->population_census_2020.value_or(0) + *j.population_census_2020;
        if (j.population_conapo_2020) {
            state->population_conapo_2020 =
                state->population_conapo_2020.value_or(0) + *j.population_conapo_2020;
        }
    }
    for (const char* object : {"municipios", "estados"}) {
        auto geometries = national.geometry.geometries(object);
        if (!geometries) return geometries.error();
        for (const auto& g : **geometries) {
            const auto code = g.at("properties").value("CVEGEO", "");
            auto* j = region.find(code);
            if (!j) {
                return make_error(
                    ErrorCode::bad_input,
                    fmt::format("{}: feature {} is not a known jurisdiction", k_geometry_file, code));
            }
            if (!scope.count(j->state_code)) continue;
            auto text = national.geometry.geojson(g);
            if (!text) return text.error();
            j->geometry = std::move(*text);
        }
    }
    return ok_status();
}

// A metro zone's jurisdiction: its populations are the sums of its members' (when every member has one) and
// its geometry is the members' polygons as one MultiPolygon.
Jurisdiction make_zone(const ZoneSpec& spec, const Region& region) {
    Jurisdiction zone{spec.id, JurisdictionKind::metro_zone, spec.name, "", {}, {}, "", spec.members};
    int64_t census_sum = 0, conapo_sum = 0;
    bool census_known = true, conapo_known = true;
    std::string polygons;
    for (const auto& m : spec.members) {
        const auto* j = region.find(m);
        census_known = census_known && j->population_census_2020;
        conapo_known = conapo_known && j->population_conapo_2020;
        census_sum += j->population_census_2020.value_or(0);
        conapo_sum += j->population_conapo_2020.value_or(0);
        if (j->geometry.empty()) continue;
        const auto g = json::parse(j->geometry);
        const auto& coords = g.at("coordinates");
        if (g.at("type") == "Polygon") {
            polygons += (polygons.empty() ? "" : ",") + coords.dump();
        } else {
            for (const auto& poly : coords) polygons += (polygons.empty() ? "" : ",") + poly.dump();
        }
    }
    if (census_known) zone.population_census_2020 = census_sum;
    if (conapo_known) zone.population_conapo_2020 = conapo_sum;
    if (!polygons.empty()) zone.geometry = R"({"type":"MultiPolygon","coordinates":[)" + polygons + "]}";
    return zone;
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
    auto preset = read_preset(config_path);
    if (!preset) return preset.error();
    auto national = load_national_data(paths.data_dir());
    if (!national) return national.error();
    auto loaded = catalogue(paths, *national);
    if (!loaded) return loaded.error();
    Region region = std::move(*loaded);
    region.id = preset->id;
    region.name = preset->name;
    region.comparisons = preset->comparisons;

    auto zones = resolve_zones(*preset, config_path, region, *national);
    if (!zones) return zones.error();
    for (const auto& c : region.comparisons) {
        const bool is_zone =
            std::any_of(zones->begin(), zones->end(), [&](const ZoneSpec& z) { return z.id == c; });
        if (!region.find(c) && !is_zone) {
            return preset_error(config_path, fmt::format("comparison \"{}\" is not a known jurisdiction", c));
        }
    }
    region.states = preset->states ? *preset->states : derived_states(*zones, region.comparisons, region);
    if (region.states.empty())
        return preset_error(config_path, "needs a metro zone, a comparison or \"states\"");
    for (const auto& s : region.states) {
        const auto* j = region.find(s);
        if (!j || j->kind != JurisdictionKind::state) {
            return preset_error(config_path, fmt::format("\"{}\" is not a state code", s));
        }
    }

    // Figures for the listed states, and for the states of zone members and comparisons a list leaves out.
    std::set<std::string> scope(region.states.begin(), region.states.end());
    for (const auto& s : derived_states(*zones, region.comparisons, region)) scope.insert(s);
    if (auto s = attach_figures(region, scope, *national); !s) return s.error();

    for (const auto& zone : *zones) {
        region.jurisdictions.push_back(make_zone(zone, region));
        region.metro_zones.push_back(zone.id);
    }
    region.reindex();
    return region;
}

Result<Region> load_region(const std::string& id, const DataPaths& paths) {
    return load_region_file(paths.region_file(id), paths);
}

}  // namespace metropoli
