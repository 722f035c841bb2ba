// SPDX-License-Identifier: MIT
// Activity rules on both engines: the bundled 2020 record loads once in one transaction (28 activities, 10
// sources, 67 rules, one audit entry) and only for La Laguna; a bad write is refused naming its field (an
// unknown activity, a capacity of 140 %, a closing time of 25:00) and writes nothing; who may write; edits at
// the version read, audited with the fields before and after; validity dates decide what is in force.
#include "homologation/activity_rules.hpp"

#include <gtest/gtest.h>

#include "homologation/activity_rule_fixture.hpp"

namespace metropoli::homologation::testing {
namespace {

class ActivityRules : public ActivityRuleTest {
protected:
    static ActivityRuleFields restaurants_in_torreon() {
        ActivityRuleFields f;
        f.activity = "restaurantes";
        f.jurisdiction = "05035";
        f.valid_from = Date::from_ymd(2020, 12, 1);
        f.valid_to = Date::from_ymd(2020, 12, 31);
        f.allowed = "restricted";
        f.capacity_pct = 40;
        f.closes = "22:00";
        f.conditions = {"Ejemplo de prueba", "A test example"};
        f.source = "siglo-1765525";
        return f;
    }
    void expect_refused_on(const ActivityRuleFields& f, const std::string& field) {
        auto made = create_activity_rule(*m_db, m_clock, m_cli, "", f);
        ASSERT_FALSE(made) << field;
        EXPECT_EQ(made.error().code, ErrorCode::invalid_argument);
        EXPECT_EQ(made.error().message.rfind("/" + field + ":", 0), 0u) << made.error().message;
    }
};

TEST_P(ActivityRules, TheBundledRecordLoadsOnceInOneTransactionAndOnlyForLaLaguna) {
    EXPECT_EQ(*seed_activity_rules(*m_db, m_clock, "tampico", bundled_directory()), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM activity_catalogue"), 0);
    EXPECT_EQ(load_bundled(), 67);
    EXPECT_EQ(count("SELECT COUNT(*) FROM activity_catalogue"), 28);
    EXPECT_EQ(count("SELECT COUNT(*) FROM activity_rule_sources"), 10);
    EXPECT_EQ(count("SELECT COUNT(*) FROM activity_rules WHERE bundled = 1"), 67);
    EXPECT_EQ(count("SELECT COUNT(*) FROM activity_rules WHERE level = 'federal'"), 46);
    EXPECT_EQ(count("SELECT COUNT(*) FROM activity_rules WHERE unverified = 1"), 12);
    EXPECT_EQ(count("SELECT COUNT(*) FROM activity_rules WHERE valid_from IS NULL"), 1)
        << "Durango's closure";
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'activity_rules.seed'"), 1);
    EXPECT_EQ(load_bundled(), 0) << "a second init loads nothing";
    EXPECT_EQ(count("SELECT COUNT(*) FROM activity_rules"), 67);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'activity_rules.seed'"), 1);

    auto curfew = list_activity_rules(*m_db, {.activity = "movilidad_nocturna", .jurisdiction = "10"});
    ASSERT_TRUE(curfew) << curfew.error().message;
    ASSERT_EQ(curfew->size(), 1u);
    EXPECT_EQ(curfew->front().level, "state");
    EXPECT_EQ(curfew->front().opens, "05:00");
    EXPECT_EQ(curfew->front().closes, "22:00");
    EXPECT_EQ(curfew->front().valid_from->iso(), "2020-11-03");
    EXPECT_EQ(curfew->front().valid_to->iso(), "2020-11-17");
    EXPECT_EQ(curfew->front().source.key, "durango-rojo-2020-11-03");
    EXPECT_EQ(curfew->front().source.published_on->iso(), "2020-11-03");
}

TEST_P(ActivityRules, ABadWriteIsRefusedNamingItsFieldAndWritesNothing) {
    load_bundled();
    auto f = restaurants_in_torreon();
    f.activity = "karaoke";
    expect_refused_on(f, "activity");
    f = restaurants_in_torreon();
    f.capacity_pct = 140;
    expect_refused_on(f, "capacity_pct");
    f = restaurants_in_torreon();
    f.closes = "25:00";
    expect_refused_on(f, "closes");
    f = restaurants_in_torreon();
    f.jurisdiction = "Torreón";
    expect_refused_on(f, "jurisdiction");
    f = restaurants_in_torreon();
    f.jurisdiction = "05";
    f.municipalities = {"10007"};
    expect_refused_on(f, "municipalities");
    f = restaurants_in_torreon();
    f.valid_to = Date::from_ymd(2020, 11, 1);
    expect_refused_on(f, "valid_to");
    f = restaurants_in_torreon();
    f.source = "rumour";
    expect_refused_on(f, "source");
    f = restaurants_in_torreon();
    f.colour = "morado";
    expect_refused_on(f, "colour");

    auto parsed = activity_rule_fields_from_json(
        {{"activity", "restaurantes"}, {"capacity_pct", "50"}, {"jurisdiction", "05035"}});
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().message.rfind("/capacity_pct:", 0), 0u) << parsed.error().message;
    EXPECT_EQ(count("SELECT COUNT(*) FROM activity_rules"), 67);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'activity_rule.%'"), 0);
}

TEST_P(ActivityRules, ACoordinatorWritesAndEditsAtTheVersionRead) {
    load_bundled();
    const auto analyst = actor_of(account("analista@example.org", {{access::Role::analyst}}));
    const auto coordinator = actor_of(account("coordinadora@example.org", {{access::Role::coordinator}}));
    auto anonymous = create_activity_rule(*m_db, m_clock, access::Actor{}, "", restaurants_in_torreon());
    ASSERT_FALSE(anonymous);
    EXPECT_EQ(anonymous.error().code, ErrorCode::unauthenticated);
    auto refused = create_activity_rule(*m_db, m_clock, analyst, "", restaurants_in_torreon());
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::forbidden);

    auto made = create_activity_rule(*m_db, m_clock, coordinator, "r-1", restaurants_in_torreon());
    ASSERT_TRUE(made) << made.error().message;
    EXPECT_EQ(made->level, "municipality");
    EXPECT_EQ(made->version, 1);
    EXPECT_FALSE(made->bundled);
    EXPECT_EQ(made->created_at, "2026-03-12T08:30:00Z");
    auto edit = restaurants_in_torreon();
    edit.capacity_pct = 30;
    auto stale = update_activity_rule(*m_db, m_clock, coordinator, "", made->id, 4, edit);
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::precondition_failed);
    auto edited = update_activity_rule(*m_db, m_clock, coordinator, "r-2", made->id, 1, edit);
    ASSERT_TRUE(edited) << edited.error().message;
    EXPECT_EQ(edited->version, 2);
    EXPECT_EQ(edited->capacity_pct, 30);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'activity_rule.create' AND subject = "
                    "'activity_rule:" +
                    std::to_string(made->id) + "'"),
              1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'activity_rule.update' AND detail LIKE "
                    "'%\"capacity_pct\":{\"after\":30,\"before\":40}%'"),
              1);

    auto in_december =
        list_activity_rules(*m_db, {.jurisdiction = "05035", .on = Date::from_ymd(2020, 12, 15)});
    ASSERT_TRUE(in_december);
    ASSERT_EQ(in_december->size(), 2u) << "the new rule and the bundled mask rule";
    auto in_january = list_activity_rules(
        *m_db, {.activity = "restaurantes", .jurisdiction = "05035", .on = Date::from_ymd(2021, 1, 1)});
    ASSERT_TRUE(in_january);
    EXPECT_TRUE(in_january->empty()) << "valid_to 2020-12-31";
}

INSTANTIATE_TEST_SUITE_P(Engines, ActivityRules, ::testing::ValuesIn(storage::testing::all_engines()),
                         param_name);

}  // namespace
}  // namespace metropoli::homologation::testing
