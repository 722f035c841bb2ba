// SPDX-License-Identifier: MIT
// Meetings, agenda, invitations, attendance and quorum on both engines, and the versioned edits of bodies and
// seats: quorum by each rule against figures computed by hand, agenda items that do not fit refused naming
// the item and the minutes over, who attended for a seat by the date of the meeting, who may convene, private
// bodies hidden, and the seeded example meeting.
#include <gtest/gtest.h>

#include "access/audit.hpp"
#include "coordination/body_edits.hpp"
#include "coordination/coordination_fixture.hpp"
#include "coordination/meeting_detail.hpp"

namespace metropoli::coordination::testing {
namespace {

class Meetings : public CoordinationTest {
protected:
    void SetUp() override {
        CoordinationTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        ASSERT_TRUE(access::seed_organisations(*m_db, m_clock, "laguna"));
        ASSERT_TRUE(seed_bodies(*m_db, m_clock, "laguna"));
        m_mesa = list_bodies(*m_db, access::Actor{})->front().id;
        m_seats = *body_seats(*m_db, access::Actor{}, m_mesa, day("2020-06-01"));
    }
    Date day(const char* iso) { return *Date::parse_iso(iso); }
    Meeting convene(const std::string& starts, const std::string& ends, const std::string& title = "Sesión") {
        auto m = convene_meeting(*m_db, m_clock, m_cli, "", m_mesa,
                                 {title, starts, ends, "in_person", "Torreón", ""});
        EXPECT_TRUE(m) << m.error().message;
        return m ? *m : Meeting{};
    }
    int64_t version(int64_t meeting) { return get_meeting(*m_db, access::Actor{}, meeting)->version; }
    void rule(const std::string& quorum) {
        auto body = *get_body(*m_db, access::Actor{}, m_mesa);
        BodyEdit e;
        e.quorum = quorum;
        auto updated = update_body(*m_db, m_clock, m_cli, "", m_mesa, body.version, e);
        ASSERT_TRUE(updated) << updated.error().message;
    }
    int64_t m_mesa = 0;
    std::vector<Seat> m_seats;
};

TEST_P(Meetings, TheRequiredNumberOfEachRuleIsTheOneComputedByHand) {
    EXPECT_EQ(required_for_quorum("more_than_half", 6), 4);
    EXPECT_EQ(required_for_quorum("more_than_half", 5), 3);
    EXPECT_EQ(required_for_quorum("two_thirds", 6), 4);
    EXPECT_EQ(required_for_quorum("two_thirds", 5), 4);  // 10/3 = 3.33, rounded up
    EXPECT_EQ(required_for_quorum("two_thirds", 7), 5);  // 14/3 = 4.67
    EXPECT_EQ(required_for_quorum("all", 6), 6);
}

TEST_P(Meetings, QuorumCountsTheVotingSeatsPresentOrWithTheirAlternateByTheBodysRule) {
    ASSERT_TRUE(designate(*m_db, m_clock, m_cli, "", m_seats[0].id,
                          {"Rosa Díaz", "Juan Ríos", day("2020-06-01"), ""}));
    auto m = convene("2020-07-15T16:00:00Z", "2020-07-15T18:00:00Z");
    auto recorded = record_attendance(*m_db, m_clock, m_cli, "", m.id, m.version,
                                      {{m_seats[0].id, "alternate_present"},
                                       {m_seats[1].id, "present"},
                                       {m_seats[2].id, "present"},
                                       {m_seats[3].id, "absent"},
                                       {m_seats[4].id, "excused"},
                                       {m_seats[5].id, "present"}});
    ASSERT_TRUE(recorded) << recorded.error().message;
    EXPECT_EQ((*recorded)[0].person_name, "Juan Ríos");
    // Six voting seats, four there: more than half asks 6/2 + 1 = 4, two thirds ceil(12/3) = 4, all 6.
    auto q = *meeting_quorum(*m_db, access::Actor{}, m.id);
    EXPECT_EQ(q.rule, "more_than_half");
    EXPECT_EQ(q.voting_seats, 6);
    EXPECT_EQ(q.present_voting, 4);
    EXPECT_EQ(q.required, 4);
    EXPECT_TRUE(q.quorum);
    rule("two_thirds");
    q = *meeting_quorum(*m_db, access::Actor{}, m.id);
    EXPECT_EQ(q.required, 4);
    EXPECT_TRUE(q.quorum);
    rule("all");
    q = *meeting_quorum(*m_db, access::Actor{}, m.id);
    EXPECT_EQ(q.required, 6);
    EXPECT_FALSE(q.quorum);
    // The sixth seat loses its vote: five voting seats, three of them there; two thirds asks ceil(10/3) = 4.
    auto seat = *get_seat(*m_db, access::Actor{}, m_seats[5].id, day("2020-07-15"));
    SeatEdit e;
    e.voting = false;
    auto edited = update_seat(*m_db, m_clock, m_cli, "", seat.id, seat.version, e);
    ASSERT_TRUE(edited) << edited.error().message;
    EXPECT_EQ(edited->version, seat.version + 1);
    EXPECT_EQ(update_seat(*m_db, m_clock, m_cli, "", seat.id, seat.version, e).error().code,
              ErrorCode::precondition_failed);
    rule("two_thirds");
    q = *meeting_quorum(*m_db, access::Actor{}, m.id);
    EXPECT_EQ(q.voting_seats, 5);
    EXPECT_EQ(q.present_voting, 3);
    EXPECT_EQ(q.required, 4);
    EXPECT_FALSE(q.quorum);
    rule("more_than_half");
    q = *meeting_quorum(*m_db, access::Actor{}, m.id);
    EXPECT_EQ(q.required, 3);
    EXPECT_TRUE(q.quorum);
    // An alternate present where the term names none is refused, naming the entry.
    auto bad = record_attendance(*m_db, m_clock, m_cli, "", m.id, version(m.id),
                                 {{m_seats[1].id, "alternate_present"}});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message.rfind("/attendance/0/status:", 0), 0u) << bad.error().message;
    auto stale = record_attendance(*m_db, m_clock, m_cli, "", m.id, m.version, {{m_seats[1].id, "absent"}});
    EXPECT_EQ(stale.error().code, ErrorCode::precondition_failed);
    access::AuditFilter filter;
    filter.entity = "meeting:" + std::to_string(m.id);
    auto audited = access::audit_entries(*m_db, filter);
    ASSERT_TRUE(audited);
    EXPECT_EQ(audited->size(), 2u);  // convened, attendance recorded
}

TEST_P(Meetings, AnAgendaItemThatDoesNotFitIsRefusedNamingItAndTheMinutesOver) {
    auto m = convene("2021-03-01T16:00:00Z", "2021-03-01T17:30:00Z");  // 90 minutes
    auto first = add_agenda_item(*m_db, m_clock, m_cli, "", m.id, m.version, {"Informe", "", 30, {}, {}});
    ASSERT_TRUE(first) << first.error().message;
    auto sub =
        add_agenda_item(*m_db, m_clock, m_cli, "", m.id, version(m.id), {"Torreón", "", 20, first->id, {}});
    ASSERT_TRUE(sub) << sub.error().message;
    auto over = add_agenda_item(*m_db, m_clock, m_cli, "", m.id, version(m.id),
                                {"Gómez Palacio", "", 15, first->id, {}});
    ASSERT_FALSE(over);
    EXPECT_EQ(over.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(over.error().message.find("/duration_minutes:"), std::string::npos);
    EXPECT_NE(over.error().message.find("'Gómez Palacio'"), std::string::npos) << over.error().message;
    EXPECT_NE(over.error().message.find("5 minutes over"), std::string::npos) << over.error().message;
    // Shrinking the parent below its children is refused too, naming the parent.
    AgendaEdit shrink;
    shrink.duration_minutes = 10;
    auto shrunk = update_agenda_item(*m_db, m_clock, m_cli, "", first->id, version(m.id), shrink);
    ASSERT_FALSE(shrunk);
    EXPECT_NE(shrunk.error().message.find("'Informe'"), std::string::npos) << shrunk.error().message;
    EXPECT_NE(shrunk.error().message.find("10 over"), std::string::npos) << shrunk.error().message;
    ASSERT_TRUE(
        add_agenda_item(*m_db, m_clock, m_cli, "", m.id, version(m.id), {"Acuerdos", "", 50, {}, {}}));
    auto long_one = add_agenda_item(*m_db, m_clock, m_cli, "", m.id, version(m.id),
                                    {"Asuntos generales", "", 25, {}, {}});
    ASSERT_FALSE(long_one);
    EXPECT_NE(long_one.error().message.find("'Asuntos generales' the agenda is 15 minutes over the meeting"),
              std::string::npos)
        << long_one.error().message;
    // A meeting shortened below its agenda is refused on /ends_at.
    MeetingEdit shorter;
    shorter.ends_at = "2021-03-01T17:00:00Z";
    auto cut = update_meeting(*m_db, m_clock, m_cli, "", m.id, version(m.id), shorter);
    ASSERT_FALSE(cut);
    EXPECT_EQ(cut.error().message.rfind("/ends_at:", 0), 0u) << cut.error().message;
    // A sub-item of a sub-item is refused.
    EXPECT_EQ(add_agenda_item(*m_db, m_clock, m_cli, "", m.id, version(m.id), {"X", "", 1, sub->id, {}})
                  .error()
                  .message.rfind("/parent:", 0),
              0u);
    auto agenda = *meeting_agenda(*m_db, access::Actor{}, m.id);
    ASSERT_EQ(agenda.size(), 2u);
    EXPECT_EQ(agenda[0].title, "Informe");
    ASSERT_EQ(agenda[0].children.size(), 1u);
    EXPECT_EQ(agenda[0].children[0].title, "Torreón");
    EXPECT_EQ(agenda[1].position, 2);
    ASSERT_TRUE(remove_agenda_item(*m_db, m_clock, m_cli, "", first->id, version(m.id)));
    EXPECT_EQ(meeting_agenda(*m_db, access::Actor{}, m.id)->size(), 1u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM agenda_items"), 1);
}

TEST_P(Meetings, AttendanceNamesWhoHeldTheSeatOnTheDayOfTheMeeting) {
    const int64_t seat = m_seats[3].id;
    ASSERT_TRUE(
        designate(*m_db, m_clock, m_cli, "", seat, {"Ana Torres", "Luis Pérez", day("2020-05-10"), ""}));
    ASSERT_TRUE(designate(*m_db, m_clock, m_cli, "", seat, {"Marta Gómez", "", day("2020-09-01"), "cambio"}));
    auto july = convene("2020-07-15T16:00:00Z", "2020-07-15T18:00:00Z", "Julio");
    auto october = convene("2020-10-15T16:00:00Z", "2020-10-15T18:00:00Z", "Octubre");
    ASSERT_TRUE(record_attendance(*m_db, m_clock, m_cli, "", july.id, july.version, {{seat, "present"}}));
    ASSERT_TRUE(
        record_attendance(*m_db, m_clock, m_cli, "", october.id, october.version, {{seat, "present"}}));
    EXPECT_EQ((*meeting_attendance(*m_db, access::Actor{}, july.id))[3].person_name, "Ana Torres");
    EXPECT_EQ((*meeting_attendance(*m_db, access::Actor{}, october.id))[3].person_name, "Marta Gómez");
    // Marta Gómez has no alternate.
    EXPECT_FALSE(record_attendance(*m_db, m_clock, m_cli, "", october.id, version(october.id),
                                   {{seat, "alternate_present"}}));
    ASSERT_TRUE(record_attendance(*m_db, m_clock, m_cli, "", july.id, version(july.id),
                                  {{seat, "alternate_present"}}));
    EXPECT_EQ((*meeting_attendance(*m_db, access::Actor{}, july.id))[3].person_name, "Luis Pérez");
    auto history = *seat_history(*m_db, access::Actor{}, seat);
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(history[2].person_name, "Marta Gómez");
    auto detail = *meeting_detail(*m_db, access::Actor{}, july.id);
    EXPECT_EQ(detail.invitations.size(), 6u) << "every seat is invited";
    EXPECT_EQ(detail.attendance.size(), 6u);
    EXPECT_EQ(detail.attendance[0].status, "") << "nothing recorded for the first seat";
    EXPECT_EQ(detail.meeting_minutes, 120);
}

TEST_P(Meetings, OnlyACoordinatorConvenesAndAPrivateBodysMeetingsStayHidden) {
    const auto editor =
        actor_of(account("editor@example.org", {{access::Role::editor, organisation("Org")}}));
    const auto coordinator = actor_of(account("coord@example.org", {{access::Role::coordinator}}));
    const MeetingFields f{"Sesión", "2021-01-10T16:00:00Z", "2021-01-10T17:00:00Z", "in_person", "Lerdo", ""};
    EXPECT_EQ(convene_meeting(*m_db, m_clock, editor, "", m_mesa, f).error().code, ErrorCode::forbidden);
    EXPECT_EQ(convene_meeting(*m_db, m_clock, access::Actor{}, "", m_mesa, f).error().code,
              ErrorCode::unauthenticated);
    auto m = convene_meeting(*m_db, m_clock, coordinator, "req-9", m_mesa, f);
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_EQ(record_attendance(*m_db, m_clock, editor, "", m->id, m->version, {{m_seats[0].id, "present"}})
                  .error()
                  .code,
              ErrorCode::forbidden);
    EXPECT_EQ(
        add_agenda_item(*m_db, m_clock, editor, "", m->id, m->version, {"X", "", 5, {}, {}}).error().code,
        ErrorCode::forbidden);
    NewBody junta;
    junta.name = "Junta reservada";
    junta.short_name = "Junta";
    junta.kind = "junta";
    junta.visibility = "private";
    auto body = *create_body(*m_db, m_clock, coordinator, "", junta);
    auto hidden = convene_meeting(*m_db, m_clock, coordinator, "", body.id, f);
    ASSERT_TRUE(hidden) << hidden.error().message;
    EXPECT_EQ(get_meeting(*m_db, access::Actor{}, hidden->id).error().code, ErrorCode::not_found);
    EXPECT_EQ(get_meeting(*m_db, editor, hidden->id).error().code, ErrorCode::not_found);
    EXPECT_EQ(body_meetings(*m_db, access::Actor{}, body.id).error().code, ErrorCode::not_found);
    EXPECT_EQ(meeting_detail(*m_db, access::Actor{}, hidden->id).error().code, ErrorCode::not_found);
    EXPECT_TRUE(get_meeting(*m_db, coordinator, hidden->id));
    EXPECT_EQ(body_meetings(*m_db, access::Actor{}, m_mesa)->size(), 1u);
}

TEST_P(Meetings, AMeetingNeedsItsPlaceOrLinkAndAnEndAfterItsStartAndEditsNameTheirVersion) {
    auto refused = [&](MeetingFields f) {
        auto m = convene_meeting(*m_db, m_clock, m_cli, "", m_mesa, f);
        return m ? std::string("accepted") : m.error().message.substr(0, m.error().message.find(':'));
    };
    EXPECT_EQ(refused({"S", "2021-01-10T16:00:00Z", "2021-01-10T17:00:00Z", "in_person", "", ""}), "/place");
    EXPECT_EQ(refused({"S", "2021-01-10T16:00:00Z", "2021-01-10T17:00:00Z", "online", "", ""}), "/link");
    EXPECT_EQ(refused({"S", "2021-01-10T16:00:00Z", "2021-01-10T17:00:00Z", "hybrid", "Lerdo", ""}), "/link");
    EXPECT_EQ(refused({"S", "2021-01-10T16:00:00Z", "2021-01-10T16:00:00Z", "in_person", "Lerdo", ""}),
              "/ends_at");
    EXPECT_EQ(refused({"S", "2021-01-10 16:00", "2021-01-10T17:00:00Z", "in_person", "Lerdo", ""}),
              "/starts_at");
    EXPECT_EQ(refused({"S", "2021-01-10T16:00:00Z", "2021-01-10T17:00:00Z", "radio", "Lerdo", ""}), "/mode");
    EXPECT_EQ(refused({"", "2021-01-10T16:00:00Z", "2021-01-10T17:00:00Z", "in_person", "Lerdo", ""}),
              "/title");
    auto m = convene_meeting(*m_db, m_clock, m_cli, "", m_mesa,
                             {"S", "2021-01-10T16:00:00.000Z", "2021-01-10T17:00Z", "online", "",
                              "https://meet.example.org/mesa"});
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_EQ(m->starts_at, "2021-01-10T16:00:00Z");
    EXPECT_EQ(m->ends_at, "2021-01-10T17:00:00Z");
    MeetingEdit e;
    e.title = "Sesión ordinaria";
    auto edited = update_meeting(*m_db, m_clock, m_cli, "", m->id, m->version, e);
    ASSERT_TRUE(edited) << edited.error().message;
    EXPECT_EQ(edited->version, 2);
    EXPECT_EQ(update_meeting(*m_db, m_clock, m_cli, "", m->id, m->version, e).error().code,
              ErrorCode::precondition_failed);
    auto cancelled = set_meeting_state(*m_db, m_clock, m_cli, "", m->id, edited->version, "cancelled");
    ASSERT_TRUE(cancelled) << cancelled.error().message;
    EXPECT_EQ(cancelled->state, "cancelled");
    EXPECT_EQ(update_meeting(*m_db, m_clock, m_cli, "", m->id, cancelled->version, e).error().code,
              ErrorCode::conflict);
    EXPECT_EQ(set_meeting_state(*m_db, m_clock, m_cli, "", m->id, cancelled->version, "held").error().code,
              ErrorCode::conflict);
}

TEST_P(Meetings, BodyEditsNameTheVersionTheyReadAndAreAudited) {
    auto body = *get_body(*m_db, access::Actor{}, m_mesa);
    BodyEdit e;
    e.description = "Sumar esfuerzos";
    e.minutes_approval = "coordinator";
    const auto editor =
        actor_of(account("editor@example.org", {{access::Role::editor, organisation("Org")}}));
    EXPECT_EQ(update_body(*m_db, m_clock, editor, "", m_mesa, body.version, e).error().code,
              ErrorCode::forbidden);
    auto edited = update_body(*m_db, m_clock, m_cli, "req-2", m_mesa, body.version, e);
    ASSERT_TRUE(edited) << edited.error().message;
    EXPECT_EQ(edited->version, body.version + 1);
    EXPECT_EQ(edited->minutes_approval, "coordinator");
    EXPECT_EQ(update_body(*m_db, m_clock, m_cli, "", m_mesa, body.version, e).error().code,
              ErrorCode::precondition_failed);
    BodyEdit bad;
    bad.visibility = "secret";
    EXPECT_EQ(update_body(*m_db, m_clock, m_cli, "", m_mesa, edited->version, bad)
                  .error()
                  .message.rfind("/visibility:", 0),
              0u);
    access::AuditFilter filter;
    filter.entity = "body:" + std::to_string(m_mesa);
    auto audited = *access::audit_entries(*m_db, filter);
    ASSERT_EQ(audited.size(), 2u);  // seeded, edited
    const auto& last = audited.front().action == "body.update" ? audited.front() : audited.back();
    EXPECT_EQ(last.action, "body.update");
    EXPECT_EQ(last.request_id, "req-2");
}

TEST_P(Meetings, TheLagunaPresetHasOneExampleMeetingTheInstallationOfTheMesa) {
    EXPECT_FALSE(*find_example_meeting(*m_db));
    auto seeded = seed_meetings(*m_db, m_clock, "laguna");
    ASSERT_TRUE(seeded) << seeded.error().message;
    EXPECT_EQ(*seeded, 1);
    EXPECT_EQ(*seed_meetings(*m_db, m_clock, "laguna"), 0);
    EXPECT_EQ(*seed_meetings(*m_db, m_clock, "other"), 0);
    auto example = *find_example_meeting(*m_db);
    ASSERT_TRUE(example);
    EXPECT_EQ(example->title, "Instalación de la Mesa de Salud de La Laguna");
    EXPECT_EQ(example->starts_at.substr(0, 10), "2020-05-04");
    EXPECT_TRUE(example->example);
    EXPECT_EQ(example->state, "held");
    auto d = *meeting_detail(*m_db, access::Actor{}, example->id);
    EXPECT_EQ(d.agenda.size(), 4u);
    EXPECT_EQ(d.agenda[1].children.size(), 2u);
    EXPECT_EQ(d.agenda_minutes, 115);
    EXPECT_EQ(d.quorum.present_voting, 6);
    EXPECT_TRUE(d.quorum.quorum);
    auto verified = access::verify_chain(*m_db);
    ASSERT_TRUE(verified);
    EXPECT_TRUE(verified->intact());
}

INSTANTIATE_TEST_SUITE_P(Engines, Meetings, ::testing::ValuesIn(storage::testing::all_engines()), param_name);

}  // namespace
}  // namespace metropoli::coordination::testing
