// SPDX-License-Identifier: MIT
// The region model: jurisdictions (nation, state, municipality, metro zone) and the region preset that says
// which states an analyst's releases keep, which metro zones are defined and which places are compared.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.hpp"

namespace metropoli {

enum class JurisdictionKind { nation, state, municipality, metro_zone };

const char* kind_name(JurisdictionKind kind);  // "nation", "state", "municipality", "metro_zone"
std::optional<JurisdictionKind> parse_kind(std::string_view name);

// A place with an official identity. Codes are INEGI's: "05" (state), "05035" (municipality); the nation is
// "00"; a metro zone has a readable id such as "zm-laguna".
struct Jurisdiction {
    std::string code;
    JurisdictionKind kind = JurisdictionKind::municipality;
    std::string name;        // with accents, as INEGI writes it ("Torreón", "Gómez Palacio")
    std::string state_code;  // the state of a municipality or state; empty for the nation and metro zones
    std::optional<int64_t> population_census_2020;  // INEGI Censo de Población y Vivienda 2020
    std::optional<int64_t> population_conapo_2020;  // CONAPO 2020 projection, the denominator of SSA series
    std::string geometry;              // a GeoJSON geometry object as text; empty when not shipped
    std::vector<std::string> members;  // metro zone: the municipality codes it sums
};

// A region preset: what one deployment (La Laguna, Saltillo, ...) works on.
struct Region {
    std::string id;
    std::string name;
    std::vector<std::string> states;       // state codes whose municipalities an ingest keeps by default
    std::vector<std::string> metro_zones;  // ids of the metro zones defined by the preset
    std::vector<std::string> comparisons;  // codes of comparison units (other municipalities, states)
    std::vector<Jurisdiction>
        jurisdictions;  // every known place: nation, 32 states, all municipalities, zones

    const Jurisdiction* find(std::string_view code) const;
    Jurisdiction* find(std::string_view code);
    // The municipality codes that make up a jurisdiction (itself, for a municipality).
    std::vector<std::string> municipalities_of(const Jurisdiction& j) const;
    // Rebuilds the code index after jurisdictions change.
    void reindex();

private:
    std::unordered_map<std::string, size_t> m_index;
};

// Resolves "05035", "05", "zm-laguna", "00" or an unambiguous name ("Gómez Palacio", "gomez palacio").
Result<const Jurisdiction*> resolve_jurisdiction(const Region& region, const std::string& text);

}  // namespace metropoli
