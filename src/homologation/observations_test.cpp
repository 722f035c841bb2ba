// SPDX-License-Identifier: MIT
// Coding an observation on SQLite and PostgreSQL: a valid one recorded as a draft with its source, extensions
// and audit entry; the system's seed recording approved ones; each bad field refused by its JSON pointer with
// nothing written; the permission.
#include <gtest/gtest.h>

#include "homologation/observation_fixture.hpp"

namespace metropoli::homologation {
namespace {

using testing::day;

class Observations : public testing::ObservationTest {
protected:
    long long written() {
        return count(
            "SELECT (SELECT COUNT(*) FROM policy_observations) * 1000 + (SELECT COUNT(*) FROM "
            "policy_sources) * 10 + (SELECT COUNT(*) FROM audit_log WHERE action = "
            "'policy.observation.create')");
    }
    // The message of the refusal of `in` by an analyst, checking that it wrote nothing.
    std::string refusal(const ObservationInput& in) {
        const long long before = written();
        auto made = record_observation(*m_db, m_clock, m_analyst, "req-1", in);
        EXPECT_FALSE(made);
        EXPECT_EQ(written(), before);
        if (made) return "";
        EXPECT_EQ(made.error().code, ErrorCode::invalid_argument) << made.error().message;
        return made.error().message;
    }
    void SetUp() override {
        ObservationTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        m_analyst = actor_of(account("analista@example.org", {{access::Role::analyst}}));
    }
    access::Actor m_analyst;
};

TEST_P(Observations, RecordsADraftWithItsSourceExtensionsAndAuditEntry) {
    auto in = input("10", "C6", "2", 1, "2020-11-03", "2020-11-17");
    in.extensions.curfew_from = "22:00";
    in.extensions.curfew_to = "05:00";
    in.announced_on = day("2020-11-02");
    auto made = record_observation(*m_db, m_clock, m_analyst, "req-7", in);
    ASSERT_TRUE(made) << made.error().message;
    auto stored = get_observation(*m_db, *made);
    ASSERT_TRUE(stored) << stored.error().message;
    EXPECT_EQ(stored->review_state, "draft");
    EXPECT_EQ(stored->coder, "analista@example.org");
    EXPECT_EQ(stored->reviewer, "");
    EXPECT_EQ(stored->extensions.curfew_from, "22:00");
    EXPECT_EQ(stored->extensions.curfew_to, "05:00");
    EXPECT_EQ(stored->implemented_on, day("2020-11-03"));  // the start, when not given
    EXPECT_EQ(stored->end_date, day("2020-11-17"));
    EXPECT_EQ(stored->source.title, "Comunicado de prueba");
    EXPECT_EQ(describe_extensions_es(stored->extensions), "toque de queda 22:00–05:00");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'policy.observation.create' AND subject = "
                    "'policy_observation:" +
                    std::to_string(*made) + "' AND actor = '" + m_analyst.id + "'"),
              1);
    // A second observation from the same document reuses its source row; open-ended reads back as no end.
    auto group = input("10", "C4", "3", 1, "2020-11-03");
    group.extensions.max_group_size = 15;
    auto second = record_observation(*m_db, m_clock, m_analyst, "", group);
    ASSERT_TRUE(second) << second.error().message;
    EXPECT_EQ(count("SELECT COUNT(*) FROM policy_sources"), 1);
    EXPECT_FALSE(get_observation(*m_db, *second)->end_date);
    // The same jurisdiction, scope, indicator and start from the same source again: a conflict.
    auto again = record_observation(*m_db, m_clock, m_analyst, "", group);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::conflict);
}

TEST_P(Observations, TheSystemSeedRecordsApprovedObservationsNamingCoderAndReviewer) {
    const int64_t id = approved(input("05", "C5", "1", 1, "2020-11-01"));
    auto stored = get_observation(*m_db, id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->review_state, "approved");
    EXPECT_EQ(stored->coder, "Equipo de codificación");
    EXPECT_EQ(stored->reviewer, "Revisora");
    // Anyone else naming a coder is refused: whoever records it is its coder.
    auto in = input("05", "C5", "1", 1, "2020-11-02");
    in.coder = "Otra persona";
    EXPECT_TRUE(refusal(in).starts_with("/coder:"));
}

TEST_P(Observations, EachBadFieldIsRefusedByItsPointerAndNothingIsWritten) {
    const auto base = [] { return input("10", "C6", "2", 1, "2020-11-03", "2020-11-17"); };
    auto in = base();
    in.jurisdiction = "10999";
    EXPECT_TRUE(refusal(in).starts_with("/jurisdiction:"));
    in = base();
    in.scope = "TOTAL";
    EXPECT_TRUE(refusal(in).starts_with("/scope: TOTAL se deriva"));
    in = base();
    in.indicator = "C9";
    EXPECT_TRUE(refusal(in).starts_with("/indicator:"));
    in = base();
    in.value = "4";
    EXPECT_EQ(refusal(in), "/value: '4': C6 va de 0 a 3 / C6 runs from 0 to 3");
    in = base();
    in.flag.reset();
    EXPECT_TRUE(refusal(in).starts_with("/flag: obligatoria"));
    in = input("10", "H2", "2", 1, "2020-11-03");
    EXPECT_TRUE(refusal(in).starts_with("/flag: H2 no tiene bandera"));
    in = input("10", "C6", "0", 0, "2020-11-03");
    EXPECT_TRUE(refusal(in).starts_with("/flag: sin bandera cuando el valor es 0"));
    in = input("10", "H1", "2", 1, "2020-11-03");
    in.segment = "NV";
    EXPECT_TRUE(refusal(in).starts_with("/segment: H1 no se diferencia"));
    in = base();
    in.end_date = day("2020-11-01");
    EXPECT_TRUE(refusal(in).starts_with("/end_date: anterior a start_date"));
    in = base();
    in.announced_on = day("2020-11-05");
    in.implemented_on = day("2020-11-04");
    EXPECT_TRUE(refusal(in).starts_with("/implemented_on: anterior a announced_on"));
    in = base();
    in.source.url = "";
    EXPECT_TRUE(refusal(in).starts_with("/source/url:"));
    in = base();
    in.source.title = "";
    EXPECT_TRUE(refusal(in).starts_with("/source/title:"));
    in = base();
    in.source.issuer = "";
    EXPECT_TRUE(refusal(in).starts_with("/source/issuer:"));
    in = base();
    in.source.kind = "tweet";
    EXPECT_TRUE(refusal(in).starts_with("/source/kind:"));
    // Extensions that do not fit the indicator or its value.
    in = input("10", "C2", "2", 1, "2020-11-03");
    in.extensions.curfew_from = "22:00";
    in.extensions.curfew_to = "05:00";
    EXPECT_TRUE(refusal(in).starts_with("/extensions/curfew_from: un toque de queda se codifica en C6"));
    in = input("10", "C6", "1", 1, "2020-11-03");
    in.extensions.curfew_from = "22:00";
    in.extensions.curfew_to = "05:00";
    EXPECT_TRUE(refusal(in).starts_with("/extensions/curfew_from: un toque de queda es C6 2 o 3"));
    in = base();
    in.extensions.curfew_from = "22:00";
    EXPECT_TRUE(refusal(in).starts_with("/extensions/curfew_to: obligatorio"));
    in = base();
    in.extensions.curfew_from = "25:00";
    in.extensions.curfew_to = "05:00";
    EXPECT_TRUE(refusal(in).starts_with("/extensions/curfew_from: '25:00'"));
    in = input("05", "C4", "4", 1, "2020-11-01");
    in.extensions.max_group_size = 15;
    EXPECT_EQ(refusal(in),
              "/extensions/max_group_size: un límite de 15 personas es C4 3, no 4 / a limit of 15 "
              "people is C4 3, not 4");
    in = input("05", "C2", "1", 1, "2020-11-01");
    in.extensions.capacity_pct = 140;
    EXPECT_TRUE(refusal(in).starts_with("/extensions/capacity_pct: 140 %"));
    in = input("05", "C2", "0", std::nullopt, "2020-11-01");
    in.extensions.alcohol_sales = "ley_seca";
    EXPECT_TRUE(refusal(in).starts_with("/extensions/alcohol_sales: 'ley_seca' restringe"));
    in = input("05", "C2", "1", 1, "2020-11-01");
    in.extensions.alcohol_sales = "restricted_hours";
    EXPECT_TRUE(refusal(in).starts_with("/extensions/alcohol_until: obligatorio"));
    // A targeted observation naming a municipality outside its state.
    in = input("10", "C6", "2", 0, "2020-11-03");
    in.applies_to = {"10007", "05035"};
    EXPECT_TRUE(refusal(in).starts_with("/applies_to/1: 05035 no está en 10"));
    in = input("10", "C6", "2", 1, "2020-11-03");
    in.applies_to = {"10007"};
    EXPECT_TRUE(refusal(in).starts_with("/applies_to: sólo con bandera geográfica 0"));
    in = base();
    in.unverified = true;
    EXPECT_TRUE(refusal(in).starts_with("/verification_note: obligatoria"));
}

TEST_P(Observations, CodingNeedsThePermission) {
    const auto in = input("10", "C6", "2", 1, "2020-11-03", "2020-11-17");
    auto anonymous = record_observation(*m_db, m_clock, access::Actor{}, "", in);
    ASSERT_FALSE(anonymous);
    EXPECT_EQ(anonymous.error().code, ErrorCode::unauthenticated);
    const auto editor =
        actor_of(account("editora@example.org", {{access::Role::editor, organisation("Org")}}));
    auto refused = record_observation(*m_db, m_clock, editor, "", in);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
    const auto coordinator = actor_of(account("coordinadora@example.org", {{access::Role::coordinator}}));
    EXPECT_TRUE(record_observation(*m_db, m_clock, coordinator, "", in));
    EXPECT_EQ(count("SELECT COUNT(*) FROM policy_observations"), 1);
}

TEST_P(Observations, ReadsAPostBodyNamingTheBadField) {
    auto body = nlohmann::json::parse(R"({"jurisdiction": "10", "scope": "GOV", "indicator": "C6", "value": 2,
        "flag": 1, "start_date": "2020-11-03", "end_date": "2020-11-17",
        "source": {"kind": "press_release", "title": "T", "issuer": "I", "url": "https://example.org"},
        "extensions": {"curfew_from": "22:00", "curfew_to": "05:00"}})");
    auto in = observation_input_from_json(body);
    ASSERT_TRUE(in) << in.error().message;
    EXPECT_EQ(in->value, "2");
    EXPECT_EQ(in->extensions.curfew_to, "05:00");
    EXPECT_TRUE(record_observation(*m_db, m_clock, m_analyst, "", *in));
    body["start_date"] = "3 Nov 2020";
    EXPECT_EQ(observation_input_from_json(body).error().message,
              "/start_date: una fecha AAAA-MM-DD / a date YYYY-MM-DD");
    body["start_date"] = "2020-11-03";
    body["extensions"]["toque"] = "sí";
    EXPECT_TRUE(observation_input_from_json(body).error().message.starts_with("/extensions/toque:"));
}

INSTANTIATE_TEST_SUITE_P(Engines, Observations, ::testing::ValuesIn(storage::testing::all_engines()),
                         testing::param_name);

}  // namespace
}  // namespace metropoli::homologation
