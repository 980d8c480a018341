#include <algorithm>
#include <thread>

#include "http/booking_fixture.h"
#include "identity/identity_service.h"
#include "notification/rules/base64.h"
#include "notification/rules/svix_signature.h"
#include "payment/loopback_server.h"
#include "platform/events/outbox.h"

namespace slotbase::testing {
namespace {

using json = nlohmann::json;

/// The booking fixture (a New York facility, its owner, a player; 07:00 in New York on Tue 24
/// Nov 2026) with a platform administrator to read the local outbox, a player who gave a phone
/// number, and helpers to let the worker run, batches included.
class ChannelsHttpTest : public BookingHttpTest {
 protected:
  void SetUp() override {
    BookingHttpTest::SetUp();
    if (IsSkipped()) return;
    admin_ = sign_up_platform_admin("admin@example.com");
    auto r = client_->send("PATCH", "/api/v1/me", {{"phone", "+1 (212) 555-0123"}}, player_.access);
    ASSERT_EQ(r.status, 200) << r.body;
  }

  /// Events and due jobs until nothing is due now.
  void drain() {
    for (int pass = 0; pass < 250; ++pass) {
      app_->run_background_once();
      bool busy = app_->dispatcher().lag() > 0 || !app_->jobs().list("running", 10).empty();
      for (const auto& job : app_->jobs().list("pending", 1000)) busy = busy || job.run_at <= clock_.now();
      if (!busy) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "the worker did not finish its work";
  }
  /// The worker, then again once the batches' window has passed.
  void settle() {
    drain();
    clock_.advance(std::chrono::seconds(61));
    drain();
  }
  void at(const std::string& when) {
    travel_to(when);
    admin_.access =
        app_->service<identity::IdentityService>().login(admin_.email, "a long enough passphrase", {})->access_token;
    drain();
  }
  std::string book(const std::string& start, const std::string& end, const std::string& court = "") {
    auto h = hold(player_, start, end, court);
    EXPECT_EQ(h.status, 201) << h.body;
    auto b = confirm(player_, h.json().value("id", ""));
    EXPECT_EQ(b.status, 201) << b.body;
    return b.json().value("id", "");
  }
  void staff_cancel(const std::string& booking) {
    auto r = client_->post("/api/v1/bookings/" + booking + "/cancel", {{"reason", "Tournament"}}, owner_.access);
    ASSERT_EQ(r.status, 200) << r.body;
  }
  /// The texts and e-mails of the local outbox, but the account e-mails (every sign-up's
  /// verification link: the only e-mails without List-Unsubscribe).
  json outbox(const std::string& to = "") {
    auto r = client_->get("/api/v1/admin/outbox?limit=200" + (to.empty() ? "" : "&to=" + to), admin_.access);
    EXPECT_EQ(r.status, 200) << r.body;
    const json page = r.json();
    json out = json::array();
    for (const auto& m : page["items"])
      if (m["channel"] == "sms" || (m.contains("headers") && m["headers"].contains("List-Unsubscribe")))
        out.push_back(m);
    return out;
  }
  std::vector<json> outbox_of(const std::string& channel, const std::string& prefix = "") {
    std::vector<json> out;
    for (const auto& m : outbox())
      if (m["channel"] == channel &&
          (channel == "sms" ? m["text"] : m["subject"]).get<std::string>().find(prefix) != std::string::npos)
        out.push_back(m);
    return out;
  }
  json log(const std::string& query = "") {
    auto r = client_->get("/api/v1/facilities/" + facility_ + "/notifications?limit=500" + query, owner_.access);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["items"];
  }
  std::vector<json> log_of(const std::string& channel, const std::string& type = "") {
    std::vector<json> out;
    for (const auto& row : log())
      if (row["channel"] == channel && (type.empty() || row["type"] == type)) out.push_back(row);
    return out;
  }
  int inbox_count(const std::string& type) {
    auto r = client_->get("/api/v1/me/notifications?limit=200", player_.access);
    EXPECT_EQ(r.status, 200) << r.body;
    const json items = r.json()["items"];
    int n = 0;
    for (const auto& item : items) n += item["type"] == type;
    return n;
  }

  Account admin_;
};

TEST_P(ChannelsHttpTest, APhoneNumberIsCheckedAndKeptInE164) {
  auto me = client_->get("/api/v1/me", player_.access).json();
  EXPECT_EQ(me["phone"], "+12125550123");
  auto bad = [&](const json& phone, const std::string& why) {
    auto r = client_->send("PATCH", "/api/v1/me", {{"phone", phone}}, player_.access);
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
    EXPECT_EQ(r.json()["errors"][0]["field"], "phone") << r.body;
    EXPECT_NE(r.json()["errors"][0]["message"].get<std::string>().find(why), std::string::npos) << r.body;
  };
  bad("212 555 0123", "must start with +");
  bad("+1 123", "not a valid phone number");
  bad("+1 212 555 0123 ext. 4", "only digits");
  bad(42, "");
  EXPECT_EQ(client_->get("/api/v1/me", player_.access).json()["phone"], "+12125550123");
  auto cleared = client_->send("PATCH", "/api/v1/me", {{"phone", nullptr}}, player_.access);
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(cleared.json()["phone"].is_null());
  auto reg = client_->post("/api/v1/auth/register", {{"email", "texter@example.com"},
                                                     {"password", "a long enough passphrase"},
                                                     {"name", "Tex"},
                                                     {"phone", "+44 7911 123456"}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  EXPECT_EQ(reg.json()["user"]["phone"], "+447911123456");
  auto refused = client_->post("/api/v1/auth/register", {{"email", "nophone@example.com"},
                                                         {"password", "a long enough passphrase"},
                                                         {"name", "No"},
                                                         {"phone", "07911 123456"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.json()["errors"][0]["field"], "phone");
}

TEST_P(ChannelsHttpTest, WithoutTwilioTextsGoToTheOutboxAndOnlyToUsersWithAPhone) {
  auto other = sign_up("nophone@example.com");
  const auto mine = book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  auto h = hold(other, "2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z");
  const auto theirs = confirm(other, h.json().value("id", "")).json().value("id", "");
  staff_cancel(mine);
  staff_cancel(theirs);
  settle();
  auto texts = outbox_of("sms");
  ASSERT_EQ(texts.size(), 1u) << outbox().dump();
  EXPECT_EQ(texts[0]["to"], "+12125550123");
  EXPECT_EQ(texts[0]["subject"], "");
  EXPECT_EQ(texts[0]["text"], "Courts cancelled your booking of Court 1, Wed 25 Nov, 10:00 (America/New_York).");
  // The e-mail goes too: texts add to it for these types.
  EXPECT_EQ(outbox_of("email", "Courts cancelled your booking").size(), 2u);
  auto sms = log_of("sms");
  ASSERT_EQ(sms.size(), 1u);
  EXPECT_EQ(sms[0]["status"], "sent");
  EXPECT_EQ(sms[0]["user_id"], player_.id);
  ASSERT_EQ(sms[0]["attempt_log"].size(), 1u);
  EXPECT_EQ(sms[0]["attempt_log"][0]["provider"], "outbox");
  // Resend's webhook is not configured here.
  EXPECT_EQ(client_->request("POST", "/api/v1/webhooks/resend", "{}", {{"Content-Type", "application/json"}}).status,
            404);
}

TEST_P(ChannelsHttpTest, TheHourBeforeReminderGoesByTextInsteadOfEmail) {
  book("2026-11-24T15:00:00Z", "2026-11-24T16:00:00Z");
  drain();  // the confirmation's event schedules the reminder
  at("2026-11-24T14:00:00Z");
  auto texts = outbox_of("sms", "starts in one hour");
  ASSERT_EQ(texts.size(), 1u) << outbox().dump();
  EXPECT_EQ(texts[0]["text"],
            "Courts: your booking of Court 1 starts in one hour, Tue 24 Nov, 10:00 (America/New_York).");
  EXPECT_TRUE(outbox_of("email", "In one hour").empty());
  auto email = log_of("email", "booking.reminder_1h");
  ASSERT_EQ(email.size(), 1u);
  EXPECT_EQ(email[0]["status"], "suppressed");
  EXPECT_NE(email[0]["error"].get<std::string>().find("sent by text message instead"), std::string::npos);
  EXPECT_EQ(inbox_count("booking.reminder_1h"), 1);
}

TEST_P(ChannelsHttpTest, TenCancelledByOneClosureMakeOneEmailAndOneText) {
  std::vector<std::string> bookings;
  for (int hour = 12; hour < 22; ++hour)
    bookings.push_back(
        book("2026-11-25T" + std::to_string(hour) + ":00:00Z", "2026-11-25T" + std::to_string(hour + 1) + ":00:00Z"));
  drain();
  const auto before = outbox().size();
  auto block = client_->post(
      "/api/v1/resources/" + court_ + "/blocks",
      {{"start", "2026-11-25T12:00:00Z"}, {"end", "2026-11-25T22:00:00Z"}, {"reason", "Resurfacing"}, {"force", true}},
      owner_.access);
  ASSERT_EQ(block.status, 201) << block.body;
  drain();
  EXPECT_EQ(outbox().size(), before);  // held for the batch's window
  settle();
  EXPECT_EQ(inbox_count("booking.cancelled_by_block"), 10);
  auto mails = outbox_of("email", "bookings cancelled");
  ASSERT_EQ(mails.size(), 1u) << outbox().dump();
  EXPECT_EQ(mails[0]["subject"], "10 bookings cancelled: Courts closed courts");
  const std::string text = mails[0]["text"];
  EXPECT_NE(text.find("Court 1, Wed 25 Nov, 07:00 (America/New_York) (Maintenance: Resurfacing)"), std::string::npos)
      << text;
  EXPECT_NE(text.find("Court 1, Wed 25 Nov, 16:00 (America/New_York) (Maintenance: Resurfacing)"), std::string::npos)
      << text;
  EXPECT_LT(text.find("Wed 25 Nov, 09:00"), text.find("Wed 25 Nov, 10:00"));  // in time order
  EXPECT_LT(text.find("Wed 25 Nov, 15:00"), text.find("Wed 25 Nov, 16:00"));
  EXPECT_TRUE(outbox_of("email", "is closed").empty());
  auto texts = outbox_of("sms", "cancelled 10 of your bookings");
  ASSERT_EQ(texts.size(), 1u) << outbox().dump();
  // The staff see each of the ten, one sent and nine in it.
  int sent = 0, together = 0;
  for (const auto& row : log_of("email", "booking.cancelled_by_block")) {
    sent += row["status"] == "sent";
    together += row["status"] == "suppressed" && row["error"].get<std::string>().find("sent together") == 0;
  }
  EXPECT_EQ(sent, 1);
  EXPECT_EQ(together, 9);

  // A replay of the whole event log sends nothing again.
  const auto mail_count = outbox().size();
  const auto last = app_->database().read([](db::Connection& c) { return events::Outbox::last_sequence(c); });
  ASSERT_TRUE(app_->dispatcher().replay("notification.messages", 1, last).ok());
  settle();
  EXPECT_EQ(outbox().size(), mail_count);
  EXPECT_EQ(inbox_count("booking.cancelled_by_block"), 10);
}

TEST_P(ChannelsHttpTest, ABatchIsWrittenInTheLanguageOfItsReader) {
  ASSERT_EQ(client_->send("PATCH", "/api/v1/me", {{"locale", "es"}}, player_.access).status, 200);
  for (int hour = 12; hour < 15; ++hour)
    book("2026-11-25T" + std::to_string(hour) + ":00:00Z", "2026-11-25T" + std::to_string(hour + 1) + ":00:00Z");
  drain();
  auto block = client_->post(
      "/api/v1/resources/" + court_ + "/blocks",
      {{"start", "2026-11-25T12:00:00Z"}, {"end", "2026-11-25T15:00:00Z"}, {"reason", "Resurfacing"}, {"force", true}},
      owner_.access);
  ASSERT_EQ(block.status, 201) << block.body;
  settle();
  auto mails = outbox_of("email", "reservas canceladas");
  ASSERT_EQ(mails.size(), 1u) << outbox().dump();
  EXPECT_EQ(mails[0]["subject"], "3 reservas canceladas: Courts ha cerrado pistas");
  const std::string text = mails[0]["text"];
  EXPECT_EQ(text.rfind("Hola, Test User:\n\nCourts ha cerrado pistas y ha cancelado 3 de tus reservas:\n", 0), 0u)
      << text;
  EXPECT_NE(text.find("- Court 1, miércoles 25 de noviembre, 07:00 (America/New_York)"), std::string::npos) << text;
  EXPECT_LT(text.find("noviembre, 07:00"), text.find("noviembre, 09:00"));  // in time order
  auto texts = outbox_of("sms", "ha cancelado 3 de tus reservas");
  ASSERT_EQ(texts.size(), 1u) << outbox().dump();
  EXPECT_NE(texts[0]["text"].get<std::string>().find("la primera, miércoles 25 de noviembre, 07:00 (America/New_York)"),
            std::string::npos)
      << texts[0]["text"];
}

TEST_P(ChannelsHttpTest, TenRebookingsInAnHourSendNoMoreThanTheCap) {
  for (int i = 0; i < 10; ++i) {
    const auto booking = book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
    auto r = client_->post("/api/v1/bookings/" + booking + "/cancel", {{"reason", "changed my mind"}}, player_.access);
    ASSERT_EQ(r.status, 200) << r.body;
  }
  settle();
  EXPECT_EQ(inbox_count("booking.confirmed"), 10);
  EXPECT_EQ(inbox_count("booking.cancelled_by_player"), 10);
  EXPECT_EQ(outbox("player@example.com").size(), 10u);
  int capped = 0;
  for (const auto& row : log_of("email"))
    capped += row["status"] == "suppressed" && row["error"].get<std::string>().find("over the cap of 10") == 0;
  EXPECT_EQ(capped, 10);
  // A critical message is never capped.
  const auto booking = book("2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z");
  staff_cancel(booking);
  settle();
  EXPECT_EQ(outbox_of("email", "Courts cancelled your booking").size(), 1u);
  // The next hour has room again.
  at("2026-11-24T13:00:00Z");
  book("2026-11-25T19:00:00Z", "2026-11-25T20:00:00Z");
  settle();
  EXPECT_EQ(outbox_of("email", "Booking confirmed").size(), 6u);
}

SB_INSTANTIATE_BACKENDS(ChannelsHttpTest);

constexpr const char* kTwilioError21211 =
    R"({"code": 21211, "message": "The 'To' number +12125550123 is not a valid phone number.",
  "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400})";

std::string twilio_message(const std::string& sid) {
  return R"({"sid": ")" + sid + R"(", "status": "queued", "to": "+12125550123", "from": "+15005550006",
            "body": "...", "num_segments": "1", "error_code": null, "error_message": null})";
}

/// Texts through Twilio's API, here a loopback server that records what arrives.
class TwilioHttpTest : public ChannelsHttpTest {
 protected:
  void configure(Config& c) override {
    c.twilio_account_sid = "AC0123456789abcdef0123456789abcdef";
    c.twilio_auth_token = "auth-token";
    c.twilio_from = "+15005550006";
    c.twilio_api_base = twilio_.base_url();
  }
  LoopbackServer twilio_;
};

TEST_P(TwilioHttpTest, ATextReachesTwilioAsItsApiAsks) {
  twilio_.script(ScriptedReply::json(201, twilio_message("SM0123")));
  staff_cancel(book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z"));
  settle();
  const auto requests = twilio_.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& r = requests[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.path, "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json");
  EXPECT_EQ(r.header("authorization"),
            "Basic " + notification::rules::base64_encode("AC0123456789abcdef0123456789abcdef:auth-token"));
  EXPECT_EQ(r.header("content-type"), "application/x-www-form-urlencoded");
  const auto form = r.form();
  EXPECT_EQ(form.at("To"), "+12125550123");
  EXPECT_EQ(form.at("From"), "+15005550006");
  EXPECT_EQ(form.at("Body"), "Courts cancelled your booking of Court 1, Wed 25 Nov, 10:00 (America/New_York).");
  EXPECT_FALSE(form.contains("MessagingServiceSid"));
  EXPECT_TRUE(outbox_of("sms").empty());
  auto sms = log_of("sms");
  ASSERT_EQ(sms.size(), 1u);
  EXPECT_EQ(sms[0]["status"], "sent");
  EXPECT_EQ(sms[0]["attempt_log"][0]["provider"], "twilio");
}

TEST_P(TwilioHttpTest, AnInvalidNumberStopsTextsToItAndTheReminderFallsBackToEmail) {
  twilio_.script(ScriptedReply::json(400, kTwilioError21211));
  book("2026-11-24T15:00:00Z", "2026-11-24T16:00:00Z");
  drain();
  at("2026-11-24T14:00:00Z");
  ASSERT_EQ(twilio_.requests().size(), 1u);
  auto sms = log_of("sms", "booking.reminder_1h");
  ASSERT_EQ(sms.size(), 1u);
  EXPECT_EQ(sms[0]["status"], "failed");  // at once: no retry for a number that does not exist
  EXPECT_EQ(sms[0]["attempts"], 1);
  EXPECT_EQ(sms[0]["undeliverable"], true);
  EXPECT_NE(sms[0]["error"].get<std::string>().find("21211"), std::string::npos);
  ASSERT_EQ(sms[0]["attempt_log"].size(), 1u);
  EXPECT_EQ(sms[0]["attempt_log"][0]["outcome"], "permanent");
  // The e-mail it had replaced goes after all.
  EXPECT_EQ(outbox_of("email", "In one hour").size(), 1u) << outbox().dump();
  // The dead letters list it.
  bool listed = false;
  for (const auto& row : log("&status=failed")) listed = listed || row["id"] == sms[0]["id"];
  EXPECT_TRUE(listed);

  // Nothing more is texted to that number; the e-mail still goes.
  staff_cancel(book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z"));
  settle();
  EXPECT_EQ(twilio_.requests().size(), 1u);
  auto stopped = log_of("sms", "booking.cancelled_by_facility");
  ASSERT_EQ(stopped.size(), 1u);
  EXPECT_EQ(stopped[0]["status"], "suppressed");
  EXPECT_NE(stopped[0]["error"].get<std::string>().find("the number is undeliverable"), std::string::npos);
  EXPECT_EQ(outbox_of("email", "Courts cancelled your booking").size(), 1u);

  // A new number is a new chance.
  ASSERT_EQ(client_->send("PATCH", "/api/v1/me", {{"phone", "+1 212 555 0199"}}, player_.access).status, 200);
  twilio_.script(ScriptedReply::json(201, twilio_message("SM0199")));
  staff_cancel(book("2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z"));
  settle();
  ASSERT_EQ(twilio_.requests().size(), 2u);
  EXPECT_EQ(twilio_.requests()[1].form().at("To"), "+12125550199");
}

TEST_P(TwilioHttpTest, ABusyTwilioIsTriedAgainWithTheSameBackoffAsEmail) {
  twilio_.script(ScriptedReply::json(503, R"({"code": 20500, "message": "Internal Server Error", "status": 503})"));
  twilio_.script(ScriptedReply::dropped());
  twilio_.script(ScriptedReply::json(201, twilio_message("SM0777")));
  staff_cancel(book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z"));
  settle();
  EXPECT_EQ(twilio_.requests().size(), 1u);
  EXPECT_EQ(log_of("sms")[0]["status"], "queued");
  clock_.advance(std::chrono::minutes(1));
  drain();
  EXPECT_EQ(twilio_.requests().size(), 2u);
  clock_.advance(std::chrono::minutes(3));
  drain();
  EXPECT_EQ(twilio_.requests().size(), 2u);  // four minutes after the second try, not three
  clock_.advance(std::chrono::minutes(1));
  drain();
  ASSERT_EQ(twilio_.requests().size(), 3u);
  auto sms = log_of("sms");
  ASSERT_EQ(sms.size(), 1u);
  EXPECT_EQ(sms[0]["status"], "sent");
  EXPECT_EQ(sms[0]["attempts"], 3);
  EXPECT_EQ(sms[0]["undeliverable"], false);
  std::vector<std::string> outcomes;
  for (const auto& a : sms[0]["attempt_log"]) outcomes.push_back(a["outcome"]);
  EXPECT_EQ(outcomes, (std::vector<std::string>{"transient", "transient", "sent"}));
}

SB_INSTANTIATE_BACKENDS(TwilioHttpTest);

constexpr const char* kResendSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/// E-mail through Resend's API (a loopback server), with its webhooks signed as Svix signs them.
class ResendHttpTest : public ChannelsHttpTest {
 protected:
  /// The verification e-mails of the set-up's three sign-ups (owner, player, administrator) reach
  /// Resend before the test begins: taken, and forgotten.
  void SetUp() override {
    for (int i = 0; i < 3; ++i)
      resend_.script(ScriptedReply::json(200, R"({"id": "verification-)" + std::to_string(i) + R"("})"));
    ChannelsHttpTest::SetUp();
    if (IsSkipped()) return;
    drain();
    ASSERT_EQ(resend_.requests().size(), 3u);
    resend_.forget_requests();
  }
  void configure(Config& c) override {
    c.resend_api_key = "re_123456789";
    c.resend_api_base = resend_.base_url();
    c.resend_webhook_secret = kResendSecret;
  }
  HttpResult webhook(const json& event, const std::string& id, std::int64_t at = 0, std::string signature = "") {
    const std::string body = event.dump();
    const std::string timestamp = std::to_string(at ? at : epoch_seconds(clock_.now()));
    if (signature.empty()) signature = notification::rules::sign_svix(kResendSecret, id, timestamp, body);
    return client_->request("POST", "/api/v1/webhooks/resend", body,
                            {{"Content-Type", "application/json"},
                             {"svix-id", id},
                             {"svix-timestamp", timestamp},
                             {"svix-signature", signature}});
  }
  static json event(const std::string& type, const std::string& email_id) {
    json e = {{"type", type},
              {"created_at", "2026-11-24T12:00:05.000Z"},
              {"data",
               {{"email_id", email_id},
                {"from", "SlotBase <no-reply@slotbase.localhost>"},
                {"to", json::array({"player@example.com"})},
                {"subject", "Booking confirmed"},
                {"created_at", "2026-11-24T12:00:00.000Z"}}}};
    if (type == "email.bounced")
      e["data"]["bounce"] = {{"message", "The recipient's mail server permanently rejected the email."},
                             {"subType", "General"},
                             {"type", "Permanent"}};
    return e;
  }
  LoopbackServer resend_;
};

TEST_P(ResendHttpTest, AnEmailReachesResendAsItsApiAsksAndABounceStopsMoreMail) {
  resend_.script(ScriptedReply::json(200, R"({"id": "4ef9a417-02e9-4d39-ad75-9611e0fcc33c"})"));
  book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  settle();
  auto requests = resend_.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& r = requests[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.path, "/emails");
  EXPECT_EQ(r.header("authorization"), "Bearer re_123456789");
  EXPECT_EQ(r.header("content-type"), "application/json");
  auto email = log_of("email");
  ASSERT_EQ(email.size(), 1u);
  EXPECT_EQ(r.header("idempotency-key"), email[0]["id"]);
  const auto body = json::parse(r.body);
  EXPECT_EQ(body["from"], "SlotBase <no-reply@slotbase.localhost>");
  EXPECT_EQ(body["to"], json::array({"player@example.com"}));
  EXPECT_EQ(body["subject"], "Booking confirmed: Court 1, Wed 25 Nov, 10:00 (America/New_York)");
  EXPECT_NE(body["text"].get<std::string>().find("When: Wed 25 Nov, 10:00 (America/New_York) to 11:00"),
            std::string::npos);
  EXPECT_NE(body["html"].get<std::string>().find("<strong>Court 1</strong>"), std::string::npos);
  EXPECT_EQ(body["headers"]["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click");
  EXPECT_EQ(
      body["headers"]["List-Unsubscribe"].get<std::string>().rfind("<http://127.0.0.1:0/api/v1/unsubscribe?token=", 0),
      0u);
  EXPECT_EQ(email[0]["status"], "sent");
  EXPECT_TRUE(outbox().empty());

  // Refused: unsigned, signed with another key, or replayed after five minutes.
  const auto bounce = event("email.bounced", "4ef9a417-02e9-4d39-ad75-9611e0fcc33c");
  EXPECT_EQ(
      client_->request("POST", "/api/v1/webhooks/resend", bounce.dump(), {{"Content-Type", "application/json"}}).status,
      400);
  EXPECT_EQ(webhook(bounce, "msg_1", 0, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=").status, 400);
  EXPECT_EQ(webhook(bounce, "msg_1", epoch_seconds(clock_.now()) - 600).status, 400);
  EXPECT_EQ(log_of("email")[0]["status"], "sent");

  auto ok = webhook(bounce, "msg_1");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(webhook(bounce, "msg_1").status, 200);  // Svix delivers again: nothing changes
  email = log_of("email");
  EXPECT_EQ(email[0]["status"], "failed");
  EXPECT_EQ(email[0]["undeliverable"], true);
  EXPECT_NE(email[0]["error"].get<std::string>().find("bounced: The recipient's mail server permanently rejected"),
            std::string::npos);
  std::vector<std::string> outcomes;
  for (const auto& a : email[0]["attempt_log"]) outcomes.push_back(a["outcome"]);
  EXPECT_EQ(outcomes, (std::vector<std::string>{"sent", "bounced"}));

  // No more mail to that address; staff see why.
  book("2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z");
  settle();
  EXPECT_EQ(resend_.requests().size(), 1u);
  int stopped = 0;
  for (const auto& row : log_of("email", "booking.confirmed"))
    stopped += row["status"] == "suppressed" && row["undeliverable"] == true &&
               row["error"].get<std::string>().find("the address is undeliverable: bounced") == 0;
  EXPECT_EQ(stopped, 1);
}

TEST_P(ResendHttpTest, ADeliveryReportMarksTheEmailDeliveredAndBusyResendIsTriedAgain) {
  resend_.script(ScriptedReply::json(429, R"({"statusCode": 429, "name": "rate_limit_exceeded",
                                             "message": "Too many requests. You can only make 2 requests per second."})"));
  resend_.script(ScriptedReply::json(200, R"({"id": "b2c8e6f1-0000-4000-8000-000000000001"})"));
  book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  drain();
  EXPECT_EQ(log_of("email")[0]["status"], "queued");
  clock_.advance(std::chrono::minutes(1));
  drain();
  const auto requests = resend_.requests();
  ASSERT_EQ(requests.size(), 2u);
  // The same key both times: Resend sends a retried request once.
  EXPECT_EQ(requests[0].header("idempotency-key"), requests[1].header("idempotency-key"));
  EXPECT_EQ(log_of("email")[0]["status"], "sent");
  ASSERT_EQ(webhook(event("email.delivered", "b2c8e6f1-0000-4000-8000-000000000001"), "msg_d").status, 200);
  auto email = log_of("email")[0];
  EXPECT_EQ(email["status"], "delivered");
  EXPECT_EQ(email["undeliverable"], false);
  // Events about e-mails that are not ours, or of types we do not follow, are taken and ignored.
  EXPECT_EQ(webhook(event("email.bounced", "someone-elses"), "msg_x").status, 200);
  EXPECT_EQ(webhook(event("email.opened", "b2c8e6f1-0000-4000-8000-000000000001"), "msg_o").status, 200);
  EXPECT_EQ(log_of("email")[0]["status"], "delivered");
  EXPECT_EQ(webhook(json::array({1, 2}), "msg_y").status, 400);
}

SB_INSTANTIATE_BACKENDS(ResendHttpTest);

}  // namespace
}  // namespace slotbase::testing
