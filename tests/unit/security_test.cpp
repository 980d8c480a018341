#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

#include "platform/core/encoding.h"
#include "platform/core/ids.h"
#include "platform/security/jwt.h"
#include "platform/security/password.h"

namespace slotbase::security {
namespace {

const Instant kNow = *parse_rfc3339("2026-11-24T12:00:00Z");

TEST(Jwt, SignedTokensVerifyUntilTheyExpire) {
  JwtSigner jwt(std::string(48, 'k'));
  auto token = jwt.sign({{"sub", "usr_1"}}, kNow, std::chrono::seconds(60));
  auto claims = jwt.verify(token, kNow + std::chrono::seconds(59));
  ASSERT_TRUE(claims.ok());
  EXPECT_EQ(claims.value()["sub"], "usr_1");
  EXPECT_FALSE(jwt.verify(token, kNow + std::chrono::seconds(60)).ok());
}

TEST(Jwt, RejectsTamperingAndOtherKeys) {
  JwtSigner jwt(std::string(48, 'k'));
  auto token = jwt.sign({{"sub", "usr_1"}}, kNow, std::chrono::seconds(60));
  auto dot = token.find('.');
  std::string forged = token.substr(0, dot + 1) +
                       base64url_encode(R"({"sub":"usr_2","iss":"slotbase","exp":9999999999})") +
                       token.substr(token.rfind('.'));
  EXPECT_FALSE(jwt.verify(forged, kNow).ok());
  EXPECT_FALSE(JwtSigner(std::string(48, 'x')).verify(token, kNow).ok());
  EXPECT_FALSE(jwt.verify("not.a.jwt", kNow).ok());
  EXPECT_FALSE(jwt.verify("", kNow).ok());
}

TEST(Jwt, RejectsAlgNone) {
  JwtSigner jwt(std::string(48, 'k'));
  std::string none = base64url_encode(R"({"alg":"none"})") + "." +
                     base64url_encode(R"({"sub":"usr_1","iss":"slotbase","exp":9999999999})") + ".";
  EXPECT_FALSE(jwt.verify(none, kNow).ok());
}

// Found by the fuzz target `jwt`: a signed header whose alg was not a string, or claims whose iss
// was not one, threw out of the verifier instead of refusing the token.
TEST(Jwt, RefusesMembersOfTheWrongTypeWithoutThrowing) {
  const std::string key(48, 'k');
  JwtSigner jwt(key);
  auto signed_as = [&](const std::string& header, const std::string& claims) {
    const std::string input = base64url_encode(header) + "." + base64url_encode(claims);
    return input + "." + base64url_encode(hmac_sha256(key, input));
  };
  EXPECT_TRUE(jwt.verify(signed_as(R"({"alg":"HS256"})", R"({"iss":"slotbase","exp":9999999999})"), kNow).ok());
  EXPECT_FALSE(jwt.verify(signed_as(R"({"alg":256})", R"({"iss":"slotbase","exp":9999999999})"), kNow).ok());
  EXPECT_FALSE(jwt.verify(signed_as(R"({"alg":"HS256"})", R"({"iss":1,"exp":9999999999})"), kNow).ok());
  EXPECT_FALSE(jwt.verify(signed_as(R"({"alg":null})", R"({"iss":"slotbase","exp":9999999999})"), kNow).ok());
}

// Found by the fuzz target `jwt`: the last character of a signature carries two bits that are not
// part of it, and any value of them was accepted, so each token had four spellings.
TEST(Jwt, AcceptsATokenOnlyAsItWasSigned) {
  JwtSigner jwt(std::string(48, 'k'));
  const auto token = jwt.sign({{"sub", "usr_1"}}, kNow, std::chrono::seconds(60));
  ASSERT_TRUE(jwt.verify(token, kNow).ok());
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const auto last = alphabet.find(token.back());
  for (std::size_t low = 1; low < 4; ++low) {
    std::string other = token;
    other.back() = alphabet[(last & ~std::size_t{3}) | ((last + low) & 3)];
    EXPECT_FALSE(jwt.verify(other, kNow).ok()) << other;
  }
}

TEST(Password, VerifiesOnlyTheRightPassword) {
  PasswordHasher hasher(1024, 1);
  auto hash = hasher.hash("correct horse battery");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(hasher.verify(hash, "correct horse battery"));
  EXPECT_FALSE(hasher.verify(hash, "correct horse battery!"));
  EXPECT_NE(hasher.hash("correct horse battery"), hash);  // salted
}

TEST(Encoding, Base64UrlRefusesBitsBeyondTheLastByte) {
  EXPECT_EQ(base64url_decode("QQ"), "A");
  EXPECT_FALSE(base64url_decode("QR"));  // the same byte with a stray bit after it
  EXPECT_EQ(base64url_decode("QUE"), "AA");
  EXPECT_FALSE(base64url_decode("QUF"));
}

TEST(Encoding, Base64UrlRoundTrips) {
  for (const std::string& s : std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)}) {
    auto decoded = base64url_decode(base64url_encode(s));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, s);
  }
  EXPECT_FALSE(base64url_decode("a+b/"));
}

TEST(Ids, ArePrefixedAndDistinct) {
  auto a = new_id("usr"), b = new_id("usr");
  EXPECT_EQ(a.rfind("usr_", 0), 0u);
  EXPECT_EQ(a.size(), 28u);
  EXPECT_NE(a, b);
  EXPECT_EQ(new_uuid().size(), 36u);
}

TEST(Ids, UuidsAreVersionSevenAndSortByCreationTime) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(new_uuid());
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  for (const auto& id : ids) {
    ASSERT_EQ(id.size(), 36u);
    for (std::size_t i = 0; i < id.size(); ++i) {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        EXPECT_EQ(id[i], '-') << id;
      else
        EXPECT_NE(std::string("0123456789abcdef").find(id[i]), std::string::npos) << id;
    }
    EXPECT_EQ(id[14], '7') << id;                                          // version
    EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << id;  // RFC 9562 variant
  }
  // The first 48 bits are the time in milliseconds.
  const auto now =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  const auto ms = std::stoll(ids.back().substr(0, 8) + ids.back().substr(9, 4), nullptr, 16);
  EXPECT_LE(ms, now);
  EXPECT_GT(ms, now - 1000);
}

TEST(Ids, SortByCreationTime) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(new_id("bkg"));
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  for (const auto& id : ids) EXPECT_EQ(id.find_first_not_of("234567abcdefghijklmnopqrstuvwxyz", 4), std::string::npos);
}

}  // namespace
}  // namespace slotbase::security
