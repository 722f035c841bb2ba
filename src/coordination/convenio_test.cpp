// SPDX-License-Identifier: MIT
// The convenio on both engines: the seeded draft example of La Laguna, the status transitions (and the
// refused ones, with their reason), signatures that put it in force, expiry by the clock, clause edits only
// while draft and with their version, and each clause's progress rolled up from its agreements by hand.
#include "coordination/convenio.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "access/audit.hpp"
#include "coordination/agreements.hpp"
#include "coordination/bodies.hpp"
#include "coordination/coordination_fixture.hpp"
#include "coordination/meetings.hpp"

namespace metropoli::coordination::testing {
namespace {

class Convenios : public CoordinationTest {
protected:
    // An imported agreement owned by `owner` with a stored progress (the agreements store writes that column;
    // here it is set by hand).
    int64_t agreement(const std::string& reference, double progress, int64_t owner) {
        if (m_status == 0) {
            m_db->session()
                << "INSERT INTO agreement_statuses (key, name_es, name_en, typical_progress) VALUES "
                   "('convenio-test', 'En curso', 'Ongoing', 50) RETURNING id",
                soci::into(m_status);
        }
        long long id = 0;
        const std::string now = m_clock.now_iso();
        long long o = owner;
        const std::string title =
            "Acuerdo " + reference;  // bound by reference: it must outlive the statement
        m_db->session()
            << "INSERT INTO agreements (reference, imported, title, responsible_id, status_id, "
               "progress, created_at, updated_at) VALUES (:r, 1, :t, :o, :s, :p, :c, :u) RETURNING id",
            soci::use(reference), soci::use(title), soci::use(o), soci::use(m_status), soci::use(progress),
            soci::use(now), soci::use(now), soci::into(id);
        return id;
    }
    void set_progress(int64_t agreement, double progress) {
        long long id = agreement;
        m_db->session() << "UPDATE agreements SET progress = :p WHERE id = :id", soci::use(progress),
            soci::use(id);
    }
    Convenio draft_with(int parties) {
        ConvenioFields f;
        f.title = "Convenio de prueba";
        f.region_id = "laguna";
        f.valid_to = Date::from_ymd(2026, 12, 31);
        auto c = create_convenio(*m_db, m_clock, m_cli, "", f);
        EXPECT_TRUE(c) << c.error().message;
        for (int i = 0; i < parties; ++i) {
            c = add_party(
                *m_db, m_clock, m_cli, "", c->id, c->version,
                {organisation("Parte " + std::to_string(i), "state_government"), "state_government"});
            EXPECT_TRUE(c) << c.error().message;
        }
        c = add_clause(*m_db, m_clock, m_cli, "", c->id, c->version,
                       {"PRIMERA", std::nullopt, "coordinar", "Objeto", "Coordinarse."});
        EXPECT_TRUE(c) << c.error().message;
        return *c;
    }
    NewSignature signature(int64_t party) {
        return {party,          "Persona Firmante", "Titular", *Date::from_ymd(2026, 3, 10),
                "scanned_copy", "sha256:0f3a"};
    }
    long long m_status = 0;
};

TEST_P(Convenios, TheLagunaPresetSeedsADraftExampleWithTheDecksFourTasksOnce) {
    ASSERT_TRUE(access::seed_organisations(*m_db, m_clock, "laguna"));
    auto seeded = seed_example_convenio(*m_db, m_clock, "laguna");
    ASSERT_TRUE(seeded) << seeded.error().message;
    EXPECT_EQ(*seeded, 1);
    EXPECT_EQ(*seed_example_convenio(*m_db, m_clock, "laguna"), 0);
    EXPECT_EQ(*seed_example_convenio(*m_db, m_clock, "saltillo"), 0);
    auto all = list_convenios(*m_db);
    ASSERT_TRUE(all) << all.error().message;
    ASSERT_EQ(all->size(), 1u);
    const Convenio& c = all->front();
    EXPECT_EQ(c.title,
              "Convenio de coordinación metropolitana de salud pública de La Laguna (borrador de ejemplo)");
    EXPECT_EQ(c.status, "draft");
    EXPECT_TRUE(c.example);
    EXPECT_TRUE(c.seed);
    ASSERT_EQ(c.parties.size(), 6u);
    EXPECT_EQ(c.parties[0].organisation_name, "Ejecutivo del Estado de Coahuila");
    EXPECT_EQ(c.parties[0].kind, "state_government");
    EXPECT_EQ(c.parties[5].kind, "civil_society");
    EXPECT_EQ(c.signed_parties, 0);
    for (const auto& p : c.parties) EXPECT_FALSE(p.signature) << "an example is never signed";
    ASSERT_EQ(c.clauses.size(), 8u);
    std::set<std::string> tasks;
    for (const auto& k : c.clauses)
        if (k.task) tasks.insert(*k.task);
    EXPECT_EQ(tasks, (std::set<std::string>{"analizar", "coordinar", "homologar", "comunicar"}));
    EXPECT_NE(c.clauses[0].text.find("BORRADOR DE EJEMPLO"), std::string::npos);
    EXPECT_FALSE(c.clauses[1].progress) << "no agreement carries it out yet";
    EXPECT_FALSE(c.progress);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'convenio.%'"), 1 + 6 + 8);
}

TEST_P(Convenios, TheDraftExampleCarriesTheExampleAgreementsOutClauseByClauseWhenInitSeededThem) {
    ASSERT_TRUE(access::seed_organisations(*m_db, m_clock, "laguna"));
    ASSERT_TRUE(seed_bodies(*m_db, m_clock, "laguna"));
    ASSERT_TRUE(seed_meetings(*m_db, m_clock, "laguna"));
    auto agreements = seed_example_agreements(*m_db, m_clock, "laguna");
    ASSERT_TRUE(agreements) << agreements.error().message;
    ASSERT_EQ(*agreements, 5);
    auto seeded = seed_example_convenio(*m_db, m_clock, "laguna");
    ASSERT_TRUE(seeded) << seeded.error().message;
    const Convenio c = list_convenios(*m_db)->front();
    std::map<std::string, std::optional<double>> progress;
    std::map<std::string, size_t> linked;
    for (const auto& k : c.clauses) {
        progress[k.number] = k.progress;
        linked[k.number] = k.agreements.size();
    }
    // The example agreements' own progress (agreements_test): MSL-2020-05-04-02 25; -01.3 0; -01 the
    // roll-up of its children, (2 * 50 + 1 * 100 + 1 * 0) / 4 = 50.
    EXPECT_EQ(progress["SEGUNDA"], 25.0);
    EXPECT_EQ(progress["TERCERA"], 0.0);
    EXPECT_EQ(progress["SEXTA"], 50.0);
    EXPECT_FALSE(progress["PRIMERA"]);
    EXPECT_EQ(linked["SEGUNDA"] + linked["TERCERA"] + linked["SEXTA"], 3u);
    EXPECT_EQ(c.progress, (25.0 + 0.0 + 50.0) / 3);  // the mean of the three clauses that have a progress
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'convenio.clause.link'"), 3);
}

TEST_P(Convenios, StatusGoesFromDraftToInSignatureToInForceWhenEveryPartySignedAndExpiresByTheClock) {
    Convenio c = draft_with(2);
    ASSERT_EQ(c.parties.size(), 2u);
    auto early = set_convenio_status(*m_db, m_clock, m_cli, "", c.id, c.version, "in_force");
    ASSERT_FALSE(early);
    EXPECT_EQ(early.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(early.error().message.rfind("/status: no se puede pasar de draft a in_force", 0), 0u)
        << early.error().message;
    EXPECT_FALSE(sign(*m_db, m_clock, m_cli, "", c.id, c.version, signature(c.parties[0].id)))
        << "a draft is not signed";

    auto stale = set_convenio_status(*m_db, m_clock, m_cli, "", c.id, c.version - 1, "in_signature");
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::precondition_failed);

    auto in_signature = set_convenio_status(*m_db, m_clock, m_cli, "", c.id, c.version, "in_signature");
    ASSERT_TRUE(in_signature) << in_signature.error().message;
    EXPECT_EQ(in_signature->status, "in_signature");
    EXPECT_GT(in_signature->version, c.version);
    // No parties nor clauses are added once in signature.
    auto late_party =
        add_party(*m_db, m_clock, m_cli, "", c.id, in_signature->version, {organisation("Tardía"), "other"});
    ASSERT_FALSE(late_party);
    EXPECT_EQ(late_party.error().code, ErrorCode::conflict);
    auto late_edit = update_clause(*m_db, m_clock, m_cli, "", c.clauses[0].id, c.clauses[0].version,
                                   {"PRIMERA", std::nullopt, "coordinar", "Objeto", "Otro texto."});
    ASSERT_FALSE(late_edit);
    EXPECT_EQ(late_edit.error().code, ErrorCode::conflict);

    auto first = sign(*m_db, m_clock, m_cli, "", c.id, in_signature->version, signature(c.parties[0].id));
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(first->status, "in_signature");
    EXPECT_EQ(first->signed_parties, 1);
    ASSERT_TRUE(first->parties[0].signature);
    EXPECT_EQ(first->parties[0].signature->evidence, "scanned_copy");
    EXPECT_EQ(first->parties[0].signature->evidence_url, "sha256:0f3a");
    EXPECT_EQ(first->parties[0].signature->recorded_by, "cli:tester");
    auto twice = sign(*m_db, m_clock, m_cli, "", c.id, first->version, signature(c.parties[0].id));
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, ErrorCode::conflict);
    auto back = set_convenio_status(*m_db, m_clock, m_cli, "", c.id, first->version, "draft");
    ASSERT_FALSE(back) << "once a party signed the text is fixed";
    EXPECT_NE(back.error().message.find("a party has signed"), std::string::npos);
    auto not_all = set_convenio_status(*m_db, m_clock, m_cli, "", c.id, first->version, "in_force");
    ASSERT_FALSE(not_all);
    EXPECT_NE(not_all.error().message.find("1 of 2 parties signed"), std::string::npos)
        << not_all.error().message;

    auto future = signature(c.parties[1].id);
    future.signed_on = *Date::from_ymd(2026, 3, 13);
    auto refused_future = sign(*m_db, m_clock, m_cli, "", c.id, first->version, future);
    ASSERT_FALSE(refused_future);
    EXPECT_EQ(refused_future.error().message.rfind("/signed_on:", 0), 0u);

    auto last = sign(*m_db, m_clock, m_cli, "", c.id, first->version, signature(c.parties[1].id));
    ASSERT_TRUE(last) << last.error().message;
    EXPECT_EQ(last->status, "in_force") << "the last signature puts it in force";
    EXPECT_EQ(last->valid_from->iso(), "2026-03-12");
    EXPECT_EQ(last->signed_parties, 2);

    auto too_soon = set_convenio_status(*m_db, m_clock, m_cli, "", c.id, last->version, "expired");
    ASSERT_FALSE(too_soon);
    EXPECT_NE(too_soon.error().message.find("valid until 2026-12-31"), std::string::npos);
    m_clock.set(access::testing::at("2027-01-01T00:00:00Z"));
    auto expired = set_convenio_status(*m_db, m_clock, m_cli, "", c.id, last->version, "expired");
    ASSERT_TRUE(expired) << expired.error().message;
    EXPECT_EQ(expired->status, "expired");
    auto again = set_convenio_status(*m_db, m_clock, m_cli, "", c.id, expired->version, "draft");
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::invalid_argument);

    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'convenio.status'"), 3);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'convenio.sign'"), 2);
    auto verified = access::verify_chain(*m_db);
    ASSERT_TRUE(verified);
    EXPECT_TRUE(verified->intact());
}

TEST_P(Convenios, OnlyACoordinatorEditsTheConvenio) {
    Convenio c = draft_with(1);
    auto anonymous =
        set_convenio_status(*m_db, m_clock, access::Actor{}, "", c.id, c.version, "in_signature");
    ASSERT_FALSE(anonymous);
    EXPECT_EQ(anonymous.error().code, ErrorCode::unauthenticated);
    const auto editor =
        actor_of(account("editora@example.org", {{access::Role::editor, c.parties[0].organisation}}));
    auto forbidden = sign(*m_db, m_clock, editor, "", c.id, c.version, signature(c.parties[0].id));
    ASSERT_FALSE(forbidden);
    EXPECT_EQ(forbidden.error().code, ErrorCode::forbidden);
    const auto coordinator = actor_of(account("coordina@example.org", {{access::Role::coordinator}}));
    auto moved = set_convenio_status(*m_db, m_clock, coordinator, "req-1", c.id, c.version, "in_signature");
    ASSERT_TRUE(moved) << moved.error().message;
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM audit_log WHERE action = 'convenio.status' AND detail LIKE '%req-1%'"),
        1);
}

TEST_P(Convenios, ClausesAreEditedOnlyWhileDraftAndWithTheirVersion) {
    Convenio c = draft_with(1);
    const Clause& k = c.clauses[0];
    auto stale = update_clause(*m_db, m_clock, m_cli, "", k.id, k.version + 1,
                               {"PRIMERA", std::nullopt, "analizar", "Objeto", "Texto nuevo."});
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::precondition_failed);
    auto bad_task = update_clause(*m_db, m_clock, m_cli, "", k.id, k.version,
                                  {"PRIMERA", std::nullopt, "vigilar", "Objeto", "Texto nuevo."});
    ASSERT_FALSE(bad_task);
    EXPECT_EQ(bad_task.error().message.rfind("/task:", 0), 0u);
    auto edited = update_clause(*m_db, m_clock, m_cli, "", k.id, k.version,
                                {"PRIMERA", std::nullopt, "analizar", "Objeto", "Texto nuevo."});
    ASSERT_TRUE(edited) << edited.error().message;
    EXPECT_EQ(edited->clauses[0].text, "Texto nuevo.");
    EXPECT_EQ(edited->clauses[0].version, 2);
    EXPECT_EQ(*edited->clauses[0].task, "analizar");
    auto duplicate = add_clause(*m_db, m_clock, m_cli, "", c.id, edited->version,
                                {"PRIMERA", std::nullopt, std::nullopt, "Otra", "Otra."});
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().message.rfind("/number:", 0), 0u);
    EXPECT_EQ(count(fmt::format("SELECT COUNT(*) FROM audit_log WHERE subject = 'convenio_clause:{}'", k.id)),
              2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'convenio.clause.update' AND detail LIKE "
                    "'%Texto nuevo.%'"),
              1);
}

TEST_P(Convenios, AClausesProgressIsTheMeanOfItsAgreementsComputedByHand) {
    Convenio c = draft_with(1);
    c = *add_clause(*m_db, m_clock, m_cli, "", c.id, c.version,
                    {"SEGUNDA", std::nullopt, "analizar", "Datos", "Compartir datos."});
    c = *add_clause(*m_db, m_clock, m_cli, "", c.id, c.version,
                    {"TERCERA", std::nullopt, "comunicar", "Comunicar", "Comunicar juntos."});
    const int64_t owner = c.parties[0].organisation;
    const int64_t a = agreement("A-1", 20, owner), b = agreement("A-2", 50, owner),
                  d = agreement("A-3", 80, owner), e = agreement("A-4", 10, owner);
    for (int64_t x : {a, b, d}) ASSERT_TRUE(link_agreement(*m_db, m_clock, m_cli, "", c.clauses[0].id, x));
    auto linked = link_agreement(*m_db, m_clock, m_cli, "", c.clauses[1].id, e);
    ASSERT_TRUE(linked) << linked.error().message;
    // (20 + 50 + 80) / 3 = 50; 10 / 1 = 10; none; the convenio: (50 + 10) / 2 = 30.
    ASSERT_EQ(linked->clauses[0].agreements.size(), 3u);
    EXPECT_DOUBLE_EQ(*linked->clauses[0].progress, 50.0);
    EXPECT_DOUBLE_EQ(*linked->clauses[1].progress, 10.0);
    EXPECT_FALSE(linked->clauses[2].progress);
    EXPECT_DOUBLE_EQ(*linked->progress, 30.0);
    auto twice = link_agreement(*m_db, m_clock, m_cli, "", c.clauses[0].id, a);
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, ErrorCode::conflict);
    auto unknown = link_agreement(*m_db, m_clock, m_cli, "", c.clauses[0].id, e + 100);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().message.rfind("/agreement:", 0), 0u);

    // The owner reports: A-1 reaches 65. (65 + 50 + 80) / 3 = 65; the convenio (65 + 10) / 2 = 37.5.
    set_progress(a, 65);
    auto read = get_convenio(*m_db, c.id);
    EXPECT_DOUBLE_EQ(*read->clauses[0].progress, 65.0);
    EXPECT_DOUBLE_EQ(*read->progress, 37.5);
    // Unlinking A-3: (65 + 50) / 2 = 57.5.
    auto unlinked = link_agreement(*m_db, m_clock, m_cli, "", c.clauses[0].id, d, false);
    ASSERT_TRUE(unlinked) << unlinked.error().message;
    EXPECT_DOUBLE_EQ(*unlinked->clauses[0].progress, 57.5);
    const auto j = convenio_json(*unlinked);
    EXPECT_EQ(j["clauses"][0]["agreements"].size(), 2u);
    EXPECT_EQ(j["clauses"][0]["agreements"][0]["reference"], "A-1");
    EXPECT_TRUE(j["clauses"][2]["progress"].is_null());
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'convenio.clause.link'"), 4);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'convenio.clause.unlink'"), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, Convenios, ::testing::ValuesIn(storage::testing::all_engines()),
                         param_name);

}  // namespace
}  // namespace metropoli::coordination::testing
