// SPDX-License-Identifier: MIT
// Places as the feeds name them: states by Spanish or English name ("Coahuila de Zaragoza", "Mexico City"),
// municipalities by name within a state, codes that lost their leading zero, and which places a region keeps.
#pragma once

#include <string>
#include <string_view>

#include "core/region.hpp"

namespace metropoli::analysis {

// The state named `name`, compared by name key: the catalogue name ("Coahuila"), a longer official form of it
// ("Coahuila de Zaragoza"), a short form of a longer catalogue name ("Michoacán" for "Michoacán de Ocampo"),
// or Google's English names ("Mexico City", "State of Mexico"). nullptr when none or more than one state
// fits.
const Jurisdiction* find_state_by_name(const Region& region, std::string_view name);

// The municipality of state `state_code` whose name key equals that of `name`, or nullptr.
const Jurisdiction* find_municipality_by_name(const Region& region, std::string_view state_code,
                                              std::string_view name);

// "5" -> "05", "5035" -> "05035": INEGI codes that lost their leading zero in a spreadsheet; other text
// unchanged.
std::string pad_code(std::string_view code);

// Whether the feeds keep figures of `j` for `region`: the nation, the region's states and their
// municipalities, and the region's metro zones.
bool in_region(const Region& region, const Jurisdiction& j);

}  // namespace metropoli::analysis
