// SPDX-License-Identifier: MIT
// Minutes on both engines: a draft edited with its version, amendments by those who attended for a seat,
// approval by the coordinator's act or by a vote with quorum and majority, the hash of the canonical text,
// signatories, publication, immutability in the store and in SQL (the triggers), corrections, the example.
#include "coordination/minutes.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "access/audit.hpp"
#include "access/secrets.hpp"
#include "coordination/bodies.hpp"
#include "coordination/coordination_fixture.hpp"
#include "coordination/meetings.hpp"

namespace metropoli::coordination::testing {
namespace {

class MinutesStore : public CoordinationTest {
protected:
    void SetUp() override {
        CoordinationTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        ASSERT_TRUE(access::seed_organisations(*m_db, m_clock, "laguna"));
        ASSERT_TRUE(seed_bodies(*m_db, m_clock, "laguna"));
        m_body = list_bodies(*m_db, access::Actor{})->front().id;
        const auto seats = body_seats(*m_db, access::Actor{}, m_body, *Date::parse_iso("2020-06-01"));
        ASSERT_TRUE(seats) << seats.error().message;
        for (const auto& s : *seats) m_seats.push_back(s.id);
        m_coordinator = actor_of(account("coord@example.org", {{access::Role::coordinator}}));
    }

    void set_body(const std::string& column, const std::string& value) {
        m_db->session() << "UPDATE bodies SET " + column + " = :v WHERE id = :b", soci::use(value),
            soci::use(static_cast<long long>(m_body));
    }

    // A meeting of the Mesa on `day`, inserted as the meetings store would (the mesa concept owns it).
    int64_t meeting(const std::string& day = "2020-06-15", int example = 0) {
        long long id = 0, body = m_body;
        const std::string starts = day + "T16:00:00Z", ends = day + "T18:00:00Z", now = m_clock.now_iso();
        m_db->session() << "INSERT INTO meetings (body_id, title, starts_at, ends_at, mode, state, example, "
                           "created_at, updated_at) VALUES (:b, 'Sesión ordinaria', :s, :e, 'in_person', "
                           "'held', :x, :c, :u) RETURNING id",
            soci::use(body), soci::use(starts), soci::use(ends), soci::use(example), soci::use(now),
            soci::use(now), soci::into(id);
        return id;
    }

    void attend(int64_t meeting, std::size_t seat, const std::string& status) {
        long long g = meeting, s = m_seats.at(seat);
        const std::string now = m_clock.now_iso();
        m_db->session()
            << "INSERT INTO attendance (meeting_id, seat_id, status, recorded_at) VALUES (:g, :s, "
               ":st, :t)",
            soci::use(g), soci::use(s), soci::use(status), soci::use(now);
    }

    // A member of the Mesa whose person holds seat `seat` (or is its alternate) from 2020-05-04.
    access::Actor member(const std::string& email, std::size_t seat, bool alternate = false) {
        const auto a = account(email, {{access::Role::member, std::nullopt, m_body}});
        long long person = a.person.id, s = m_seats.at(seat);
        const std::string column = alternate ? "alternate_person_id" : "person_id";
        m_db->session() << "UPDATE seat_terms SET " + column + " = :p WHERE seat_id = :s", soci::use(person),
            soci::use(s);
        return actor_of(a);
    }

    Minutes drafted(int64_t meeting, const std::string& text = "# Acta\n\nSe abre la sesión.\n") {
        auto made = draft_minutes(*m_db, m_clock, m_coordinator, "req-draft", meeting, text);
        EXPECT_TRUE(made) << made.error().message;
        return made ? *made : Minutes{};
    }

    bool sql_refused(const std::string& statement) {
        try {
            m_db->session() << statement;
        } catch (const std::exception& e) {
            EXPECT_NE(std::string(e.what()).find("approved minutes are immutable"), std::string::npos)
                << e.what();
            return true;
        }
        return false;
    }

    int64_t m_body = 0;
    std::vector<int64_t> m_seats;
    access::Actor m_coordinator;
};

TEST(MinutesText, TheCanonicalTextHasLfLinesWithoutTrailingBlanksAfterItsHeader) {
    EXPECT_EQ(normalised_minutes_text("a  \r\nb\t\rc\n\n\n"), "a\nb\nc\n");
    EXPECT_EQ(normalised_minutes_text("sin salto"), "sin salto\n");
    EXPECT_EQ(normalised_minutes_text(" \n\n"), "");
    Minutes m;
    m.id = 7;
    m.body = 1;
    m.meeting = 3;
    m.meeting_date = *Date::parse_iso("2020-05-04");
    m.text = "Acta  \r\n";
    EXPECT_EQ(canonical_minutes_text(m),
              "Metrópoli acta / minutes\nminutes: 7\nbody: 1\nmeeting: 3\ndate: 2020-05-04\n\nActa\n");
    m.corrects = 5;
    EXPECT_NE(canonical_minutes_text(m).find("\ncorrects: 5\n\n"), std::string::npos);
}

TEST_P(MinutesStore, ACoordinatorDraftsEditsWithTheVersionAndApprovesByActWithHashAndSignatories) {
    set_body("minutes_approval", "coordinator");
    const int64_t g = meeting();
    attend(g, 0, "present");
    attend(g, 1, "alternate_present");
    attend(g, 2, "absent");
    const auto holder = member("holder@example.org", 0);
    Minutes m = drafted(g);
    EXPECT_EQ(m.state, "draft");
    EXPECT_EQ(m.version, 1);
    EXPECT_EQ(m.meeting_date.iso(), "2020-06-15");
    // Drafts are not public; a member of the body reads them.
    EXPECT_EQ(get_minutes(*m_db, access::Actor{}, m.id).error().code, ErrorCode::not_found);
    EXPECT_TRUE(get_minutes(*m_db, holder, m.id));
    EXPECT_EQ(draft_minutes(*m_db, m_clock, m_coordinator, "", g, "otra").error().code, ErrorCode::conflict);
    EXPECT_EQ(draft_minutes(*m_db, m_clock, holder, "", g, "otra").error().code, ErrorCode::forbidden);
    EXPECT_EQ(draft_minutes(*m_db, m_clock, access::Actor{}, "", g, "x").error().code,
              ErrorCode::unauthenticated);
    auto empty = edit_minutes(*m_db, m_clock, m_coordinator, "", m.id, 1, "  \n");
    EXPECT_EQ(empty.error().message.rfind("/text:", 0), 0u) << empty.error().message;
    auto edited = edit_minutes(*m_db, m_clock, m_coordinator, "", m.id, 1, "# Acta\r\n\r\nSe abre.   \r\n");
    ASSERT_TRUE(edited) << edited.error().message;
    EXPECT_EQ(edited->version, 2);
    auto stale = edit_minutes(*m_db, m_clock, m_coordinator, "", m.id, 1, "tarde");
    EXPECT_EQ(stale.error().code, ErrorCode::precondition_failed);
    EXPECT_EQ(approve_minutes(*m_db, m_clock, m_coordinator, "", m.id, 1).error().code,
              ErrorCode::precondition_failed);
    auto approved = approve_minutes(*m_db, m_clock, m_coordinator, "req-approve", m.id, 2);
    ASSERT_TRUE(approved) << approved.error().message;
    EXPECT_EQ(approved->state, "approved");
    EXPECT_EQ(approved->approval_method, "coordinator");
    EXPECT_EQ(approved->approved_by, m_coordinator.id);
    EXPECT_EQ(approved->text, "# Acta\n\nSe abre.\n");
    EXPECT_EQ(approved->version, 3);
    EXPECT_TRUE(approved->published);
    const std::string canonical = fmt::format(
        "Metrópoli acta / minutes\nminutes: {}\nbody: {}\nmeeting: {}\ndate: 2020-06-15\n\n# Acta\n\nSe "
        "abre.\n",
        m.id, m_body, g);
    EXPECT_EQ(approved->text_sha256, access::sha256_hex(canonical));
    ASSERT_EQ(approved->signatories.size(), 2u) << "the present seat and the alternate's, not the absent one";
    EXPECT_EQ(approved->signatories[0].seat, m_seats[0]);
    EXPECT_EQ(approved->signatories[0].person, "Persona de prueba");
    EXPECT_EQ(approved->signatories[1].seat, m_seats[1]);
    EXPECT_TRUE(approved->signatories[1].alternate);
    // Published: anyone reads it, in the public list too.
    auto public_read = get_minutes(*m_db, access::Actor{}, m.id);
    ASSERT_TRUE(public_read);
    EXPECT_EQ(public_read->signatories.size(), 2u);
    EXPECT_EQ(list_minutes(*m_db, access::Actor{}, {})->size(), 1u);
    EXPECT_EQ(meeting_minutes(*m_db, access::Actor{}, g)->id, m.id);
    auto verified = verify_minutes(*m_db, access::Actor{}, m.id);
    ASSERT_TRUE(verified);
    EXPECT_TRUE(verified->intact());
    auto chain = access::verify_chain(*m_db);
    ASSERT_TRUE(chain);
    EXPECT_TRUE(chain->intact());
    access::AuditFilter filter;
    filter.entity = "minutes:" + std::to_string(m.id);
    auto entries = access::audit_entries(*m_db, filter);
    ASSERT_TRUE(entries);
    ASSERT_EQ(entries->size(), 3u);
}

TEST_P(MinutesStore, ApprovedMinutesAreImmutableInTheStoreAndInSql) {
    set_body("minutes_approval", "coordinator");
    const int64_t g = meeting();
    attend(g, 0, "present");
    const Minutes m = drafted(g);
    ASSERT_TRUE(propose_amendment(*m_db, m_clock, m_coordinator, "", m.id, "", "Añadido."));
    ASSERT_TRUE(approve_minutes(*m_db, m_clock, m_coordinator, "", m.id, 1));
    const auto after = *get_minutes(*m_db, access::Actor{}, m.id);
    auto edit = edit_minutes(*m_db, m_clock, m_coordinator, "", m.id, after.version, "cambio");
    ASSERT_FALSE(edit);
    EXPECT_EQ(edit.error().code, ErrorCode::conflict);
    EXPECT_NE(edit.error().message.find("approved minutes are immutable; file a correction"),
              std::string::npos);
    EXPECT_EQ(approve_minutes(*m_db, m_clock, m_coordinator, "", m.id, after.version).error().code,
              ErrorCode::conflict);
    EXPECT_EQ(propose_amendment(*m_db, m_clock, m_coordinator, "", m.id, "", "x").error().code,
              ErrorCode::conflict);
    const int64_t pending = minutes_amendments(*m_db, m_coordinator, m.id)->front().id;
    EXPECT_EQ(decide_amendment(*m_db, m_clock, m_coordinator, "", pending, true, after.version).error().code,
              ErrorCode::conflict);
    const std::string id = std::to_string(m.id);
    EXPECT_TRUE(sql_refused("UPDATE minutes SET text = 'falsificada' WHERE id = " + id));
    EXPECT_TRUE(sql_refused("UPDATE minutes SET published = 0 WHERE id = " + id));
    EXPECT_TRUE(sql_refused("DELETE FROM minutes WHERE id = " + id));
    const auto still = *get_minutes(*m_db, access::Actor{}, m.id);
    EXPECT_EQ(still.text, after.text);
    EXPECT_EQ(still.version, after.version);
    EXPECT_TRUE(verify_minutes(*m_db, access::Actor{}, m.id)->intact());
    // A draft is still an ordinary row.
    const Minutes other = drafted(meeting("2020-07-01"));
    EXPECT_FALSE(sql_refused("UPDATE minutes SET text = 'borrador' WHERE id = " + std::to_string(other.id)));
}

TEST_P(MinutesStore, OnlyThoseWhoAttendedForASeatAmendAndTheCoordinatorAcceptsOrRejects) {
    const int64_t g = meeting();
    attend(g, 0, "present");
    attend(g, 1, "absent");
    attend(g, 2, "alternate_present");
    const auto holder = member("holder@example.org", 0);
    const auto absent = member("absent@example.org", 1);
    const auto alternate = member("alternate@example.org", 2, true);
    const auto holder_of_2 = member("holder2@example.org", 2);  // the holder of the seat her alternate filled
    const auto outsider =
        actor_of(account("editor@example.org", {{access::Role::editor, organisation("X")}}));
    const Minutes m = drafted(g, "# Acta\n\nAsistieron cinco asientos.\n");
    auto by_holder = propose_amendment(*m_db, m_clock, holder, "r1", m.id, "cinco", "tres");
    ASSERT_TRUE(by_holder) << by_holder.error().message;
    EXPECT_EQ(by_holder->seat, m_seats[0]);
    EXPECT_EQ(by_holder->person_name, "Persona de prueba");
    EXPECT_EQ(by_holder->state, "proposed");
    auto by_alternate = propose_amendment(*m_db, m_clock, alternate, "", m.id, "", "Se levanta la sesión.");
    ASSERT_TRUE(by_alternate) << by_alternate.error().message;
    EXPECT_EQ(by_alternate->seat, m_seats[2]);
    EXPECT_EQ(propose_amendment(*m_db, m_clock, absent, "", m.id, "", "x").error().code,
              ErrorCode::forbidden);
    EXPECT_EQ(propose_amendment(*m_db, m_clock, holder_of_2, "", m.id, "", "x").error().code,
              ErrorCode::forbidden);
    EXPECT_EQ(propose_amendment(*m_db, m_clock, outsider, "", m.id, "", "x").error().code,
              ErrorCode::not_found);
    auto missing = propose_amendment(*m_db, m_clock, holder, "", m.id, "seis", "siete");
    EXPECT_EQ(missing.error().message.rfind("/replaces:", 0), 0u) << missing.error().message;
    // Members read the amendments; a member may not decide them.
    EXPECT_EQ(minutes_amendments(*m_db, holder, m.id)->size(), 2u);
    EXPECT_EQ(decide_amendment(*m_db, m_clock, holder, "", by_holder->id, true, 1).error().code,
              ErrorCode::forbidden);
    EXPECT_EQ(decide_amendment(*m_db, m_clock, m_coordinator, "", by_holder->id, true, 9).error().code,
              ErrorCode::precondition_failed);
    auto accepted = decide_amendment(*m_db, m_clock, m_coordinator, "", by_holder->id, true, 1);
    ASSERT_TRUE(accepted) << accepted.error().message;
    EXPECT_EQ(accepted->text, "# Acta\n\nAsistieron tres asientos.\n");
    EXPECT_EQ(accepted->version, 2);
    EXPECT_EQ(decide_amendment(*m_db, m_clock, m_coordinator, "", by_holder->id, false, 2).error().code,
              ErrorCode::conflict);
    auto rejected = decide_amendment(*m_db, m_clock, m_coordinator, "", by_alternate->id, false, 2);
    ASSERT_TRUE(rejected) << rejected.error().message;
    EXPECT_EQ(rejected->text, accepted->text);
    const auto kept = *minutes_amendments(*m_db, m_coordinator, m.id);
    ASSERT_EQ(kept.size(), 2u);
    EXPECT_EQ(kept[0].state, "accepted");
    EXPECT_EQ(kept[0].decided_by, m_coordinator.id);
    EXPECT_EQ(kept[1].state, "rejected");
    EXPECT_EQ(kept[1].author, alternate.id);
    // A coordinator amends too; an added paragraph lands at the end.
    auto added = propose_amendment(*m_db, m_clock, m_coordinator, "", m.id, "", "Cierre.");
    ASSERT_TRUE(added);
    EXPECT_FALSE(added->seat);
    EXPECT_EQ(decide_amendment(*m_db, m_clock, m_coordinator, "", added->id, true, 2)->text,
              "# Acta\n\nAsistieron tres asientos.\n\nCierre.\n");
}

TEST_P(MinutesStore, AVoteApprovesWithQuorumAndTheBodysMajorityAndTheAlternateVotesForTheSeat) {
    // The Mesa votes (the default) by simple majority with more than half of its six voting seats present.
    const int64_t g = meeting();
    attend(g, 0, "present");
    attend(g, 1, "present");
    attend(g, 2, "alternate_present");
    attend(g, 3, "absent");
    const auto holder = member("holder@example.org", 0);
    const auto alternate = member("alternate@example.org", 2, true);
    const Minutes m = drafted(g);
    auto tally = minutes_tally(*m_db, m_coordinator, m.id);
    ASSERT_TRUE(tally);
    EXPECT_EQ(tally->voting_seats, 6);
    EXPECT_EQ(tally->attending, 3);
    EXPECT_EQ(tally->quorum_needed, 4);
    EXPECT_FALSE(tally->quorum);
    EXPECT_EQ(approve_minutes(*m_db, m_clock, m_coordinator, "", m.id, 1).error().code, ErrorCode::conflict);
    attend(g, 4, "present");
    auto first = cast_vote(*m_db, m_clock, holder, "", m.id, std::nullopt, "for");
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_TRUE(first->quorum);
    EXPECT_EQ(first->for_votes, 1);
    EXPECT_EQ(first->not_voted, 3);
    EXPECT_EQ(cast_vote(*m_db, m_clock, holder, "", m.id, std::nullopt, "against").error().code,
              ErrorCode::conflict);
    EXPECT_EQ(
        cast_vote(*m_db, m_clock, m_cli, "", m.id, m_seats[1], "maybe").error().message.rfind("/choice:", 0),
        0u);
    EXPECT_EQ(
        cast_vote(*m_db, m_clock, m_cli, "", m.id, m_seats[3], "for").error().message.rfind("/seat:", 0), 0u);
    EXPECT_EQ(cast_vote(*m_db, m_clock, m_coordinator, "", m.id, std::nullopt, "for").error().code,
              ErrorCode::forbidden);
    auto against = cast_vote(*m_db, m_clock, m_cli, "", m.id, m_seats[1], "against");
    ASSERT_TRUE(against) << against.error().message;
    EXPECT_EQ(against->needed, 2);
    EXPECT_FALSE(against->carried);
    auto refused = approve_minutes(*m_db, m_clock, m_coordinator, "", m.id, 1);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::conflict);
    EXPECT_NE(refused.error().message.find("1 for, 1 against, 0 abstaining; 2 for are needed"),
              std::string::npos)
        << refused.error().message;
    // Once voting started the text no longer changes.
    EXPECT_EQ(edit_minutes(*m_db, m_clock, m_coordinator, "", m.id, 1, "otra").error().code,
              ErrorCode::conflict);
    auto by_alternate = cast_vote(*m_db, m_clock, alternate, "", m.id, std::nullopt, "for");
    ASSERT_TRUE(by_alternate) << by_alternate.error().message;
    EXPECT_TRUE(by_alternate->carried);
    const auto votes = *minutes_votes(*m_db, m_coordinator, m.id);
    ASSERT_EQ(votes.size(), 3u);
    EXPECT_TRUE(votes[2].by_alternate);
    EXPECT_EQ(votes[2].seat, m_seats[2]);
    auto approved = approve_minutes(*m_db, m_clock, m_coordinator, "", m.id, 1);
    ASSERT_TRUE(approved) << approved.error().message;
    EXPECT_EQ(approved->approval_method, "vote");
    ASSERT_EQ(approved->signatories.size(), 2u) << "those who voted for";
    EXPECT_EQ(approved->signatories[0].seat, m_seats[0]);
    EXPECT_EQ(approved->signatories[1].seat, m_seats[2]);
    EXPECT_TRUE(approved->signatories[1].alternate);
    EXPECT_EQ(cast_vote(*m_db, m_clock, m_cli, "", m.id, m_seats[4], "for").error().code,
              ErrorCode::conflict);
}

TEST_P(MinutesStore, AbsoluteAndTwoThirdsMajoritiesCountTheSeatsAndAPrivateBodyDoesNotPublish) {
    set_body("majority", "absolute");
    set_body("visibility", "private");
    const int64_t g = meeting();
    for (std::size_t s = 0; s < 4; ++s) attend(g, s, "present");
    const Minutes m = drafted(g);
    for (std::size_t s = 0; s < 3; ++s)
        ASSERT_TRUE(cast_vote(*m_db, m_clock, m_cli, "", m.id, m_seats[s], "for"));
    auto tally = *minutes_tally(*m_db, m_coordinator, m.id);
    EXPECT_EQ(tally.needed, 4) << "more than half of the six voting seats";
    EXPECT_FALSE(tally.carried);
    set_body("majority", "two_thirds");
    tally = *minutes_tally(*m_db, m_coordinator, m.id);
    EXPECT_EQ(tally.needed, 3) << "two thirds of the four present";
    EXPECT_TRUE(tally.carried);
    auto approved = approve_minutes(*m_db, m_clock, m_coordinator, "", m.id, 1);
    ASSERT_TRUE(approved) << approved.error().message;
    EXPECT_FALSE(approved->published);
    EXPECT_EQ(get_minutes(*m_db, access::Actor{}, m.id).error().code, ErrorCode::not_found);
    EXPECT_TRUE(list_minutes(*m_db, access::Actor{}, {})->empty());
    EXPECT_EQ(list_minutes(*m_db, m_coordinator, {.published_only = false})->size(), 1u);
}

TEST_P(MinutesStore, ACorrectionIsANewMinutesThatNamesTheApprovedOne) {
    set_body("minutes_approval", "coordinator");
    const int64_t g = meeting();
    attend(g, 0, "present");
    const Minutes m = drafted(g, "Asistió la jurisdicción de Torreón.\n");
    EXPECT_EQ(correct_minutes(*m_db, m_clock, m_coordinator, "", m.id, "").error().code, ErrorCode::conflict);
    ASSERT_TRUE(approve_minutes(*m_db, m_clock, m_coordinator, "", m.id, 1));
    auto correction = correct_minutes(*m_db, m_clock, m_coordinator, "req-c", m.id, "");
    ASSERT_TRUE(correction) << correction.error().message;
    EXPECT_EQ(correction->state, "draft");
    EXPECT_EQ(correction->corrects, m.id);
    EXPECT_EQ(correction->meeting, g);
    EXPECT_EQ(correction->text, "Asistió la jurisdicción de Torreón.\n");
    EXPECT_EQ(correct_minutes(*m_db, m_clock, m_coordinator, "", m.id, "").error().code, ErrorCode::conflict);
    auto original = get_minutes(*m_db, access::Actor{}, m.id);
    EXPECT_EQ(original->corrected_by, correction->id);
    EXPECT_EQ(original->state, "approved");
    ASSERT_TRUE(edit_minutes(*m_db, m_clock, m_coordinator, "", correction->id, 1,
                             "Asistió la Jurisdicción Sanitaria de Torreón, Matamoros y Viesca.\n"));
    auto approved = approve_minutes(*m_db, m_clock, m_coordinator, "", correction->id, 2);
    ASSERT_TRUE(approved) << approved.error().message;
    const auto computed = verify_minutes(*m_db, access::Actor{}, correction->id);
    EXPECT_TRUE(computed->intact());
    EXPECT_NE(approved->text_sha256, original->text_sha256);
    EXPECT_EQ(meeting_minutes(*m_db, access::Actor{}, g)->id, m.id) << "the meeting's minutes stay the first";
    EXPECT_EQ(list_minutes(*m_db, access::Actor{}, {})->size(), 2u);
}

TEST_P(MinutesStore, TheExampleMeetingOfFourMayGetsApprovedExampleMinutesOnce) {
    EXPECT_EQ(*seed_example_minutes(*m_db, m_clock, "laguna"), 0) << "no meeting yet";
    ASSERT_TRUE(seed_meetings(*m_db, m_clock, "laguna"));
    auto example = find_example_meeting(*m_db);
    ASSERT_TRUE(example && *example);
    const int64_t g = (*example)->id;
    EXPECT_EQ(*seed_example_minutes(*m_db, m_clock, "other"), 0);
    auto seeded = seed_example_minutes(*m_db, m_clock, "laguna");
    ASSERT_TRUE(seeded) << seeded.error().message;
    EXPECT_EQ(*seeded, 1);
    EXPECT_EQ(*seed_example_minutes(*m_db, m_clock, "laguna"), 0);
    auto m = meeting_minutes(*m_db, access::Actor{}, g);
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_TRUE(m->example);
    EXPECT_EQ(m->state, "approved");
    EXPECT_TRUE(m->published);
    EXPECT_NE(m->text.find("Ejemplo"), std::string::npos);
    EXPECT_TRUE(verify_minutes(*m_db, access::Actor{}, m->id)->intact());
    EXPECT_EQ(m->signatories.size(), 6u) << "the six seats the example meeting has present";
}

INSTANTIATE_TEST_SUITE_P(Engines, MinutesStore, ::testing::ValuesIn(storage::testing::all_engines()),
                         param_name);

}  // namespace
}  // namespace metropoli::coordination::testing
