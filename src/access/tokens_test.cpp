// SPDX-License-Identifier: MIT
// API tokens on both engines: shown once, stored hashed, revocable, never more than the account holds.
#include "access/tokens.hpp"

#include <gtest/gtest.h>

#include "access/access_fixture.hpp"
#include "access/secrets.hpp"

namespace metropoli::access::testing {
namespace {

class Tokens : public AccessTest {};

TEST_P(Tokens, ATokenIsShownOnceStoredHashedAndResolvesToItsAccount) {
    const auto a = account("ana@example.org", {{Role::analyst}});
    const Actor ana = actor_of(a);
    auto t = create_token(*m_db, m_clock, ana, "", a.id, "cargas nocturnas");
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_TRUE(t->token.starts_with("mtp_"));
    EXPECT_EQ(t->token.size(), 4u + 43u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM api_tokens WHERE token_hash = '" + sha256_hex(t->token) + "'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM api_tokens WHERE token_hash = '" + t->token + "'"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%" + t->token.substr(4) + "%'"), 0);
    m_clock.advance(std::chrono::seconds(90));
    auto actor = resolve_token(*m_db, m_clock, t->token);
    ASSERT_TRUE(actor) << actor.error().message;
    EXPECT_EQ(actor->account, a.id);
    EXPECT_EQ(actor->grants, (std::vector<Grant>{{Role::analyst}}));
    auto listed = list_tokens(*m_db, a.id);
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ(*listed->front().last_used, "2026-03-12T08:31:30Z");
    EXPECT_EQ(token_json(listed->front()).dump().find(t->token), std::string::npos);
    for (const char* junk : {"", "mtp_", "mtp_nope", "abc"})
        EXPECT_EQ(resolve_token(*m_db, m_clock, junk).error().code, ErrorCode::unauthenticated);
}

TEST_P(Tokens, ATokenNeverHoldsMoreThanTheAccountDoes) {
    const int64_t org = organisation("Mía");
    const auto a = account("ana@example.org", {{Role::analyst}, {Role::editor, org}});
    const Actor ana = actor_of(a);
    auto too_much = create_token(*m_db, m_clock, ana, "", a.id, "admin", std::vector<Grant>{{Role::admin}});
    ASSERT_FALSE(too_much);
    EXPECT_EQ(too_much.error().code, ErrorCode::forbidden);
    auto narrow =
        create_token(*m_db, m_clock, ana, "", a.id, "solo editora", std::vector<Grant>{{Role::editor, org}});
    ASSERT_TRUE(narrow) << narrow.error().message;
    EXPECT_EQ(resolve_token(*m_db, m_clock, narrow->token)->grants,
              (std::vector<Grant>{{Role::editor, org}}));
    auto all = create_token(*m_db, m_clock, ana, "", a.id, "todo");
    ASSERT_TRUE(all);
    EXPECT_EQ(resolve_token(*m_db, m_clock, all->token)->grants.size(), 2u);
    // Revoking the role takes it from every token too.
    ASSERT_TRUE(revoke_role(*m_db, m_clock, m_cli, "", a.id, {Role::editor, org}));
    EXPECT_TRUE(resolve_token(*m_db, m_clock, narrow->token)->grants.empty());
    EXPECT_EQ(resolve_token(*m_db, m_clock, all->token)->grants, (std::vector<Grant>{{Role::analyst}}));
}

TEST_P(Tokens, ARevokedTokenOrADisabledAccountResolvesToNobody) {
    const auto a = account("ana@example.org", {{Role::analyst}});
    const auto b = account("bea@example.org");
    const Actor ana = actor_of(a), bea = actor_of(b);
    const Actor admin = actor_of(account("admin@example.org", {{Role::admin}}));
    auto t = create_token(*m_db, m_clock, ana, "", a.id, "uno");
    ASSERT_TRUE(t);
    EXPECT_EQ(create_token(*m_db, m_clock, bea, "", a.id, "ajeno").error().code, ErrorCode::forbidden);
    EXPECT_EQ(revoke_token(*m_db, m_clock, bea, "", t->id).error().code, ErrorCode::not_found);
    EXPECT_TRUE(resolve_token(*m_db, m_clock, t->token));
    ASSERT_TRUE(revoke_token(*m_db, m_clock, ana, "", t->id));
    EXPECT_EQ(resolve_token(*m_db, m_clock, t->token).error().code, ErrorCode::unauthenticated);
    EXPECT_TRUE(list_tokens(*m_db, a.id)->front().revoked_at);

    auto u = create_token(*m_db, m_clock, m_cli, "", a.id, "dos");  // the command line, for her
    ASSERT_TRUE(u) << u.error().message;
    ASSERT_TRUE(set_account_state(*m_db, m_clock, m_cli, "", a.id, AccountState::disabled));
    EXPECT_FALSE(resolve_token(*m_db, m_clock, u->token));
    ASSERT_TRUE(set_account_state(*m_db, m_clock, m_cli, "", a.id, AccountState::active));
    EXPECT_TRUE(resolve_token(*m_db, m_clock, u->token));
    ASSERT_TRUE(revoke_token(*m_db, m_clock, admin, "", u->id));
    EXPECT_FALSE(resolve_token(*m_db, m_clock, u->token));
    EXPECT_EQ(revoke_token(*m_db, m_clock, admin, "", 999).error().code, ErrorCode::not_found);
    EXPECT_EQ(create_token(*m_db, m_clock, ana, "", a.id, "  ").error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'token.revoke'"), 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, Tokens, ::testing::ValuesIn(storage::testing::all_engines()), param_name);

}  // namespace
}  // namespace metropoli::access::testing
