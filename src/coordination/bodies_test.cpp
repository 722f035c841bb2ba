// SPDX-License-Identifier: MIT
// Bodies, seats and seat terms on both engines: the seeded Mesa de Salud of 4 May 2020, who may create and
// designate, who held a seat on a given day after a change of representative, and private bodies.
#include "coordination/bodies.hpp"

#include <gtest/gtest.h>

#include "access/audit.hpp"
#include "coordination/coordination_fixture.hpp"

namespace metropoli::coordination::testing {
namespace {

class Bodies : public CoordinationTest {
protected:
    void seed() {
        ASSERT_TRUE(access::seed_organisations(*m_db, m_clock, "laguna"));
        auto seeded = seed_bodies(*m_db, m_clock, "laguna");
        ASSERT_TRUE(seeded) << seeded.error().message;
        ASSERT_EQ(*seeded, 1);
    }
    int64_t mesa() {
        auto bodies = list_bodies(*m_db, access::Actor{});
        EXPECT_TRUE(bodies && bodies->size() == 1);
        return bodies && !bodies->empty() ? bodies->front().id : 0;
    }
    Date day(const char* iso) { return *Date::parse_iso(iso); }
};

TEST_P(Bodies, TheLagunaPresetSeedsTheMesaOfFourMayWithItsSixSeatsOnce) {
    seed();
    auto again = seed_bodies(*m_db, m_clock, "laguna");
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, 0);
    EXPECT_EQ(*seed_bodies(*m_db, m_clock, "other"), 0);
    auto body = get_body(*m_db, access::Actor{}, mesa());
    ASSERT_TRUE(body) << body.error().message;
    EXPECT_EQ(body->name, "Mesa de Salud de La Laguna");
    EXPECT_EQ(body->installed_on->iso(), "2020-05-04");
    EXPECT_TRUE(body->seed);
    auto seats = body_seats(*m_db, access::Actor{}, body->id, day("2020-06-01"));
    ASSERT_TRUE(seats) << seats.error().message;
    ASSERT_EQ(seats->size(), 6u);
    EXPECT_EQ((*seats)[0].organisation_name, "Sociedad Civil de La Laguna (coalición Metrópoli Laguna)");
    EXPECT_EQ((*seats)[0].representation, "civil_society");
    EXPECT_EQ((*seats)[2].name, "Representante de la Jurisdicción Sanitaria (Torreón, Matamoros y Viesca)");
    EXPECT_EQ((*seats)[4].organisation_name, "Salud Municipal de Gómez Palacio");
    EXPECT_EQ((*seats)[5].representation, "federal_armed_forces");
    for (const auto& s : *seats) {
        EXPECT_TRUE(s.voting);
        ASSERT_TRUE(s.current) << s.name;
        EXPECT_FALSE(s.current->person) << "the deck names institutions, not people";
    }
    // Before the Mesa was installed no term was in force.
    auto before = body_seats(*m_db, access::Actor{}, body->id, day("2020-05-03"));
    EXPECT_FALSE(before->front().current);
    auto verified = access::verify_chain(*m_db);
    ASSERT_TRUE(verified);
    EXPECT_TRUE(verified->intact());
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action IN ('body.create', 'seat.create', "
                    "'seat.designate')"),
              13);
}

TEST_P(Bodies, AChangeOfRepresentativeKeepsWhoHeldTheSeatWhen) {
    seed();
    auto seats = *body_seats(*m_db, access::Actor{}, mesa(), day("2020-06-01"));
    const int64_t seat = seats[3].id;
    auto first =
        designate(*m_db, m_clock, m_cli, "", seat, {"Ana Torres", "Luis Pérez", day("2020-05-10"), ""});
    ASSERT_TRUE(first) << first.error().message;
    auto second =
        designate(*m_db, m_clock, m_cli, "", seat, {"Marta Gómez", "", day("2020-09-01"), "cambio"});
    ASSERT_TRUE(second) << second.error().message;
    auto history = seat_history(*m_db, access::Actor{}, seat);
    ASSERT_TRUE(history);
    ASSERT_EQ(history->size(), 3u);
    EXPECT_EQ((*history)[0].ends_on->iso(), "2020-05-09");
    EXPECT_EQ((*history)[1].person_name, "Ana Torres");
    EXPECT_EQ((*history)[1].alternate_name, "Luis Pérez");
    EXPECT_EQ((*history)[1].ends_on->iso(), "2020-08-31");
    EXPECT_FALSE((*history)[2].ends_on);
    auto in_july = *body_seats(*m_db, access::Actor{}, mesa(), day("2020-07-15"));
    EXPECT_EQ(in_july[3].current->person_name, "Ana Torres");
    auto in_october = *body_seats(*m_db, access::Actor{}, mesa(), day("2020-10-15"));
    EXPECT_EQ(in_october[3].current->person_name, "Marta Gómez");
    // A designation before the latest one is refused, naming the field, and writes nothing.
    auto late = designate(*m_db, m_clock, m_cli, "", seat, {"X", "", day("2020-08-01"), ""});
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(late.error().message.rfind("/designated_on:", 0), 0u) << late.error().message;
    EXPECT_EQ(seat_history(*m_db, access::Actor{}, seat)->size(), 3u);
}

TEST_P(Bodies, ADesignationNamesAnExistingPersonByIdAndRefusesAnUnknownOne) {
    seed();
    const int64_t seat = body_seats(*m_db, access::Actor{}, mesa(), day("2020-06-01"))->at(0).id;
    long long laura = 0;
    m_db->session() << "INSERT INTO people (name, created_at) VALUES ('Laura Garza', '2020-05-01T00:00:00Z') "
                       "RETURNING id",
        soci::into(laura);
    Designation d{"", "Miguel Ríos", day("2020-05-10"), ""};
    d.person_id = laura;
    auto term = designate(*m_db, m_clock, m_cli, "", seat, d);
    ASSERT_TRUE(term) << term.error().message;
    EXPECT_EQ(term->person, laura);
    EXPECT_EQ(term->person_name, "Laura Garza");
    EXPECT_EQ(term->alternate_name, "Miguel Ríos");
    EXPECT_EQ(count("SELECT COUNT(*) FROM people WHERE name = 'Laura Garza'"), 1);

    Designation unknown{"", "", day("2020-06-10"), ""};
    unknown.person_id = laura + 1000;
    auto refused = designate(*m_db, m_clock, m_cli, "", seat, unknown);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().message.rfind("/person_id:", 0), 0u) << refused.error().message;
    Designation both{"Laura", "", day("2020-06-10"), ""};
    both.person_id = laura;
    EXPECT_EQ(designate(*m_db, m_clock, m_cli, "", seat, both).error().message.rfind("/person:", 0), 0u);
    EXPECT_EQ(seat_history(*m_db, access::Actor{}, seat)->size(), 2u);
}

TEST_P(Bodies, ADesignationFromTheDayOfAVacantTermNamesWhoHeldItThen) {
    seed();
    const int64_t seat = body_seats(*m_db, access::Actor{}, mesa(), day("2020-06-01"))->at(1).id;
    auto named = designate(*m_db, m_clock, m_cli, "", seat,
                           {"Roberto Bernal", "Ana Sifuentes", day("2020-05-04"), ""});
    ASSERT_TRUE(named) << named.error().message;
    auto history = *seat_history(*m_db, access::Actor{}, seat);
    ASSERT_EQ(history.size(), 1u);  // the seeded vacant term, now naming its holder
    EXPECT_EQ(history[0].person_name, "Roberto Bernal");
    EXPECT_EQ(history[0].designated_on.iso(), "2020-05-04");
    // Once it names someone, the same day is refused again.
    auto again = designate(*m_db, m_clock, m_cli, "", seat, {"Otra Persona", "", day("2020-05-04"), ""});
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().message.rfind("/designated_on:", 0), 0u) << again.error().message;
}

TEST_P(Bodies, OnlyACoordinatorCreatesAndDesignatesAndPrivateBodiesStayHidden) {
    seed();
    const auto editor =
        actor_of(account("editor@example.org", {{access::Role::editor, organisation("Org")}}));
    const auto coordinator = actor_of(account("coord@example.org", {{access::Role::coordinator}}));
    NewBody junta;
    junta.name = "Junta de seguimiento";
    junta.short_name = "Junta";
    junta.kind = "junta";
    junta.visibility = "private";
    auto refused = create_body(*m_db, m_clock, editor, "", junta);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
    EXPECT_EQ(create_body(*m_db, m_clock, access::Actor{}, "", junta).error().code,
              ErrorCode::unauthenticated);
    auto made = create_body(*m_db, m_clock, coordinator, "req-1", junta);
    ASSERT_TRUE(made) << made.error().message;
    EXPECT_EQ(list_bodies(*m_db, access::Actor{})->size(), 1u);
    EXPECT_EQ(list_bodies(*m_db, coordinator)->size(), 2u);
    EXPECT_EQ(get_body(*m_db, access::Actor{}, made->id).error().code, ErrorCode::not_found);
    auto again = create_body(*m_db, m_clock, coordinator, "", junta);
    EXPECT_EQ(again.error().code, ErrorCode::conflict);
    junta.name = "Otra";
    junta.short_name = "Otra";
    junta.quorum = "most";
    auto bad = create_body(*m_db, m_clock, coordinator, "", junta);
    EXPECT_EQ(bad.error().message.rfind("/quorum:", 0), 0u);
    const int64_t seat = body_seats(*m_db, access::Actor{}, mesa(), day("2020-06-01"))->front().id;
    EXPECT_EQ(designate(*m_db, m_clock, editor, "", seat, {"X", "", day("2021-01-01"), ""}).error().code,
              ErrorCode::forbidden);
    const int64_t academia = organisation("Academia", "academic_centre");
    NewSeat extra;
    extra.name = "Academia";
    extra.representation = "academia";
    extra.organisation = academia;
    auto added = add_seat(*m_db, m_clock, coordinator, "", made->id, extra);
    ASSERT_TRUE(added) << added.error().message;
    EXPECT_EQ(added->ordinal, 1);
    access::AuditFilter filter;
    filter.entity = "body:" + std::to_string(made->id);
    auto audited = access::audit_entries(*m_db, filter);
    ASSERT_TRUE(audited);
    ASSERT_EQ(audited->size(), 1u);
    EXPECT_EQ(audited->front().actor, coordinator.id);
    EXPECT_EQ(audited->front().request_id, "req-1");
}

INSTANTIATE_TEST_SUITE_P(Engines, Bodies, ::testing::ValuesIn(storage::testing::all_engines()), param_name);

}  // namespace
}  // namespace metropoli::coordination::testing
