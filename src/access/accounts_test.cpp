// SPDX-License-Identifier: MIT
// People, accounts and role grants on both engines: argon2id at rest and no secret anywhere else, e-mails
// unique whatever their case, scoped grants, password changes that end sessions, refusals in the library.
#include "access/accounts.hpp"

#include <gtest/gtest.h>

#include "access/access_fixture.hpp"
#include "access/sessions.hpp"

namespace metropoli::access::testing {
namespace {

class Accounts : public AccessTest {
protected:
    // Every text the database holds in the access tables and the audit log, concatenated.
    std::string everything_stored() {
        std::string all;
        for (const char* sql :
             {"SELECT email || ' ' || password_hash FROM accounts", "SELECT name FROM people",
              "SELECT at || actor || action || subject || detail FROM audit_log",
              "SELECT token_hash || account_id FROM sessions"}) {
            soci::rowset<std::string> rows = m_db->session().prepare << sql;
            for (const auto& r : rows) all += r + "\n";
        }
        return all;
    }
    LoginOptions fast_login() {
        LoginOptions o;
        o.dummy_hash = k_fast;
        return o;
    }
};

TEST_P(Accounts, APasswordIsStoredOnlyAsAnArgon2idHash) {
    const auto a = account("ana@example.org", {{Role::analyst}});
    std::string hash;
    long long id = a.id;
    m_db->session() << "SELECT password_hash FROM accounts WHERE id = :id", soci::use(id), soci::into(hash);
    EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
    EXPECT_TRUE(verify_password(hash, k_password));
    auto session = login(*m_db, m_clock, "ana@example.org", k_password, "127.0.0.1", fast_login());
    ASSERT_TRUE(session) << session.error().message;
    const std::string stored = everything_stored();
    EXPECT_EQ(stored.find(k_password), std::string::npos);
    EXPECT_EQ(stored.find(session->token), std::string::npos);
    EXPECT_EQ(stored.find(session->csrf_token), std::string::npos);
    // The hash stays in its column: not in the audit log, not in the account's JSON.
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%argon2%'"), 0);
    EXPECT_EQ(account_json(*get_account(*m_db, a.id)).dump().find("argon2"), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'account.create'"), 1);
}

TEST_P(Accounts, AnEmailIsUniqueWhateverItsCase) {
    const auto a = account("  Ana.Perez@Example.ORG ");
    EXPECT_EQ(a.email, "ana.perez@example.org");
    NewAccount again;
    again.email = "ANA.PEREZ@example.org";
    again.password = k_password;
    auto taken = create_account(*m_db, m_clock, m_cli, "", again, k_fast);
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.error().code, ErrorCode::conflict);
    EXPECT_EQ(find_account_by_email(*m_db, "ana.PEREZ@EXAMPLE.org")->id, a.id);
    EXPECT_EQ(find_account_by_email(*m_db, "nadie@example.org").error().code, ErrorCode::not_found);
    EXPECT_EQ(a.person.name, "Persona de prueba");
    for (const char* bad :
         {"ana", "ana@", "@example.org", "ana@example", "a b@example.org", "a@b@example.org"}) {
        again.email = bad;
        EXPECT_EQ(create_account(*m_db, m_clock, m_cli, "", again, k_fast).error().code,
                  ErrorCode::invalid_argument)
            << bad;
    }
}

TEST_P(Accounts, ThePolicyAndThePermissionAreCheckedBeforeAnythingIsStored) {
    const Actor editor = actor_of(account("editora@example.org", {{Role::editor, organisation("Mía")}}));
    NewAccount n;
    n.email = "nueva@example.org";
    n.password = "corta";
    EXPECT_EQ(create_account(*m_db, m_clock, m_cli, "", n, k_fast).error().code, ErrorCode::invalid_argument);
    n.password = "qwerty123456";
    EXPECT_EQ(create_account(*m_db, m_clock, m_cli, "", n, k_fast).error().code, ErrorCode::invalid_argument);
    n.password = k_password;
    EXPECT_EQ(create_account(*m_db, m_clock, editor, "", n, k_fast).error().code, ErrorCode::forbidden);
    EXPECT_EQ(create_account(*m_db, m_clock, Actor{}, "", n, k_fast).error().code,
              ErrorCode::unauthenticated);
    n.grants = {{Role::editor}};  // an editor of no organisation
    EXPECT_EQ(create_account(*m_db, m_clock, m_cli, "", n, k_fast).error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(count("SELECT COUNT(*) FROM accounts"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM people"), 1);
    const Actor admin = actor_of(account("admin@example.org", {{Role::admin}}));
    n.grants = {{Role::coordinator}};
    auto made = create_account(*m_db, m_clock, admin, "req-9", n, k_fast);
    ASSERT_TRUE(made) << made.error().message;
    EXPECT_EQ(made->grants.size(), 1u);
}

TEST_P(Accounts, GrantsAreScopedAndRevocable) {
    const int64_t org = organisation("Salud Lerdo", "health_authority");
    const auto a = account("ana@example.org");
    EXPECT_EQ(grant_role(*m_db, m_clock, m_cli, "", a.id, {Role::editor}).error().code,
              ErrorCode::invalid_argument);
    EXPECT_EQ(grant_role(*m_db, m_clock, m_cli, "", a.id, {Role::admin, org}).error().code,
              ErrorCode::invalid_argument);
    EXPECT_EQ(grant_role(*m_db, m_clock, m_cli, "", a.id, {Role::editor, org + 50}).error().code,
              ErrorCode::invalid_argument);
    EXPECT_EQ(grant_role(*m_db, m_clock, m_cli, "", a.id, {Role::member}).error().code,
              ErrorCode::invalid_argument);
    auto g = grant_role(*m_db, m_clock, m_cli, "", a.id, {Role::editor, org});
    ASSERT_TRUE(g) << g.error().message;
    EXPECT_EQ(grant_role(*m_db, m_clock, m_cli, "", a.id, {Role::editor, org}).error().code,
              ErrorCode::conflict);
    ASSERT_TRUE(grant_role(*m_db, m_clock, m_cli, "", a.id, {Role::member, std::nullopt, 4}));
    auto stored = get_account(*m_db, a.id);
    ASSERT_EQ(stored->grants.size(), 2u);
    EXPECT_EQ(stored->person.organisations,
              std::vector<int64_t>{org});  // an editor belongs to her organisation
    const Actor actor = actor_of(*stored);
    EXPECT_EQ(actor.id, "account:" + std::to_string(a.id));
    EXPECT_EQ(actor.label, "ana@example.org");
    EXPECT_EQ(actor.grants.size(), 2u);

    const Actor editor = actor;
    EXPECT_EQ(grant_role(*m_db, m_clock, editor, "", a.id, {Role::admin}).error().code, ErrorCode::forbidden);
    EXPECT_EQ(revoke_grant(*m_db, m_clock, editor, "", a.id, g->id).error().code, ErrorCode::forbidden);
    ASSERT_TRUE(revoke_role(*m_db, m_clock, m_cli, "", a.id, {Role::editor, org}));
    EXPECT_EQ(revoke_role(*m_db, m_clock, m_cli, "", a.id, {Role::editor, org}).error().code,
              ErrorCode::not_found);
    EXPECT_EQ(revoke_grant(*m_db, m_clock, m_cli, "", a.id, g->id).error().code, ErrorCode::not_found);
    EXPECT_EQ(get_account(*m_db, a.id)->grants.size(), 1u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'role.grant'"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'role.revoke'"), 1);
}

TEST_P(Accounts, ADisabledAccountCannotLogInAndLosesItsSessions) {
    const auto a = account("ana@example.org", {{Role::analyst}});
    auto session = login(*m_db, m_clock, "ana@example.org", k_password, "10.0.0.1", fast_login());
    ASSERT_TRUE(session);
    const Actor analyst = actor_of(a);
    EXPECT_EQ(set_account_state(*m_db, m_clock, analyst, "", a.id, AccountState::disabled).error().code,
              ErrorCode::forbidden);
    auto disabled = set_account_state(*m_db, m_clock, m_cli, "", a.id, AccountState::disabled);
    ASSERT_TRUE(disabled) << disabled.error().message;
    EXPECT_EQ(disabled->state, AccountState::disabled);
    EXPECT_EQ(resolve_session(*m_db, m_clock, session->token).error().code, ErrorCode::unauthenticated);
    auto refused = login(*m_db, m_clock, "ana@example.org", k_password, "10.0.0.1", fast_login());
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().message, k_wrong_login);
    EXPECT_EQ(account_actor(*m_db, a.id).error().code, ErrorCode::unauthenticated);
    ASSERT_TRUE(set_account_state(*m_db, m_clock, m_cli, "", a.id, AccountState::active));
    EXPECT_TRUE(login(*m_db, m_clock, "ana@example.org", k_password, "10.0.0.1", fast_login()));
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action IN ('account.disable', 'account.enable')"),
              2);
}

TEST_P(Accounts, ChangingOnesPasswordNeedsTheCurrentOneAndEndsTheOtherSessions) {
    const auto a = account("ana@example.org");
    auto here = login(*m_db, m_clock, "ana@example.org", k_password, "10.0.0.1", fast_login());
    auto elsewhere = login(*m_db, m_clock, "ana@example.org", k_password, "10.0.0.2", fast_login());
    ASSERT_TRUE(here && elsewhere);
    const Actor ana = here->actor;
    const std::string next = "otra frase larga distinta";
    auto wrong = change_own_password(*m_db, m_clock, ana, "", "no es la actual", next, here->token, k_fast);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, ErrorCode::unauthenticated);
    EXPECT_EQ(
        change_own_password(*m_db, m_clock, ana, "", k_password, "corta", here->token, k_fast).error().code,
        ErrorCode::invalid_argument);
    EXPECT_EQ(change_own_password(*m_db, m_clock, Actor{}, "", k_password, next, {}, k_fast).error().code,
              ErrorCode::unauthenticated);
    auto changed = change_own_password(*m_db, m_clock, ana, "", k_password, next, here->token, k_fast);
    ASSERT_TRUE(changed) << changed.error().message;
    EXPECT_TRUE(resolve_session(*m_db, m_clock, here->token));
    EXPECT_FALSE(resolve_session(*m_db, m_clock, elsewhere->token));
    EXPECT_FALSE(login(*m_db, m_clock, "ana@example.org", k_password, "10.0.0.1", fast_login()));
    EXPECT_TRUE(login(*m_db, m_clock, "ana@example.org", next, "10.0.0.1", fast_login()));
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'account.password'"), 1);
    EXPECT_EQ(everything_stored().find(next), std::string::npos);
}

TEST_P(Accounts, AnAdminResetsAPasswordAndEveryOtherSessionEnds) {
    const auto a = account("ana@example.org");
    const Actor admin = actor_of(account("admin@example.org", {{Role::admin}}));
    const Actor ana = actor_of(a);
    auto session = login(*m_db, m_clock, "ana@example.org", k_password, "10.0.0.1", fast_login());
    ASSERT_TRUE(session);
    const std::string next = "la nueva frase del admin";
    EXPECT_EQ(reset_password(*m_db, m_clock, ana, "", a.id, next, k_fast).error().code, ErrorCode::forbidden);
    ASSERT_TRUE(reset_password(*m_db, m_clock, admin, "", a.id, next, k_fast));
    EXPECT_FALSE(resolve_session(*m_db, m_clock, session->token));
    EXPECT_TRUE(login(*m_db, m_clock, "ana@example.org", next, "10.0.0.1", fast_login()));
    EXPECT_EQ(reset_password(*m_db, m_clock, admin, "", a.id + 99, next, k_fast).error().code,
              ErrorCode::not_found);
}

TEST_P(Accounts, TheListShowsEveryAccountWithItsOrganisationsAndGrants) {
    const int64_t org = organisation("Salud Lerdo");
    account("zoe@example.org", {{Role::editor, org}});
    account("ana@example.org", {{Role::admin}, {Role::analyst}});
    auto list = list_accounts(*m_db);
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ((*list)[0].email, "ana@example.org");
    EXPECT_EQ((*list)[0].grants.size(), 2u);
    EXPECT_EQ((*list)[1].person.organisations, std::vector<int64_t>{org});
    const auto j = account_json((*list)[1]);
    EXPECT_EQ(j["grants"][0]["role"], "editor");
    EXPECT_EQ(j["grants"][0]["organisation"], org);
    EXPECT_TRUE(j["last_login"].is_null());
    EXPECT_EQ(j["state"], "active");
}

INSTANTIATE_TEST_SUITE_P(Engines, Accounts, ::testing::ValuesIn(storage::testing::all_engines()), param_name);

}  // namespace
}  // namespace metropoli::access::testing
