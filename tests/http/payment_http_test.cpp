#include <random>
#include <set>
#include <thread>

#include "http/booking_fixture.h"
#include "identity/identity_service.h"
#include "platform/config/config.h"
#include "platform/core/encoding.h"

namespace slotbase::testing {
namespace {

using json = nlohmann::json;

/// A facility that takes payment at booking, connected to the payments sandbox, with a court at
/// 20.00 USD an hour (30.00 at peak) and a player. Payments' webhooks and jobs run when the
/// test runs the worker.
class PaymentHttpTest : public BookingHttpTest {
 protected:
  void SetUp() override {
    BookingHttpTest::SetUp();
    if (IsSkipped()) return;
    patch_policies({{"payment_timing", "at_booking"}});
    connect();
  }

  void connect() {
    auto r = client_->post("/api/v1/facilities/" + facility_ + "/payments/connect", json::object(), owner_.access);
    ASSERT_EQ(r.status, 201) << r.body;
    auto onboarding = client_->request("POST", r.json()["onboarding_url"].get<std::string>());
    ASSERT_EQ(onboarding.status, 303) << onboarding.body;
    work();
    ASSERT_EQ(account()["status"], "active");
  }
  json account() { return client_->get("/api/v1/facilities/" + facility_ + "/payments/account", owner_.access).json(); }
  /// A payment method for a test card, made at the sandbox as its card form does.
  std::string card(const std::string& number) {
    auto r = client_->post("/sandbox/v1/payment_methods",
                           {{"card", {{"number", number}, {"exp_month", 12}, {"exp_year", 2030}, {"cvc", "123"}}}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().value("id", "");
  }
  HttpResult intent_for(const Account& who, const std::string& hold_id) {
    return client_->post("/api/v1/payment-intents", {{"hold_id", hold_id}}, who.access);
  }
  HttpResult pay(const Account& who, const std::string& intent_id, const std::string& number) {
    return client_->post("/api/v1/payment-intents/" + intent_id + "/confirm", {{"payment_method", card(number)}},
                         who.access);
  }
  /// A hold tomorrow at 10:00 New York time (20.00 USD), paid by card; the booking.
  json paid_booking(const std::string& start = "2026-11-25T15:00:00Z",
                    const std::string& end = "2026-11-25T16:00:00Z") {
    auto h = hold(player_, start, end).json();
    auto intent = intent_for(player_, h["id"]).json();
    auto paid = pay(player_, intent["id"], "4242424242424242");
    EXPECT_EQ(paid.status, 200) << paid.body;
    return booking(paid.json()["booking_id"]);
  }
  json booking(const json& id, const Account* who = nullptr) {
    auto r = client_->get("/api/v1/bookings/" + id.get<std::string>(), (who ? *who : player_).access);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  json my_payments() { return client_->get("/api/v1/me/payments", player_.access).json(); }
  std::int64_t credit() {
    return client_->get("/api/v1/me/credit?facility_id=" + facility_, player_.access)
        .json()["balance"]["amount"]
        .get<std::int64_t>();
  }
  HttpResult record(const Account& who, const std::string& booking_id, json amount,
                    const std::string& method = "cash") {
    return client_->post("/api/v1/bookings/" + booking_id + "/payments", {{"amount", amount}, {"method", method}},
                         who.access);
  }
  /// A booking confirmed to be paid at the desk.
  std::string desk_booking(const std::string& start, const std::string& end) {
    patch_policies({{"payment_timing", "before_session"}});
    auto h = hold(player_, start, end).json();
    auto b = confirm(player_, h["id"]);
    EXPECT_EQ(b.status, 201) << b.body;
    return b.json()["id"];
  }
  /// The provider's id of an intent: its client secret begins with it, as Stripe's does.
  static std::string provider_id(const json& intent) {
    const std::string secret = intent["client_secret"];
    return secret.substr(0, secret.find("_secret_"));
  }
  HttpResult webhook(const std::string& payload, std::int64_t signed_at) {
    const auto secret = load_or_create_secret(scratch_->dir(), "sandbox_webhook.key", 32);
    const auto signature = sign(payload, secret, signed_at);
    return client_->request("POST", "/api/v1/webhooks/sandbox", payload,
                            {{"Content-Type", "application/json"}, {"Stripe-Signature", signature}});
  }
  static std::string sign(const std::string& payload, const std::string& secret, std::int64_t t);
};

std::string PaymentHttpTest::sign(const std::string& payload, const std::string& secret, std::int64_t t) {
  return "t=" + std::to_string(t) + ",v1=" + hex_encode(hmac_sha256(secret, std::to_string(t) + "." + payload));
}

TEST_P(PaymentHttpTest, APlayerPaysByCardAndTheBookingExistsPaid) {
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  auto intent = intent_for(player_, h["id"]);
  ASSERT_EQ(intent.status, 201) << intent.body;
  EXPECT_EQ(intent.json()["status"], "requires_payment_method");
  EXPECT_EQ(intent.json()["amount"], 2000);
  EXPECT_EQ(intent.json()["currency"], "USD");
  EXPECT_EQ(intent.json()["provider"], "sandbox");
  auto paid = pay(player_, intent.json()["id"], "4242424242424242");
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(paid.json()["status"], "succeeded");
  auto b = booking(paid.json()["booking_id"]);
  EXPECT_EQ(b["status"], "confirmed");
  EXPECT_EQ(b["payment_status"], "paid");
  EXPECT_EQ(b["payment_method"], "card");
  // The hold became the booking: confirming it again finds it taken.
  EXPECT_EQ(confirm(player_, h["id"]).status, 409);
  auto history = my_payments();
  ASSERT_EQ(history["payments"].size(), 1u);
  EXPECT_EQ(history["payments"][0]["amount"]["amount"], 2000);
  EXPECT_EQ(history["payments"][0]["kind"], "card");
  // The webhook that follows changes nothing: still one payment.
  work();
  EXPECT_EQ(my_payments()["payments"].size(), 1u);
  auto list = client_->get("/api/v1/facilities/" + facility_ + "/payments?date=2026-11-24", owner_.access).json();
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["takings"][0]["method"], "card");
  EXPECT_EQ(list["takings"][0]["amount"]["amount"], 2000);
}

TEST_P(PaymentHttpTest, ADeclinedCardLeavesTheHoldForAnotherCard) {
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  auto intent = intent_for(player_, h["id"]).json();
  auto declined = pay(player_, intent["id"], "4000000000000002");
  ASSERT_EQ(declined.status, 402) << declined.body;
  EXPECT_EQ(declined.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(declined.json()["code"], "card-declined");
  EXPECT_EQ(declined.json()["decline_code"], "generic_decline");
  auto poor = pay(player_, intent["id"], "4000000000009995");
  ASSERT_EQ(poor.status, 402);
  EXPECT_EQ(poor.json()["decline_code"], "insufficient_funds");
  auto state = client_->get("/api/v1/payment-intents/" + intent["id"].get<std::string>(), player_.access).json();
  EXPECT_EQ(state["status"], "failed");
  EXPECT_EQ(state["decline_code"], "insufficient_funds");
  // Still held for the player: another card books it.
  EXPECT_EQ(hold(owner_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").status, 409);
  // Paying again after a decline pays the same intent.
  EXPECT_EQ(intent_for(player_, h["id"]).json()["id"], intent["id"]);
  auto paid = pay(player_, intent["id"], "4242424242424242");
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(booking(paid.json()["booking_id"])["payment_status"], "paid");
  // A card's own errors are the provider's (402), as Stripe's card form reports them.
  auto month =
      client_->post("/sandbox/v1/payment_methods",
                    {{"card", {{"number", "4242424242424242"}, {"exp_month", 13}, {"exp_year", 30}, {"cvc", "123"}}}});
  EXPECT_EQ(month.status, 402);
  EXPECT_EQ(month.json()["error"]["code"], "invalid_expiry_month");
  // An unknown number never becomes a payment method.
  auto wrong = client_->post("/sandbox/v1/payment_methods",
                             {{"card", {{"number", "4111"}, {"exp_month", 12}, {"exp_year", 2030}, {"cvc", "123"}}}});
  EXPECT_EQ(wrong.status, 402);
  EXPECT_EQ(wrong.json()["error"]["code"], "incorrect_number");
}

TEST_P(PaymentHttpTest, ManyClicksOnPayMakeOneIntent) {
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  std::vector<std::string> ids(5);
  std::vector<std::thread> clicks;
  for (int i = 0; i < 5; ++i)
    clicks.emplace_back([&, i] {
      auto r = intent_for(player_, h["id"]);
      if (r.status == 201) ids[i] = r.json()["id"];
    });
  for (auto& t : clicks) t.join();
  for (const auto& id : ids) EXPECT_EQ(id, ids[0]);
  EXPECT_FALSE(ids[0].empty());
  auto paid = pay(player_, ids[0], "4242424242424242");
  ASSERT_EQ(paid.status, 200);
  // A retry of the confirm after a client timeout answers the same success, charging nothing more.
  auto again = pay(player_, ids[0], "4242424242424242");
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.json()["booking_id"], paid.json()["booking_id"]);
  EXPECT_EQ(my_payments()["payments"].size(), 1u);
}

TEST_P(PaymentHttpTest, ThreeDSecureCompletesOnTheSandboxPageAndItsWebhookBooks) {
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  auto intent = intent_for(player_, h["id"]).json();
  auto challenged = pay(player_, intent["id"], "4000002500003155");
  ASSERT_EQ(challenged.status, 200) << challenged.body;
  EXPECT_EQ(challenged.json()["status"], "requires_action");
  const std::string page = challenged.json()["next_action"]["redirect_url"];
  auto html = client_->request("GET", page);
  EXPECT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("Complete"), std::string::npos);
  auto done =
      client_->request("POST", page, "action=complete", {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(done.header("Location"), "/?payment_intent=" + intent["id"].get<std::string>());
  // The booking comes with the webhook.
  work();
  auto state = client_->get("/api/v1/payment-intents/" + intent["id"].get<std::string>(), player_.access).json();
  EXPECT_EQ(state["status"], "succeeded");
  EXPECT_EQ(booking(state["booking_id"])["payment_status"], "paid");
}

TEST_P(PaymentHttpTest, AFailedChallengeChargesNothingAndAnAbandonedOneEndsWithTheHold) {
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  auto intent = intent_for(player_, h["id"]).json();
  auto challenged = pay(player_, intent["id"], "4000002500003155").json();
  const std::string page = challenged["next_action"]["redirect_url"];
  client_->request("POST", page, "action=fail", {{"Content-Type", "application/x-www-form-urlencoded"}});
  work();
  auto state = client_->get("/api/v1/payment-intents/" + intent["id"].get<std::string>(), player_.access).json();
  EXPECT_EQ(state["status"], "failed");
  EXPECT_EQ(state["booking_id"], nullptr);
  // A second challenge, abandoned: the intent outlives the hold by at most its window, then is canceled.
  challenged = pay(player_, intent["id"], "4000002500003155").json();
  ASSERT_EQ(challenged["status"], "requires_action");
  travel_to("2026-11-24T12:16:00Z");
  work();
  state = client_->get("/api/v1/payment-intents/" + intent["id"].get<std::string>(), player_.access).json();
  EXPECT_EQ(state["status"], "canceled");
  // A late completion does not charge.
  auto late =
      client_->request("POST", page, "action=complete", {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(late.status, 409);
  work();
  EXPECT_TRUE(my_payments()["payments"].empty());
  EXPECT_EQ(hold(owner_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").status, 201);
}

TEST_P(PaymentHttpTest, APaymentThatArrivesAfterItsHoldIsRefundedAndBooksNothing) {
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  auto intent = intent_for(player_, h["id"]).json();
  // The hold goes (released here; a lapse is the same) and someone else takes the slot.
  ASSERT_EQ(client_->send("DELETE", "/api/v1/holds/" + h["id"].get<std::string>(), nullptr, player_.access).status,
            204);
  Account other = sign_up("other@example.com");
  ASSERT_EQ(hold(other, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").status, 201);
  auto paid = pay(player_, intent["id"], "4242424242424242");
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(paid.json()["status"], "succeeded");
  EXPECT_EQ(paid.json()["booking_id"], nullptr);
  EXPECT_EQ(paid.json()["outcome"], "refunded");
  work();
  auto history = my_payments();
  ASSERT_EQ(history["refunds"].size(), 1u);
  EXPECT_EQ(history["refunds"][0]["status"], "completed");
  EXPECT_EQ(history["refunds"][0]["source"], "late_payment");
  EXPECT_EQ(history["refunds"][0]["amount"]["amount"], 2000);
  EXPECT_EQ(history["payments"][0]["refunded"]["amount"], 2000);
}

TEST_P(PaymentHttpTest, WebhooksNeedTheirSignatureAndChangeNothingTheSecondTime) {
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  auto intent = intent_for(player_, h["id"]).json();
  ASSERT_EQ(pay(player_, intent["id"], "4242424242424242").status, 200);
  const json event = {{"id", "evt_test_1"},
                      {"type", "payment_intent.succeeded"},
                      {"data", {{"object", {{"id", provider_id(intent)}, {"object", "payment_intent"}}}}}};
  const std::int64_t now = epoch_seconds(clock_.now());
  auto forged = client_->request("POST", "/api/v1/webhooks/sandbox", event.dump(),
                                 {{"Content-Type", "application/json"}, {"Stripe-Signature", "t=1,v1=00"}});
  EXPECT_EQ(forged.status, 400);
  EXPECT_EQ(webhook(event.dump(), now - 3600).status, 400);  // a replay of an old delivery
  EXPECT_EQ(webhook(event.dump(), now).status, 200);
  EXPECT_EQ(webhook(event.dump(), now).status, 200);
  // Out of order: a failure reported after the success leaves it paid.
  json failed = event;
  failed["id"] = "evt_test_2";
  failed["type"] = "payment_intent.payment_failed";
  EXPECT_EQ(webhook(failed.dump(), now).status, 200);
  auto state = client_->get("/api/v1/payment-intents/" + intent["id"].get<std::string>(), player_.access).json();
  EXPECT_EQ(state["status"], "succeeded");
  EXPECT_EQ(my_payments()["payments"].size(), 1u);
  EXPECT_EQ(booking(state["booking_id"])["payment_status"], "paid");
  // News of an object the provider does not know is taken and dropped, not asked for again.
  json unknown = event;
  unknown["id"] = "evt_test_3";
  unknown["data"]["object"]["id"] = "pi_unknown";
  EXPECT_EQ(webhook(unknown.dump(), now).status, 200);
  // The Stripe route is not this configuration's.
  EXPECT_EQ(
      client_->request("POST", "/api/v1/webhooks/stripe", event.dump(), {{"Content-Type", "application/json"}}).status,
      404);
}

TEST_P(PaymentHttpTest, StaffRecordDeskPaymentsPartThenWhole) {
  auto id = desk_booking("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  EXPECT_EQ(booking(id)["payment_status"], "pending");
  auto part = record(owner_, id, 1250);
  ASSERT_EQ(part.status, 201) << part.body;
  EXPECT_EQ(part.json()["status"], "recorded");
  EXPECT_EQ(part.json()["kind"], "offline");
  EXPECT_EQ(booking(id)["payment_status"], "partial");
  auto over = record(owner_, id, 1000);
  EXPECT_EQ(over.status, 422);
  EXPECT_EQ(over.json()["errors"][0]["field"], "amount");
  EXPECT_EQ(over.json()["errors"][0]["message"], "must be at most the 7.50 USD still due");
  auto rest = record(owner_, id, json{{"amount", 750}, {"currency", "USD"}}, "check");
  ASSERT_EQ(rest.status, 201) << rest.body;
  EXPECT_EQ(booking(id)["payment_status"], "paid");
  const std::string first = part.json()["id"];
  EXPECT_EQ(client_->post("/api/v1/payments/" + first + "/verify", json::object(), owner_.access).json()["status"],
            "verified");
  // Void is final and takes its amount back off the booking.
  auto voided = client_->post("/api/v1/payments/" + first + "/void", json::object(), owner_.access);
  ASSERT_EQ(voided.status, 200);
  EXPECT_EQ(voided.json()["status"], "void");
  EXPECT_EQ(booking(id)["payment_status"], "partial");
  EXPECT_EQ(client_->post("/api/v1/payments/" + first + "/verify", json::object(), owner_.access).status, 409);
  EXPECT_EQ(client_->post("/api/v1/payments/" + first + "/void", json::object(), owner_.access).status, 409);
  auto listed = client_->get("/api/v1/bookings/" + id + "/payments", owner_.access).json();
  EXPECT_EQ(listed["items"].size(), 2u);
}

TEST_P(PaymentHttpTest, BadAmountsAndMethodsAreRefusedNamingTheField) {
  auto id = desk_booking("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  for (const json& amount : {json(0), json(-500), json(19.99), json("1000"), json(std::int64_t{1} << 62)}) {
    auto r = record(owner_, id, amount);
    EXPECT_EQ(r.status, 422) << amount.dump();
    EXPECT_EQ(r.json()["errors"][0]["field"], "amount") << amount.dump() << r.body;
  }
  auto euros = record(owner_, id, json{{"amount", 500}, {"currency", "EUR"}});
  EXPECT_EQ(euros.status, 422);
  EXPECT_EQ(euros.json()["errors"][0]["field"], "amount.currency");
  patch_policies({{"offline_methods", {"cash"}}});
  auto venmo = record(owner_, id, 500, "venmo");
  EXPECT_EQ(venmo.status, 422);
  EXPECT_EQ(venmo.json()["errors"][0]["field"], "method");
  EXPECT_EQ(booking(id)["payment_status"], "pending");  // nothing half-written
}

TEST_P(PaymentHttpTest, OnlyStaffMoveMoneyAndAnotherTenantSeesNone) {
  auto b = paid_booking();
  const std::string id = b["id"];
  auto payments = client_->get("/api/v1/bookings/" + id + "/payments", player_.access).json();
  const std::string payment = payments["items"][0]["id"];
  // The player: sees their payments, moves nothing.
  EXPECT_EQ(record(player_, id, 100).status, 403);
  EXPECT_EQ(client_->post("/api/v1/payments/" + payment + "/refunds", {{"reason", "mine"}}, player_.access).status,
            403);
  EXPECT_EQ(client_->post("/api/v1/payments/" + payment + "/void", json::object(), player_.access).status, 403);
  EXPECT_EQ(client_
                ->post("/api/v1/bookings/" + id + "/payment-status", {{"status", "waived"}, {"reason", "free"}},
                       player_.access)
                .status,
            403);
  EXPECT_EQ(client_
                ->post("/api/v1/facilities/" + facility_ + "/members/" + player_.id + "/credit",
                       {{"amount", 5000}, {"reason", "gift"}}, player_.access)
                .status,
            403);
  // Staff of another organization: none of it exists.
  Account rival = sign_up("rival@example.com");
  create_facility(rival, create_organization(rival, "Rival"), "Rival Courts");
  EXPECT_EQ(client_->get("/api/v1/bookings/" + id + "/payments", rival.access).status, 404);
  EXPECT_EQ(record(rival, id, 100).status, 404);
  EXPECT_EQ(client_->post("/api/v1/payments/" + payment + "/refunds", {{"reason", "x"}}, rival.access).status, 404);
  EXPECT_EQ(client_->post("/api/v1/payments/" + payment + "/verify", json::object(), rival.access).status, 404);
  auto refund = client_->post("/api/v1/payments/" + payment + "/refunds",
                              {{"amount", 100}, {"destination", "credit"}, {"reason", "goodwill"}}, owner_.access);
  ASSERT_EQ(refund.status, 201);
  EXPECT_EQ(client_
                ->post("/api/v1/refunds/" + refund.json()["id"].get<std::string>() + "/retry",
                       {{"destination", "credit"}}, rival.access)
                .status,
            404);
  EXPECT_EQ(client_->post("/api/v1/fees/fee_23odb00000000000000000000/waive", {{"reason", "x"}}, rival.access).status,
            404);
  EXPECT_EQ(client_->get("/api/v1/facilities/" + facility_ + "/payments", rival.access).status, 403);
  EXPECT_EQ(client_->get("/api/v1/facilities/" + facility_ + "/payments", player_.access).status, 403);
  // Nobody: 401.
  EXPECT_EQ(client_->get("/api/v1/me/payments").status, 401);
  EXPECT_EQ(client_->post("/api/v1/payment-intents", {{"hold_id", "hld_x"}}).status, 401);
}

TEST_P(PaymentHttpTest, RefundsNeverExceedWhatWasPaid) {
  auto b = paid_booking();
  const std::string payment =
      client_->get("/api/v1/bookings/" + b["id"].get<std::string>() + "/payments", owner_.access)
          .json()["items"][0]["id"];
  const std::string refunds = "/api/v1/payments/" + payment + "/refunds";
  auto to_credit =
      client_->post(refunds, {{"amount", 1500}, {"destination", "credit"}, {"reason", "rain"}}, owner_.access);
  ASSERT_EQ(to_credit.status, 201) << to_credit.body;
  EXPECT_EQ(to_credit.json()["status"], "completed");
  EXPECT_EQ(credit(), 1500);
  // The money refunded as credit stays in the facility's takings.
  auto takings = client_->get("/api/v1/facilities/" + facility_ + "/payments", owner_.access).json()["takings"];
  EXPECT_EQ(takings[0]["amount"]["amount"], 2000);
  auto too_much = client_->post(refunds, {{"amount", 600}, {"reason", "more"}}, owner_.access);
  EXPECT_EQ(too_much.status, 422);
  EXPECT_EQ(too_much.json()["errors"][0]["field"], "amount");
  // Five refunds of the rest at once: one goes through.
  std::vector<int> statuses(5);
  std::vector<std::thread> clicks;
  for (int i = 0; i < 5; ++i)
    clicks.emplace_back([&, i] {
      statuses[i] = client_->post(refunds, {{"amount", 500}, {"reason", "rest"}}, owner_.access).status;
    });
  for (auto& t : clicks) t.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201), 1);
  work();
  auto history = my_payments();
  EXPECT_EQ(history["payments"][0]["refunded"]["amount"], 2000);
  int completed = 0;
  for (const auto& r : history["refunds"]) completed += r["status"] == "completed";
  EXPECT_EQ(completed, 2);
  EXPECT_EQ(booking(b["id"])["payment_status"], "refunded");
  EXPECT_EQ(client_->post(refunds, {{"reason", "again"}}, owner_.access).status, 409);
}

TEST_P(PaymentHttpTest, CreditPaysFirstAndTheCardTheRest) {
  auto grant = client_->post("/api/v1/facilities/" + facility_ + "/members/" + player_.id + "/credit",
                             {{"amount", 2500}, {"reason", "league prize"}}, owner_.access);
  ASSERT_EQ(grant.status, 201) << grant.body;
  EXPECT_EQ(credit(), 2500);
  // All from credit.
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  EXPECT_EQ(intent_for(player_, h["id"]).json()["rule"], "credit-covers-price");
  auto by_credit = confirm(player_, h["id"], {{"method", "credit"}});
  ASSERT_EQ(by_credit.status, 201) << by_credit.body;
  EXPECT_EQ(by_credit.json()["payment_status"], "paid");
  EXPECT_EQ(by_credit.json()["payment_method"], "credit");
  EXPECT_EQ(credit(), 500);
  // Part credit, part card.
  auto h2 = hold(player_, "2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z").json();
  EXPECT_EQ(confirm(player_, h2["id"], {{"method", "credit"}}).json()["rule"], "insufficient-credit");
  auto intent = intent_for(player_, h2["id"]).json();
  EXPECT_EQ(intent["amount"], 1500);
  EXPECT_EQ(intent["credit_amount"], 500);
  auto paid = pay(player_, intent["id"], "4242424242424242");
  ASSERT_EQ(paid.status, 200);
  EXPECT_EQ(booking(paid.json()["booking_id"])["payment_status"], "paid");
  EXPECT_EQ(credit(), 0);
  auto ledger =
      client_->get("/api/v1/facilities/" + facility_ + "/members/" + player_.id + "/credit/ledger", owner_.access)
          .json();
  std::int64_t sum = 0;
  for (const auto& e : ledger["items"]) sum += e["amount"]["amount"].get<std::int64_t>();
  EXPECT_EQ(sum, 0);
  EXPECT_EQ(ledger["items"].size(), 3u);
  // Credit never goes below zero.
  auto overdraw = client_->post("/api/v1/facilities/" + facility_ + "/members/" + player_.id + "/credit",
                                {{"amount", -1}, {"reason", "oops"}}, owner_.access);
  EXPECT_EQ(overdraw.status, 422);
}

TEST_P(PaymentHttpTest, ACancellationRefundsByThePolicyTheWayItWasPaid) {
  auto b = paid_booking();  // 27 hours ahead: all of it back, to the card
  auto cancelled = client_->post("/api/v1/bookings/" + b["id"].get<std::string>() + "/cancel",
                                 {{"reason", "cannot make it"}}, player_.access);
  ASSERT_EQ(cancelled.status, 200);
  work();
  auto history = my_payments();
  ASSERT_EQ(history["refunds"].size(), 1u);
  EXPECT_EQ(history["refunds"][0]["destination"], "original");
  EXPECT_EQ(history["refunds"][0]["status"], "completed");
  EXPECT_EQ(history["refunds"][0]["amount"]["amount"], 2000);
  EXPECT_EQ(booking(b["id"])["payment_status"], "refunded");
  // Paid cash, cancelled with 8 hours' notice: half back, as credit (the facility's default).
  auto id = desk_booking("2026-11-24T20:00:00Z", "2026-11-24T21:00:00Z");
  ASSERT_EQ(record(owner_, id, 2000).status, 201);
  client_->post("/api/v1/bookings/" + id + "/cancel", {{"reason", "sick"}}, player_.access);
  work();
  EXPECT_EQ(credit(), 1000);
  EXPECT_EQ(booking(id)["payment_status"], "partial");
}

TEST_P(PaymentHttpTest, NoShowsAndLateCancellationsOweTheirFees) {
  auto late = desk_booking("2026-11-24T13:00:00Z", "2026-11-24T14:00:00Z");  // 1 hour ahead, unpaid
  client_->post("/api/v1/bookings/" + late + "/cancel", {{"reason", "overslept"}}, player_.access);
  auto absent = desk_booking("2026-11-24T16:00:00Z", "2026-11-24T17:00:00Z");
  travel_to("2026-11-24T16:05:00Z");  // after the start, within the grace before the automatic no-show
  ASSERT_EQ(client_->post("/api/v1/bookings/" + absent + "/no-show", json::object(), owner_.access).status, 200);
  work();
  auto fees = my_payments()["fees"];
  ASSERT_EQ(fees.size(), 2u);
  std::map<std::string, json> by_kind;
  for (const auto& f : fees) by_kind[f["kind"]] = f;
  EXPECT_EQ(by_kind["late_cancel"]["amount"]["amount"], 2000);
  EXPECT_EQ(by_kind["no_show"]["amount"]["amount"], 2000);
  EXPECT_EQ(by_kind["no_show"]["status"], "pending");          // no saved card: it waits on the account
  EXPECT_EQ(booking(json(late))["payment_status"], "waived");  // cancelled: the booking owes nothing, the fee does
  const std::string fee = by_kind["no_show"]["id"];
  // The desk finds a booking's fees with its payments.
  auto at_desk = client_->get("/api/v1/bookings/" + absent + "/payments", owner_.access).json();
  ASSERT_EQ(at_desk["fees"].size(), 1u);
  EXPECT_EQ(at_desk["fees"][0]["id"], fee);
  EXPECT_EQ(client_->post("/api/v1/fees/" + fee + "/waive", {{"reason", "first time"}}, player_.access).status, 403);
  auto waived = client_->post("/api/v1/fees/" + fee + "/waive", {{"reason", "first time"}}, owner_.access);
  ASSERT_EQ(waived.status, 200);
  EXPECT_EQ(waived.json()["status"], "waived");
  EXPECT_EQ(client_->post("/api/v1/fees/" + fee + "/waive", {{"reason", "again"}}, owner_.access).status, 409);
}

TEST_P(PaymentHttpTest, StaffWaiveWhatABookingOwes) {
  auto id = desk_booking("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  auto missing = client_->post("/api/v1/bookings/" + id + "/payment-status", {{"status", "waived"}}, owner_.access);
  EXPECT_EQ(missing.status, 422);
  auto waived = client_->post("/api/v1/bookings/" + id + "/payment-status",
                              {{"status", "waived"}, {"reason", "club member of the month"}}, owner_.access);
  ASSERT_EQ(waived.status, 200) << waived.body;
  EXPECT_EQ(waived.json()["payment_status"], "waived");
  EXPECT_EQ(booking(id)["payment_status"], "waived");
}

TEST_P(PaymentHttpTest, AFacilityNotConnectedTakesNoCards) {
  Account owner2 = sign_up("owner2@example.com");
  auto other = create_facility(owner2, create_organization(owner2, "Lakeside"), "Lake Courts");
  json weekly = json::array();
  for (int d = 1; d <= 7; ++d) weekly.push_back({{"weekday", d}, {"open", "07:00"}, {"close", "22:00"}});
  client_->send("PUT", "/api/v1/facilities/" + other + "/hours", {{"weekly", weekly}}, owner2.access);
  auto court = client_
                   ->post("/api/v1/facilities/" + other + "/resources", {{"name", "Lake 1"}, {"type", "tennis_court"}},
                          owner2.access)
                   .json()["id"]
                   .get<std::string>();
  client_->send("PUT", "/api/v1/resources/" + court + "/pricing",
                {{"base", {{"amount", 1000}, {"currency", "USD"}}}, {"per_minutes", 60}}, owner2.access);
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z", court).json();
  auto intent = intent_for(player_, h["id"]);
  EXPECT_EQ(intent.status, 422);
  EXPECT_EQ(intent.json()["rule"], "payments-not-connected");
  EXPECT_EQ(client_->get("/api/v1/facilities/" + other + "/payments/account", owner2.access).json()["status"],
            "not_connected");
  // Players may know whether a facility takes cards.
  auto seen = client_->get("/api/v1/facilities/" + facility_ + "/payments/account", player_.access);
  ASSERT_EQ(seen.status, 200);
  EXPECT_EQ(seen.json()["charges_enabled"], true);
}

TEST_P(PaymentHttpTest, BeforeTheSessionTheSavedCardPaysByItself) {
  // A first booking paid at booking, the card saved for later.
  auto h = hold(player_, "2026-11-25T13:00:00Z", "2026-11-25T14:00:00Z").json();
  auto intent = intent_for(player_, h["id"]).json();
  auto saved = client_->post("/api/v1/payment-intents/" + intent["id"].get<std::string>() + "/confirm",
                             {{"payment_method", card("4242424242424242")}, {"save_card", true}}, player_.access);
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto cards = client_->get("/api/v1/me/cards", player_.access).json();
  ASSERT_EQ(cards["items"].size(), 1u);
  EXPECT_EQ(cards["items"][0]["last4"], "4242");
  // The facility now takes payment before the session: the booking waits, then the card pays
  // 24 hours before it starts.
  auto id = desk_booking("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  work();
  EXPECT_EQ(booking(id)["payment_status"], "pending");
  travel_to("2026-11-24T15:01:00Z");
  work();
  EXPECT_EQ(booking(id)["payment_status"], "paid");
  auto payments = client_->get("/api/v1/bookings/" + id + "/payments", player_.access).json();
  ASSERT_EQ(payments["items"].size(), 1u);
  EXPECT_EQ(payments["items"][0]["kind"], "card");
  EXPECT_EQ(payments["items"][0]["amount"]["amount"], 2000);
}

TEST_P(PaymentHttpTest, AfterTheSessionWithoutACardTheDeskCollects) {
  auto id = desk_booking("2026-11-24T14:00:00Z", "2026-11-24T15:00:00Z");
  patch_policies({{"payment_timing", "after_session"}});
  travel_to("2026-11-24T15:05:00Z");
  work();
  EXPECT_EQ(booking(id)["payment_status"], "pending");
  EXPECT_EQ(record(owner_, id, 2000).status, 201);
  EXPECT_EQ(booking(id)["payment_status"], "paid");
}

TEST_P(PaymentHttpTest, ThePlatformFeeIsSetByAPlatformAdministratorAndRecordedWithEachPayment) {
  const std::string route = "/api/v1/admin/facilities/" + facility_ + "/platform-fee";
  auto admin = sign_up("platform@example.com");
  ASSERT_TRUE(
      app_->service<identity::IdentityService>()
          .grant_role(identity::UserId{admin.id}, identity::Role::platform_admin, identity::ScopeType::platform, "", {})
          .ok());
  EXPECT_EQ(account()["platform_fee_percent"], 0);
  // The facility's own staff and its players do not set what the platform takes.
  EXPECT_EQ(client_->send("PUT", route, {{"percent", 1}}, owner_.access).status, 403);
  EXPECT_EQ(client_->send("PUT", route, {{"percent", 1}}, player_.access).status, 403);
  EXPECT_EQ(client_->send("PUT", route, {{"percent", 1}}).status, 401);
  EXPECT_EQ(
      client_->send("PUT", "/api/v1/admin/facilities/fac_nope/platform-fee", {{"percent", 1}}, admin.access).status,
      404);
  for (const json& bad : {json(-1), json(100.5), json(2.555), json("2.5"), json(nullptr)}) {
    auto r = client_->send("PUT", route, {{"percent", bad}}, admin.access);
    EXPECT_EQ(r.status, 422) << bad << r.body;
    EXPECT_NE(r.body.find("percent"), std::string::npos) << r.body;
  }
  auto set = client_->send("PUT", route, {{"percent", 2.5}}, admin.access);
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json()["percent"], 2.5);
  EXPECT_EQ(account()["platform_fee_percent"], 2.5);

  paid_booking();  // 20.00 USD: 2.5% is 0.50
  auto fee_of_first = [&] {
    auto list = client_->get("/api/v1/facilities/" + facility_ + "/payments?date=2026-11-24", owner_.access).json();
    return list["items"][0]["platform_fee"]["amount"];
  };
  EXPECT_EQ(fee_of_first(), 50);
  // A new rate applies to intents made from now on; the payment made keeps its fee.
  ASSERT_EQ(client_->send("PUT", route, {{"percent", 10}}, admin.access).status, 200);
  EXPECT_EQ(fee_of_first(), 50);
  paid_booking("2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z");
  auto list = client_->get("/api/v1/facilities/" + facility_ + "/payments?date=2026-11-24", owner_.access).json();
  std::multiset<std::int64_t> fees;
  for (const auto& p : list["items"]) fees.insert(p["platform_fee"]["amount"].get<std::int64_t>());
  EXPECT_EQ(fees, (std::multiset<std::int64_t>{50, 200}));
}

TEST_P(PaymentHttpTest, ZeroDecimalCurrenciesAreNotScaled) {
  Account owner2 = sign_up("owner2@example.com");
  auto org = create_organization(owner2, "Tokyo Tennis");
  auto r = client_->post("/api/v1/organizations/" + org + "/facilities",
                         {{"name", "Ariake"}, {"timezone", "Asia/Tokyo"}, {"currency", "JPY"}}, owner2.access);
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string tokyo = r.json()["id"];
  json weekly = json::array();
  for (int d = 1; d <= 7; ++d) weekly.push_back({{"weekday", d}, {"open", "07:00"}, {"close", "22:00"}});
  client_->send("PUT", "/api/v1/facilities/" + tokyo + "/hours", {{"weekly", weekly}}, owner2.access);
  auto court = client_
                   ->post("/api/v1/facilities/" + tokyo + "/resources", {{"name", "Center"}, {"type", "tennis_court"}},
                          owner2.access)
                   .json()["id"]
                   .get<std::string>();
  client_->send("PUT", "/api/v1/resources/" + court + "/pricing",
                {{"base", {{"amount", 1500}, {"currency", "JPY"}}}, {"per_minutes", 60}}, owner2.access);
  auto link = client_->post("/api/v1/facilities/" + tokyo + "/payments/connect", json::object(), owner2.access);
  client_->request("POST", link.json()["onboarding_url"].get<std::string>());
  work();
  auto h = hold(player_, "2026-11-25T01:00:00Z", "2026-11-25T02:00:00Z", court).json();  // 10:00 in Tokyo
  auto intent = intent_for(player_, h["id"]).json();
  EXPECT_EQ(intent["amount"], 1500);
  EXPECT_EQ(intent["currency"], "JPY");
  auto paid = pay(player_, intent["id"], "4242424242424242");
  ASSERT_EQ(paid.status, 200) << paid.body;
  auto payment = my_payments()["payments"][0];
  EXPECT_EQ(payment["amount"]["amount"], 1500);
  EXPECT_EQ(payment["amount"]["currency"], "JPY");
}

TEST_P(PaymentHttpTest, ReconciliationListsMoneyWithoutRecordsAndPaidBookingsWithoutMoney) {
  const std::string report = "/api/v1/facilities/" + facility_ + "/payments/reconciliation";
  auto clean = client_->get(report, owner_.access);
  ASSERT_EQ(clean.status, 200) << clean.body;
  EXPECT_TRUE(clean.json()["unrecorded_payments"].empty());
  EXPECT_TRUE(clean.json()["paid_bookings_without_payment"].empty());
  EXPECT_EQ(client_->get(report, player_.access).status, 403);
  auto paid = paid_booking();
  auto unpaid = desk_booking("2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z");
  EXPECT_TRUE(client_->get(report, owner_.access).json()["unrecorded_payments"].empty());
  // What a lost write would leave: the card payment's record gone, a booking marked paid by hand.
  app_->database().transact([&](db::Connection& tx) {
    tx.execute("DELETE FROM payments WHERE booking_id = $1", {paid["id"].get<std::string>()});
    tx.execute("UPDATE bookings SET payment_status = 'paid' WHERE id = $1", {unpaid});
  });
  auto found = client_->get(report, owner_.access).json();
  ASSERT_EQ(found["unrecorded_payments"].size(), 1u);
  EXPECT_EQ(found["unrecorded_payments"][0]["amount"]["amount"], 2000);
  ASSERT_EQ(found["paid_bookings_without_payment"].size(), 1u);
  EXPECT_EQ(found["paid_bookings_without_payment"][0]["booking_id"], unpaid);
}

TEST_P(PaymentHttpTest, TheSameSuccessDeliveredAtOnceRecordsOnePayment) {
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  auto intent = intent_for(player_, h["id"]).json();
  auto challenged = pay(player_, intent["id"], "4000002500003155").json();
  ASSERT_EQ(challenged["status"], "requires_action");
  // Authenticated at the bank; the sandbox queued its webhook. Before the worker delivers it,
  // five more deliveries of the news arrive at once (a provider's retries, other event ids).
  client_->request("POST", challenged["next_action"]["redirect_url"].get<std::string>(), "action=complete",
                   {{"Content-Type", "application/x-www-form-urlencoded"}});
  std::vector<std::thread> deliveries;
  std::vector<int> statuses(5);
  for (int i = 0; i < 5; ++i)
    deliveries.emplace_back([&, i] {
      statuses[i] = webhook(json{{"id", "evt_race_" + std::to_string(i)},
                                 {"type", "payment_intent.succeeded"},
                                 {"data", {{"object", {{"id", provider_id(intent)}, {"object", "payment_intent"}}}}}}
                                .dump(),
                            epoch_seconds(clock_.now()))
                        .status;
    });
  for (auto& t : deliveries) t.join();
  work();
  for (int status : statuses) EXPECT_EQ(status, 200);
  auto history = my_payments();
  ASSERT_EQ(history["payments"].size(), 1u);
  EXPECT_TRUE(history["refunds"].empty());
  auto state = client_->get("/api/v1/payment-intents/" + intent["id"].get<std::string>(), player_.access).json();
  EXPECT_EQ(booking(state["booking_id"])["payment_status"], "paid");
  auto succeeded = app_->database().read([&](db::Connection& c) {
    return c.query_one("SELECT COUNT(*) FROM outbox WHERE type = 'payment.succeeded'")->i64(0);
  });
  EXPECT_EQ(succeeded, 1);  // one message, too
}

TEST_P(PaymentHttpTest, ANewAmountIsANewIntent) {
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  auto first = intent_for(player_, h["id"]).json();
  EXPECT_EQ(first["amount"], 2000);
  // Credit arrives before the player pays: the amount changes, and so does the intent (and the
  // provider's idempotency key, made of our intent's id and its amount).
  client_->post("/api/v1/facilities/" + facility_ + "/members/" + player_.id + "/credit",
                {{"amount", 500}, {"reason", "voucher"}}, owner_.access);
  auto second = intent_for(player_, h["id"]).json();
  EXPECT_EQ(second["amount"], 1500);
  EXPECT_NE(second["id"], first["id"]);
  auto paid = pay(player_, second["id"], "4242424242424242");
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(credit(), 0);
}

TEST_P(PaymentHttpTest, RejectingARefundsAllAndReschedulingChargesNothing) {
  auto moved = paid_booking();
  auto r = client_->post("/api/v1/bookings/" + moved["id"].get<std::string>() + "/reschedule",
                         {{"start", "2026-11-25T17:00:00Z"}, {"end", "2026-11-25T18:00:00Z"}}, player_.access);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["payment_status"], "paid");
  EXPECT_EQ(my_payments()["payments"].size(), 1u);
  patch_policies({{"require_booking_approval", true}});
  auto pending = paid_booking("2026-11-25T19:00:00Z", "2026-11-25T20:00:00Z");
  EXPECT_EQ(pending["approval_status"], "pending");
  ASSERT_EQ(client_
                ->post("/api/v1/bookings/" + pending["id"].get<std::string>() + "/reject",
                       {{"reason", "Court reserved for the league"}}, owner_.access)
                .status,
            200);
  work();
  auto history = my_payments();
  ASSERT_EQ(history["refunds"].size(), 1u);
  EXPECT_EQ(history["refunds"][0]["amount"]["amount"], 2000);  // all of it
  EXPECT_EQ(history["refunds"][0]["status"], "completed");
  EXPECT_EQ(booking(pending["id"])["payment_status"], "refunded");
}

TEST_P(PaymentHttpTest, AFeeIsChargedToTheSavedCardByItself) {
  auto h = hold(player_, "2026-11-25T13:00:00Z", "2026-11-25T14:00:00Z").json();
  auto intent = intent_for(player_, h["id"]).json();
  ASSERT_EQ(client_
                ->post("/api/v1/payment-intents/" + intent["id"].get<std::string>() + "/confirm",
                       {{"payment_method", card("4242424242424242")}, {"save_card", true}}, player_.access)
                .status,
            200);
  auto late = desk_booking("2026-11-24T13:00:00Z", "2026-11-24T14:00:00Z");  // 1 hour ahead, unpaid
  client_->post("/api/v1/bookings/" + late + "/cancel", {{"reason", "overslept"}}, player_.access);
  work();
  auto fees = my_payments()["fees"];
  ASSERT_EQ(fees.size(), 1u);
  EXPECT_EQ(fees[0]["status"], "paid");
  auto payments = client_->get("/api/v1/bookings/" + late + "/payments", owner_.access).json();
  ASSERT_EQ(payments["items"].size(), 1u);
  EXPECT_EQ(payments["items"][0]["fee_id"], fees[0]["id"]);
}

/// Random sequences of desk payments, verifications, voids, refunds (to the payment's way or to
/// credit) and credit adjustments on three bookings: after every step each booking's payment
/// status and the player's credit balance are what a model of the money says, and no refund ever
/// exceeds its payment.
/// Many requests a step, by one player and one owner: the rate limits are not what it tests.
class PaymentPropertyTest : public PaymentHttpTest {
 protected:
  void configure(Config& c) override {
    PaymentHttpTest::configure(c);
    c.rate_limit = "off";
  }
};

TEST_P(PaymentPropertyTest, PaymentStatusesAndCreditFollowTheMoneyThroughRandomSequences) {
  struct Paid {
    std::string id;
    int booking = 0;
    std::int64_t amount = 0, refunded = 0;
    bool voided = false;
  };
  struct OwedFee {
    std::string id;
    bool waived = false;
  };
  const std::int64_t price = 2000;
  std::vector<std::string> bookings = {desk_booking("2026-11-25T13:00:00Z", "2026-11-25T14:00:00Z"),
                                       desk_booking("2026-11-25T14:00:00Z", "2026-11-25T15:00:00Z"),
                                       desk_booking("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z")};
  std::vector<bool> waived(bookings.size(), false);
  std::vector<Paid> paid;
  std::vector<std::string> bought_with_credit;  // bookings paid wholly from credit
  std::vector<OwedFee> fees;                    // late cancellations' fees
  // Fresh slots: more than a day ahead for bookings bought with credit; two to nine hours ahead
  // (the policy keeps half) for bookings cancelled late.
  int next_credit_slot = 17, next_late_slot = 14;
  const auto at = [](const std::string& day, int hour) {
    return format_rfc3339(*parse_rfc3339(day + "T00:00:00Z") + std::chrono::hours(hour));
  };
  std::int64_t balance = 0;
  const unsigned seed = static_cast<unsigned>(std::random_device{}());
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  auto pick = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  auto kept = [&](int b) {
    std::int64_t k = 0;
    for (const auto& p : paid)
      if (p.booking == b && !p.voided) k += p.amount - p.refunded;
    return k;
  };
  auto returned = [&](int b) {
    std::int64_t r = 0;
    for (const auto& p : paid)
      if (p.booking == b) r += p.refunded;
    return r;
  };
  for (int step = 0; step < 50; ++step) {
    int op = static_cast<int>(pick(0, paid.empty() ? 0 : 8));
    if ((op == 6 && next_credit_slot > 26) || (op == 7 && next_late_slot > 21) || (op == 8 && fees.empty())) op = 0;
    SCOPED_TRACE("step " + std::to_string(step) + " op " + std::to_string(op));
    if (op == 0) {  // record a payment at the desk
      const int b = static_cast<int>(pick(0, 2));
      const std::int64_t due = price - kept(b);
      const std::int64_t amount = pick(1, 2500);
      auto r = record(owner_, bookings[b], amount, pick(0, 1) ? "cash" : "check");
      if (amount <= due) {
        ASSERT_EQ(r.status, 201) << r.body;
        paid.push_back({r.json()["id"], b, amount, 0, false});
      } else {
        ASSERT_EQ(r.status, 422) << r.body;
      }
    } else if (op == 5) {  // staff waive what a booking owes
      const int b = static_cast<int>(pick(0, 2));
      auto r = client_->post("/api/v1/bookings/" + bookings[b] + "/payment-status",
                             {{"status", "waived"}, {"reason", "goodwill"}}, owner_.access);
      ASSERT_EQ(r.status, 200) << r.body;
      waived[b] = true;
    } else if (op == 6) {  // the player books with credit: all of the price, or nothing
      const std::string start = at("2026-11-25", next_credit_slot), end = at("2026-11-25", next_credit_slot + 1);
      ++next_credit_slot;
      auto h = hold(player_, start, end);
      ASSERT_EQ(h.status, 201) << h.body;
      const std::int64_t cost = h.json()["price"]["amount"];  // evenings cost more
      auto r = confirm(player_, h.json()["id"], {{"method", "credit"}});
      if (balance >= cost) {
        ASSERT_EQ(r.status, 201) << r.body;
        bought_with_credit.push_back(r.json()["id"]);
        balance -= cost;
      } else {
        ASSERT_EQ(r.status, 422) << r.body;
        EXPECT_EQ(r.json()["rule"], "insufficient-credit");
      }
    } else if (op == 7) {  // an unpaid booking cancelled late owes the half the policy keeps
      const std::string start = at("2026-11-24", next_late_slot), end = at("2026-11-24", next_late_slot + 1);
      ++next_late_slot;
      auto h = hold(player_, start, end);
      ASSERT_EQ(h.status, 201) << h.body;
      auto b = confirm(player_, h.json()["id"]);
      ASSERT_EQ(b.status, 201) << b.body;
      ASSERT_EQ(client_
                    ->post("/api/v1/bookings/" + b.json()["id"].get<std::string>() + "/cancel", {{"reason", "late"}},
                           player_.access)
                    .status,
                200);
      work();
      auto at_desk = client_->get("/api/v1/bookings/" + b.json()["id"].get<std::string>() + "/payments", owner_.access);
      ASSERT_EQ(at_desk.json()["fees"].size(), 1u) << at_desk.body;
      EXPECT_EQ(at_desk.json()["fees"][0]["amount"]["amount"], h.json()["price"]["amount"].get<std::int64_t>() / 2);
      fees.push_back({at_desk.json()["fees"][0]["id"], false});
    } else if (op == 8) {  // staff waive a fee (once)
      OwedFee& f = fees[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(fees.size()) - 1))];
      auto r = client_->post("/api/v1/fees/" + f.id + "/waive", {{"reason", "first time"}}, owner_.access);
      ASSERT_EQ(r.status, f.waived ? 409 : 200) << r.body;
      f.waived = true;
    } else {
      Paid& p = paid[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(paid.size()) - 1))];
      const std::string base = "/api/v1/payments/" + p.id;
      if (op == 1) {  // void
        auto r = client_->post(base + "/void", json::object(), owner_.access);
        ASSERT_EQ(r.status, p.voided ? 409 : 200) << r.body;
        p.voided = true;
      } else if (op == 2) {  // verify
        ASSERT_EQ(client_->post(base + "/verify", json::object(), owner_.access).status, p.voided ? 409 : 200);
      } else if (op == 3) {  // refund, to credit or as cash back
        const std::int64_t left = p.amount - p.refunded;
        const std::int64_t amount = pick(1, std::max<std::int64_t>(left, 1) + 100);
        const bool to_credit = pick(0, 1) == 1;
        auto r = client_->post(
            base + "/refunds",
            {{"amount", amount}, {"destination", to_credit ? "credit" : "original"}, {"reason", "r"}}, owner_.access);
        if (p.voided || left == 0) {
          ASSERT_EQ(r.status, 409) << r.body;
        } else if (amount > left) {
          ASSERT_EQ(r.status, 422) << r.body;
        } else {
          ASSERT_EQ(r.status, 201) << r.body;
          p.refunded += amount;
          if (to_credit) balance += amount;
        }
      } else {  // credit added or taken off by staff
        const std::int64_t amount = pick(-800, 2400) | 1;
        auto r = client_->post("/api/v1/facilities/" + facility_ + "/members/" + player_.id + "/credit",
                               {{"amount", amount}, {"reason", "adjust"}}, owner_.access);
        if (balance + amount < 0) {
          ASSERT_EQ(r.status, 422) << r.body;
        } else {
          ASSERT_EQ(r.status, 201) << r.body;
          balance += amount;
        }
      }
    }
    for (int b = 0; b < 3; ++b) {
      const std::int64_t k = kept(b);
      const std::string expected = k >= price        ? "paid"
                                   : k > 0           ? "partial"
                                   : returned(b) > 0 ? "refunded"
                                   : waived[b]       ? "waived"
                                                     : "pending";
      ASSERT_EQ(booking(json(bookings[b]))["payment_status"], expected) << "booking " << b;
    }
    for (const auto& id : bought_with_credit) ASSERT_EQ(booking(json(id))["payment_status"], "paid");
    std::map<std::string, std::string> fee_status;
    const json history = my_payments();
    for (const auto& f : history["fees"]) fee_status[f["id"]] = f["status"];
    ASSERT_EQ(fee_status.size(), fees.size()) << history.dump();
    for (const auto& f : fees) ASSERT_EQ(fee_status[f.id], f.waived ? "waived" : "pending") << f.id;
    ASSERT_EQ(credit(), balance);
  }
}

SB_INSTANTIATE_BACKENDS(PaymentHttpTest);
SB_INSTANTIATE_BACKENDS(PaymentPropertyTest);

}  // namespace
}  // namespace slotbase::testing
