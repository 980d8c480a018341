#include <gtest/gtest.h>

#include <set>

#include "notification/rules/web_push.h"
#include "platform/core/encoding.h"
#include "support/push_receiver.h"

namespace slotbase::notification::rules {
namespace {

using testing::PushReceiver;
using testing::verify_es256_jwt;

std::string b64(std::string_view text) {
  auto bytes = base64url_decode(text);
  EXPECT_TRUE(bytes.has_value()) << text;
  return bytes.value_or("");
}

// RFC 8291, Appendix A: the example's inputs, and the body it must come to.
const std::string kPlaintext = "When I grow up, I want to be a watermelon";
const std::string kAsPrivate = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
const std::string kAsPublic = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
const std::string kUaPrivate = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
const std::string kUaPublic = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
const std::string kSalt = "DGv6ra1nlYgDCS1FRnbzlw";
const std::string kAuthSecret = "BTBZMqHH6r4Tts7J_aSIgg";
const std::string kBody =
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7"
    "A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

TEST(WebPush, EncryptingTheRfc8291ExampleGivesTheRfcsBytes) {
  auto sender = P256Key::from_private(b64(kAsPrivate));
  ASSERT_TRUE(sender.has_value());
  EXPECT_EQ(base64url_encode(sender->public_point()), kAsPublic);
  const std::string body = encrypt_aes128gcm(kPlaintext, b64(kUaPublic), b64(kAuthSecret), *sender, b64(kSalt));
  EXPECT_EQ(base64url_encode(body), kBody);
}

TEST(WebPush, TheTestsOwnBrowserSideReadsTheRfcExample) {
  // The receiver the HTTP tests decrypt with, checked against the RFC too.
  PushReceiver ua(b64(kUaPrivate), b64(kUaPublic), b64(kAuthSecret));
  EXPECT_EQ(ua.decrypt(b64(kBody)), kPlaintext);
  std::string tampered = b64(kBody);
  tampered[tampered.size() - 20] ^= 1;
  EXPECT_EQ(ua.decrypt(tampered), std::nullopt);
}

TEST(WebPush, EachMessageHasItsOwnKeyAndSaltAndOnlyItsSubscriptionReadsIt) {
  PushReceiver ua, other;
  const std::string text = R"({"title":"Booking confirmed","body":"Court 1 — Wed 25 Nov, 10:00"})";
  const std::string a = encrypt(text, b64(ua.p256dh()), b64(ua.auth()));
  const std::string b = encrypt(text, b64(ua.p256dh()), b64(ua.auth()));
  EXPECT_NE(a.substr(0, 16), b.substr(0, 16));    // the salt
  EXPECT_NE(a.substr(21, 65), b.substr(21, 65));  // the sender's one-off key
  EXPECT_EQ(a.size(), 16 + 4 + 1 + 65 + text.size() + 1 + 16);
  EXPECT_EQ(ua.decrypt(a), text);
  EXPECT_EQ(ua.decrypt(b), text);
  EXPECT_EQ(other.decrypt(a), std::nullopt);
}

TEST(WebPush, AMessageTooLongForOneRecordIsRefused) {
  PushReceiver ua;
  EXPECT_NO_THROW(encrypt(std::string(kMaxPlaintext, 'x'), b64(ua.p256dh()), b64(ua.auth())));
  EXPECT_EQ(encrypt(std::string(kMaxPlaintext, 'x'), b64(ua.p256dh()), b64(ua.auth())).size(), 4096u);
  EXPECT_THROW(encrypt(std::string(kMaxPlaintext + 1, 'x'), b64(ua.p256dh()), b64(ua.auth())), std::invalid_argument);
}

TEST(WebPush, AVapidTokenIsAnEs256JwtForThePushServicesOrigin) {
  const P256Key key = P256Key::generate();
  const VapidClaims claims{"https://fcm.googleapis.com", 1795000000, "mailto:ops@slotbase.example"};
  const std::string header = vapid_authorization(key, claims);
  ASSERT_EQ(header.rfind("vapid t=", 0), 0u) << header;
  const auto comma = header.find(", k=");
  ASSERT_NE(comma, std::string::npos);
  const std::string jwt = header.substr(8, comma - 8);
  EXPECT_EQ(header.substr(comma + 4), base64url_encode(key.public_point()));
  auto verified = verify_es256_jwt(jwt, key.public_point());
  ASSERT_TRUE(verified.has_value());
  EXPECT_EQ((*verified)["aud"], "https://fcm.googleapis.com");
  EXPECT_EQ((*verified)["exp"], 1795000000);
  EXPECT_EQ((*verified)["sub"], "mailto:ops@slotbase.example");
  // Another key's token, or a changed claim, does not verify.
  EXPECT_FALSE(verify_es256_jwt(jwt, P256Key::generate().public_point()).has_value());
  std::string changed = jwt;
  changed[jwt.find('.') + 3] = changed[jwt.find('.') + 3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verify_es256_jwt(changed, key.public_point()).has_value());
  EXPECT_TRUE(key.verify_es256(jwt.substr(0, jwt.rfind('.')), b64(jwt.substr(jwt.rfind('.') + 1))));
}

TEST(WebPush, AKeyComesBackFromItsPrivateScalar) {
  const P256Key key = P256Key::generate();
  auto again = P256Key::from_private(key.private_scalar());
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->public_point(), key.public_point());
  EXPECT_FALSE(P256Key::from_private(std::string(32, '\0')).has_value());
  EXPECT_FALSE(P256Key::from_private(std::string(32, '\xff')).has_value());  // above the group order
  EXPECT_FALSE(P256Key::from_private("short").has_value());
}

TEST(WebPush, TheAudienceIsTheEndpointsOrigin) {
  EXPECT_EQ(origin_of("https://fcm.googleapis.com/fcm/send/abc:def"), "https://fcm.googleapis.com");
  EXPECT_EQ(origin_of("https://Updates.Push.Services.Mozilla.com/wpush/v2/gAAA?x=1"),
            "https://updates.push.services.mozilla.com");
  EXPECT_EQ(origin_of("https://web.push.apple.com:443/QGuQ"), "https://web.push.apple.com:443");
  EXPECT_EQ(origin_of("http://127.0.0.1:4711/push/1"), "http://127.0.0.1:4711");
  EXPECT_EQ(origin_of("ftp://example.com/x"), "");
  EXPECT_EQ(origin_of("not a url"), "");
}

std::set<std::string> fields(const std::vector<FieldError>& errors) {
  std::set<std::string> out;
  for (const auto& e : errors) out.insert(e.field);
  return out;
}

TEST(WebPush, ASubscriptionNeedsAnHttpsEndpointOnAHostAndKeysOfTheRightSizes) {
  const std::string endpoint = "https://fcm.googleapis.com/fcm/send/abc";
  EXPECT_TRUE(check_subscription(endpoint, kUaPublic, kAuthSecret, false).empty());
  EXPECT_TRUE(check_subscription(endpoint, kUaPublic + "=", kAuthSecret + "==", false).empty());  // padded

  using Fields = std::set<std::string>;
  EXPECT_EQ(fields(check_subscription("http://push.example.com/x", kUaPublic, kAuthSecret, false)), Fields{"endpoint"});
  EXPECT_EQ(fields(check_subscription("https://10.0.0.5/x", kUaPublic, kAuthSecret, false)), Fields{"endpoint"});
  EXPECT_EQ(fields(check_subscription("https://[::1]/x", kUaPublic, kAuthSecret, false)), Fields{"endpoint"});
  EXPECT_EQ(fields(check_subscription("https://localhost/x", kUaPublic, kAuthSecret, false)), Fields{"endpoint"});
  EXPECT_EQ(fields(check_subscription("https://user@push.example.com/x", kUaPublic, kAuthSecret, false)),
            Fields{"endpoint"});
  EXPECT_EQ(fields(check_subscription("", kUaPublic, kAuthSecret, false)), Fields{"endpoint"});
  EXPECT_EQ(fields(check_subscription("http://127.0.0.1:9/x", kUaPublic, kAuthSecret, false)), Fields{"endpoint"});
  EXPECT_TRUE(check_subscription("http://127.0.0.1:9/x", kUaPublic, kAuthSecret, true).empty());

  // 65 bytes but not on the curve; the compressed form; not base64url; a 15-byte secret.
  std::string off_curve = b64(kUaPublic);
  off_curve[64] ^= 1;
  EXPECT_EQ(fields(check_subscription(endpoint, base64url_encode(off_curve), kAuthSecret, false)),
            Fields{"keys.p256dh"});
  EXPECT_EQ(fields(check_subscription(endpoint, base64url_encode(b64(kUaPublic).substr(0, 33)), kAuthSecret, false)),
            Fields{"keys.p256dh"});
  EXPECT_EQ(fields(check_subscription(endpoint, "not base64!", "%%", false)), (Fields{"keys.p256dh", "keys.auth"}));
  EXPECT_EQ(fields(check_subscription(endpoint, kUaPublic, base64url_encode(std::string(15, 'a')), false)),
            Fields{"keys.auth"});
}

TEST(WebPush, ThePushServicesAnswerDecidesWhatComesNext) {
  EXPECT_EQ(verdict_of(201), PushVerdict::delivered);
  EXPECT_EQ(verdict_of(202), PushVerdict::delivered);
  EXPECT_EQ(verdict_of(404), PushVerdict::gone);
  EXPECT_EQ(verdict_of(410), PushVerdict::gone);
  EXPECT_EQ(verdict_of(429), PushVerdict::retry);
  EXPECT_EQ(verdict_of(500), PushVerdict::retry);
  EXPECT_EQ(verdict_of(503), PushVerdict::retry);
  EXPECT_EQ(verdict_of(0), PushVerdict::retry);
  EXPECT_EQ(verdict_of(400), PushVerdict::failed);
  EXPECT_EQ(verdict_of(403), PushVerdict::failed);  // a VAPID key the service does not take
  EXPECT_EQ(verdict_of(413), PushVerdict::failed);
}

}  // namespace
}  // namespace slotbase::notification::rules
