// SPDX-License-Identifier: MIT
// Builds a Region from a preset file (regions/<id>/region.json) and the bundled reference data (data/): the
// SSA catalogue of states and municipalities, and the national tables of data/national (Censo 2020 and CONAPO
// 2020 populations, the 2015 metro-zone delimitation, the INEGI geometry of municipalities and states).
#pragma once

#include <string>

#include "core/region.hpp"
#include "core/result.hpp"

namespace metropoli {

// Where the bundled data lives. `root` holds data/ and regions/.
struct DataPaths {
    std::string root;
    std::string data_dir() const { return root + "/data"; }
    std::string region_file(const std::string& id) const { return root + "/regions/" + id + "/region.json"; }
};

// Loads a region preset file, such as
//   {"id": "saltillo", "name": "Saltillo", "comparisons": ["05"],
//    "metro_zones": [{"id": "zm-saltillo", "name": "ZM de Saltillo", "delimitation": "05.04"}]}
// A zone takes its members from its 2015 delimitation key (its "name" then defaults to "Zona Metropolitana de
// " and the delimitation's name) or from a "members" list of municipality codes. "states" (the states an
// ingest keeps) defaults to the states of the zones' members and of the comparison units; "comparisons" is
// optional. Municipalities are named as in Censo 2020, states by their common names ("Coahuila"). The
// municipalities of the region's states (and of the states of zone members and comparisons), and those
// states, also get their populations and geometry; the rest of the national catalogue has codes and names
// only. Errors name the file and the offending entry (an unknown state, a metro zone with no members or an
// unknown delimitation, a member that is not a municipality, an unknown comparison).
Result<Region> load_region_file(const std::string& config_path, const DataPaths& paths);

// Loads a bundled preset by id ("laguna").
Result<Region> load_region(const std::string& id, const DataPaths& paths);

// Title case for the upper-case names of the SSA catalogue ("GÓMEZ PALACIO" -> "Gómez Palacio"),
// keeping Spanish particles in lower case ("de", "del", "la", "los", "las", "y").
std::string title_case_spanish(std::string_view upper);

}  // namespace metropoli
