// SPDX-License-Identifier: MIT
#include "analysis/ingest/ssa_layout.hpp"

#include <gtest/gtest.h>

namespace metropoli::analysis {

namespace {
const char* k_2020 =
    "\"FECHA_ACTUALIZACION\",\"ID_REGISTRO\",\"ORIGEN\",\"SECTOR\",\"ENTIDAD_UM\",\"SEXO\",\"ENTIDAD_NAC\","
    "\"ENTIDAD_RES\","
    "\"MUNICIPIO_RES\",\"TIPO_PACIENTE\",\"FECHA_INGRESO\",\"FECHA_SINTOMAS\",\"FECHA_DEF\",\"INTUBADO\","
    "\"NEUMONIA\",\"EDAD\","
    "\"NACIONALIDAD\",\"EMBARAZO\",\"HABLA_LENGUA_INDIG\",\"DIABETES\",\"EPOC\",\"ASMA\",\"INMUSUPR\","
    "\"HIPERTENSION\",\"OTRA_COM\","
    "\"CARDIOVASCULAR\",\"OBESIDAD\",\"RENAL_CRONICA\",\"TABAQUISMO\",\"OTRO_CASO\",\"RESULTADO\","
    "\"MIGRANTE\",\"PAIS_NACIONALIDAD\","
    "\"PAIS_ORIGEN\",\"UCI\"\r\n";
}

TEST(SsaLayout, Detects2020ResultadoLayout) {
    auto layout = detect_layout(k_2020);
    ASSERT_TRUE(layout) << layout.error().message;
    EXPECT_EQ(layout->schema, SsaSchema::resultado_2020);
    EXPECT_EQ(layout->column_count, 35u);
}

TEST(SsaLayout, DetectsLateAnd40ColumnLayoutsWithBom) {
    const std::string late =
        "FECHA_ACTUALIZACION,ID_REGISTRO,ORIGEN,SECTOR,ENTIDAD_UM,SEXO,ENTIDAD_NAC,ENTIDAD_RES,MUNICIPIO_RES,"
        "TIPO_PACIENTE,"
        "FECHA_INGRESO,FECHA_SINTOMAS,FECHA_DEF,INTUBADO,NEUMONIA,EDAD,NACIONALIDAD,EMBARAZO,HABLA_LENGUA_"
        "INDIG,INDIGENA,"
        "DIABETES,EPOC,ASMA,INMUSUPR,HIPERTENSION,OTRA_COM,CARDIOVASCULAR,OBESIDAD,RENAL_CRONICA,TABAQUISMO,"
        "OTRO_CASO,"
        "TOMA_MUESTRA,RESULTADO_LAB,CLASIFICACION_FINAL,MIGRANTE,PAIS_NACIONALIDAD,PAIS_ORIGEN,UCI";
    auto l = detect_layout(late);
    ASSERT_TRUE(l) << l.error().message;
    EXPECT_EQ(l->schema, SsaSchema::clasificacion_2020);
    EXPECT_EQ(l->column_count, 38u);

    std::string forty = "\xEF\xBB\xBF" + late;
    forty.replace(forty.find("TOMA_MUESTRA,"), 13, "TOMA_MUESTRA_LAB,");
    forty.replace(forty.find("CLASIFICACION_FINAL"), 19,
                  "TOMA_MUESTRA_ANTIGENO,RESULTADO_ANTIGENO,CLASIFICACION_FINAL");
    auto f = detect_layout(forty);
    ASSERT_TRUE(f) << f.error().message;
    EXPECT_EQ(f->schema, SsaSchema::antigeno_2020_11);
    EXPECT_EQ(f->column_count, 40u);
}

TEST(SsaLayout, UnknownLayoutNamesExpectedAndFoundColumns) {
    auto l = detect_layout("FECHA,ENTIDAD,CASOS\n");
    ASSERT_FALSE(l);
    const auto& m = l.error().message;
    EXPECT_NE(m.find("layout 2020-resultado needs:"), std::string::npos) << m;
    EXPECT_NE(m.find("MUNICIPIO_RES"), std::string::npos);
    EXPECT_NE(m.find("found 3 columns: FECHA, ENTIDAD, CASOS"), std::string::npos) << m;
}

}  // namespace metropoli::analysis
