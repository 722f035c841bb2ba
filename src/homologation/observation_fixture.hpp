// SPDX-License-Identifier: MIT
// Test support: access's fixture with homologation's migrations (500, 510) applied, La Laguna's jurisdictions
// registered for coding, and a builder of observations.
#pragma once

#include "access/access_fixture.hpp"
#include "core/test_dates.hpp"
#include "homologation/migrations.hpp"
#include "homologation/observations.hpp"

namespace metropoli::homologation::testing {

using access::testing::param_name;

using metropoli::testing::day;

class ObservationTest : public access::testing::AccessTest {
protected:
    void SetUp() override {
        AccessTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        auto migrated = storage::migrate(*m_db, homologation_migrations(), m_clock);
        ASSERT_TRUE(migrated) << migrated.error().message;
        auto registered = register_policy_jurisdictions(*m_db, m_clock,
                                                        {{"00", "México", "federal", {}},
                                                         {"05", "Coahuila de Zaragoza", "state", {}},
                                                         {"10", "Durango", "state", {}},
                                                         {"05009", "Francisco I. Madero", "municipality", {}},
                                                         {"05017", "Matamoros", "municipality", {}},
                                                         {"05035", "Torreón", "municipality", {}},
                                                         {"10007", "Gómez Palacio", "municipality", {}},
                                                         {"10012", "Lerdo", "municipality", {}},
                                                         {"zm-laguna",
                                                          "Zona Metropolitana de La Laguna",
                                                          "metro_body",
                                                          {"05009", "05017", "05035", "10007", "10012"}}});
        ASSERT_TRUE(registered) << registered.error().message;
        ASSERT_EQ(*registered, 9);
    }

    // An observation of `jurisdiction` coding `indicator` = `value` from `from` to `to` (empty: open), with a
    // source that passes every check.
    static ObservationInput input(const std::string& jurisdiction, const std::string& indicator,
                                  const std::string& value, std::optional<int> flag, const char* from,
                                  const char* to = "") {
        ObservationInput in;
        in.jurisdiction = jurisdiction;
        in.scope = "GOV";
        in.indicator = indicator;
        in.value = value;
        in.flag = flag;
        in.start_date = day(from);
        if (*to) in.end_date = day(to);
        in.source = {"press_release", "Comunicado de prueba", "Gobierno de prueba", day(from),
                     "https://example.org/comunicado"};
        return in;
    }

    // Recorded by the system's seed, so approved.
    int64_t approved(ObservationInput in) {
        in.coder = "Equipo de codificación";
        in.reviewer = "Revisora";
        auto made = record_observation(*m_db, m_clock, access::system_actor(), "", in);
        EXPECT_TRUE(made) << made.error().message;
        return made ? *made : 0;
    }
};

}  // namespace metropoli::homologation::testing
