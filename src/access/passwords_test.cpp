// SPDX-License-Identifier: MIT
// The password policy, argon2id hashing and the secret helpers.
#include "access/passwords.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "access/secrets.hpp"
#include "access/sessions.hpp"
#include "metropoli_source_dir.hpp"

namespace metropoli::access {
namespace {

const PasswordOptions k_fast = PasswordOptions::fastest_for_tests();

TEST(Passwords, HashesAreArgon2idWithASaltAndVerify) {
    auto a = hash_password("una frase larga de prueba", k_fast);
    auto b = hash_password("una frase larga de prueba", k_fast);
    ASSERT_TRUE(a && b);
    EXPECT_TRUE(a->starts_with("$argon2id$v=19$m=8,t=1,p=1$")) << *a;
    EXPECT_NE(*a, *b);  // salted
    EXPECT_EQ(a->find("una frase"), std::string::npos);
    EXPECT_TRUE(verify_password(*a, "una frase larga de prueba"));
    EXPECT_FALSE(verify_password(*a, "una frase larga de prueba "));
    EXPECT_FALSE(verify_password("", "x"));
    EXPECT_FALSE(verify_password("$argon2id$garbage", "x"));
}

TEST(Passwords, TheDefaultCostIsLibsodiumsInteractive) {
    auto h = hash_password("una frase larga de prueba");
    ASSERT_TRUE(h);
    EXPECT_TRUE(h->starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << *h;
}

TEST(Passwords, PolicyRefusesShortCommonAndMalformedPasswords) {
    EXPECT_TRUE(check_password_policy("una frase larga de prueba"));
    EXPECT_TRUE(check_password_policy("ñandú-ñandú!"));  // 12 characters, 16 bytes
    for (const char* refused : {"", "corta", "12345678901", "ñññññññññññ" /* 11 characters, 22 bytes */}) {
        auto s = check_password_policy(refused);
        ASSERT_FALSE(s) << refused;
        EXPECT_EQ(s.error().code, ErrorCode::invalid_argument);
        EXPECT_NE(s.error().message.find("12"), std::string::npos) << s.error().message;
    }
    for (const char* common : {"qwerty123456", "QWERTY123456", "1qaz2wsx3edc", "contraseña123",
                               "MetroPoli2020", "winniethepooh"}) {
        auto s = check_password_policy(common);
        ASSERT_FALSE(s) << common;
        EXPECT_NE(s.error().message.find("común"), std::string::npos) << s.error().message;
        EXPECT_EQ(s.error().message.find(common), std::string::npos) << "the message repeats the password";
    }
    EXPECT_FALSE(check_password_policy("abcdefghijk\xff"));       // not UTF-8
    EXPECT_FALSE(check_password_policy(std::string(1025, 'x')));  // too long
}

TEST(Passwords, TheBundledListIsTheDataFile) {
    std::ifstream in(METROPOLI_SOURCE_DIR "/data/access/common-passwords.txt");
    ASSERT_TRUE(in);
    std::set<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) lines.insert(line);
    }
    EXPECT_EQ(lines.size(), 274u);
    EXPECT_EQ(common_password_count(), lines.size());
    for (const auto& p : lines) EXPECT_TRUE(is_common_password(p)) << p;
}

TEST(Secrets, TokensAreRandomAndHashesAreSha256) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        const auto t = random_token();
        EXPECT_EQ(t.size(), 43u);
        EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
                  std::string::npos);
        EXPECT_TRUE(seen.insert(t).second);
    }
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_TRUE(constant_time_equal("abc", "abc"));
    EXPECT_FALSE(constant_time_equal("abc", "abd"));
    EXPECT_FALSE(constant_time_equal("abc", "abcd"));
    const auto p = random_password(20);
    EXPECT_EQ(p.size(), 20u);
    EXPECT_TRUE(check_password_policy(p));
}

TEST(Secrets, TheCsrfTokenIsDerivedButIsNotTheStoredHash) {
    const auto token = random_token();
    EXPECT_EQ(csrf_token_for(token), csrf_token_for(token));
    EXPECT_NE(csrf_token_for(token), sha256_hex(token));
    EXPECT_NE(csrf_token_for(token), csrf_token_for(random_token()));
    EXPECT_TRUE(csrf_token_matches(token, csrf_token_for(token)));
    EXPECT_FALSE(csrf_token_matches(token, csrf_token_for(token).substr(1)));
    EXPECT_FALSE(csrf_token_matches("", csrf_token_for("")));
}

}  // namespace
}  // namespace metropoli::access
