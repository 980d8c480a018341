#include <thread>

#include "http/booking_fixture.h"
#include "payment/loopback_server.h"
#include "platform/core/encoding.h"

namespace slotbase::testing {
namespace {

using json = nlohmann::json;

constexpr const char* kWebhookSecret = "whsec_test_secret";

/// SlotBase configured for Stripe (SLOTBASE_PAYMENTS=stripe) whose API base is a loopback server
/// that answers with Stripe's documented objects, in the order the calls are expected, and
/// records every request: the whole path from our routes to Stripe's wire and back, webhooks
/// signed as Stripe signs them.
class StripeHttpTest : public BookingHttpTest {
 protected:
  void configure(Config& c) override {
    c.payments = "stripe";
    c.stripe_secret_key = "sk_test_51SlotBase";
    c.stripe_webhook_secret = kWebhookSecret;
    c.stripe_publishable_key = "pk_test_51SlotBase";
    c.stripe_api_base = stripe_.base_url();
  }
  void SetUp() override {
    BookingHttpTest::SetUp();
    if (IsSkipped()) return;
    patch_policies({{"payment_timing", "at_booking"}});
  }

  static std::string account(bool enabled) {
    return json{{"id", "acct_1Riverside"},    {"object", "account"},        {"type", "express"},
                {"charges_enabled", enabled}, {"payouts_enabled", enabled}, {"details_submitted", enabled}}
        .dump();
  }
  static std::string intent(const std::string& status, const json& extra = json::object()) {
    json i = {{"id", "pi_3Riverside"},
              {"object", "payment_intent"},
              {"amount", 2000},
              {"currency", "usd"},
              {"status", status},
              {"client_secret", "pi_3Riverside_secret_abc"},
              {"latest_charge", status == "succeeded" ? json("ch_3Riverside") : json(nullptr)},
              {"next_action", nullptr},
              {"last_payment_error", nullptr},
              {"metadata", json::object()}};
    i.update(extra);
    return i.dump();
  }
  HttpResult webhook(const json& event, const std::string& secret = kWebhookSecret) {
    const std::string payload = event.dump();
    const auto t = std::to_string(epoch_seconds(clock_.now()));
    const std::string signature = "t=" + t + ",v1=" + hex_encode(hmac_sha256(secret, t + "." + payload));
    return client_->request("POST", "/api/v1/webhooks/stripe", payload,
                            {{"Content-Type", "application/json"}, {"Stripe-Signature", signature}});
  }
  static json event(const std::string& id, const std::string& type, const std::string& object_id,
                    const std::string& object) {
    return {{"id", id},
            {"object", "event"},
            {"type", type},
            {"created", 1764000000},
            {"data", {{"object", {{"id", object_id}, {"object", object}}}}}};
  }
  /// Connects the facility: Stripe creates the account and its onboarding link; its webhook
  /// says it may take charges.
  void connect() {
    stripe_.script(ScriptedReply::json(200, account(false)));
    stripe_.script(ScriptedReply::json(
        200, R"({"object":"account_link","url":"https://connect.stripe.com/setup/e/acct_1Riverside/abc",
                 "expires_at":1764000300})"));
    auto link = client_->post("/api/v1/facilities/" + facility_ + "/payments/connect", json::object(), owner_.access);
    ASSERT_EQ(link.status, 201) << link.body;
    EXPECT_EQ(link.json()["onboarding_url"], "https://connect.stripe.com/setup/e/acct_1Riverside/abc");
    stripe_.script(ScriptedReply::json(200, account(true)));
    ASSERT_EQ(webhook(event("evt_account_1", "account.updated", "acct_1Riverside", "account")).status, 200);
  }
  std::string account_status() {
    return client_->get("/api/v1/facilities/" + facility_ + "/payments/account", owner_.access).json()["status"];
  }

  LoopbackServer stripe_;
};

TEST_P(StripeHttpTest, APlayerPaysThroughStripesApiAndTheBookingExistsPaid) {
  connect();
  EXPECT_EQ(account_status(), "active");
  // The player app's card form is Stripe.js, with the platform's publishable key.
  auto seen = client_->get("/api/v1/facilities/" + facility_ + "/payments/account", player_.access).json();
  EXPECT_EQ(seen["provider"], "stripe");
  EXPECT_EQ(seen["publishable_key"], "pk_test_51SlotBase");
  auto calls = stripe_.requests();
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0].method, "POST");
  EXPECT_EQ(calls[0].path, "/v1/accounts");
  EXPECT_EQ(calls[0].form()["type"], "express");
  EXPECT_EQ(calls[0].header("idempotency-key"), "account:" + facility_);
  EXPECT_EQ(calls[1].path, "/v1/account_links");
  EXPECT_EQ(calls[1].form()["account"], "acct_1Riverside");
  EXPECT_EQ(calls[2].method, "GET");
  EXPECT_EQ(calls[2].path, "/v1/accounts/acct_1Riverside");

  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  stripe_.script(ScriptedReply::json(200, intent("requires_payment_method")));
  auto created = client_->post("/api/v1/payment-intents", {{"hold_id", h["id"]}}, player_.access);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["provider"], "stripe");
  EXPECT_EQ(created.json()["client_secret"], "pi_3Riverside_secret_abc");
  stripe_.script(ScriptedReply::json(200, intent("succeeded")));
  auto paid = client_->post("/api/v1/payment-intents/" + created.json()["id"].get<std::string>() + "/confirm",
                            {{"payment_method", "pm_card_visa"}}, player_.access);
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(paid.json()["status"], "succeeded");
  auto booking = client_->get("/api/v1/bookings/" + paid.json()["booking_id"].get<std::string>(), player_.access);
  EXPECT_EQ(booking.json()["payment_status"], "paid");

  calls = stripe_.requests();
  ASSERT_EQ(calls.size(), 5u);
  const auto& create = calls[3];
  EXPECT_EQ(create.path, "/v1/payment_intents");
  EXPECT_EQ(create.header("authorization"), "Bearer sk_test_51SlotBase");
  EXPECT_FALSE(create.header("stripe-version").empty());
  auto form = create.form();
  EXPECT_EQ(form["amount"], "2000");
  EXPECT_EQ(form["currency"], "usd");
  EXPECT_EQ(form["transfer_data[destination]"], "acct_1Riverside");
  EXPECT_EQ(form["metadata[slotbase_intent]"], created.json()["id"]);
  EXPECT_EQ(form["metadata[facility_id]"], facility_);
  EXPECT_EQ(create.header("idempotency-key"), "intent:" + created.json()["id"].get<std::string>() + ":2000");
  const auto& confirm = calls[4];
  EXPECT_EQ(confirm.path, "/v1/payment_intents/pi_3Riverside/confirm");
  EXPECT_EQ(confirm.form()["payment_method"], "pm_card_visa");
  EXPECT_FALSE(confirm.header("idempotency-key").empty());

  // Stripe's webhook for it: a forged one is refused, the real one asks Stripe and changes
  // nothing, and its redelivery does not even ask.
  auto succeeded = event("evt_pi_1", "payment_intent.succeeded", "pi_3Riverside", "payment_intent");
  EXPECT_EQ(webhook(succeeded, "whsec_forged").status, 400);
  stripe_.script(ScriptedReply::json(200, intent("succeeded")));
  EXPECT_EQ(webhook(succeeded).status, 200);
  EXPECT_EQ(webhook(succeeded).status, 200);
  EXPECT_EQ(stripe_.requests().size(), 6u);
  EXPECT_EQ(client_->get("/api/v1/me/payments", player_.access).json()["payments"].size(), 1u);

  // Cancelled a day ahead: the whole payment goes back to the card through Stripe's Refunds.
  stripe_.script(ScriptedReply::json(200, R"({"id":"re_3Riverside","object":"refund","amount":2000,"currency":"usd",
      "payment_intent":"pi_3Riverside","status":"succeeded"})"));
  ASSERT_EQ(client_
                ->post("/api/v1/bookings/" + paid.json()["booking_id"].get<std::string>() + "/cancel",
                       {{"reason", "rain"}}, player_.access)
                .status,
            200);
  work();
  calls = stripe_.requests();
  ASSERT_EQ(calls.size(), 7u);
  EXPECT_EQ(calls[6].path, "/v1/refunds");
  EXPECT_EQ(calls[6].form()["payment_intent"], "pi_3Riverside");
  EXPECT_EQ(calls[6].form()["amount"], "2000");
  EXPECT_EQ(calls[6].header("idempotency-key").rfind("refund:ref_", 0), 0u);
  auto refunds = client_->get("/api/v1/me/payments", player_.access).json()["refunds"];
  ASSERT_EQ(refunds.size(), 1u);
  EXPECT_EQ(refunds[0]["status"], "completed");
}

TEST_P(StripeHttpTest, AWebhookWhoseHandlerFailsAfterTheMoneyMovedIsRefusedAndItsRedeliveryBooks) {
  connect();
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  stripe_.script(ScriptedReply::json(200, intent("requires_payment_method")));
  auto created = client_->post("/api/v1/payment-intents", {{"hold_id", h["id"]}}, player_.access);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string intent_id = created.json()["id"];
  // The player paid in Stripe's own form (Stripe.js): only the webhook tells us. Our write of
  // that payment fails (the database refuses it, as a full disk or a lost connection would).
  const bool sqlite = GetParam() == "sqlite";
  app_->database().transact([&](db::Connection& tx) {
    if (sqlite) {
      tx.execute("CREATE TRIGGER refuse_payments BEFORE INSERT ON payments BEGIN SELECT RAISE(ABORT, 'disk full'); END",
                 {});
    } else {
      tx.execute(
          "CREATE FUNCTION refuse_payment() RETURNS trigger LANGUAGE plpgsql AS "
          "$$ BEGIN RAISE EXCEPTION 'disk full'; END $$",
          {});
      tx.execute(
          "CREATE TRIGGER refuse_payments BEFORE INSERT ON payments FOR EACH ROW EXECUTE FUNCTION refuse_payment()",
          {});
    }
  });
  auto succeeded = event("evt_pi_late", "payment_intent.succeeded", "pi_3Riverside", "payment_intent");
  stripe_.script(ScriptedReply::json(200, intent("succeeded")));
  auto refused = webhook(succeeded);
  // Not 2xx: Stripe keeps the event and delivers it again.
  EXPECT_GE(refused.status, 500) << refused.body;
  EXPECT_EQ(refused.header("content-type"), "application/problem+json");
  auto state = client_->get("/api/v1/payment-intents/" + intent_id, player_.access).json();
  EXPECT_NE(state["status"], "succeeded");
  EXPECT_TRUE(state["booking_id"].is_null());
  EXPECT_TRUE(client_->get("/api/v1/me/payments", player_.access).json()["payments"].empty());

  app_->database().transact([&](db::Connection& tx) {
    tx.execute("DROP TRIGGER refuse_payments" + std::string(sqlite ? "" : " ON payments"), {});
  });
  // Stripe's redelivery of the same event books the hold, once.
  stripe_.script(ScriptedReply::json(200, intent("succeeded")));
  ASSERT_EQ(webhook(succeeded).status, 200);
  state = client_->get("/api/v1/payment-intents/" + intent_id, player_.access).json();
  EXPECT_EQ(state["status"], "succeeded");
  ASSERT_FALSE(state["booking_id"].is_null()) << state.dump();
  auto booking = client_->get("/api/v1/bookings/" + state["booking_id"].get<std::string>(), player_.access).json();
  EXPECT_EQ(booking["status"], "confirmed");
  EXPECT_EQ(booking["payment_status"], "paid");
  EXPECT_EQ(client_->get("/api/v1/me/payments", player_.access).json()["payments"].size(), 1u);
  const auto asked = stripe_.requests().size();
  EXPECT_EQ(webhook(succeeded).status, 200);
  EXPECT_EQ(stripe_.requests().size(), asked);
  EXPECT_EQ(client_->get("/api/v1/me/payments", player_.access).json()["payments"].size(), 1u);
}

TEST_P(StripeHttpTest, ADeclineComesBackAs402WithStripesReason) {
  connect();
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  stripe_.script(ScriptedReply::json(200, intent("requires_payment_method")));
  auto created = client_->post("/api/v1/payment-intents", {{"hold_id", h["id"]}}, player_.access).json();
  const json declined = {
      {"error",
       {{"type", "card_error"},
        {"code", "card_declined"},
        {"decline_code", "insufficient_funds"},
        {"message", "Your card has insufficient funds."},
        {"payment_intent",
         json::parse(intent("requires_payment_method", {{"last_payment_error",
                                                         {{"type", "card_error"},
                                                          {"code", "card_declined"},
                                                          {"decline_code", "insufficient_funds"},
                                                          {"message", "Your card has insufficient funds."}}}}))}}}};
  stripe_.script(ScriptedReply::json(402, declined.dump()));
  auto r = client_->post("/api/v1/payment-intents/" + created["id"].get<std::string>() + "/confirm",
                         {{"payment_method", "pm_card_visa_chargeDeclinedInsufficientFunds"}}, player_.access);
  ASSERT_EQ(r.status, 402) << r.body;
  EXPECT_EQ(r.json()["code"], "card-declined");
  EXPECT_EQ(r.json()["decline_code"], "insufficient_funds");
  auto state = client_->get("/api/v1/payment-intents/" + created["id"].get<std::string>(), player_.access).json();
  EXPECT_EQ(state["status"], "failed");
  EXPECT_EQ(state["decline_code"], "insufficient_funds");
  // A 402 is an answer, not an outage: asked once.
  EXPECT_EQ(stripe_.requests().size(), 5u);
}

TEST_P(StripeHttpTest, AnAccountThatMayNotChargeTakesNoCards) {
  connect();
  // Stripe restricts the account; its webhook says so.
  stripe_.script(ScriptedReply::json(200, account(false)));
  ASSERT_EQ(webhook(event("evt_account_2", "account.updated", "acct_1Riverside", "account")).status, 200);
  EXPECT_NE(account_status(), "active");
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  auto refused = client_->post("/api/v1/payment-intents", {{"hold_id", h["id"]}}, player_.access);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.json()["rule"], "payments-not-connected");
  EXPECT_EQ(stripe_.requests().size(), 4u);  // no intent was asked for
}

TEST_P(StripeHttpTest, AFailedRefundIsShownAndGivenAsCreditOnceAndDashboardRefundsAreBooked) {
  connect();
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  stripe_.script(ScriptedReply::json(200, intent("requires_payment_method")));
  auto created = client_->post("/api/v1/payment-intents", {{"hold_id", h["id"]}}, player_.access).json();
  stripe_.script(ScriptedReply::json(200, intent("succeeded")));
  auto paid = client_->post("/api/v1/payment-intents/" + created["id"].get<std::string>() + "/confirm",
                            {{"payment_method", "pm_card_visa"}}, player_.access);
  ASSERT_EQ(paid.status, 200) << paid.body;
  const std::string booking_id = paid.json()["booking_id"];
  const std::string payment =
      client_->get("/api/v1/bookings/" + booking_id + "/payments", owner_.access).json()["items"][0]["id"];
  // Stripe refuses a 5.00 refund (the card expired, say).
  stripe_.script(
      ScriptedReply::json(400, R"({"error":{"type":"invalid_request_error","code":"charge_expired_for_capture",
               "message":"The charge can no longer be refunded to this card."}})"));
  auto refund = client_->post("/api/v1/payments/" + payment + "/refunds", {{"amount", 500}, {"reason", "goodwill"}},
                              owner_.access);
  ASSERT_EQ(refund.status, 201) << refund.body;
  EXPECT_EQ(refund.json()["status"], "pending");
  work();
  auto view = client_->get("/api/v1/bookings/" + booking_id + "/payments", owner_.access).json();
  ASSERT_EQ(view["refunds"].size(), 1u);
  EXPECT_EQ(view["refunds"][0]["status"], "failed");
  EXPECT_EQ(view["refunds"][0]["failure_reason"], "The charge can no longer be refunded to this card.");
  EXPECT_EQ(view["items"][0]["refunded"]["amount"], 0);  // the amount is the payment's again
  EXPECT_EQ(client_->get("/api/v1/bookings/" + booking_id, player_.access).json()["payment_status"], "paid");
  // The desk gives it as credit instead, once.
  const std::string retry = "/api/v1/refunds/" + refund.json()["id"].get<std::string>() + "/retry";
  auto again = client_->post(retry, {{"destination", "credit"}}, owner_.access);
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.json()["status"], "completed");
  EXPECT_EQ(client_->post(retry, {{"destination", "credit"}}, owner_.access).status, 409);
  EXPECT_EQ(client_->get("/api/v1/me/credit?facility_id=" + facility_, player_.access).json()["balance"]["amount"],
            500);
  // A refund made in Stripe's dashboard comes in by its webhook and is booked.
  stripe_.script(ScriptedReply::json(200, R"({"id":"re_dashboard","object":"refund","amount":700,"currency":"usd",
      "payment_intent":"pi_3Riverside","status":"succeeded"})"));
  ASSERT_EQ(webhook(event("evt_refund_1", "refund.created", "re_dashboard", "refund")).status, 200);
  view = client_->get("/api/v1/bookings/" + booking_id + "/payments", owner_.access).json();
  EXPECT_EQ(view["items"][0]["refunded"]["amount"], 1200);
  bool booked = false;
  for (const auto& r : view["refunds"]) booked = booked || (r["source"] == "provider" && r["amount"]["amount"] == 700);
  EXPECT_TRUE(booked) << view.dump();
  EXPECT_EQ(client_->get("/api/v1/bookings/" + booking_id, player_.access).json()["payment_status"], "partial");
}

SB_INSTANTIATE_BACKENDS(StripeHttpTest);

}  // namespace
}  // namespace slotbase::testing
