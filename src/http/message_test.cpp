// SPDX-License-Identifier: MIT
// Request targets decoded and checked as UTF-8, header negotiation as RFC 9110 says, and an error path that
// cannot throw whatever bytes it is given.
#include "http/message.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/text.hpp"

namespace metropoli::http {
namespace {

TEST(ParseTarget, RefusesWhatIsNotUtf8OnceDecoded) {
    for (const char* target : {"/%FF", "/%C0%AE", "/%C0%AF", "/%E0%80%AE", "/%ED%A0%80", "/%F4%90%80%80",
                               "/api/v1/jurisdictions/%FF", "/a?source=%C3%28", "/a?%FF=1", "/a?zone=%FF"}) {
        auto r = parse_target(target);
        ASSERT_FALSE(r) << target;
        EXPECT_EQ(r.error().code, ErrorCode::invalid_argument) << target;
        EXPECT_NE(r.error().message.find("UTF-8"), std::string::npos) << target;
    }
    auto ok = parse_target("/api/v1/jurisdictions/G%C3%B3mez%20Palacio?x=Torre%C3%B3n");
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->path, "/api/v1/jurisdictions/Gómez Palacio");
    EXPECT_EQ(ok->query.at("x"), "Torreón");
    EXPECT_FALSE(parse_target("/a%00b"));
    EXPECT_FALSE(parse_target("/%zz"));
    EXPECT_FALSE(parse_target("/%4"));
    EXPECT_FALSE(parse_target("x"));
}

TEST(Problem, NeverThrowsOnBytesThatAreNotUtf8) {
    const auto r = problem(400, "", "bad \xff\xfe detail", "/\xc0\xae");
    EXPECT_EQ(r.status, 400u);
    EXPECT_TRUE(nlohmann::json::accept(r.body));
    EXPECT_TRUE(is_valid_utf8(r.body));
}

TEST(AcceptsGzip, HonoursQValuesAndTheWildcard) {
    EXPECT_TRUE(accepts_gzip("gzip"));
    EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
    EXPECT_TRUE(accepts_gzip("GZIP;q=0.5"));
    EXPECT_TRUE(accepts_gzip("x-gzip"));
    EXPECT_TRUE(accepts_gzip("br;q=1, *;q=0.1"));
    EXPECT_TRUE(accepts_gzip("gzip ; q=1.000"));
    EXPECT_FALSE(accepts_gzip("gzip;q=0"));
    EXPECT_FALSE(accepts_gzip("gzip;q=0.000"));
    EXPECT_FALSE(accepts_gzip("*;q=0.5, gzip;q=0"));
    EXPECT_FALSE(accepts_gzip("identity"));
    EXPECT_FALSE(accepts_gzip("notgzip"));
    EXPECT_FALSE(accepts_gzip("gzipped"));
    EXPECT_FALSE(accepts_gzip("gzip;q=2"));
    EXPECT_FALSE(accepts_gzip("gzip;q=abc"));
    EXPECT_FALSE(accepts_gzip(""));
}

TEST(NoneMatchHits, MatchesWholeEntityTagsOnly) {
    const std::string etag = "\"0123456789abcdef-1a\"";
    EXPECT_TRUE(none_match_hits(etag, etag));
    EXPECT_TRUE(none_match_hits("W/" + etag, etag));
    EXPECT_TRUE(none_match_hits("\"a\", " + etag + " ,\"b\"", etag));
    EXPECT_TRUE(none_match_hits(" * ", etag));
    EXPECT_FALSE(none_match_hits("xx" + etag + "yy", etag));
    EXPECT_FALSE(none_match_hits("\"0123456789abcdef-1\"", etag));
    EXPECT_FALSE(none_match_hits("\"other\"", etag));
    EXPECT_FALSE(none_match_hits("", etag));
    EXPECT_FALSE(none_match_hits(etag, ""));
}

TEST(Utf8, FollowsRfc3629) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("Torreón, Gómez Palacio, Matamoros"));
    EXPECT_TRUE(is_valid_utf8("\xf0\x9f\x98\x80"));   // U+1F600
    EXPECT_TRUE(is_valid_utf8("\xf4\x8f\xbf\xbf"));   // U+10FFFF
    EXPECT_TRUE(is_valid_utf8("\xed\x9f\xbf"));       // U+D7FF
    EXPECT_FALSE(is_valid_utf8("\xc0\xae"));          // overlong '.'
    EXPECT_FALSE(is_valid_utf8("\xe0\x80\xae"));      // overlong '.'
    EXPECT_FALSE(is_valid_utf8("\xf0\x80\x80\xae"));  // overlong '.'
    EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
    EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\xff"));
    EXPECT_FALSE(is_valid_utf8("\x80"));
    EXPECT_FALSE(is_valid_utf8("\xc3"));  // truncated
    EXPECT_FALSE(is_valid_utf8("\xc3\x28"));
}

}  // namespace
}  // namespace metropoli::http
