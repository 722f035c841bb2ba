// SPDX-License-Identifier: MIT
// The homologation matrix on both engines: precedence of the most specific jurisdiction in force
// (municipality over state over federal), validity dates and colours deciding what is in force, and the
// bundled record's November 2020 divergence between Torreón and Gómez Palacio — restaurants at 50 % until
// 23:00 with a 2-hour stay against 25 %, bars open against closed, no ley seca against ley seca, no curfew
// against 22:00–05:00 — then the mid-November relaxation and an October day on which restaurants do not
// diverge.
#include "homologation/homologation_matrix.hpp"

#include <gtest/gtest.h>

#include "homologation/activity_rule_fixture.hpp"

namespace metropoli::homologation::testing {
namespace {

class Matrix : public ActivityRuleTest {
protected:
    // The metro under the federal colours of data/semaforo for the week asked (Coahuila, Durango).
    static std::vector<MatrixPlace> metro(const std::string& coahuila, const std::string& durango) {
        return {{"05009", "Francisco I. Madero", coahuila, ""},
                {"05017", "Matamoros", coahuila, ""},
                {"05035", "Torreón", coahuila, ""},
                {"10007", "Gómez Palacio", durango, ""},
                {"10012", "Lerdo", durango, ""}};
    }
    static const MatrixRow& row(const HomologationMatrix& m, const std::string& key) {
        for (const auto& r : m.rows)
            if (r.activity.key == key) return r;
        throw std::runtime_error("no row " + key);
    }
    static const MatrixCell& cell(const HomologationMatrix& m, const std::string& key,
                                  const std::string& code) {
        for (const auto& c : row(m, key).cells)
            if (c.code == code) return c;
        throw std::runtime_error("no cell " + code);
    }
    void add(const std::string& jurisdiction, int capacity, std::optional<std::string> colour = std::nullopt,
             std::optional<Date> to = std::nullopt) {
        ActivityRuleFields f;
        f.activity = "gimnasios";
        f.jurisdiction = jurisdiction;
        f.colour = std::move(colour);
        f.valid_from = Date::from_ymd(2021, 3, 1);
        f.valid_to = to;
        f.allowed = "restricted";
        f.capacity_pct = capacity;
        f.source = "siglo-1765525";
        auto made = create_activity_rule(*m_db, m_clock, m_cli, "", f);
        ASSERT_TRUE(made) << made.error().message;
    }
};

TEST_P(Matrix, TheMostSpecificJurisdictionInForceThatDaySetsTheRule) {
    load_bundled();
    add("00", 60, "naranja");
    add("05", 40);
    add("05035", 20, std::nullopt, Date::from_ymd(2021, 3, 14));
    auto march = homologation_matrix(*m_db, *Date::from_ymd(2021, 3, 10), metro("naranja", "naranja"));
    ASSERT_TRUE(march) << march.error().message;
    EXPECT_EQ(cell(*march, "gimnasios", "05035").rule->level, "municipality");
    EXPECT_EQ(cell(*march, "gimnasios", "05035").rule->capacity_pct, 20);
    EXPECT_EQ(cell(*march, "gimnasios", "05017").rule->level, "state");
    EXPECT_EQ(cell(*march, "gimnasios", "05017").rule->capacity_pct, 40);
    EXPECT_EQ(cell(*march, "gimnasios", "10007").rule->level, "federal");
    EXPECT_EQ(cell(*march, "gimnasios", "10007").rule->capacity_pct, 60);
    EXPECT_EQ(
        row(*march, "gimnasios").divergence.es,
        "Gimnasios y spas: Francisco I. Madero, Matamoros 40 %; Torreón 20 %; Gómez Palacio, Lerdo 60 %");

    // After the municipal rule's valid_to the state's applies; under red the federal orange rule does not,
    // and the federal red rule of 2020 (closed) does.
    auto later = homologation_matrix(*m_db, *Date::from_ymd(2021, 3, 15), metro("naranja", "rojo"));
    ASSERT_TRUE(later) << later.error().message;
    EXPECT_EQ(cell(*later, "gimnasios", "05035").rule->level, "state");
    EXPECT_EQ(cell(*later, "gimnasios", "10007").rule->allowed, "no");
    EXPECT_EQ(cell(*later, "gimnasios", "10007").summary.es, "cerrado");
    // Before 1 March 2021 only the bundled federal rules exist for gyms: none under orange.
    auto before = homologation_matrix(*m_db, *Date::from_ymd(2021, 2, 28), metro("naranja", "naranja"));
    ASSERT_TRUE(before);
    EXPECT_FALSE(cell(*before, "gimnasios", "05035").rule.has_value());
    EXPECT_EQ(cell(*before, "gimnasios", "05035").summary.en, "no rule");
    EXPECT_FALSE(row(*before, "gimnasios").divergent);
}

TEST_P(Matrix, InNovember2020TorreonAndGomezPalacioDiverge) {
    load_bundled();
    // 2020-W45 (9–15 November): Coahuila naranja, Durango rojo in data/semaforo.
    auto m = homologation_matrix(*m_db, *Date::from_ymd(2020, 11, 10), metro("naranja", "rojo"));
    ASSERT_TRUE(m) << m.error().message;
    const auto& torreon = cell(*m, "restaurantes", "05035");
    ASSERT_TRUE(torreon.rule);
    EXPECT_EQ(torreon.rule->level, "state");
    EXPECT_EQ(torreon.rule->capacity_pct, 50);
    EXPECT_EQ(torreon.rule->closes, "23:00");
    EXPECT_EQ(torreon.rule->max_stay_minutes, 120);
    EXPECT_TRUE(torreon.rule->unverified);
    EXPECT_EQ(torreon.rule->source.url, "https://redespoder.com");
    const auto& gomez = cell(*m, "restaurantes", "10007");
    ASSERT_TRUE(gomez.rule);
    EXPECT_EQ(gomez.rule->level, "state");
    EXPECT_EQ(gomez.rule->capacity_pct, 25);
    EXPECT_FALSE(gomez.rule->closes.has_value());
    EXPECT_EQ(
        row(*m, "restaurantes").divergence.es,
        "Restaurantes y cafeterías: Francisco I. Madero, Matamoros, Torreón 50 % hasta 23:00, estancia máx. "
        "120 min; Gómez Palacio, Lerdo 25 %");
    EXPECT_EQ(
        row(*m, "restaurantes").divergence.en,
        "Restaurants and cafés: Francisco I. Madero, Matamoros, Torreón 50% until 23:00, 120-min maximum "
        "stay; Gómez Palacio, Lerdo 25%");

    EXPECT_EQ(cell(*m, "bares", "05035").summary.es, "50 % hasta 23:00, estancia máx. 120 min");
    EXPECT_EQ(cell(*m, "bares", "10007").rule->level, "federal")
        << "no Durango rule: the federal red closes bars";
    EXPECT_EQ(cell(*m, "bares", "10007").summary.es, "cerrado");
    EXPECT_EQ(cell(*m, "venta_alcohol", "05035").rule->allowed, "yes");
    EXPECT_EQ(cell(*m, "venta_alcohol", "10007").rule->allowed, "no");
    EXPECT_EQ(
        row(*m, "venta_alcohol").divergence.es,
        "Venta de bebidas alcohólicas: Francisco I. Madero, Matamoros, Torreón permitido; Gómez Palacio, "
        "Lerdo cerrado");
    EXPECT_EQ(cell(*m, "movilidad_nocturna", "10007").summary.es, "toque de queda 22:00–05:00");
    EXPECT_EQ(cell(*m, "movilidad_nocturna", "10007").summary.en, "curfew 22:00–05:00");
    EXPECT_EQ(cell(*m, "movilidad_nocturna", "05035").summary.es, "permitido");
    EXPECT_TRUE(row(*m, "movilidad_nocturna").divergent);
    EXPECT_EQ(cell(*m, "fiestas_privadas", "05035").summary.es, "máx. 15 personas");
    EXPECT_EQ(cell(*m, "cubrebocas", "05035").rule->level, "municipality");
    EXPECT_FALSE(cell(*m, "cubrebocas", "05017").rule.has_value());
    EXPECT_FALSE(row(*m, "escuelas").divergent) << "closed in red and in orange";

    auto json = homologation_matrix_json(*m);
    EXPECT_EQ(json["date"], "2020-11-10");
    EXPECT_EQ(json["places"].size(), 5u);
    EXPECT_EQ(json["activities"].size(), 28u);
    bool named = false;
    for (const auto& d : json["divergences"]) named |= d["activity"] == "restaurantes";
    EXPECT_TRUE(named);
}

TEST_P(Matrix, AfterTheRedPeriodDurangosRelaxationAndInOctoberNoRestaurantDivergence) {
    load_bundled();
    // 2020-W46 (16–22 November): Coahuila naranja, Durango rojo; the parties' limit ended on 12 November.
    auto m = homologation_matrix(*m_db, *Date::from_ymd(2020, 11, 20), metro("naranja", "rojo"));
    ASSERT_TRUE(m) << m.error().message;
    const auto& gomez = cell(*m, "restaurantes", "10007");
    EXPECT_EQ(gomez.rule->closes, "22:00");
    EXPECT_FALSE(gomez.rule->capacity_pct.has_value()) << "the source gives no capacity";
    EXPECT_TRUE(gomez.rule->unverified);
    EXPECT_EQ(gomez.rule->source.key, "durango-relajacion-2020-11");
    EXPECT_FALSE(cell(*m, "movilidad_nocturna", "10007").rule.has_value())
        << "the curfew ended on 17 November";
    EXPECT_FALSE(cell(*m, "fiestas_privadas", "05035").rule.has_value());

    // 2020-W42 (19–25 October): both states naranja, no state rule yet: the federal orange example for both.
    auto october = homologation_matrix(*m_db, *Date::from_ymd(2020, 10, 20), metro("naranja", "naranja"));
    ASSERT_TRUE(october);
    EXPECT_FALSE(row(*october, "restaurantes").divergent);
    EXPECT_EQ(cell(*october, "restaurantes", "05035").rule->level, "federal");
    EXPECT_EQ(cell(*october, "restaurantes", "10007").summary.es, "50 %");
}

INSTANTIATE_TEST_SUITE_P(Engines, Matrix, ::testing::ValuesIn(storage::testing::all_engines()), param_name);

}  // namespace
}  // namespace metropoli::homologation::testing
