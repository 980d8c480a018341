#include <gtest/gtest.h>

#include "identity/rules/phone.h"
#include "notification/catalogue.h"
#include "notification/rules/base64.h"
#include "notification/rules/svix_signature.h"
#include "notification/templates.h"

namespace slotbase::notification {
namespace {

using nlohmann::json;

TEST(NotificationBase64, RoundTripsAndRefusesWhatIsNotBase64) {
  for (const std::string& s :
       std::vector<std::string>{"", "f", "fo", "foo", "foob", "fooba", "foobar", std::string("\0\xff\x10", 3)})
    EXPECT_EQ(rules::base64_decode(rules::base64_encode(s)), s);
  EXPECT_EQ(rules::base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(rules::base64_encode("fo"), "Zm8=");
  EXPECT_EQ(rules::base64_encode("ACxx:token"), "QUN4eDp0b2tlbg==");
  EXPECT_EQ(rules::base64_decode("Zm8="), "fo");
  EXPECT_FALSE(rules::base64_decode("Zm8"));       // not whole quads
  EXPECT_FALSE(rules::base64_decode("Z=8="));      // padding inside
  EXPECT_FALSE(rules::base64_decode("Zm9v!mFy"));  // outside the alphabet
  EXPECT_FALSE(rules::base64_decode("Zm9v-_Fy"));  // base64url's, not base64's
}

// Svix's own example (docs.svix.com, "Verifying Webhooks Manually"), which Resend's webhooks follow.
constexpr const char* kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr const char* kId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
constexpr const char* kTimestamp = "1614265330";
constexpr const char* kPayload = R"({"test": 2432232314})";
constexpr const char* kSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

TEST(SvixSignature, TheDocumentedExampleVerifies) {
  EXPECT_EQ(rules::sign_svix(kSecret, kId, kTimestamp, kPayload), kSignature);
  EXPECT_EQ(rules::verify_svix(kSecret, kId, kTimestamp, kSignature, kPayload, 1614265330), rules::SvixCheck::ok);
  // While a secret is rolled the header carries several; any one will do.
  EXPECT_EQ(rules::verify_svix(kSecret, kId, kTimestamp, std::string("v1,bm90IGl0 ") + kSignature + " v1a,xyz",
                               kPayload, 1614265400),
            rules::SvixCheck::ok);
}

TEST(SvixSignature, AChangedBodyIdOrTimeOrAnOldOneIsRefused) {
  using rules::SvixCheck;
  using rules::verify_svix;
  EXPECT_EQ(verify_svix(kSecret, kId, kTimestamp, kSignature, R"({"test": 2432232315})", 1614265330),
            SvixCheck::mismatch);
  EXPECT_EQ(verify_svix(kSecret, "msg_other", kTimestamp, kSignature, kPayload, 1614265330), SvixCheck::mismatch);
  EXPECT_EQ(verify_svix(kSecret, kId, "1614265331", kSignature, kPayload, 1614265330), SvixCheck::mismatch);
  EXPECT_EQ(verify_svix("whsec_c29tZXRoaW5nIGVsc2U=", kId, kTimestamp, kSignature, kPayload, 1614265330),
            SvixCheck::mismatch);
  // Authentic, but replayed more than five minutes later (or stamped in the future).
  EXPECT_EQ(verify_svix(kSecret, kId, kTimestamp, kSignature, kPayload, 1614265330 + 301), SvixCheck::too_old);
  EXPECT_EQ(verify_svix(kSecret, kId, kTimestamp, kSignature, kPayload, 1614265330 - 301), SvixCheck::too_old);
  EXPECT_EQ(verify_svix(kSecret, kId, kTimestamp, kSignature, kPayload, 1614265330 + 300), SvixCheck::ok);
  EXPECT_EQ(verify_svix(kSecret, "", kTimestamp, kSignature, kPayload, 1614265330), SvixCheck::malformed);
  EXPECT_EQ(verify_svix(kSecret, kId, "-1614265330", kSignature, kPayload, 1614265330), SvixCheck::malformed);
  EXPECT_EQ(verify_svix(kSecret, kId, kTimestamp, "", kPayload, 1614265330), SvixCheck::malformed);
  EXPECT_EQ(verify_svix(kSecret, kId, kTimestamp, "v2,abc", kPayload, 1614265330), SvixCheck::malformed);
  EXPECT_EQ(verify_svix("whsec_***", kId, kTimestamp, kSignature, kPayload, 1614265330), SvixCheck::malformed);
}

TEST(PhoneNumbers, AreStoredInE164AndNeedTheirCountry) {
  using identity::rules::normalize_phone;
  EXPECT_EQ(normalize_phone("+1 (212) 555-0123").e164, "+12125550123");
  EXPECT_EQ(normalize_phone(" +44 7911 123456 ").e164, "+447911123456");
  EXPECT_EQ(normalize_phone("+49 30 1234567").e164, "+49301234567");
  // Without "+", only with the country it belongs to.
  EXPECT_FALSE(normalize_phone("212 555 0123").ok());
  EXPECT_EQ(normalize_phone("212 555 0123", "US").e164, "+12125550123");
  EXPECT_EQ(normalize_phone("07911 123456", "GB").e164, "+447911123456");
  for (const char* bad : {"+1 123", "+999 12345678", "+1 212 555 01234567", "call me", "+1 212 555 0123 ext 4", ""})
    EXPECT_FALSE(normalize_phone(bad).ok()) << bad;
  EXPECT_NE(normalize_phone("+1 123").why.find("not a valid phone number"), std::string::npos);
}

TEST(NotificationTemplates, TextsAreOneShortLineForEveryTypeThatGoesBySms) {
  const Templates templates;
  const json facts = {{"name", "Pat"},
                      {"facility", "Riverside"},
                      {"resource", "Court 7"},
                      {"when", "Wed 25 Nov, 10:00 (America/New_York)"},
                      {"deadline", "Wed 25 Nov, 08:00 (America/New_York)"},
                      {"link", "https://book.example.com/"},
                      {"reason", "Resurfacing"},
                      {"refund", "20.00 USD"}};
  int with_sms = 0;
  for (const auto& type : catalogue()) {
    const bool sms = std::find(type.channels.begin(), type.channels.end(), Channel::sms) != type.channels.end();
    EXPECT_EQ(templates.has(type.name, Channel::sms, "en"), sms) << type.name;
    if (!sms) continue;
    ++with_sms;
    const auto text = templates.render(type.name, Channel::sms, "en", facts);
    EXPECT_TRUE(text.title.empty());
    EXPECT_FALSE(text.html);
    EXPECT_EQ(text.text.find('\n'), std::string::npos) << text.text;
    EXPECT_NE(text.text.find("Court 7"), std::string::npos) << text.text;
    EXPECT_NE(text.text.find("Wed 25 Nov, 10:00"), std::string::npos) << text.text;
    EXPECT_LE(text.text.size(), 160u) << text.text;  // one SMS segment
  }
  EXPECT_EQ(with_sms, 4);
  EXPECT_TRUE(type_info(types::kReminder1h).sms_replaces_email);
}

TEST(NotificationTemplates, ABatchSaysHowManyAndListsEach) {
  const Templates templates;
  json items = json::array();
  for (int i = 0; i < 3; ++i)
    items.push_back({{"resource", "Court " + std::to_string(i + 1)},
                     {"when", "Wed 25 Nov, 1" + std::to_string(i) + ":00"},
                     {"reason", "Resurfacing"},
                     {"refund", ""}});
  const json facts = {{"name", "Pat"},
                      {"facility", "Riverside"},
                      {"count", 3},
                      {"items", items},
                      {"first_when", "Wed 25 Nov, 10:00"},
                      {"app_url", "https://book.example.com/"},
                      {"unsubscribe_url", "https://book.example.com/api/v1/unsubscribe?token=x.y"}};
  for (const auto& type : catalogue()) {
    if (!type.batched) continue;
    const auto email = templates.render(std::string(type.name) + ".batch", Channel::email, "en", facts);
    EXPECT_EQ(email.title.rfind("3 bookings cancelled", 0), 0u) << email.title;
    for (const char* court : {"Court 1, Wed 25 Nov, 10:00", "Court 2, Wed 25 Nov, 11:00", "Court 3, Wed 25 Nov, 12:00"})
      EXPECT_NE(email.text.find(court), std::string::npos) << email.text;
    EXPECT_NE(email.html->find("<li><strong>Court 3</strong>"), std::string::npos) << *email.html;
    const auto sms = templates.render(std::string(type.name) + ".batch", Channel::sms, "en", facts);
    EXPECT_NE(sms.text.find("3 of your bookings"), std::string::npos) << sms.text;
  }
}

}  // namespace
}  // namespace slotbase::notification
