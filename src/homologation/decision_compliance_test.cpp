// SPDX-License-Identifier: MIT
// Compliance with a harmonised decision: the comparisons worked case by case, then, on both engines, the
// harmonised curfew of November 2020 against Durango's red (C6 2, 22:00-05:00, 3-17 November), Coahuila's "no
// curfew" (C6 0) and a stricter municipal measure of Lerdo, and a restaurant rule against the bundled 2020
// activity rules, each day's status and the lag written out by hand.
#include "homologation/decision_compliance.hpp"

#include <gtest/gtest.h>

#include "homologation/decision_fixture.hpp"
#include "homologation/observations.hpp"
#include "metropoli_source_dir.hpp"

namespace metropoli::homologation::testing {
namespace {

using nlohmann::json;

Measure curfew_measure() {
    Measure m;
    m.kind = "observation";
    m.indicator = "C6";
    m.value = 2;
    m.flag = 1;
    m.extensions = {{"curfew_from", "22:00"}, {"curfew_to", "05:00"}};
    return m;
}

json hours(const char* from, const char* to) {
    return {{"curfew_from", from}, {"curfew_to", to}};
}

TEST(DecisionCompliance, AnObservationComparesByValueFlagAndEachExtensionBothSidesCarry) {
    const Measure agreed = curfew_measure();
    EXPECT_EQ(compare_observation(agreed, 2, 1, hours("22:00", "05:00")), "complies");
    EXPECT_EQ(compare_observation(agreed, 3, 1, hours("22:00", "05:00")), "stricter");
    EXPECT_EQ(compare_observation(agreed, 1, 1, json::object()), "laxer");
    EXPECT_EQ(compare_observation(agreed, 0, std::nullopt, json::object()), "laxer");
    EXPECT_EQ(compare_observation(agreed, 2, 0, hours("22:00", "05:00")), "laxer");  // targeted, not general
    EXPECT_EQ(compare_observation(agreed, 2, 1, hours("21:00", "05:00")), "stricter");  // starts earlier
    EXPECT_EQ(compare_observation(agreed, 2, 1, hours("22:00", "06:00")), "stricter");  // ends later
    EXPECT_EQ(compare_observation(agreed, 2, 1, hours("23:00", "05:00")), "laxer");     // leaves 22:00-23:00
    EXPECT_EQ(compare_observation(agreed, 2, 1, hours("23:00", "06:00")),
              "laxer");                                                        // longer, but not covering
    EXPECT_EQ(compare_observation(agreed, 2, 1, json::object()), "complies");  // no hours coded: the ordinal
    Measure alcohol;
    alcohol.kind = "observation";
    alcohol.indicator = "C2";
    alcohol.value = 1;
    alcohol.flag = 1;
    alcohol.extensions = {{"alcohol_sales", "restricted_hours"}, {"alcohol_until", "19:00"}};
    EXPECT_EQ(compare_observation(alcohol, 1, 1, {{"alcohol_sales", "ley_seca"}}), "stricter");
    EXPECT_EQ(compare_observation(alcohol, 1, 1, {{"alcohol_sales", "allowed"}}), "laxer");
    EXPECT_EQ(compare_observation(alcohol, 1, 1,
                                  {{"alcohol_sales", "restricted_hours"}, {"alcohol_until", "21:00"}}),
              "laxer");
}

TEST(DecisionCompliance, AnActivityRuleComparesItsAllowedValueAndEachFigure) {
    Measure agreed;
    agreed.kind = "activity_rule";
    agreed.activity = "restaurantes";
    agreed.allowed = "restricted";
    agreed.capacity_pct = 50;
    agreed.closes = "23:00";
    ActivityRule r;
    r.allowed = "restricted";
    r.capacity_pct = 50;
    r.closes = "23:00";
    EXPECT_EQ(compare_rule(agreed, r), "complies");
    r.capacity_pct = 25;
    EXPECT_EQ(compare_rule(agreed, r), "stricter");
    r.closes = "23:30";
    EXPECT_EQ(compare_rule(agreed, r), "laxer");  // stricter capacity, later closing: falls short somewhere
    r.closes = std::nullopt;
    r.capacity_pct = 50;
    EXPECT_EQ(compare_rule(agreed, r), "laxer");  // no closing time where one was agreed
    r.closes = "23:00";
    r.max_stay_minutes = 120;
    EXPECT_EQ(compare_rule(agreed, r), "stricter");  // a limit the agreement did not ask for
    r.allowed = "no";
    EXPECT_EQ(compare_rule(agreed, r), "stricter");
    r.allowed = "yes";
    r.max_stay_minutes = std::nullopt;
    EXPECT_EQ(compare_rule(agreed, r), "laxer");
    r.opens = "08:00";
    agreed.opens = "10:00";
    r.allowed = "restricted";
    EXPECT_EQ(compare_rule(agreed, r), "laxer");  // opens earlier
}

class ComplianceStore : public DecisionTest {
protected:
    void SetUp() override {
        DecisionTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        auto registered = register_policy_jurisdictions(*m_db, m_clock,
                                                        {{"00", "México", "federal", {}},
                                                         {"05", "Coahuila de Zaragoza", "state", {}},
                                                         {"10", "Durango", "state", {}},
                                                         {"05009", "Francisco I. Madero", "municipality", {}},
                                                         {"05017", "Matamoros", "municipality", {}},
                                                         {"05035", "Torreón", "municipality", {}},
                                                         {"10007", "Gómez Palacio", "municipality", {}},
                                                         {"10012", "Lerdo", "municipality", {}}});
        ASSERT_TRUE(registered) << registered.error().message;
    }

    void observe(const std::string& jurisdiction, int value, std::optional<int> flag, const char* from,
                 const char* to, LocalExtensions ext = {}) {
        ObservationInput in;
        in.jurisdiction = jurisdiction;
        in.scope = "GOV";
        in.indicator = "C6";
        in.value = std::to_string(value);
        in.flag = flag;
        in.start_date = Date::parse_iso(from);
        if (*to) in.end_date = Date::parse_iso(to);
        in.source = {"press_release", "Comunicado de prueba", "Gobierno de prueba", Date::parse_iso(from),
                     "https://example.org/comunicado"};
        in.extensions = ext;
        in.coder = "Equipo de codificación";
        in.reviewer = "Revisora";
        auto made = record_observation(*m_db, m_clock, access::system_actor(), "", in);
        ASSERT_TRUE(made) << made.error().message;
    }

    // A carried decision of `n` (its meeting held with every seat present and voting for).
    Decision carried(NewDecision n) {
        for (std::size_t s = 0; s < 6; ++s) attend(n.meeting, s, "present");
        auto d = propose_decision(*m_db, m_clock, m_coordinator, "", n);
        EXPECT_TRUE(d) << d.error().message;
        for (std::size_t s = 0; s < 6; ++s)
            EXPECT_TRUE(vote_on_decision(*m_db, m_clock, m_members[s], "", d->id, std::nullopt, "for"));
        auto closed = close_decision(*m_db, m_clock, m_coordinator, "", d->id, 7);
        EXPECT_TRUE(closed) << closed.error().message;
        return *closed;
    }

    static std::string statuses(const JurisdictionCompliance& j) {
        std::string out;
        for (const auto& d : j.days) out += (out.empty() ? "" : " ") + d.status;
        return out;
    }

    const ColourOfDay k_no_colour = [](const std::string&, Date) -> Result<std::optional<std::string>> {
        return std::optional<std::string>();
    };
};

TEST_P(ComplianceStore, TheCurfewOfNovember2020DayByDay) {
    LocalExtensions red;
    red.curfew_from = "22:00";
    red.curfew_to = "05:00";
    observe("10", 2, 1, "2020-11-03", "2020-11-17", red);  // Durango's red: 22:00-05:00, 3-17 November
    observe("05", 0, std::nullopt, "2020-11-01", "");      // Coahuila: no curfew
    LocalExtensions lerdo;
    lerdo.curfew_from = "21:00";
    lerdo.curfew_to = "06:00";
    observe("10012", 3, 1, "2020-11-15", "",
            lerdo);  // a stricter municipal measure (constructed for the test)
    NewDecision n = curfew(meeting("2020-11-09"));
    n.applies_from = Date::parse_iso("2020-11-12");
    const Decision d = carried(n);
    auto c = decision_compliance(*m_db, access::Actor{}, d.id, *Date::parse_iso("2020-11-10"),
                                 *Date::parse_iso("2020-11-19"), k_no_colour);
    ASSERT_TRUE(c) << c.error().message;
    ASSERT_EQ(c->jurisdictions.size(), 5u);
    const auto& torreon = c->jurisdictions[0];
    const auto& gomez = c->jurisdictions[3];
    const auto& lerdo_ = c->jurisdictions[4];
    // 10-11 before the agreed date; then Coahuila's 0 is laxer every day.
    EXPECT_EQ(statuses(torreon), "not_yet not_yet laxer laxer laxer laxer laxer laxer laxer laxer");
    EXPECT_FALSE(torreon.first_met);
    EXPECT_FALSE(torreon.lag_days);
    EXPECT_EQ(torreon.counts.at("laxer"), 8);
    // Durango's curfew complies 12-17; from the 18th nothing is coded in Gómez Palacio.
    EXPECT_EQ(statuses(gomez),
              "not_yet not_yet complies complies complies complies complies complies not_yet not_yet");
    EXPECT_EQ(gomez.first_met->iso(), "2020-11-12");
    EXPECT_EQ(*gomez.lag_days, 0);
    EXPECT_EQ(gomez.days[2].in_force.set_by_jurisdiction, "10");
    EXPECT_EQ(gomez.days[2].in_force.text.es, "C6 2 general, toque de queda 22:00–05:00");
    // Lerdo: Durango's until the 14th, its own C6 3 (21:00-06:00) from the 15th.
    EXPECT_EQ(statuses(lerdo_),
              "not_yet not_yet complies complies complies stricter stricter stricter stricter stricter");
    EXPECT_EQ(*lerdo_.lag_days, 0);
    const json j = decision_compliance_json(*c);
    EXPECT_EQ(j["jurisdictions"][4]["counts"]["stricter"], 5);
    EXPECT_EQ(j["jurisdictions"][0]["lag_days"], nullptr);

    // The same decision agreed from the 9th: Gómez Palacio complied from the start of the range, Torreón
    // never.
    EXPECT_EQ(decision_compliance(*m_db, access::Actor{}, d.id, *Date::parse_iso("2020-11-19"),
                                  *Date::parse_iso("2020-11-10"), k_no_colour)
                  .error()
                  .message.rfind("/to:", 0),
              0u);
}

TEST_P(ComplianceStore, ARestaurantRuleAgainstTheBundledActivityRules) {
    auto loaded = seed_activity_rules(*m_db, m_clock, "laguna",
                                      std::string(METROPOLI_SOURCE_DIR) + "/data/activity_rules");
    ASSERT_TRUE(loaded) << loaded.error().message;
    NewDecision n = curfew(meeting("2020-11-09"));
    n.title = "Restaurantes al 50 %";
    n.measure = Measure{};
    n.measure.kind = "activity_rule";
    n.measure.activity = "restaurantes";
    n.measure.allowed = "restricted";
    n.measure.capacity_pct = 50;
    n.applies_from = Date::parse_iso("2020-11-10");
    const Decision d = carried(n);
    auto c = decision_compliance(*m_db, access::Actor{}, d.id, *Date::parse_iso("2020-11-09"),
                                 *Date::parse_iso("2020-11-19"), k_no_colour);
    ASSERT_TRUE(c) << c.error().message;
    // Coahuila's Laguna rule (50 %, until 23:00, 120 minutes) from 1 November: 50 % as agreed, and limits the
    // agreement did not ask for: stricter.
    EXPECT_EQ(
        statuses(c->jurisdictions[0]),
        "not_yet stricter stricter stricter stricter stricter stricter stricter stricter stricter stricter");
    // Durango: 25 % from 3 to 17 November (stricter), then until 22:00 with no capacity (laxer: 50 % agreed).
    EXPECT_EQ(statuses(c->jurisdictions[3]),
              "not_yet stricter stricter stricter stricter stricter stricter stricter stricter laxer laxer");
    EXPECT_EQ(*c->jurisdictions[3].lag_days, 0);
    EXPECT_EQ(c->jurisdictions[3].days[1].in_force.text.es, "25 %");
}

INSTANTIATE_TEST_SUITE_P(Engines, ComplianceStore, ::testing::ValuesIn(storage::testing::all_engines()),
                         param_name);

}  // namespace
}  // namespace metropoli::homologation::testing
