// SPDX-License-Identifier: MIT
// Header-based detection of the federal release's schema history (see data/ssa/PROVENANCE.md).
#include "analysis/ingest/ssa_layout.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"

namespace metropoli::analysis {

namespace {

struct Requirement {
    SsaSchema schema;
    std::vector<Field> fields;
};

const std::vector<Field> k_common = {Field::fecha_actualizacion,
                                     Field::sexo,
                                     Field::entidad_res,
                                     Field::municipio_res,
                                     Field::tipo_paciente,
                                     Field::fecha_ingreso,
                                     Field::fecha_sintomas,
                                     Field::fecha_def,
                                     Field::intubado,
                                     Field::edad,
                                     Field::uci};

std::vector<Field> with_common(std::vector<Field> extra) {
    auto all = k_common;
    all.insert(all.end(), extra.begin(), extra.end());
    return all;
}

// Most specific first: the 40-column layout also has RESULTADO_LAB and CLASIFICACION_FINAL.
const std::vector<Requirement>& requirements() {
    static const std::vector<Requirement> k_requirements = {
        {SsaSchema::antigeno_2020_11,
         with_common({Field::toma_muestra_lab, Field::resultado_lab, Field::toma_muestra_antigeno,
                      Field::resultado_antigeno, Field::clasificacion_final})},
        {SsaSchema::clasificacion_2020,
         with_common({Field::toma_muestra_lab, Field::resultado_lab, Field::clasificacion_final})},
        {SsaSchema::resultado_2020, with_common({Field::resultado})},
    };
    return k_requirements;
}

std::vector<std::string> split_header(std::string_view line) {
    line = strip_bom(line);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= line.size()) {
        size_t end = line.find(',', start);
        if (end == std::string_view::npos) end = line.size();
        auto name = trim(line.substr(start, end - start));
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
            name = name.substr(1, name.size() - 2);
        out.emplace_back(name);
        start = end + 1;
    }
    return out;
}

}  // namespace

std::string_view schema_name(SsaSchema s) {
    switch (s) {
        case SsaSchema::resultado_2020:
            return "2020-resultado";
        case SsaSchema::clasificacion_2020:
            return "2020-clasificacion";
        case SsaSchema::antigeno_2020_11:
            return "2020-11-antigeno";
    }
    return "?";
}

std::string_view field_column(Field f, SsaSchema s) {
    switch (f) {
        case Field::fecha_actualizacion:
            return "FECHA_ACTUALIZACION";
        case Field::sexo:
            return "SEXO";
        case Field::entidad_res:
            return "ENTIDAD_RES";
        case Field::municipio_res:
            return "MUNICIPIO_RES";
        case Field::tipo_paciente:
            return "TIPO_PACIENTE";
        case Field::fecha_ingreso:
            return "FECHA_INGRESO";
        case Field::fecha_sintomas:
            return "FECHA_SINTOMAS";
        case Field::fecha_def:
            return "FECHA_DEF";
        case Field::intubado:
            return "INTUBADO";
        case Field::edad:
            return "EDAD";
        case Field::uci:
            return "UCI";
        case Field::resultado:
            return "RESULTADO";
        case Field::toma_muestra_lab:
            return s == SsaSchema::clasificacion_2020 ? "TOMA_MUESTRA" : "TOMA_MUESTRA_LAB";
        case Field::resultado_lab:
            return "RESULTADO_LAB";
        case Field::toma_muestra_antigeno:
            return "TOMA_MUESTRA_ANTIGENO";
        case Field::resultado_antigeno:
            return "RESULTADO_ANTIGENO";
        case Field::clasificacion_final:
            return "CLASIFICACION_FINAL";
    }
    return "?";
}

Result<SsaLayout> detect_layout(std::string_view header_line) {
    const auto columns = split_header(header_line);
    auto position = [&](std::string_view name) -> int {
        auto it = std::find(columns.begin(), columns.end(), name);
        return it == columns.end() ? -1 : static_cast<int>(it - columns.begin());
    };
    std::string missing_report;
    for (const auto& req : requirements()) {
        std::vector<std::string> missing;
        for (Field f : req.fields) {
            if (position(field_column(f, req.schema)) < 0) missing.emplace_back(field_column(f, req.schema));
        }
        if (missing.empty()) {
            SsaLayout layout;
            layout.schema = req.schema;
            layout.column_count = columns.size();
            layout.columns = columns;
            layout.slot_of_column.assign(columns.size(), -1);
            for (Field f : req.fields) {
                const int pos = position(field_column(f, req.schema));
                layout.slot_of_column[static_cast<size_t>(pos)] = static_cast<int>(f);
                layout.present[static_cast<size_t>(f)] = true;
            }
            return layout;
        }
        std::string list;
        for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
        missing_report += fmt::format("\n  layout {} needs: {}", schema_name(req.schema), list);
    }
    std::string found;
    for (const auto& c : columns) found += (found.empty() ? "" : ", ") + c;
    return make_error(
        ErrorCode::bad_input,
        fmt::format("unknown layout of the federal release: the header matches no known layout.{}\n"
                    "  found {} columns: {}",
                    missing_report, columns.size(), found));
}

}  // namespace metropoli::analysis
