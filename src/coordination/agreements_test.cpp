// SPDX-License-Identifier: MIT
// Agreements and their follow-up on both engines: statuses, agreements decided in a meeting, progress by the
// owner's editors (and not by another organisation's), the weighted roll-up, evidence documents, the
// timeline, overdue lists and scorecards computed by hand, the all-or-nothing CSV import, the exports, the
// links of decision traceability and the demo's example agreements.
#include "coordination/agreements.hpp"

#include <gtest/gtest.h>

#include "access/audit.hpp"
#include "access/organisations.hpp"
#include "coordination/bodies.hpp"
#include "coordination/coordination_fixture.hpp"
#include "coordination/meetings.hpp"

namespace metropoli::coordination::testing {
namespace {

class Agreements : public CoordinationTest {
protected:
    void SetUp() override {
        CoordinationTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        ASSERT_TRUE(access::seed_organisations(*m_db, m_clock, "laguna"));
        ASSERT_TRUE(seed_bodies(*m_db, m_clock, "laguna"));
        torreon = access::find_seed_organisation(*m_db, "torreon-ejecutivo")->id;
        gomez = access::find_seed_organisation(*m_db, "gomez-palacio-salud")->id;
        coordinator = actor_of(account("coord@example.org", {{access::Role::coordinator}}));
        torreon_editor = actor_of(account("torreon@example.org", {{access::Role::editor, torreon}}));
        gomez_editor = actor_of(account("gomez@example.org", {{access::Role::editor, gomez}}));
        meeting = insert_meeting("2020-05-04", 0);
    }

    // A meeting of the Mesa by plain SQL: the tests here need only its row.
    int64_t insert_meeting(const std::string& day, int example) {
        long long body = 0, id = 0;
        m_db->session() << "SELECT MIN(id) FROM bodies", soci::into(body);
        const std::string starts = day + "T16:00:00Z", ends = day + "T18:00:00Z", now = m_clock.now_iso();
        m_db->session()
            << "INSERT INTO meetings (body_id, title, starts_at, ends_at, mode, example, created_at, "
               "updated_at) VALUES (:b, 'Sesión de instalación', :s, :e, 'online', :x, :c, :u) "
               "RETURNING id",
            soci::use(body), soci::use(starts), soci::use(ends), soci::use(example), soci::use(now),
            soci::use(now), soci::into(id);
        return id;
    }

    NewAgreement agreement(const std::string& reference, int64_t owner, std::optional<int64_t> parent = {},
                           std::optional<double> weight = {}) {
        NewAgreement a;
        a.reference = reference;
        a.meeting = meeting;
        a.title = "Acuerdo " + reference;
        a.responsible = owner;
        a.parent = parent;
        a.weight = weight;
        a.jurisdictions = {"05035"};
        a.start_date = day("2020-05-04");
        a.due_date = day("2020-06-01");
        return a;
    }

    Agreement made(const NewAgreement& a) {
        auto m = create_agreement(*m_db, m_clock, coordinator, "", a);
        EXPECT_TRUE(m) << m.error().message;
        return m ? *m : Agreement{};
    }

    Result<ProgressUpdate> report(const access::Actor& who, int64_t id, double progress,
                                  const char* on = "2020-05-20") {
        NewProgress p;
        p.reported_on = day(on);
        p.progress = progress;
        p.text = "avance";
        p.evidence_url = "https://torreon.gob.mx/boletin/1";
        return report_progress(*m_db, m_clock, who, "", id, p);
    }

    double progress_of(int64_t id) { return get_agreement(*m_db, access::Actor{}, id)->progress; }
    static Date day(const char* iso) { return *Date::parse_iso(iso); }

    int64_t torreon = 0, gomez = 0, meeting = 0;
    access::Actor coordinator, torreon_editor, gomez_editor;
};

TEST_P(Agreements, TheDefaultStatusesAreSeededAndACoordinatorKeepsTheList) {
    auto statuses = list_statuses(*m_db);
    ASSERT_TRUE(statuses) << statuses.error().message;
    ASSERT_EQ(statuses->size(), 4u);
    EXPECT_EQ((*statuses)[0].key, "not_started");
    EXPECT_EQ((*statuses)[1].typical_progress, 50);
    EXPECT_TRUE((*statuses)[2].closed);
    EXPECT_EQ((*statuses)[3].key, "cancelled");
    AgreementStatus blocked{0, "blocked", "Detenido", "Blocked", 25, 5, false, 1};
    EXPECT_EQ(create_status(*m_db, m_clock, torreon_editor, "", blocked).error().code, ErrorCode::forbidden);
    ASSERT_TRUE(create_status(*m_db, m_clock, coordinator, "", blocked));
    EXPECT_EQ(create_status(*m_db, m_clock, coordinator, "", blocked).error().code, ErrorCode::conflict);
    blocked.typical_progress = 140;
    auto bad = update_status(*m_db, m_clock, coordinator, "", "blocked", 1, blocked);
    EXPECT_EQ(bad.error().message.rfind("/typical_progress:", 0), 0u) << bad.error().message;
    blocked.typical_progress = 30;
    auto updated = update_status(*m_db, m_clock, coordinator, "", "blocked", 1, blocked);
    ASSERT_TRUE(updated) << updated.error().message;
    EXPECT_EQ(updated->typical_progress, 30);
    EXPECT_EQ(updated->version, 2);
    EXPECT_EQ(update_status(*m_db, m_clock, coordinator, "", "blocked", 1, blocked).error().code,
              ErrorCode::precondition_failed);
    made(agreement("A-1", torreon));
    EXPECT_EQ(delete_status(*m_db, m_clock, coordinator, "", "not_started", 1).error().code,
              ErrorCode::conflict);
    ASSERT_TRUE(delete_status(*m_db, m_clock, coordinator, "", "blocked", 2));
    EXPECT_EQ(list_statuses(*m_db)->size(), 4u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'agreement_status.%'"), 3);
}

TEST_P(Agreements, AnAgreementIsDecidedInAMeetingAndEditedWithItsVersion) {
    auto without = agreement("A-1", torreon);
    without.meeting.reset();
    EXPECT_EQ(
        create_agreement(*m_db, m_clock, coordinator, "", without).error().message.rfind("/meeting:", 0), 0u);
    without.imported = true;
    EXPECT_TRUE(create_agreement(*m_db, m_clock, coordinator, "", without));
    auto bad = agreement("A-2", torreon);
    bad.jurisdictions = {"Torreón"};
    EXPECT_EQ(
        create_agreement(*m_db, m_clock, coordinator, "", bad).error().message.rfind("/jurisdictions/0:", 0),
        0u);
    bad = agreement("A-2", torreon);
    bad.due_date = day("2020-05-01");
    EXPECT_EQ(create_agreement(*m_db, m_clock, coordinator, "", bad).error().message.rfind("/due_date:", 0),
              0u);
    EXPECT_EQ(create_agreement(*m_db, m_clock, torreon_editor, "", agreement("A-2", torreon)).error().code,
              ErrorCode::forbidden);
    EXPECT_EQ(create_agreement(*m_db, m_clock, coordinator, "", agreement("A-1", torreon)).error().code,
              ErrorCode::conflict);
    auto a = made(agreement("A-2", torreon));
    EXPECT_EQ(a.meeting_date->iso(), "2020-05-04");
    EXPECT_EQ(a.status.key, "not_started");
    EXPECT_EQ(a.version, 1);
    AgreementEdit e;
    e.title = "Horarios comunes";
    e.coresponsibles = std::vector<int64_t>{gomez};
    auto edited = edit_agreement(*m_db, m_clock, coordinator, "req-9", a.id, 1, e);
    ASSERT_TRUE(edited) << edited.error().message;
    EXPECT_EQ(edited->version, 2);
    EXPECT_EQ(edited->title, "Horarios comunes");
    ASSERT_EQ(edited->coresponsibles.size(), 1u);
    EXPECT_EQ(edited->coresponsibles[0].id, gomez);
    auto stale = edit_agreement(*m_db, m_clock, coordinator, "", a.id, 1, e);
    EXPECT_EQ(stale.error().code, ErrorCode::precondition_failed);
    AgreementEdit loop;
    loop.parent = std::optional<int64_t>(a.id);
    EXPECT_EQ(
        edit_agreement(*m_db, m_clock, coordinator, "", a.id, 2, loop).error().message.rfind("/parent:", 0),
        0u);
    AgreementFilter by_gomez;
    by_gomez.organisation = gomez;
    EXPECT_EQ(list_agreements(*m_db, access::Actor{}, by_gomez)->size(), 1u);
    access::AuditFilter filter;
    filter.entity = "agreement:" + std::to_string(a.id);
    auto entries = access::audit_entries(*m_db, filter);
    ASSERT_EQ(entries->size(), 2u);
    EXPECT_EQ((*entries)[1].request_id, "req-9");
    EXPECT_EQ((*entries)[1].diff["title"]["before"], "Acuerdo A-2");
}

TEST_P(Agreements, TheOwnersEditorReportsProgressAndAnotherOrganisationsEditorIsRefused) {
    auto a = made(agreement("A-1", torreon));
    // An editor of Gómez Palacio health cannot update an agreement owed by the Torreón municipal executive.
    auto refused = report(gomez_editor, a.id, 40);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
    EXPECT_EQ(report(access::Actor{}, a.id, 40).error().code, ErrorCode::unauthenticated);
    EXPECT_EQ(count("SELECT COUNT(*) FROM progress_updates"), 0);
    auto reported = report(torreon_editor, a.id, 40);
    ASSERT_TRUE(reported) << reported.error().message;
    EXPECT_EQ(reported->reported_by, torreon_editor.id);
    auto after = *get_agreement(*m_db, access::Actor{}, a.id);
    EXPECT_EQ(after.progress, 40);
    EXPECT_EQ(after.status.key, "in_progress");
    EXPECT_EQ(after.version, 2);
    NewProgress bad;
    bad.reported_on = day("2020-05-21");
    bad.progress = 120;
    EXPECT_EQ(
        report_progress(*m_db, m_clock, torreon_editor, "", a.id, bad).error().message.rfind("/progress:", 0),
        0u);
    bad.progress = 50;
    bad.evidence_url = "ftp://x";
    EXPECT_EQ(report_progress(*m_db, m_clock, torreon_editor, "", a.id, bad)
                  .error()
                  .message.rfind("/evidence_url:", 0),
              0u);
    ASSERT_TRUE(report(torreon_editor, a.id, 100, "2020-05-30"));
    EXPECT_EQ(get_agreement(*m_db, access::Actor{}, a.id)->status.key, "done");
    auto timeline = agreement_timeline(*m_db, access::Actor{}, a.id);
    ASSERT_TRUE(timeline) << timeline.error().message;
    ASSERT_EQ(timeline->size(), 3u);  // created, two progress updates
    EXPECT_EQ((*timeline)[0].kind, "change");
    EXPECT_EQ((*timeline)[0].detail["action"], "agreement.create");
    EXPECT_EQ((*timeline)[2].kind, "progress");
    EXPECT_EQ((*timeline)[2].detail["progress"], 100.0);
    EXPECT_TRUE(access::verify_chain(*m_db)->intact());
}

TEST_P(Agreements, AParentsProgressIsTheWeightedSumOfItsChildrenOrTheirMean) {
    auto parent = made(agreement("P", torreon));
    auto heavy = made(agreement("P.1", torreon, parent.id, 3.0));
    auto light = made(agreement("P.2", torreon, parent.id, 1.0));
    ASSERT_TRUE(report(torreon_editor, heavy.id, 40));
    ASSERT_TRUE(report(torreon_editor, light.id, 80));
    EXPECT_DOUBLE_EQ(progress_of(parent.id), 50.0);  // (3 * 40 + 1 * 80) / 4
    // A parent's progress is its children's: it takes no report of its own.
    EXPECT_EQ(report(torreon_editor, parent.id, 10).error().code, ErrorCode::conflict);
    // A child without weight: the mean of the three.
    auto third = made(agreement("P.3", torreon, parent.id));
    EXPECT_DOUBLE_EQ(progress_of(parent.id), 40.0);  // (40 + 80 + 0) / 3
    // Recursively up: a grandchild moves its parent and the grandparent in the same transaction.
    auto grandchild = made(agreement("P.3.1", torreon, third.id));
    ASSERT_TRUE(report(torreon_editor, grandchild.id, 90));
    EXPECT_DOUBLE_EQ(progress_of(third.id), 90.0);
    EXPECT_DOUBLE_EQ(progress_of(parent.id), 70.0);  // (40 + 80 + 90) / 3
    // An agreement with progress of its own cannot become a parent: its reports would be lost in a roll-up.
    auto adopted = agreement("P.1.1", torreon, heavy.id);
    EXPECT_EQ(create_agreement(*m_db, m_clock, coordinator, "", adopted).error().message.rfind("/parent:", 0),
              0u);
    EXPECT_GE(count("SELECT COUNT(*) FROM audit_log WHERE action = 'agreement.rollup'"), 5);
    EXPECT_DOUBLE_EQ(rolled_up({{10, 0.0}, {20, 0.0}}), 15.0);  // weights summing to zero: the mean
    EXPECT_DOUBLE_EQ(rolled_up({}), 0.0);
}

TEST_P(Agreements, EvidenceDocumentsAreStoredWithTheirHashAndSizeCheckedAndTyped) {
    auto a = made(agreement("A-1", torreon));
    NewProgress p;
    p.reported_on = day("2020-05-20");
    p.progress = 20;
    std::string bytes = "%PDF-1.4\n";
    bytes.push_back('\0');
    bytes += "\x01\xff binario";
    p.document = NewDocument{"oficio.pdf", "application/pdf", bytes};
    auto reported = report_progress(*m_db, m_clock, torreon_editor, "", a.id, p);
    ASSERT_TRUE(reported) << reported.error().message;
    ASSERT_TRUE(reported->document);
    EXPECT_EQ(reported->document->size, static_cast<int64_t>(bytes.size()));
    auto stored = get_document(*m_db, reported->document->id);
    ASSERT_TRUE(stored) << stored.error().message;
    EXPECT_EQ(stored->content, bytes);
    EXPECT_EQ(stored->sha256.size(), 64u);
    EXPECT_EQ(stored->media_type, "application/pdf");
    p.document = NewDocument{"x.exe", "application/x-msdownload", "MZ"};
    EXPECT_EQ(report_progress(*m_db, m_clock, torreon_editor, "", a.id, p)
                  .error()
                  .message.rfind("/document/media_type:", 0),
              0u);
    p.document = NewDocument{"grande.pdf", "application/pdf", std::string(k_max_document_bytes + 1, 'x')};
    EXPECT_EQ(
        report_progress(*m_db, m_clock, torreon_editor, "", a.id, p).error().message.rfind("/document:", 0),
        0u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM documents"), 1);
}

TEST_P(Agreements, OverdueListsAndScorecardsMatchTheNumbersComputedByHand) {
    // Torreón owes four: one done on time, one done late, one late, one open; one cancelled does not count.
    auto on_time = made(agreement("T-1", torreon));
    auto done_late = made(agreement("T-2", torreon));
    auto late = made(agreement("T-3", torreon));
    auto open = agreement("T-4", torreon);
    open.due_date = day("2020-06-10");
    auto opened = made(open);
    auto cancelled = made(agreement("T-5", torreon));
    AgreementEdit cancel;
    cancel.status = "cancelled";
    ASSERT_TRUE(edit_agreement(*m_db, m_clock, coordinator, "", cancelled.id, 1, cancel));
    // Gómez Palacio owes one, late.
    made(agreement("G-1", gomez));
    ASSERT_TRUE(report(torreon_editor, on_time.id, 100, "2020-05-30"));
    ASSERT_TRUE(report(torreon_editor, done_late.id, 100, "2020-06-03"));
    ASSERT_TRUE(report(torreon_editor, late.id, 60, "2020-05-30"));
    const Date as_of = day("2020-06-05");
    auto cards = scorecards(*m_db, access::Actor{}, as_of);
    ASSERT_TRUE(cards) << cards.error().message;
    ASSERT_EQ(cards->size(), 2u);
    const auto& g = (*cards)[0].organisation.id == gomez ? (*cards)[0] : (*cards)[1];
    const auto& t = (*cards)[0].organisation.id == torreon ? (*cards)[0] : (*cards)[1];
    EXPECT_EQ(t.owed, 4);
    EXPECT_EQ(t.done, 2);
    EXPECT_EQ(t.done_on_time, 1);
    EXPECT_EQ(t.late, 1);
    EXPECT_EQ(t.open_on_time, 1);
    EXPECT_EQ(g.owed, 1);
    EXPECT_EQ(g.late, 1);
    auto due = overdue(*m_db, access::Actor{}, as_of, 7);
    ASSERT_TRUE(due) << due.error().message;
    ASSERT_EQ(due->size(), 2u);
    for (const auto& o : *due) {
        if (o.organisation.id == torreon) {
            ASSERT_EQ(o.late.size(), 1u);
            EXPECT_EQ(o.late[0].reference, "T-3");
            ASSERT_EQ(o.due.size(), 1u);
            EXPECT_EQ(o.due[0].id, opened.id);
        } else {
            ASSERT_EQ(o.late.size(), 1u);
            EXPECT_EQ(o.late[0].reference, "G-1");
            EXPECT_TRUE(o.due.empty());
        }
    }
    AgreementFilter late_only;
    late_only.overdue_as_of = as_of;
    EXPECT_EQ(list_agreements(*m_db, access::Actor{}, late_only)->size(), 2u);
    // Nothing was late the day before the due date.
    auto early = overdue(*m_db, access::Actor{}, day("2020-05-31"), 0);
    EXPECT_TRUE(early->empty());
}

TEST_P(Agreements, ACsvImportWritesEveryRowOrNoneAndNamesEachBadRow) {
    const std::string good =
        "reference,title,responsible,meeting,parent,weight,jurisdictions,due_date\n"
        "I-1,Homologar,Municipio de Torreón," +
        std::to_string(meeting) +
        ",,,05035;10007,2020-06-30\n"
        "I-1.1,Horarios," +
        std::to_string(torreon) +
        ",,I-1,2,05035,2020-06-15\n"
        "I-1.2,Cubrebocas," +
        std::to_string(gomez) + ",,I-1,1,10007,\n";
    const std::string bad =
        "reference,title,responsible,meeting,parent,weight,jurisdictions,due_date\n"
        "J-1,Uno," +
        std::to_string(torreon) +
        ",,,,05035,2020-06-30\n"
        "J-2,Dos," +
        std::to_string(torreon) +
        ",,,,05035,30/06/2020\n"
        "J-3,Tres,Nadie,,,,05035,\n";
    auto refused = import_agreements_csv(*m_db, m_clock, torreon_editor, "", good);
    EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
    auto failed = import_agreements_csv(*m_db, m_clock, coordinator, "", bad);
    ASSERT_TRUE(failed) << failed.error().message;
    EXPECT_FALSE(failed->ok());
    EXPECT_EQ(failed->agreements, 0);
    // A file saved as latin-1 ("Gómez" as one byte 0xF3) is refused before any row is read, naming its line.
    const std::string latin1 = "reference,title,responsible\nL-1,Uno,Torre\xf3n\n";
    auto not_utf8 = import_agreements_csv(*m_db, m_clock, coordinator, "", latin1);
    ASSERT_TRUE(not_utf8) << not_utf8.error().message;
    ASSERT_EQ(not_utf8->problems.size(), 1u);
    EXPECT_EQ(not_utf8->problems[0].line, 2u);
    EXPECT_NE(not_utf8->problems[0].why.find("UTF-8"), std::string::npos);
    ASSERT_EQ(failed->problems.size(), 2u);
    EXPECT_EQ(failed->problems[0].line, 3u);
    EXPECT_EQ(failed->problems[0].column, "due_date");
    EXPECT_EQ(failed->problems[1].line, 4u);
    EXPECT_EQ(failed->problems[1].column, "responsible");
    EXPECT_EQ(count("SELECT COUNT(*) FROM agreements"), 0) << "one bad row: nothing imported";
    auto imported = import_agreements_csv(*m_db, m_clock, coordinator, "", good);
    ASSERT_TRUE(imported) << imported.error().message;
    ASSERT_TRUE(imported->ok()) << import_report_json(*imported).dump();
    EXPECT_EQ(imported->agreements, 3);
    auto child = *find_agreement(*m_db, access::Actor{}, "I-1.1");
    EXPECT_TRUE(child.imported);
    EXPECT_EQ(child.weight, 2.0);
    // Progress, all or nothing too; a row for another organisation's agreement is refused, naming its line.
    const std::string progress_bad =
        "reference,reported_on,progress,text\n"
        "I-1.1,2020-05-20,60,horarios publicados\n"
        "I-1.2,2020-05-20,100,cubrebocas\n";
    auto partial = import_progress_csv(*m_db, m_clock, torreon_editor, "", progress_bad);
    ASSERT_TRUE(partial);
    ASSERT_EQ(partial->problems.size(), 1u);
    EXPECT_EQ(partial->problems[0].line, 3u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM progress_updates"), 0);
    auto progress = import_progress_csv(*m_db, m_clock, coordinator, "", progress_bad);
    ASSERT_TRUE(progress && progress->ok());
    EXPECT_EQ(progress->progress, 2);
    EXPECT_DOUBLE_EQ(find_agreement(*m_db, access::Actor{}, "I-1")->progress, 73.33);  // (2*60 + 100) / 3
    auto missing = import_agreements_csv(*m_db, m_clock, coordinator, "", "reference,title\nX,Y\n");
    ASSERT_EQ(missing->problems.size(), 1u);
    EXPECT_EQ(missing->problems[0].column, "responsible");
}

TEST_P(Agreements, ExportsCarryEveryAgreementAsCsvJsonAndXlsx) {
    auto parent = made(agreement("E-1", torreon));
    auto child = agreement("E-1.1", gomez, parent.id, 1.5);
    child.title = "Con coma, y \"comillas\"";
    made(child);
    auto all = *list_agreements(*m_db, access::Actor{});
    const std::string csv = agreements_csv(all);
    EXPECT_EQ(csv.rfind("id,reference,title,text,meeting,meeting_date,parent,weight,", 0), 0u);
    EXPECT_NE(csv.find("\"Con coma, y \"\"comillas\"\"\""), std::string::npos);
    EXPECT_NE(csv.find(",E-1,1.5,"), std::string::npos) << csv;
    EXPECT_EQ(agreements_export_json(all)["count"], 2);
    auto xlsx = agreements_xlsx(all);
    ASSERT_TRUE(xlsx) << xlsx.error().message;
    EXPECT_EQ(xlsx->substr(0, 2), "PK");
    EXPECT_GT(xlsx->size(), 1000u);
}

TEST_P(Agreements, AnAgreementLeadsToItsMeetingMinutesFiguresClauseAndProgress) {
    auto a = made(agreement("L-1", torreon));
    ASSERT_TRUE(report(torreon_editor, a.id, 30));
    const std::string now = m_clock.now_iso();
    long long meeting_id = meeting, minutes = 0, convenio = 0, clause = 0, agreement_id = a.id;
    m_db->session() << "INSERT INTO minutes (meeting_id, state, text, approved_at, text_sha256, created_at, "
                       "updated_at) VALUES (:m, 'approved', 'Acta', :a, 'abc', :c, :u) RETURNING id",
        soci::use(meeting_id), soci::use(now), soci::use(now), soci::use(now), soci::into(minutes);
    m_db->session() << "INSERT INTO convenios (title, created_at, updated_at) VALUES ('Convenio', :c, :u) "
                       "RETURNING id",
        soci::use(now), soci::use(now), soci::into(convenio);
    m_db->session()
        << "INSERT INTO convenio_clauses (convenio_id, number, task, title, text, created_at, "
           "updated_at) VALUES (:v, 'Segunda', 'homologar', 'Homologar', 't', :c, :u) RETURNING id",
        soci::use(convenio), soci::use(now), soci::use(now), soci::into(clause);
    m_db->session() << "INSERT INTO clause_agreements (clause_id, agreement_id) VALUES (:c, :a)",
        soci::use(clause), soci::use(agreement_id);
    auto detail = agreement_detail_json(*m_db, access::Actor{}, a.id);
    ASSERT_TRUE(detail) << detail.error().message;
    const auto& links = (*detail)["links"];
    EXPECT_EQ(links["meeting"]["id"], meeting);
    EXPECT_EQ(links["meeting"]["date"], "2020-05-04");
    EXPECT_EQ(links["minutes"]["id"], minutes);
    EXPECT_EQ(links["assessment"]["api"], "/api/v1/indicators/zm-laguna/2020-05-04");
    EXPECT_EQ(links["assessment"]["web"], "/#/?date=2020-05-04");
    ASSERT_EQ(links["clauses"].size(), 1u);
    EXPECT_EQ(links["clauses"][0]["number"], "Segunda");
    ASSERT_EQ(links["progress_updates"].size(), 1u);
    EXPECT_EQ(links["progress_updates"][0]["evidence_url"], "https://torreon.gob.mx/boletin/1");
}

TEST_P(Agreements, TheDemoSeedsExampleAgreementsOnTheExampleMeetingOnce) {
    EXPECT_EQ(*seed_example_agreements(*m_db, m_clock, "laguna"), 0) << "no example meeting yet";
    ASSERT_TRUE(seed_meetings(*m_db, m_clock, "laguna"));
    EXPECT_EQ(*seed_example_agreements(*m_db, m_clock, "other"), 0);
    auto seeded = seed_example_agreements(*m_db, m_clock, "laguna");
    ASSERT_TRUE(seeded) << seeded.error().message;
    EXPECT_EQ(*seeded, 5);
    EXPECT_EQ(*seed_example_agreements(*m_db, m_clock, "laguna"), 0);
    auto parent = find_agreement(*m_db, access::Actor{}, "MSL-2020-05-04-01");
    ASSERT_TRUE(parent);
    EXPECT_TRUE(parent->example);
    EXPECT_EQ(parent->children.size(), 3u);
    EXPECT_DOUBLE_EQ(parent->progress, 50.0);  // (2 * 50 + 1 * 100 + 1 * 0) / 4
    EXPECT_EQ(parent->status.key, "in_progress") << "its children reported progress";
    EXPECT_EQ(count("SELECT COUNT(*) FROM agreements WHERE example = 1"), 5);
}

INSTANTIATE_TEST_SUITE_P(Engines, Agreements, ::testing::ValuesIn(storage::testing::all_engines()),
                         param_name);

}  // namespace
}  // namespace metropoli::coordination::testing
