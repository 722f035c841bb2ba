// SPDX-License-Identifier: MIT
// Builds a Region from a preset file (regions/<id>/region.json) and the bundled reference data (data/):
// the SSA municipal catalogue, Censo 2020 and CONAPO 2020 populations, the 2015 metro-zone delimitation and
// the INEGI geometries.
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

// Loads a region preset file. Errors name the file and the offending entry (an unknown state, a metro
// zone with no members, a member that is not a municipality).
Result<Region> load_region_file(const std::string& config_path, const DataPaths& paths);

// Loads a bundled preset by id ("laguna").
Result<Region> load_region(const std::string& id, const DataPaths& paths);

// Title case for the upper-case names of the SSA catalogue ("GÓMEZ PALACIO" -> "Gómez Palacio"),
// keeping Spanish particles in lower case ("de", "del", "la", "los", "las", "y").
std::string title_case_spanish(std::string_view upper);

}  // namespace metropoli
