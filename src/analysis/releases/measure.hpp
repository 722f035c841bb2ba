// SPDX-License-Identifier: MIT
// What a release counts: measures (confirmed, deaths, ...), the date each count is placed on (onset,
// admission, death), and the age bands and sexes of the breakdown.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace metropoli::analysis {

enum class Measure : uint8_t {
    confirmed,         // CLASIFICACION_FINAL 1, 2 or 3 (RESULTADO 1 before October 2020)
    suspected,         // CLASIFICACION_FINAL 6 (RESULTADO 3, pending)
    negative,          // CLASIFICACION_FINAL 7 (RESULTADO 2)
    tested,            // a lab or antigen sample was taken
    lab_positive,      // RESULTADO_LAB 1 (RESULTADO 1)
    lab_negative,      // RESULTADO_LAB 2 (RESULTADO 2)
    antigen_positive,  // RESULTADO_ANTIGENO 1
    antigen_negative,  // RESULTADO_ANTIGENO 2
    hospitalized,      // TIPO_PACIENTE 2, whatever the classification
    icu,               // UCI 1
    intubated,         // INTUBADO 1
    deaths,            // confirmed with a real FECHA_DEF
};
inline constexpr int k_measure_count = 12;

enum class Basis : uint8_t { onset, admission, death };
inline constexpr int k_basis_count = 3;

// Age bands by decade (0-9 ... 70-79), 80+, and unknown.
inline constexpr int k_age_band_count = 10;
inline constexpr int k_age_unknown = 9;
// Sex as the SSA catalogue codes it: 0 mujer (1), 1 hombre (2), 2 no especificado (99).
inline constexpr int k_sex_count = 3;
inline constexpr int k_sex_unknown = 2;

std::string_view measure_name(Measure m);
std::optional<Measure> parse_measure(std::string_view name);
std::string_view basis_name(Basis b);
std::optional<Basis> parse_basis(std::string_view name);
std::string_view age_band_name(int band);  // "0-9", ..., "80+", "unknown"
std::optional<int> parse_age_band(std::string_view name);
std::string_view sex_name(int sex);  // "mujer", "hombre", "no_especificado"
std::optional<int> parse_sex(std::string_view name);

// The basis a measure is reported on when the caller does not say: deaths by date of death, the rest by
// date of symptom onset.
Basis default_basis(Measure m);

// Every measure, in declaration order.
std::array<Measure, k_measure_count> all_measures();

}  // namespace metropoli::analysis
