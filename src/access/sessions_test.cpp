// SPDX-License-Identifier: MIT
// Login, session resolution, expiry, rotation and throttling on both engines, with a fixed clock; and two
// connections (two server processes) that agree on both.
#include "access/sessions.hpp"

#include <gtest/gtest.h>

#include "access/access_fixture.hpp"
#include "access/secrets.hpp"

namespace metropoli::access::testing {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class Sessions : public AccessTest {
protected:
    void SetUp() override {
        AccessTest::SetUp();
        if (IsSkipped() || HasFailure()) return;
        m_ana = account("ana@example.org", {{Role::analyst}});
        m_options.dummy_hash = k_fast;
    }
    Result<NewSession> log_in(const std::string& email, const std::string& password,
                              const std::string& address = "192.0.2.1") {
        return login(*m_db, m_clock, email, password, address, m_options);
    }
    Account m_ana;
    LoginOptions m_options;
};

TEST_P(Sessions, ALoginMakesASessionThatResolvesToTheAccount) {
    auto s = log_in("ANA@example.org", k_password);
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_EQ(s->token.size(), 43u);
    EXPECT_EQ(s->csrf_token, csrf_token_for(s->token));
    EXPECT_EQ(s->expires_at, "2026-03-12T20:30:00Z");
    EXPECT_EQ(s->actor.id, "account:" + std::to_string(m_ana.id));
    auto actor = resolve_session(*m_db, m_clock, s->token);
    ASSERT_TRUE(actor) << actor.error().message;
    EXPECT_EQ(actor->account, m_ana.id);
    EXPECT_EQ(actor->label, "ana@example.org");
    ASSERT_EQ(actor->grants.size(), 1u);
    EXPECT_EQ(actor->grants[0].role, Role::analyst);
    // Only the token's SHA-256 is stored.
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE token_hash = '" + sha256_hex(s->token) + "'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE token_hash = '" + s->token + "'"), 0);
    EXPECT_EQ(*get_account(*m_db, m_ana.id)->last_login, "2026-03-12T08:30:00Z");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'session.login'"), 1);

    ASSERT_TRUE(logout(*m_db, m_clock, s->token));
    EXPECT_EQ(resolve_session(*m_db, m_clock, s->token).error().code, ErrorCode::unauthenticated);
    EXPECT_TRUE(logout(*m_db, m_clock, s->token));  // twice is fine
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions"), 0);
    for (const char* junk : {"", "x", "mtp_abc"})
        EXPECT_EQ(resolve_session(*m_db, m_clock, junk).error().code, ErrorCode::unauthenticated);
    EXPECT_FALSE(resolve_session(*m_db, m_clock, std::string(10000, 'a')));
}

TEST_P(Sessions, AnUnknownEmailAWrongPasswordAndADisabledAccountGetTheSameAnswer) {
    account("bea@example.org");
    ASSERT_TRUE(set_account_state(*m_db, m_clock, m_cli, "",
                                  find_account_by_email(*m_db, "bea@example.org")->id,
                                  AccountState::disabled));
    auto unknown = log_in("nadie@example.org", k_password);
    auto wrong = log_in("ana@example.org", "no es la contraseña");
    auto disabled = log_in("bea@example.org", k_password);
    for (const auto* r : {&unknown, &wrong, &disabled}) {
        ASSERT_FALSE(*r);
        EXPECT_EQ(r->error().code, ErrorCode::unauthenticated);
        EXPECT_EQ(r->error().message, "Correo o contraseña incorrectos / Wrong e-mail or password");
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM login_failures"), 3);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions"), 0);
}

TEST_P(Sessions, EveryLoginMakesANewToken) {
    auto first = log_in("ana@example.org", k_password);
    auto second = log_in("ana@example.org", k_password);
    ASSERT_TRUE(first && second);
    EXPECT_NE(first->token, second->token);
    EXPECT_NE(first->csrf_token, second->csrf_token);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions"), 2);
}

TEST_P(Sessions, ASessionEndsAfterThirtyIdleMinutes) {
    auto s = log_in("ana@example.org", k_password);
    ASSERT_TRUE(s);
    m_clock.advance(minutes(29));
    ASSERT_TRUE(resolve_session(*m_db, m_clock, s->token));  // and touched
    m_clock.advance(minutes(29));
    ASSERT_TRUE(resolve_session(*m_db, m_clock, s->token));
    m_clock.advance(minutes(30));
    EXPECT_EQ(resolve_session(*m_db, m_clock, s->token).error().code, ErrorCode::unauthenticated);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions"), 0);  // an expired session is deleted when met
}

TEST_P(Sessions, ASessionEndsTwelveHoursAfterLoginHoweverUsed) {
    auto s = log_in("ana@example.org", k_password);
    ASSERT_TRUE(s);
    for (int i = 0; i < 35; ++i) {
        m_clock.advance(minutes(20));
        ASSERT_TRUE(resolve_session(*m_db, m_clock, s->token)) << i;  // 11 h 40 min
    }
    m_clock.advance(minutes(20));
    EXPECT_FALSE(resolve_session(*m_db, m_clock, s->token));
}

TEST_P(Sessions, TheLimitsAreOptions) {
    m_options.session = {minutes(5), minutes(60)};
    auto s = log_in("ana@example.org", k_password);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->expires_at, "2026-03-12T09:30:00Z");
    m_clock.advance(minutes(4));
    EXPECT_TRUE(resolve_session(*m_db, m_clock, s->token, m_options.session));
    m_clock.advance(minutes(6));
    EXPECT_FALSE(resolve_session(*m_db, m_clock, s->token, m_options.session));
}

TEST_P(Sessions, FailedLoginsAreThrottledAndTheRightPasswordWorksAfterTheWait) {
    for (int i = 0; i < 5; ++i) {
        auto r = log_in("ana@example.org", "no es la contraseña");
        ASSERT_EQ(r.error().code, ErrorCode::unauthenticated) << i;
    }
    auto throttled = log_in("ana@example.org", k_password);
    ASSERT_FALSE(throttled);
    EXPECT_EQ(throttled.error().code, ErrorCode::too_many_requests);
    EXPECT_EQ(throttled.error().retry_after_seconds, 30);
    m_clock.advance(seconds(20));
    EXPECT_EQ(log_in("ana@example.org", k_password).error().retry_after_seconds, 10);
    m_clock.advance(seconds(10));
    auto after = log_in("ana@example.org", k_password);
    ASSERT_TRUE(after) << after.error().message;
    // The success forgot the failures: one wrong password is just wrong again.
    EXPECT_EQ(log_in("ana@example.org", "no es la contraseña").error().code, ErrorCode::unauthenticated);
}

TEST_P(Sessions, TheWaitDoublesAndAnUnknownEmailIsThrottledAlike) {
    for (const char* email : {"ana@example.org", "nadie@example.org"}) {
        for (int i = 0; i < 5; ++i) ASSERT_FALSE(log_in(email, "no es la contraseña"));
        EXPECT_EQ(log_in(email, k_password).error().retry_after_seconds, 30) << email;
        m_clock.advance(seconds(30));
        EXPECT_EQ(log_in(email, "no es la contraseña").error().code, ErrorCode::unauthenticated);
        EXPECT_EQ(log_in(email, k_password).error().retry_after_seconds, 60) << email;
        m_clock.advance(minutes(16));  // the window forgets them
    }
}

TEST_P(Sessions, AnAddressTryingManyEmailsIsThrottledButOthersAreNot) {
    for (int i = 0; i < 20; ++i)
        ASSERT_FALSE(log_in("persona" + std::to_string(i) + "@example.org", "x", "198.51.100.7"));
    auto r = log_in("ana@example.org", k_password, "198.51.100.7");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::too_many_requests);
    EXPECT_TRUE(log_in("ana@example.org", k_password, "198.51.100.8"));
}

TEST_P(Sessions, TwoConnectionsAgreeOnSessionsAndThrottling) {
    auto other = storage::Database::open(m_scratch->url(), storage::Access::write);
    ASSERT_TRUE(other) << other.error().message;
    auto s = log_in("ana@example.org", k_password);
    ASSERT_TRUE(s);
    EXPECT_TRUE(resolve_session(*other, m_clock, s->token));
    for (int i = 0; i < 5; ++i)
        ASSERT_FALSE(login(*other, m_clock, "ana@example.org", "x", "192.0.2.9", m_options));
    EXPECT_EQ(log_in("ana@example.org", k_password).error().code, ErrorCode::too_many_requests);
    ASSERT_TRUE(logout(*other, m_clock, s->token));
    EXPECT_FALSE(resolve_session(*m_db, m_clock, s->token));
}

TEST_P(Sessions, LogoutAllEndsEverySessionOfTheAccount) {
    auto a = log_in("ana@example.org", k_password);
    auto b = log_in("ana@example.org", k_password);
    ASSERT_TRUE(a && b);
    const Actor stranger = actor_of(account("bea@example.org"));
    EXPECT_EQ(logout_all(*m_db, m_clock, stranger, "", m_ana.id).error().code, ErrorCode::forbidden);
    auto ended = logout_all(*m_db, m_clock, a->actor, "", m_ana.id);
    ASSERT_TRUE(ended) << ended.error().message;
    EXPECT_EQ(*ended, 2);
    EXPECT_FALSE(resolve_session(*m_db, m_clock, a->token));
    EXPECT_FALSE(resolve_session(*m_db, m_clock, b->token));
}

INSTANTIATE_TEST_SUITE_P(Engines, Sessions, ::testing::ValuesIn(storage::testing::all_engines()), param_name);

}  // namespace
}  // namespace metropoli::access::testing
