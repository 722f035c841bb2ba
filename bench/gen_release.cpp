// SPDX-License-Identifier: MIT
// Writes a deterministic national-scale federal release in the current 40-column layout: the 2,469
// municipalities of the SSA catalogue (city sizes Zipf-distributed), symptom onsets 2020-2022 in three waves,
// and code frequencies close to the real files (classification, lab and antigen results, hospitalisation,
// ICU, deaths).
// Usage: gen_release CATALOGUE.csv ROWS OUT.csv [SEED]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace {

struct Writer {
    std::FILE* out;
    std::string buf;
    void put(std::string_view s) { buf.append(s); }
    void quoted(std::string_view s) {
        buf.push_back('"');
        buf.append(s);
        buf.push_back('"');
    }
    void num(int v) {
        char tmp[12];
        int n = 0;
        do {
            tmp[n++] = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v > 0);
        while (n > 0) buf.push_back(tmp[--n]);
    }
    void comma() { buf.push_back(','); }
    void end_line() {
        buf.push_back('\n');
        if (buf.size() > (1 << 20)) flush();
    }
    void flush() {
        std::fwrite(buf.data(), 1, buf.size(), out);
        buf.clear();
    }
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: gen_release CATALOGUE.csv ROWS OUT.csv [SEED]\n");
        return 2;
    }
    const long long rows = std::atoll(argv[2]);
    std::mt19937_64 rng(argc > 4 ? std::strtoull(argv[4], nullptr, 10) : 20200430);

    // Municipalities: every real code of the national catalogue (the 999 "no especificado" rows excluded).
    std::ifstream cat(argv[1]);
    std::string line;
    std::getline(cat, line);
    std::vector<std::pair<std::string, std::string>> munis;  // state, municipality
    while (std::getline(cat, line)) {
        std::stringstream ss(line);
        std::string mun, name, ent;
        std::getline(ss, mun, ',');
        std::getline(ss, name, ',');
        std::getline(ss, ent, ',');
        while (!ent.empty() && (ent.back() == '\r' || ent.back() == '"')) ent.pop_back();
        if (mun == "999" || ent.size() != 2 || std::atoi(ent.c_str()) < 1 || std::atoi(ent.c_str()) > 32)
            continue;
        munis.emplace_back(ent, mun);
    }
    std::shuffle(munis.begin(), munis.end(), rng);
    std::vector<double> weight(munis.size());
    for (size_t i = 0; i < munis.size(); ++i) weight[i] = 1.0 / std::pow(static_cast<double>(i + 1), 0.9);
    std::discrete_distribution<size_t> pick_muni(weight.begin(), weight.end());

    // Onset: three waves over 2020-03 .. 2022-12.
    const int first = metropoli::Date::from_ymd(2020, 3, 1)->days();
    const int last = metropoli::Date::from_ymd(2022, 12, 20)->days();
    std::vector<double> day_weight(static_cast<size_t>(last - first + 1));
    for (size_t d = 0; d < day_weight.size(); ++d) {
        const double t = static_cast<double>(d);
        day_weight[d] =
            0.05 + std::exp(-std::pow((t - 150) / 50, 2)) + 1.3 * std::exp(-std::pow((t - 320) / 40, 2)) +
            1.1 * std::exp(-std::pow((t - 520) / 35, 2)) + 2.0 * std::exp(-std::pow((t - 690) / 25, 2));
    }
    std::discrete_distribution<int> pick_day(day_weight.begin(), day_weight.end());
    std::discrete_distribution<int> pick_cf(
        {3.0, 0.3, 33.0, 0.4, 1.3, 5.0, 57.0});  // CLASIFICACION_FINAL 1..7
    std::normal_distribution<double> pick_age(40, 18);
    std::uniform_real_distribution<double> u(0, 1);
    const std::string release = "2022-12-31";

    Writer w{std::fopen(argv[3], "wb"), {}};
    if (!w.out) {
        std::perror(argv[3]);
        return 1;
    }
    w.put(
        "\xEF\xBB\xBF\"FECHA_ACTUALIZACION\",\"ID_REGISTRO\",\"ORIGEN\",\"SECTOR\",\"ENTIDAD_UM\",\"SEXO\","
        "\"ENTIDAD_NAC\","
        "\"ENTIDAD_RES\",\"MUNICIPIO_RES\",\"TIPO_PACIENTE\",\"FECHA_INGRESO\",\"FECHA_SINTOMAS\",\"FECHA_"
        "DEF\",\"INTUBADO\","
        "\"NEUMONIA\",\"EDAD\",\"NACIONALIDAD\",\"EMBARAZO\",\"HABLA_LENGUA_INDIG\",\"INDIGENA\","
        "\"DIABETES\",\"EPOC\",\"ASMA\","
        "\"INMUSUPR\",\"HIPERTENSION\",\"OTRA_COM\",\"CARDIOVASCULAR\",\"OBESIDAD\",\"RENAL_CRONICA\","
        "\"TABAQUISMO\","
        "\"OTRO_CASO\",\"TOMA_MUESTRA_LAB\",\"RESULTADO_LAB\",\"TOMA_MUESTRA_ANTIGENO\",\"RESULTADO_"
        "ANTIGENO\","
        "\"CLASIFICACION_FINAL\",\"MIGRANTE\",\"PAIS_NACIONALIDAD\",\"PAIS_ORIGEN\",\"UCI\"\n");
    char id[8];
    for (long long r = 0; r < rows; ++r) {
        const auto& [ent, mun] = munis[pick_muni(rng)];
        const int onset = first + pick_day(rng);
        const int admission = onset + static_cast<int>(u(rng) * u(rng) * 8);
        const int cf = pick_cf(rng) + 1;
        const bool confirmed = cf <= 3;
        const int age = std::clamp(static_cast<int>(pick_age(rng)), 0, 105);
        const bool hospital = u(rng) < (confirmed ? 0.08 + age / 600.0 : 0.04);
        const bool icu = hospital && u(rng) < 0.12;
        const bool intubated = hospital && u(rng) < 0.15;
        const bool dies = hospital && u(rng) < (confirmed ? 0.25 + age / 300.0 : 0.1);
        const bool antigen = u(rng) < 0.35;
        const bool lab = !antigen || u(rng) < 0.2;
        std::snprintf(id, sizeof id, "%06llx", static_cast<unsigned long long>(r & 0xFFFFFF));

        w.quoted(release), w.comma(), w.quoted(id), w.comma();
        w.num(u(rng) < 0.4 ? 1 : 2), w.comma(), w.num(1 + static_cast<int>(u(rng) * 13)), w.comma();
        w.quoted(ent), w.comma(), w.num(u(rng) < 0.5 ? 1 : 2), w.comma(), w.quoted(ent), w.comma();
        w.quoted(ent), w.comma(), w.quoted(mun), w.comma(), w.num(hospital ? 2 : 1), w.comma();
        w.quoted(metropoli::Date::from_days(admission).iso()), w.comma();
        w.quoted(metropoli::Date::from_days(onset).iso()), w.comma();
        w.quoted(dies ? metropoli::Date::from_days(admission + 1 + static_cast<int>(u(rng) * 20)).iso()
                      : "9999-99-99");
        w.comma(), w.num(hospital ? (intubated ? 1 : 2) : 97), w.comma(), w.num(u(rng) < 0.1 ? 1 : 2),
            w.comma();
        w.num(age), w.comma(), w.num(1), w.comma(), w.num(97), w.comma();
        for (int c = 0; c < 12; ++c)
            w.num(u(rng) < 0.1 ? 1 : 2), w.comma();  // HABLA_LENGUA_INDIG .. TABAQUISMO
        w.num(u(rng) < 0.3 ? 1 : 2), w.comma();      // OTRO_CASO
        w.num(lab ? 1 : 2), w.comma();
        w.num(lab ? (cf == 3 && !antigen ? 1 : (cf == 6 ? 3 : (cf == 4 ? 4 : 2))) : 97), w.comma();
        w.num(antigen ? 1 : 2), w.comma(), w.num(antigen ? (cf == 3 ? 1 : 2) : 97), w.comma();
        w.num(cf), w.comma(), w.num(99), w.comma(), w.quoted("México"), w.comma(), w.quoted("97"), w.comma();
        w.num(hospital ? (icu ? 1 : 2) : 97);
        w.end_line();
    }
    w.flush();
    std::fclose(w.out);
    return 0;
}
