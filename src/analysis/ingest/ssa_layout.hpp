// SPDX-License-Identifier: MIT
// The layouts the federal release has had, recognised from the header line by column name.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace metropoli::analysis {

enum class SsaSchema {
    resultado_2020,      // April-October 2020: RESULTADO (34 or 35 columns)
    clasificacion_2020,  // October-November 2020: TOMA_MUESTRA, RESULTADO_LAB, CLASIFICACION_FINAL
    antigeno_2020_11,    // from 28 Nov 2020: lab and antigen columns (40 columns)
};

std::string_view schema_name(SsaSchema s);

// The fields an ingest reads, by slot.
enum class Field : uint8_t {
    fecha_actualizacion,
    sexo,
    entidad_res,
    municipio_res,
    tipo_paciente,
    fecha_ingreso,
    fecha_sintomas,
    fecha_def,
    intubado,
    edad,
    uci,
    resultado,         // resultado_2020 only
    toma_muestra_lab,  // TOMA_MUESTRA (2020-10) or TOMA_MUESTRA_LAB
    resultado_lab,
    toma_muestra_antigeno,
    resultado_antigeno,
    clasificacion_final,
};
inline constexpr int k_field_count = 17;
std::string_view field_column(Field f, SsaSchema s);  // the header name of a field in a schema

struct SsaLayout {
    SsaSchema schema;
    size_t column_count = 0;
    std::vector<std::string> columns;
    // For each header position, the slot it fills (a Field) or -1 when the ingest does not read it.
    std::vector<int> slot_of_column;
    std::array<bool, k_field_count> present{};
};

// Detects the layout from a header line (BOM, quotes and CR already tolerated). An unknown layout is
// refused with the columns each known layout needs that are missing, and the columns found.
Result<SsaLayout> detect_layout(std::string_view header_line);

}  // namespace metropoli::analysis
