#include <fstream>
#include <iterator>

#include "http/serve_process.h"

namespace slotbase::testing {
namespace {

using nlohmann::json;

/// A real `slotbase serve` on each backend, killed with SIGKILL in the middle of a payment.
class CrashTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CrashTest, APaymentCutOffBetweenTheProviderAndOurCommitIsBookedAfterARestart) {
  ScratchDatabase scratch(GetParam());
  SB_REQUIRE_BACKEND(scratch);
  const std::string data = scratch.dir() + "/data";
  std::string token, player, intent_id;
  {
    ServeProcess serve(scratch.url(), data, pick_port(GetParam() == "sqlite" ? 11 : 12),
                       {{"SLOTBASE_CRASH_AT", "payment.after_provider_success"}});
    HttpClient c(serve.port());
    auto register_user = [&](const std::string& email) {
      return c
          .post("/api/v1/auth/register", {{"email", email}, {"password", "a long enough passphrase"}, {"name", email}})
          .json()["access_token"]
          .get<std::string>();
    };
    token = register_user("owner@example.com");
    player = register_user("player@example.com");
    auto org = c.post("/api/v1/organizations", {{"name", "Riverside"}}, token).json()["id"].get<std::string>();
    auto facility = c.post("/api/v1/organizations/" + org + "/facilities",
                           {{"name", "Courts"}, {"timezone", "UTC"}, {"currency", "USD"}}, token)
                        .json()["id"]
                        .get<std::string>();
    json weekly = json::array();
    for (int d = 1; d <= 7; ++d) weekly.push_back({{"weekday", d}, {"open", "00:00"}, {"close", "24:00"}});
    c.send("PUT", "/api/v1/facilities/" + facility + "/hours", {{"weekly", weekly}}, token);
    auto court =
        c.post("/api/v1/facilities/" + facility + "/resources", {{"name", "Court 1"}, {"type", "tennis_court"}}, token)
            .json()["id"]
            .get<std::string>();
    c.send("PUT", "/api/v1/resources/" + court + "/pricing",
           {{"base", {{"amount", 2000}, {"currency", "USD"}}}, {"per_minutes", 60}}, token);
    auto link = c.post("/api/v1/facilities/" + facility + "/payments/connect", json::object(), token);
    ASSERT_EQ(link.status, 201) << link.body;
    c.request("POST", link.json()["onboarding_url"].get<std::string>());
    for (int i = 0; i < 100; ++i) {
      if (c.get("/api/v1/facilities/" + facility + "/payments/account", token).json()["status"] == "active") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    // Tomorrow at 10:00 UTC by the real clock.
    auto tomorrow = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) + std::chrono::days(1) +
                    std::chrono::hours(10);
    auto at = [](auto t) { return format_rfc3339(std::chrono::time_point_cast<std::chrono::seconds>(t)); };
    auto hold = c.post("/api/v1/holds",
                       {{"resource_id", court}, {"start", at(tomorrow)}, {"end", at(tomorrow + std::chrono::hours(1))}},
                       player);
    ASSERT_EQ(hold.status, 201) << hold.body;
    auto intent = c.post("/api/v1/payment-intents", {{"hold_id", hold.json()["id"]}}, player);
    ASSERT_EQ(intent.status, 201) << intent.body;
    intent_id = intent.json()["id"];
    auto card =
        c.post("/sandbox/v1/payment_methods",
               {{"card", {{"number", "4242424242424242"}, {"exp_month", 12}, {"exp_year", 2040}, {"cvc", "123"}}}});
    ASSERT_EQ(card.status, 200);
    // The power goes as the provider answers "succeeded".
    try {
      c.post("/api/v1/payment-intents/" + intent_id + "/confirm", {{"payment_method", card.json()["id"]}}, player);
    } catch (const std::exception&) {
    }
    for (int i = 0; i < 100 && !serve.exited(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_TRUE(serve.exited());
    EXPECT_EQ(serve.signal(), SIGKILL);
  }
  // After a restart, the provider's webhook (queued with its success) settles the payment.
  ServeProcess again(scratch.url(), data, pick_port(GetParam() == "sqlite" ? 13 : 14));
  HttpClient c(again.port());
  json state;
  for (int i = 0; i < 200; ++i) {
    state = c.get("/api/v1/payment-intents/" + intent_id, player).json();
    if (state["status"] == "succeeded" && !state["booking_id"].is_null()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(state["status"], "succeeded") << state.dump();
  auto booking = c.get("/api/v1/bookings/" + state["booking_id"].get<std::string>(), player).json();
  EXPECT_EQ(booking["payment_status"], "paid");
  auto history = c.get("/api/v1/me/payments", player).json();
  EXPECT_EQ(history["payments"].size(), 1u);
  EXPECT_TRUE(history["refunds"].empty());
}

/// Everything the database holds, as text: SQLite's files, or PostgreSQL's dump.
std::string database_text(const ScratchDatabase& scratch, const std::string& backend) {
  std::string all;
  if (backend == "sqlite") {
    for (const char* file : {"/test.db", "/test.db-wal"}) {
      std::ifstream in(scratch.dir() + file, std::ios::binary);
      all += std::string(std::istreambuf_iterator<char>(in), {});
    }
    return all;
  }
  FILE* dump = popen(("/usr/lib/postgresql/15/bin/pg_dump --data-only '" + scratch.url() + "'").c_str(), "r");
  char buffer[4096];
  for (std::size_t n; dump && (n = fread(buffer, 1, sizeof buffer, dump)) > 0;) all.append(buffer, n);
  if (dump) pclose(dump);
  return all;
}

TEST_P(CrashTest, CardNumbersNeverReachTheDatabaseOrTheLog) {
  ScratchDatabase scratch(GetParam());
  SB_REQUIRE_BACKEND(scratch);
  const std::string log = scratch.dir() + "/serve.log";
  {
    ServeProcess serve(scratch.url(), scratch.dir() + "/data", pick_port(GetParam() == "sqlite" ? 15 : 16), {}, log);
    HttpClient c(serve.port());
    auto card =
        c.post("/sandbox/v1/payment_methods",
               {{"card", {{"number", "4242424242424242"}, {"exp_month", 12}, {"exp_year", 2040}, {"cvc", "123"}}}});
    ASSERT_EQ(card.status, 200);
    EXPECT_EQ(card.json()["card"]["last4"], "4242");
  }
  std::ifstream in(log);
  const std::string logged(std::istreambuf_iterator<char>(in), {});
  EXPECT_NE(logged.find("/sandbox/v1/payment_methods"), std::string::npos);  // the request was logged
  EXPECT_EQ(logged.find("4242424242424242"), std::string::npos);
  const std::string stored = database_text(scratch, GetParam());
  EXPECT_NE(stored.find("pm_"), std::string::npos);  // the payment method was stored, by its id
  EXPECT_EQ(stored.find("4242424242424242"), std::string::npos);
}

SB_INSTANTIATE_BACKENDS(CrashTest);

}  // namespace
}  // namespace slotbase::testing
