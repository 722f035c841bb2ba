// SPDX-License-Identifier: MIT
// The codebook's data. Labels abridged from OxCGRT's documentation_and_codebook.md (v1, June 2023); entry
// days from its changelog and the index methodology's changelog (H6 22 Oct 2020, H7 9 Dec 2020, H8 15 Mar
// 2021); indicators of the first release (S1-S7, renamed C1-C8/H1) carry 1 Jan 2020, the first day coded.
#include "homologation/codebook.hpp"

namespace metropoli::homologation {

namespace {

Date day(int y, int m, int d) {
    return *Date::from_ymd(y, m, d);
}

IndicatorDef ordinal(std::string code, std::string en, std::string es, Family family, FlagKind flag,
                     bool differentiated, Date entered, std::vector<OrdinalLabel> labels) {
    IndicatorDef def;
    def.code = std::move(code);
    def.name_en = std::move(en);
    def.name_es = std::move(es);
    def.family = family;
    def.scale = Scale::ordinal;
    def.max_value = static_cast<int>(labels.size()) - 1;
    def.flag = flag;
    def.vaccine_differentiated = differentiated;
    def.entered = entered;
    def.labels = std::move(labels);
    return def;
}

IndicatorDef other(std::string code, std::string en, std::string es, Family family, Scale scale,
                   Date entered) {
    IndicatorDef def;
    def.code = std::move(code);
    def.name_en = std::move(en);
    def.name_es = std::move(es);
    def.family = family;
    def.scale = scale;
    def.entered = entered;
    return def;
}

std::vector<IndicatorDef> build() {
    const Date first = day(2020, 1, 1);
    const Date april = day(2020, 4, 1);
    const auto C = Family::containment;
    const auto E = Family::economic;
    const auto H = Family::health;
    const auto V = Family::vaccine;
    const auto geo = FlagKind::geographic;
    const auto none = FlagKind::none;
    std::vector<IndicatorDef> out;
    out.push_back(ordinal("C1", "School closing", "Cierre de escuelas", C, geo, true, first,
                          {{0, "sin medidas", "no measures"},
                           {1, "se recomienda cerrar, o abiertas con cambios importantes",
                            "recommend closing, or open with significant alterations"},
                           {2, "cierre obligatorio de algunos niveles", "require closing some levels"},
                           {3, "cierre obligatorio de todos los niveles", "require closing all levels"}}));
    out.push_back(
        ordinal("C2", "Workplace closing", "Cierre de centros de trabajo", C, geo, true, first,
                {{0, "sin medidas", "no measures"},
                 {1, "se recomienda cerrar o trabajar desde casa, o abiertos con cambios importantes",
                  "recommend closing or work from home, or open with significant alterations"},
                 {2, "cierre obligatorio de algunos sectores", "require closing for some sectors"},
                 {3, "cierre obligatorio de todo salvo lo esencial",
                  "require closing all but essential workplaces"}}));
    out.push_back(ordinal("C3", "Cancel public events", "Cancelación de eventos públicos", C, geo, true,
                          first,
                          {{0, "sin medidas", "no measures"},
                           {1, "se recomienda cancelar", "recommend cancelling"},
                           {2, "cancelación obligatoria", "require cancelling"}}));
    out.push_back(ordinal("C4", "Restrictions on gatherings", "Restricciones a reuniones", C, geo, true,
                          april,
                          {{0, "sin restricciones", "no restrictions"},
                           {1, "límite de más de 1000 personas", "limit above 1000 people"},
                           {2, "límite de 101 a 1000 personas", "limit of 101-1000 people"},
                           {3, "límite de 11 a 100 personas", "limit of 11-100 people"},
                           {4, "límite de 10 personas o menos", "limit of 10 people or fewer"}}));
    out.push_back(
        ordinal("C5", "Close public transport", "Cierre del transporte público", C, geo, true, first,
                {{0, "sin medidas", "no measures"},
                 {1, "se recomienda cerrar o se reduce el servicio", "recommend closing or reduce service"},
                 {2, "cierre obligatorio", "require closing"}}));
    out.push_back(ordinal(
        "C6", "Stay at home requirements", "Permanencia en casa", C, geo, true, april,
        {{0, "sin medidas", "no measures"},
         {1, "se recomienda no salir", "recommend not leaving house"},
         {2, "obligatorio, con excepciones para salidas esenciales",
          "require not leaving house with exceptions for essential trips"},
         {3, "obligatorio, con excepciones mínimas", "require not leaving house with minimal exceptions"}}));
    out.push_back(ordinal("C7", "Restrictions on internal movement", "Restricciones a la movilidad interna",
                          C, geo, true, first,
                          {{0, "sin medidas", "no measures"},
                           {1, "se recomienda no viajar", "recommend not to travel"},
                           {2, "restricciones en vigor", "internal movement restrictions in place"}}));
    out.push_back(ordinal(
        "C8", "International travel controls", "Controles a viajes internacionales", C, none, true, first,
        {{0, "sin medidas", "no restrictions"},
         {1, "revisión de llegadas", "screening arrivals"},
         {2, "cuarentena de llegadas de algunas o todas las regiones",
          "quarantine arrivals from some or all regions"},
         {3, "prohibición de llegadas de algunas regiones", "ban arrivals from some regions"},
         {4, "cierre total de fronteras", "ban on all regions or total border closure"}}));
    out.push_back(
        ordinal("E1", "Income support", "Apoyo al ingreso", E, FlagKind::sectoral, false, april,
                {{0, "sin apoyo", "no income support"},
                 {1, "reemplaza menos del 50% del salario perdido", "replaces less than 50% of lost salary"},
                 {2, "reemplaza el 50% o más del salario perdido", "replaces 50% or more of lost salary"}}));
    out.push_back(ordinal("E2", "Debt/contract relief", "Alivio de deudas y contratos", E, none, false, april,
                          {{0, "sin alivio", "no relief"},
                           {1, "alivio limitado", "narrow relief"},
                           {2, "alivio amplio", "broad relief"}}));
    out.push_back(other("E3", "Fiscal measures", "Medidas fiscales", E, Scale::monetary, april));
    out.push_back(other("E4", "International support", "Apoyo internacional", E, Scale::monetary, april));
    out.push_back(ordinal("H1", "Public information campaigns", "Campañas de información pública", H, geo,
                          false, first,
                          {{0, "sin campaña", "no COVID-19 public information campaign"},
                           {1, "autoridades llaman a la precaución", "public officials urging caution"},
                           {2, "campaña coordinada", "coordinated public information campaign"}}));
    out.push_back(ordinal("H2", "Testing policy", "Política de pruebas", H, none, false, april,
                          {{0, "sin política de pruebas", "no testing policy"},
                           {1, "con síntomas y criterios específicos", "symptoms and specific criteria"},
                           {2, "cualquier persona con síntomas", "anyone showing symptoms"},
                           {3, "pruebas abiertas al público", "open public testing"}}));
    out.push_back(ordinal("H3", "Contact tracing", "Rastreo de contactos", H, none, false, april,
                          {{0, "sin rastreo", "no contact tracing"},
                           {1, "rastreo limitado", "limited contact tracing"},
                           {2, "rastreo exhaustivo", "comprehensive contact tracing"}}));
    out.push_back(other("H4", "Emergency investment in healthcare", "Inversión de emergencia en salud", H,
                        Scale::monetary, april));
    out.push_back(other("H5", "Investment in vaccines", "Inversión en vacunas", H, Scale::monetary, april));
    out.push_back(ordinal(
        "H6", "Facial Coverings", "Cubrebocas", H, geo, true, day(2020, 10, 22),
        {{0, "sin política", "no policy"},
         {1, "recomendado", "recommended"},
         {2, "obligatorio en algunos espacios públicos", "required in some specified shared spaces"},
         {3, "obligatorio en todos los espacios compartidos", "required in all shared spaces"},
         {4, "obligatorio fuera de casa en todo momento", "required outside the home at all times"}}));
    out.push_back(ordinal(
        "H7", "Vaccination policy", "Política de vacunación", H, FlagKind::cost, false, day(2020, 12, 9),
        {{0, "sin disponibilidad", "no availability"},
         {1, "disponible para uno de tres grupos clave", "availability for ONE of key groups"},
         {2, "disponible para dos de tres grupos clave", "availability for TWO of key groups"},
         {3, "disponible para los tres grupos clave", "availability for ALL of key groups"},
         {4, "los tres grupos y otros parcialmente", "all key groups plus partial additional"},
         {5, "disponibilidad universal", "universal availability"}}));
    out.push_back(
        ordinal("H8", "Protection of elderly people", "Protección de personas mayores", H, geo, true,
                day(2021, 3, 15),
                {{0, "sin medidas", "no measures"},
                 {1, "medidas recomendadas", "recommended isolation, hygiene and visitor restrictions"},
                 {2, "restricciones limitadas", "narrow restrictions"},
                 {3, "restricciones amplias", "extensive restrictions"}}));
    out.push_back(other("V1", "Vaccine Prioritisation (summary)", "Priorización de la vacunación (resumen)",
                        V, Scale::categorical, day(2021, 6, 1)));
    out.push_back(other("V2", "Vaccine Availability (summary)", "Disponibilidad de vacunas (resumen)", V,
                        Scale::categorical, day(2021, 6, 1)));
    out.push_back(other("V3", "Vaccine Financial Support (summary)",
                        "Apoyo financiero a la vacunación (resumen)", V, Scale::categorical,
                        day(2021, 6, 1)));
    out.push_back(other("V4", "Mandatory Vaccination (summary)", "Vacunación obligatoria (resumen)", V,
                        Scale::binary, day(2022, 3, 1)));
    out.push_back(other("M1", "Wildcard", "Comodín (notas)", Family::miscellaneous, Scale::text, first));
    return out;
}

}  // namespace

const std::vector<IndicatorDef>& codebook() {
    static const std::vector<IndicatorDef> k_codebook = build();
    return k_codebook;
}

const IndicatorDef* find_indicator(std::string_view code) {
    for (const auto& def : codebook())
        if (def.code == code) return &def;
    return nullptr;
}

std::string_view flag_kind_name(FlagKind kind) {
    switch (kind) {
        case FlagKind::geographic:
            return "geographic";
        case FlagKind::sectoral:
            return "sectoral";
        case FlagKind::cost:
            return "cost";
        case FlagKind::none:
            break;
    }
    return "none";
}

}  // namespace metropoli::homologation
