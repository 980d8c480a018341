#include <sys/stat.h>

#include <filesystem>
#include <set>
#include <thread>

#include "http/booking_fixture.h"
#include "payment/loopback_server.h"
#include "platform/core/encoding.h"
#include "platform/events/outbox.h"
#include "support/push_receiver.h"

namespace slotbase::testing {
namespace {

using json = nlohmann::json;

/// The booking fixture (a New York facility with Court 1 at 20.00 USD, its owner, a player; the
/// clock at 07:00 in New York on Tue 24 Nov 2026), with a loopback "push service" that records
/// what it is sent and answers as scripted, and a browser's keys made in the test.
class WebPushHttpTest : public BookingHttpTest {
 protected:
  void configure(Config& c) override { c.push_allow_loopback_http = true; }

  /// The player's device subscribes; the answer.
  HttpResult subscribe(const PushReceiver& device, const std::string& path = "/push/device-1",
                       const Account* who = nullptr) {
    return client_->post("/api/v1/me/push-subscriptions",
                         {{"endpoint", push_.base_url() + path},
                          {"expirationTime", nullptr},
                          {"keys", {{"p256dh", device.p256dh()}, {"auth", device.auth()}}}},
                         (who ? *who : player_).access);
  }
  std::string book(const std::string& start, const std::string& end) {
    auto h = hold(player_, start, end);
    EXPECT_EQ(h.status, 201) << h.body;
    auto b = confirm(player_, h.json().value("id", ""));
    EXPECT_EQ(b.status, 201) << b.body;
    return b.json().value("id", "");
  }
  /// The facility's delivery log rows on the push channel.
  std::vector<json> pushes() {
    auto r = client_->get("/api/v1/facilities/" + facility_ + "/notifications", owner_.access);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<json> out;
    const json log = r.json();
    for (const auto& row : log["items"])
      if (row["channel"] == "push") out.push_back(row);
    return out;
  }
  std::string vapid_public_key() {
    auto r = client_->get("/api/v1/push/vapid-public-key");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().value("public_key", "");
  }
  /// The minutes pass one by one, the worker doing what comes due.
  void work_for(int minutes) {
    for (int i = 0; i < minutes; ++i) {
      clock_.advance(std::chrono::minutes(1));
      work();
    }
  }

  LoopbackServer push_;
};

TEST_P(WebPushHttpTest, TheVapidKeyIsMadeOnFirstStartAndKeptSecret) {
  const std::string key = vapid_public_key();
  const auto point = base64url_decode(key);
  ASSERT_TRUE(point.has_value()) << key;
  ASSERT_EQ(point->size(), 65u);
  EXPECT_EQ((*point)[0], '\x04');
  const auto file = std::filesystem::path(scratch_->dir()) / "secrets" / "vapid.key";
  struct stat st {};
  ASSERT_EQ(stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  EXPECT_EQ(vapid_public_key(), key);
}

TEST_P(WebPushHttpTest, ABookingConfirmationArrivesEncryptedForTheDeviceWithAVapidToken) {
  PushReceiver device;
  auto made = subscribe(device);
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json()["endpoint"], push_.base_url() + "/push/device-1");
  // The same device again: the same subscription.
  auto again = subscribe(device);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["id"], made.json()["id"]);

  push_.script(ScriptedReply::json(201, ""));
  const std::string booking = book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  work();
  const auto got = push_.requests();
  ASSERT_EQ(got.size(), 1u);
  const auto& r = got[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.path, "/push/device-1");
  EXPECT_EQ(r.header("content-encoding"), "aes128gcm");
  EXPECT_EQ(r.header("content-type"), "application/octet-stream");
  EXPECT_EQ(r.header("ttl"), "86400");
  EXPECT_EQ(r.header("urgency"), "normal");

  // Authorization: vapid t=<JWT>, k=<the key the server publishes>; the JWT signed by that key
  // for this push service's origin, expiring within 24 hours, naming the platform's contact.
  const std::string auth = r.header("authorization");
  ASSERT_EQ(auth.rfind("vapid t=", 0), 0u) << auth;
  const auto comma = auth.find(", k=");
  ASSERT_NE(comma, std::string::npos) << auth;
  const std::string jwt = auth.substr(8, comma - 8);
  const std::string k = auth.substr(comma + 4);
  EXPECT_EQ(k, vapid_public_key());
  auto claims = verify_es256_jwt(jwt, base64url_decode(k).value_or(""));
  ASSERT_TRUE(claims.has_value()) << "the VAPID token's signature does not verify: " << jwt;
  EXPECT_EQ((*claims)["aud"], push_.base_url());
  const auto now = epoch_seconds(clock_.now());
  EXPECT_GT((*claims)["exp"].get<std::int64_t>(), now);
  EXPECT_LE((*claims)["exp"].get<std::int64_t>(), now + 24 * 3600);
  EXPECT_EQ((*claims)["sub"], "mailto:no-reply@slotbase.localhost");

  // Only this device's keys read the body: the booking confirmed, in the facility's time.
  const auto plaintext = device.decrypt(r.body);
  ASSERT_TRUE(plaintext.has_value()) << "the body does not decrypt with the subscription's keys";
  EXPECT_EQ(PushReceiver().decrypt(r.body), std::nullopt);
  const auto message = json::parse(*plaintext);
  EXPECT_EQ(message["title"], "Booking confirmed");
  EXPECT_NE(message["body"].get<std::string>().find("Court 1"), std::string::npos) << message.dump();
  EXPECT_NE(message["body"].get<std::string>().find("Wed 25 Nov, 10:00 (America/New_York)"), std::string::npos);
  EXPECT_EQ(message["tag"], booking);
  EXPECT_EQ(message["type"], "booking.confirmed");
  EXPECT_FALSE(message["url"].get<std::string>().empty());

  // The delivery log has it sent, to the device.
  auto rows = pushes();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["status"], "sent");
  EXPECT_EQ(rows[0]["recipient"], made.json()["id"]);
  EXPECT_EQ(rows[0]["attempts"], 1);

  // A replay of the events sends nothing again.
  const auto last = app_->database().read([](db::Connection& c) { return events::Outbox::last_sequence(c); });
  ASSERT_TRUE(app_->dispatcher().replay("notification.messages", 1, last).ok());
  work();
  EXPECT_EQ(push_.requests().size(), 1u);
}

TEST_P(WebPushHttpTest, ASubscriptionThePushServiceCallsGoneIsRemoved) {
  PushReceiver device;
  ASSERT_EQ(subscribe(device).status, 201);
  push_.script(ScriptedReply::json(410, R"({"reason":"unsubscribed"})"));
  book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  work();
  ASSERT_EQ(push_.requests().size(), 1u);
  auto rows = pushes();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["status"], "failed");
  EXPECT_NE(rows[0]["error"].get<std::string>().find("410"), std::string::npos) << rows[0].dump();
  // Gone: nothing more is sent to it, and it is no longer there to remove.
  book("2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z");
  work_for(5);
  EXPECT_EQ(push_.requests().size(), 1u);
  EXPECT_EQ(pushes().size(), 1u);
  EXPECT_EQ(client_
                ->send("DELETE", "/api/v1/me/push-subscriptions", {{"endpoint", push_.base_url() + "/push/device-1"}},
                       player_.access)
                .status,
            204);
}

TEST_P(WebPushHttpTest, AServerErrorIsTriedAgainAMinuteLater) {
  PushReceiver device;
  ASSERT_EQ(subscribe(device).status, 201);
  push_.script(ScriptedReply::json(500, "busy"));
  push_.script(ScriptedReply::json(201, ""));
  book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  work();
  ASSERT_EQ(push_.requests().size(), 1u);
  auto rows = pushes();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["status"], "queued");
  EXPECT_EQ(rows[0]["attempts"], 1);
  EXPECT_NE(rows[0]["error"].get<std::string>().find("500"), std::string::npos);
  work_for(1);
  const auto got = push_.requests();
  ASSERT_EQ(got.size(), 2u);
  rows = pushes();
  EXPECT_EQ(rows[0]["status"], "sent");
  EXPECT_EQ(rows[0]["attempts"], 2);
  // Each try is a message of its own (another salt and key), and both read the same.
  EXPECT_NE(got[0].body.substr(0, 16), got[1].body.substr(0, 16));
  EXPECT_EQ(device.decrypt(got[0].body), device.decrypt(got[1].body));
}

TEST_P(WebPushHttpTest, AnotherRefusalIsFinal) {
  PushReceiver device;
  ASSERT_EQ(subscribe(device).status, 201);
  push_.script(ScriptedReply::json(403, R"({"reason":"BadJwtToken"})"));
  book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  work_for(5);
  EXPECT_EQ(push_.requests().size(), 1u);
  auto rows = pushes();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["status"], "failed");
  EXPECT_NE(rows[0]["error"].get<std::string>().find("BadJwtToken"), std::string::npos);
}

TEST_P(WebPushHttpTest, PushTurnedOffIsNotSentAndQuietHoursHoldIt) {
  PushReceiver device;
  ASSERT_EQ(subscribe(device).status, 201);
  // 03:00 in New York: a confirmation waits for 07:00.
  travel_to("2026-11-24T08:00:00Z");
  book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  work();
  EXPECT_TRUE(push_.requests().empty());
  push_.script(ScriptedReply::json(201, ""));
  travel_to("2026-11-24T12:00:00Z");
  work();
  EXPECT_EQ(push_.requests().size(), 1u);

  auto off =
      client_->send("PUT", "/api/v1/me/notification-preferences", {{"channels", {{"push", false}}}}, player_.access);
  ASSERT_EQ(off.status, 200) << off.body;
  book("2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z");
  work();
  EXPECT_EQ(push_.requests().size(), 1u);
  int suppressed = 0;
  for (const auto& row : pushes()) suppressed += row["status"] == "suppressed";
  EXPECT_EQ(suppressed, 1);
}

TEST_P(WebPushHttpTest, ABadSubscriptionIsRefusedNamingTheField) {
  PushReceiver device;
  auto field_of = [](const HttpResult& r) {
    EXPECT_EQ(r.status, 422) << r.body;
    std::set<std::string> out;
    const json problem = r.json();
    for (const auto& e : problem["errors"]) out.insert(e["field"]);
    return out;
  };
  auto post = [&](const json& body) { return client_->post("/api/v1/me/push-subscriptions", body, player_.access); };
  const json keys = {{"p256dh", device.p256dh()}, {"auth", device.auth()}};
  EXPECT_EQ(field_of(post({{"endpoint", "http://push.example.com/x"}, {"keys", keys}})),
            std::set<std::string>{"endpoint"});
  EXPECT_EQ(field_of(post({{"endpoint", "https://192.168.1.1/x"}, {"keys", keys}})), std::set<std::string>{"endpoint"});
  EXPECT_EQ(field_of(post({{"keys", keys}})), std::set<std::string>{"endpoint"});
  EXPECT_EQ(field_of(post({{"endpoint", "https://push.example.com/x"}})), std::set<std::string>{"keys"});
  EXPECT_EQ(field_of(post({{"endpoint", "https://push.example.com/x"},
                           {"keys", {{"p256dh", device.auth()}, {"auth", device.p256dh()}}}})),
            (std::set<std::string>{"keys.p256dh", "keys.auth"}));
  EXPECT_EQ(field_of(post({{"endpoint", "https://push.example.com/x"}, {"keys", {{"auth", device.auth()}}}})),
            std::set<std::string>{"keys.p256dh"});
  EXPECT_EQ(field_of(post({{"endpoint", "https://push.example.com/x"}, {"keys", keys}, {"extra", 1}})),
            std::set<std::string>{"extra"});
  EXPECT_EQ(client_->post("/api/v1/me/push-subscriptions", {{"endpoint", "https://push.example.com/x"}, {"keys", keys}})
                .status,
            401);
  EXPECT_EQ(post({{"endpoint", "https://push.example.com/x"}, {"keys", keys}}).status, 201);
}

TEST_P(WebPushHttpTest, OnlyItsOwnerTurnsADeviceOffAndTheLastToOptInOwnsIt) {
  PushReceiver device;
  ASSERT_EQ(subscribe(device).status, 201);
  const std::string endpoint = push_.base_url() + "/push/device-1";
  // Someone else cannot remove it, nor learn it exists: turning it off for them changes nothing.
  EXPECT_EQ(client_->send("DELETE", "/api/v1/me/push-subscriptions", {{"endpoint", endpoint}}, owner_.access).status,
            204);
  EXPECT_EQ(app_->database().read([&](db::Connection& c) {
    return c.query("SELECT 1 FROM push_subscriptions WHERE endpoint = $1", {endpoint}).size();
  }),
            1u);
  EXPECT_EQ(client_->send("DELETE", "/api/v1/me/push-subscriptions", {{"endpoint", endpoint}}, "").status, 401);
  EXPECT_EQ(client_->send("DELETE", "/api/v1/me/push-subscriptions", json::object(), player_.access).status, 422);
  // The owner turns it off; then a booking is pushed to nobody.
  EXPECT_EQ(client_->send("DELETE", "/api/v1/me/push-subscriptions", {{"endpoint", endpoint}}, player_.access).status,
            204);
  EXPECT_EQ(client_->send("DELETE", "/api/v1/me/push-subscriptions", {{"endpoint", endpoint}}, player_.access).status,
            204);
  book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  work();
  EXPECT_TRUE(push_.requests().empty());
  EXPECT_TRUE(pushes().empty());

  // A shared device: the player opts in, then the owner signs in on it and opts in. It is the
  // owner's now; the player's next booking does not buzz it.
  ASSERT_EQ(subscribe(device).status, 201);
  auto moved = subscribe(device, "/push/device-1", &owner_);
  ASSERT_EQ(moved.status, 200) << moved.body;
  book("2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z");
  work();
  EXPECT_TRUE(push_.requests().empty());
  EXPECT_EQ(client_->send("DELETE", "/api/v1/me/push-subscriptions", {{"endpoint", endpoint}}, player_.access).status,
            204);
  EXPECT_EQ(client_
                ->request("DELETE", "/api/v1/me/push-subscriptions?endpoint=" + endpoint, "",
                          {{"Authorization", "Bearer " + owner_.access}})
                .status,
            204);
}

SB_INSTANTIATE_BACKENDS(WebPushHttpTest);

/// Without push_allow_loopback_http, as in production.
class WebPushGuardHttpTest : public WebPushHttpTest {
 protected:
  void configure(Config&) override {}
};

TEST_P(WebPushGuardHttpTest, TheServerDoesNotPostIntoItsOwnNetwork) {
  // A host name that resolves to this machine (here written as its address, as if a DNS name
  // led there): the row is kept as a browser would have sent it, past the API's checks.
  PushReceiver device;
  EXPECT_EQ(subscribe(device).status, 422);  // the API refuses it outright
  const std::string endpoint = "https://127.0.0.1:" + push_.base_url().substr(push_.base_url().rfind(':') + 1) + "/x";
  app_->database().transact([&](db::Connection& tx) {
    tx.execute(
        "INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, created_at, updated_at, failure_count) "
        "VALUES ('psub_internal', $1, $2, $3, $4, 0, 0, 0)",
        {player_.id, endpoint, device.p256dh(), device.auth()});
  });
  book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  work_for(3);
  EXPECT_TRUE(push_.requests().empty());
  auto rows = pushes();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["status"], "failed");
  EXPECT_NE(rows[0]["error"].get<std::string>().find("local or private address"), std::string::npos) << rows[0].dump();
}

SB_INSTANTIATE_BACKENDS(WebPushGuardHttpTest);

}  // namespace
}  // namespace slotbase::testing
