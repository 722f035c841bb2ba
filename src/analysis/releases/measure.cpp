// SPDX-License-Identifier: MIT
// Names of measures, bases, age bands and sexes as they appear on the command line, in the database and in
// the API.
#include "analysis/releases/measure.hpp"

namespace metropoli::analysis {

namespace {
constexpr std::array<std::string_view, k_measure_count> k_measure_names = {
    "confirmed",        "suspected",        "negative",     "tested", "lab_positive", "lab_negative",
    "antigen_positive", "antigen_negative", "hospitalized", "icu",    "intubated",    "deaths"};
constexpr std::array<std::string_view, k_basis_count> k_basis_names = {"onset", "admission", "death"};
constexpr std::array<std::string_view, k_age_band_count> k_age_names = {
    "0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80+", "unknown"};
constexpr std::array<std::string_view, k_sex_count> k_sex_names = {"mujer", "hombre", "no_especificado"};

template <class Names>
std::optional<int> index_of(const Names& names, std::string_view name) {
    for (size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) return static_cast<int>(i);
    }
    return std::nullopt;
}
}  // namespace

std::string_view measure_name(Measure m) {
    return k_measure_names[static_cast<size_t>(m)];
}
std::optional<Measure> parse_measure(std::string_view name) {
    if (auto i = index_of(k_measure_names, name)) return static_cast<Measure>(*i);
    return std::nullopt;
}
std::string_view basis_name(Basis b) {
    return k_basis_names[static_cast<size_t>(b)];
}
std::optional<Basis> parse_basis(std::string_view name) {
    if (auto i = index_of(k_basis_names, name)) return static_cast<Basis>(*i);
    return std::nullopt;
}
std::string_view age_band_name(int band) {
    return k_age_names[static_cast<size_t>(band)];
}
std::optional<int> parse_age_band(std::string_view name) {
    return index_of(k_age_names, name);
}
std::string_view sex_name(int sex) {
    return k_sex_names[static_cast<size_t>(sex)];
}
std::optional<int> parse_sex(std::string_view name) {
    return index_of(k_sex_names, name);
}

Basis default_basis(Measure m) {
    return m == Measure::deaths ? Basis::death : Basis::onset;
}

std::array<Measure, k_measure_count> all_measures() {
    std::array<Measure, k_measure_count> out{};
    for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<Measure>(i);
    return out;
}

}  // namespace metropoli::analysis
