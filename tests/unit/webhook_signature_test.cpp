#include <gtest/gtest.h>

#include <string>

#include "payment/rules/webhook_signature.h"

namespace slotbase::payment::rules {
namespace {

constexpr const char* kSecret = "whsec_test_secret";
constexpr const char* kPayload = R"({"id":"evt_1","type":"payment_intent.succeeded"})";
constexpr std::int64_t kSent = 1700000000;
// python3 -c 'import hmac,hashlib; print(hmac.new(b"whsec_test_secret",
//   b"1700000000." + PAYLOAD, hashlib.sha256).hexdigest())'
constexpr const char* kKnownV1 = "22d8dc182f5c588077683bd378368e29765bfe5df2560112b4f28fef120f0e31";

TEST(WebhookSignature, SignsLikeStripe) {
  EXPECT_EQ(sign_webhook(kPayload, kSecret, kSent), std::string("t=1700000000,v1=") + kKnownV1);
}

TEST(WebhookSignature, AcceptsItsOwnSignatureAndStripes) {
  EXPECT_EQ(verify_webhook(sign_webhook(kPayload, kSecret, kSent), kPayload, kSecret, kSent), SignatureCheck::ok);
  EXPECT_EQ(verify_webhook(std::string("t=1700000000,v1=") + kKnownV1 + ",v0=6ffbb59b2300aae63f27", kPayload, kSecret,
                           kSent + 10),
            SignatureCheck::ok);
}

TEST(WebhookSignature, ATamperedPayloadDoesNotMatch) {
  auto header = sign_webhook(kPayload, kSecret, kSent);
  EXPECT_EQ(verify_webhook(header, R"({"id":"evt_1","type":"payment_intent.succeeded" })", kSecret, kSent),
            SignatureCheck::mismatch);
  EXPECT_EQ(verify_webhook(header, "", kSecret, kSent), SignatureCheck::mismatch);
}

TEST(WebhookSignature, AnotherSecretDoesNotMatch) {
  EXPECT_EQ(verify_webhook(sign_webhook(kPayload, "whsec_other", kSent), kPayload, kSecret, kSent),
            SignatureCheck::mismatch);
}

TEST(WebhookSignature, ATimestampChangedAfterSigningDoesNotMatch) {
  EXPECT_EQ(verify_webhook(std::string("t=1700000001,v1=") + kKnownV1, kPayload, kSecret, kSent),
            SignatureCheck::mismatch);
}

TEST(WebhookSignature, AnyOfSeveralV1SignaturesMayMatch) {
  // While a secret is rolled, Stripe signs with the old and the new one.
  auto old_secret = sign_webhook(kPayload, "whsec_old", kSent);
  auto old_v1 = old_secret.substr(old_secret.find("v1="));
  EXPECT_EQ(verify_webhook("t=1700000000," + old_v1 + ",v1=" + kKnownV1, kPayload, kSecret, kSent), SignatureCheck::ok);
  EXPECT_EQ(verify_webhook(std::string("t=1700000000, v1=") + kKnownV1 + ", " + old_v1, kPayload, kSecret, kSent),
            SignatureCheck::ok);
  EXPECT_EQ(verify_webhook("t=1700000000," + old_v1 + ",v1=00", kPayload, kSecret, kSent), SignatureCheck::mismatch);
}

TEST(WebhookSignature, AnEventOutsideTheToleranceIsTooOld) {
  auto header = sign_webhook(kPayload, kSecret, kSent);
  EXPECT_EQ(verify_webhook(header, kPayload, kSecret, kSent + 300), SignatureCheck::ok);
  EXPECT_EQ(verify_webhook(header, kPayload, kSecret, kSent + 301), SignatureCheck::too_old);
  EXPECT_EQ(verify_webhook(header, kPayload, kSecret, kSent - 300), SignatureCheck::ok);
  EXPECT_EQ(verify_webhook(header, kPayload, kSecret, kSent - 301), SignatureCheck::too_old);
  EXPECT_EQ(verify_webhook(header, kPayload, kSecret, kSent + 3600, 7200), SignatureCheck::ok);
  // A forged old event is a mismatch: "too old" is said only of a signature we made.
  EXPECT_EQ(verify_webhook(sign_webhook(kPayload, "whsec_other", kSent), kPayload, kSecret, kSent + 3600),
            SignatureCheck::mismatch);
}

TEST(WebhookSignature, AHeaderWithoutATimestampOrAV1IsMalformed) {
  auto v1 = std::string("v1=") + kKnownV1;
  for (std::string header :
       {std::string(""), v1, std::string("t=1700000000"), std::string("t=1700000000,v0=abc"), "t=," + v1,
        "t=17e8," + v1, "t=-1700000000," + v1, "t=99999999999999999999," + v1, "t=1700000000,t=1700000000," + v1,
        "t=1700000000;" + v1, "1700000000," + v1, std::string(kKnownV1)})
    EXPECT_EQ(verify_webhook(header, kPayload, kSecret, kSent), SignatureCheck::malformed) << header;
}

}  // namespace
}  // namespace slotbase::payment::rules
