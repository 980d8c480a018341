#include <gtest/gtest.h>

#include <chrono>

#include "payment/loopback_server.h"
#include "payment/stripe_provider.h"

namespace slotbase::payment {
namespace {

using testing::LoopbackServer;
using testing::RecordedRequest;
using testing::ScriptedReply;

// Stripe's documented objects, trimmed to what the client reads plus some of what it ignores.
constexpr const char* kSucceededIntent = R"({
  "id": "pi_3MtwBwLkdIwHu7ix28a3tqPa", "object": "payment_intent", "amount": 2400, "amount_received": 2400,
  "currency": "usd", "status": "succeeded", "client_secret": "pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_YrKJUKribcBjcG8H",
  "created": 1700000100, "livemode": false, "payment_method": "pm_card_visa",
  "latest_charge": "ch_3MtwBwLkdIwHu7ix2Ve5ZO6U", "next_action": null, "last_payment_error": null,
  "application_fee_amount": 240, "transfer_data": {"destination": "acct_1Facility"},
  "metadata": {"hold_id": "hld_01", "target": "hold"}
})";

constexpr const char* kRequiresActionIntent = R"({
  "id": "pi_3DS", "object": "payment_intent", "amount": 2400, "currency": "usd", "status": "requires_action",
  "client_secret": "pi_3DS_secret_x", "payment_method": "pm_card_threeDSecure2Required", "latest_charge": null,
  "next_action": {"type": "redirect_to_url",
                  "redirect_to_url": {"url": "https://hooks.stripe.com/3d_secure_2/hosted?merchant=acct_1",
                                      "return_url": "https://slotbase.test/pay/return"}},
  "last_payment_error": null, "metadata": {}
})";

constexpr const char* kCardDeclined = R"({
  "error": {
    "type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
    "message": "Your card has insufficient funds.", "doc_url": "https://stripe.com/docs/error-codes/card-declined",
    "charge": "ch_declined",
    "payment_intent": {
      "id": "pi_declined", "object": "payment_intent", "amount": 2400, "currency": "usd",
      "status": "requires_payment_method", "client_secret": "pi_declined_secret_y", "payment_method": null,
      "latest_charge": "ch_declined", "next_action": null,
      "last_payment_error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                             "message": "Your card has insufficient funds.",
                             "payment_method": {"id": "pm_card_visa_chargeDeclinedInsufficientFunds",
                                                "object": "payment_method"}},
      "metadata": {"hold_id": "hld_01"}
    }
  }
})";

constexpr const char* kMissingParameter = R"({
  "error": {"type": "invalid_request_error", "code": "parameter_missing", "param": "amount",
            "message": "Missing required param: amount."}
})";

constexpr const char* kServerError = R"({"error": {"type": "api_error", "message": "An unknown error occurred"}})";

std::string refund_json(const std::string& status, const std::string& failure_reason) {
  return R"({"id": "re_3MtwBw", "object": "refund", "amount": 1000, "currency": "usd", "charge": "ch_3MtwBw",
             "payment_intent": "pi_3MtwBwLkdIwHu7ix28a3tqPa", "reason": "requested_by_customer", "status": ")" +
         status + R"(", "failure_reason": )" + failure_reason + R"(, "metadata": {"refund_of": "pay_01"}})";
}

std::string intent_page(const std::string& first_id, const std::string& second_id, bool has_more) {
  return R"({"object": "list", "url": "/v1/payment_intents", "has_more": )" + std::string(has_more ? "true" : "false") +
         R"(, "data": [{"id": ")" + first_id +
         R"(", "object": "payment_intent", "amount": 1200, "currency": "eur", "status": "succeeded", "metadata": {}},
                       {"id": ")" +
         second_id + R"(", "object": "payment_intent", "amount": 800, "currency": "eur", "status": "canceled",
                        "metadata": {}}]})";
}

constexpr const char* kCard = R"({
  "id": "pm_1Card", "object": "payment_method", "type": "card", "customer": "cus_Player",
  "card": {"brand": "visa", "last4": "4242", "exp_month": 8, "exp_year": 2030, "funding": "credit", "country": "US"}
})";

constexpr const char* kAccount = R"({
  "id": "acct_1Facility", "object": "account", "type": "express", "email": "owner@club.test",
  "charges_enabled": true, "payouts_enabled": false, "details_submitted": true,
  "capabilities": {"card_payments": "active", "transfers": "active"}
})";

class StripeProviderTest : public ::testing::Test {
 protected:
  std::unique_ptr<PaymentProvider> provider(std::chrono::milliseconds timeout = std::chrono::milliseconds(2000),
                                            int max_retries = 2) {
    return make_stripe_provider(
        {"sk_test_51Slotbase", server.base_url(), "2024-06-20", timeout, max_retries, "pk_test_51Slotbase"});
  }

  RecordedRequest only_request() const {
    auto requests = server.requests();
    EXPECT_EQ(requests.size(), 1u);
    return requests.empty() ? RecordedRequest{} : requests.front();
  }

  static void expect_stripe_headers(const RecordedRequest& r) {
    EXPECT_EQ(r.header("Authorization"), "Bearer sk_test_51Slotbase");
    EXPECT_EQ(r.header("Stripe-Version"), "2024-06-20");
  }

  static IntentRequest booking_charge() {
    IntentRequest r;
    r.amount = {2400, "USD"};
    r.idempotency_key = "pi-create-hld_01-2400";
    r.destination_account = "acct_1Facility";
    r.application_fee = 240;
    r.customer = "cus_Player";
    r.payment_method = "pm_card_visa";
    r.confirm = true;
    r.off_session = true;
    r.description = "Court 1 & 2, 18:00";
    r.metadata = {{"hold_id", "hld_01"}, {"target", "hold"}};
    return r;
  }

  LoopbackServer server;
};

TEST_F(StripeProviderTest, ACreatedIntentSendsTheChargeAsAFormUnderItsIdempotencyKey) {
  server.script(ScriptedReply::json(200, kSucceededIntent));
  auto result = provider()->create_intent(booking_charge());

  auto r = only_request();
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.path, "/v1/payment_intents");
  expect_stripe_headers(r);
  EXPECT_EQ(r.header("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(r.header("Idempotency-Key"), "pi-create-hld_01-2400");
  auto form = r.form();
  EXPECT_EQ(form["amount"], "2400");
  EXPECT_EQ(form["currency"], "usd");
  EXPECT_EQ(form["payment_method_types[]"], "card");
  EXPECT_EQ(form["transfer_data[destination]"], "acct_1Facility");
  EXPECT_EQ(form["application_fee_amount"], "240");
  EXPECT_EQ(form["customer"], "cus_Player");
  EXPECT_EQ(form["payment_method"], "pm_card_visa");
  EXPECT_EQ(form["confirm"], "true");
  EXPECT_EQ(form["off_session"], "true");
  EXPECT_EQ(form["description"], "Court 1 & 2, 18:00");
  EXPECT_EQ(form["metadata[hold_id]"], "hld_01");
  EXPECT_EQ(form["metadata[target]"], "hold");
  EXPECT_EQ(form.count("return_url"), 0u);

  ASSERT_TRUE(result.ok()) << result.error->message;
  EXPECT_EQ(result.value->id, "pi_3MtwBwLkdIwHu7ix28a3tqPa");
  EXPECT_EQ(result.value->status, "succeeded");
  EXPECT_EQ(result.value->amount, (Money{2400, "USD"}));
  EXPECT_EQ(result.value->client_secret, "pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_YrKJUKribcBjcG8H");
  EXPECT_EQ(result.value->payment_method, "pm_card_visa");
  EXPECT_EQ(result.value->latest_charge, "ch_3MtwBwLkdIwHu7ix2Ve5ZO6U");
  EXPECT_FALSE(result.value->next_action_url);
  EXPECT_FALSE(result.value->error_code);
  EXPECT_EQ(result.value->metadata.at("hold_id"), "hld_01");
}

TEST_F(StripeProviderTest, AYenAmountIsSentAsItIsBecauseTheYenHasNoMinorUnit) {
  server.script(ScriptedReply::json(
      200, R"({"id": "pi_jpy", "amount": 1500, "currency": "jpy", "status": "requires_payment_method",
               "client_secret": "pi_jpy_secret", "metadata": {}})"));
  IntentRequest r;
  r.amount = {1500, "JPY"};
  r.idempotency_key = "pi-create-hld_02-1500";
  auto result = provider()->create_intent(r);

  auto form = only_request().form();
  EXPECT_EQ(form["amount"], "1500");
  EXPECT_EQ(form["currency"], "jpy");
  EXPECT_EQ(form.count("transfer_data[destination]"), 0u);
  EXPECT_EQ(form.count("application_fee_amount"), 0u);
  EXPECT_EQ(form.count("confirm"), 0u);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value->amount, (Money{1500, "JPY"}));
}

TEST_F(StripeProviderTest, AServerErrorIsRetriedUnderTheSameIdempotencyKey) {
  server.script(ScriptedReply::json(500, kServerError));
  server.script(ScriptedReply::json(200, kSucceededIntent));
  auto result = provider()->create_intent(booking_charge());

  ASSERT_TRUE(result.ok());
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].header("Idempotency-Key"), "pi-create-hld_01-2400");
  EXPECT_EQ(requests[1].header("Idempotency-Key"), "pi-create-hld_01-2400");
  EXPECT_EQ(requests[0].body, requests[1].body);
}

TEST_F(StripeProviderTest, ADroppedConnectionIsRetriedUnderTheSameIdempotencyKey) {
  server.script(ScriptedReply::dropped());
  server.script(ScriptedReply::json(200, kSucceededIntent));
  auto result = provider()->create_intent(booking_charge());

  ASSERT_TRUE(result.ok()) << result.error->message;
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].header("Idempotency-Key"), requests[1].header("Idempotency-Key"));
  EXPECT_EQ(requests[1].header("Idempotency-Key"), "pi-create-hld_01-2400");
}

TEST_F(StripeProviderTest, ADeclineIsAnAnswerWithTheIntentAndIsNotRetried) {
  server.script(ScriptedReply::json(402, kCardDeclined));
  auto result = provider()->confirm_intent("pi_declined", "pm_card_visa_chargeDeclinedInsufficientFunds",
                                           "https://slotbase.test/pay/return", "pi-confirm-pi_declined-pm");

  auto r = only_request();
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.path, "/v1/payment_intents/pi_declined/confirm");
  expect_stripe_headers(r);
  EXPECT_EQ(r.header("Idempotency-Key"), "pi-confirm-pi_declined-pm");
  EXPECT_EQ(r.form()["payment_method"], "pm_card_visa_chargeDeclinedInsufficientFunds");
  EXPECT_EQ(r.form()["return_url"], "https://slotbase.test/pay/return");

  ASSERT_FALSE(result.ok());
  const auto& e = *result.error;
  EXPECT_EQ(e.type, "card_error");
  EXPECT_EQ(e.code, "card_declined");
  EXPECT_EQ(e.decline_code, "insufficient_funds");
  EXPECT_EQ(e.message, "Your card has insufficient funds.");
  EXPECT_EQ(e.http_status, 402);
  ASSERT_TRUE(e.intent);
  EXPECT_EQ(e.intent->id, "pi_declined");
  EXPECT_EQ(e.intent->status, "requires_payment_method");
  EXPECT_EQ(e.intent->latest_charge, "ch_declined");
  EXPECT_EQ(e.intent->error_code, "card_declined");
  EXPECT_EQ(e.intent->decline_code, "insufficient_funds");
  EXPECT_EQ(e.intent->metadata.at("hold_id"), "hld_01");
}

TEST_F(StripeProviderTest, ABadRequestIsNotRetried) {
  server.script(ScriptedReply::json(400, kMissingParameter));
  server.script(ScriptedReply::json(200, kSucceededIntent));
  auto result = provider()->create_intent(booking_charge());

  EXPECT_EQ(server.requests().size(), 1u);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->type, "invalid_request_error");
  EXPECT_EQ(result.error->code, "parameter_missing");
  EXPECT_EQ(result.error->http_status, 400);
  EXPECT_FALSE(result.error->intent);
}

TEST_F(StripeProviderTest, ARateLimitIsRetried) {
  server.script(ScriptedReply::json(
      429, R"({"error": {"type": "invalid_request_error", "code": "rate_limit", "message": "Too many requests"}})"));
  server.script(ScriptedReply::json(200, kSucceededIntent));
  EXPECT_TRUE(provider()->retrieve_intent("pi_3MtwBwLkdIwHu7ix28a3tqPa").ok());
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST_F(StripeProviderTest, StripesShouldRetryHeaderDecidesWhenSent) {
  // A 500 that Stripe has cached under the key would only come back again.
  server.script(ScriptedReply::json(500, kServerError, {{"Stripe-Should-Retry", "false"}}));
  auto cached = provider()->create_intent(booking_charge());
  ASSERT_FALSE(cached.ok());
  EXPECT_EQ(cached.error->type, "api_error");
  EXPECT_EQ(cached.error->http_status, 500);
  EXPECT_EQ(server.requests().size(), 1u);

  // A 409 while another request holds the same key: Stripe says the retry will get through.
  server.script(ScriptedReply::json(
      409, R"({"error": {"type": "idempotency_error", "message": "There is currently another in-progress request"}})",
      {{"Stripe-Should-Retry", "true"}}));
  server.script(ScriptedReply::json(200, kSucceededIntent));
  EXPECT_TRUE(provider()->create_intent(booking_charge()).ok());
  EXPECT_EQ(server.requests().size(), 3u);
}

TEST_F(StripeProviderTest, RetriesStopAfterMaxRetriesWithTheLastAnswer) {
  for (int i = 0; i < 4; ++i) server.script(ScriptedReply::json(502, "<html>Bad gateway</html>"));
  auto result = provider()->create_intent(booking_charge());

  EXPECT_EQ(server.requests().size(), 3u);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->type, "api_error");
  EXPECT_EQ(result.error->http_status, 502);
}

TEST_F(StripeProviderTest, AnIntentThatNeedsAuthenticationGivesWhereToSendThePayer) {
  server.script(ScriptedReply::json(200, kRequiresActionIntent));
  auto result = provider()->confirm_intent("pi_3DS", "pm_card_threeDSecure2Required",
                                           "https://slotbase.test/pay/return", "pi-confirm-pi_3DS");

  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value->status, "requires_action");
  EXPECT_EQ(result.value->next_action_url, "https://hooks.stripe.com/3d_secure_2/hosted?merchant=acct_1");
  EXPECT_FALSE(result.value->latest_charge);
}

TEST_F(StripeProviderTest, RetrieveIsAGetWithoutIdempotencyKey) {
  server.script(ScriptedReply::json(200, kSucceededIntent));
  auto result = provider()->retrieve_intent("pi_3MtwBwLkdIwHu7ix28a3tqPa");

  auto r = only_request();
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.path, "/v1/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa");
  expect_stripe_headers(r);
  EXPECT_FALSE(r.has_header("Idempotency-Key"));
  EXPECT_TRUE(r.body.empty());
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value->status, "succeeded");
}

TEST_F(StripeProviderTest, AnIdCannotReachAnotherPath) {
  server.script(ScriptedReply::json(200, kSucceededIntent));
  provider()->retrieve_intent("pi_1/../../v1/refunds?x=1");
  EXPECT_EQ(only_request().path, "/v1/payment_intents/pi_1%2F..%2F..%2Fv1%2Frefunds%3Fx%3D1");
}

TEST_F(StripeProviderTest, CancelIsAPostUnderItsKey) {
  server.script(ScriptedReply::json(
      200, R"({"id": "pi_1", "amount": 2400, "currency": "usd", "status": "canceled", "metadata": {}})"));
  auto result = provider()->cancel_intent("pi_1", "pi-cancel-pi_1");

  auto r = only_request();
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.path, "/v1/payment_intents/pi_1/cancel");
  EXPECT_EQ(r.header("Idempotency-Key"), "pi-cancel-pi_1");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value->status, "canceled");
}

TEST_F(StripeProviderTest, ListingIntentsAsksForThoseCreatedSinceAndFollowsPages) {
  server.script(ScriptedReply::json(200, intent_page("pi_c", "pi_b", true)));
  server.script(ScriptedReply::json(200, intent_page("pi_a", "pi_0", false)));
  auto since = std::chrono::sys_seconds(std::chrono::seconds(1700000000));
  auto result = provider()->list_intents(since, 3);

  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].path, "/v1/payment_intents");
  expect_stripe_headers(requests[0]);
  auto first = requests[0].query_params();
  EXPECT_EQ(first["created[gte]"], "1700000000");
  EXPECT_EQ(first["limit"], "3");
  EXPECT_EQ(first.count("starting_after"), 0u);
  auto second = requests[1].query_params();
  EXPECT_EQ(second["created[gte]"], "1700000000");
  EXPECT_EQ(second["starting_after"], "pi_b");
  EXPECT_EQ(second["limit"], "1");

  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result.value->size(), 3u);
  EXPECT_EQ((*result.value)[0].id, "pi_c");
  EXPECT_EQ((*result.value)[0].amount, (Money{1200, "EUR"}));
  EXPECT_EQ((*result.value)[2].id, "pi_a");
}

TEST_F(StripeProviderTest, ARefundIsCreatedUnderItsKeyAndReadBack) {
  server.script(ScriptedReply::json(200, refund_json("pending", "null")));
  server.script(ScriptedReply::json(200, refund_json("failed", R"("expired_or_canceled_card")")));
  auto p = provider();
  auto created = p->create_refund(
      {"pi_3MtwBwLkdIwHu7ix28a3tqPa", 1000, "re-pay_01-1000", "requested_by_customer", {{"refund_of", "pay_01"}}});
  auto read = p->retrieve_refund("re_3MtwBw");

  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, "/v1/refunds");
  EXPECT_EQ(requests[0].header("Idempotency-Key"), "re-pay_01-1000");
  auto form = requests[0].form();
  EXPECT_EQ(form["payment_intent"], "pi_3MtwBwLkdIwHu7ix28a3tqPa");
  EXPECT_EQ(form["amount"], "1000");
  EXPECT_EQ(form["reason"], "requested_by_customer");
  EXPECT_EQ(form["metadata[refund_of]"], "pay_01");
  EXPECT_EQ(requests[1].method, "GET");
  EXPECT_EQ(requests[1].path, "/v1/refunds/re_3MtwBw");

  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created.value->id, "re_3MtwBw");
  EXPECT_EQ(created.value->payment_intent, "pi_3MtwBwLkdIwHu7ix28a3tqPa");
  EXPECT_EQ(created.value->amount, (Money{1000, "USD"}));
  EXPECT_EQ(created.value->status, "pending");
  EXPECT_FALSE(created.value->failure_reason);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read.value->status, "failed");
  EXPECT_EQ(read.value->failure_reason, "expired_or_canceled_card");
}

TEST_F(StripeProviderTest, AWholeRefundSendsNoAmount) {
  server.script(ScriptedReply::json(200, refund_json("succeeded", "null")));
  ASSERT_TRUE(provider()->create_refund({"pi_1", std::nullopt, "re-pay_02-all", "", {}}).ok());
  auto form = only_request().form();
  EXPECT_EQ(form.count("amount"), 0u);
  EXPECT_EQ(form.count("reason"), 0u);
  EXPECT_EQ(form["payment_intent"], "pi_1");
}

TEST_F(StripeProviderTest, ACardIsSavedOnACustomerAndListed) {
  server.script(ScriptedReply::json(200, R"({"id": "cus_Player", "object": "customer", "email": "ana@play.test"})"));
  server.script(ScriptedReply::json(200, kCard));
  server.script(
      ScriptedReply::json(200, std::string(R"({"object": "list", "has_more": false, "data": [)") + kCard + "]}"));
  auto p = provider();
  auto customer = p->create_customer("ana+courts@play.test", "cus-usr_01");
  auto attached = p->attach_payment_method("pm_1Card", "cus_Player");
  auto cards = p->list_cards("cus_Player");

  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].path, "/v1/customers");
  EXPECT_EQ(requests[0].header("Idempotency-Key"), "cus-usr_01");
  EXPECT_EQ(requests[0].form()["email"], "ana+courts@play.test");
  EXPECT_EQ(requests[1].method, "POST");
  EXPECT_EQ(requests[1].path, "/v1/payment_methods/pm_1Card/attach");
  EXPECT_EQ(requests[1].form()["customer"], "cus_Player");
  // Without a key of ours the call makes one, so that its own retries stay one operation.
  EXPECT_FALSE(requests[1].header("Idempotency-Key").empty());
  EXPECT_EQ(requests[2].method, "GET");
  EXPECT_EQ(requests[2].path, "/v1/customers/cus_Player/payment_methods");
  EXPECT_EQ(requests[2].query_params()["type"], "card");

  ASSERT_TRUE(customer.ok());
  EXPECT_EQ(*customer.value, "cus_Player");
  ASSERT_TRUE(attached.ok());
  EXPECT_EQ(attached.value->id, "pm_1Card");
  EXPECT_EQ(attached.value->brand, "visa");
  EXPECT_EQ(attached.value->last4, "4242");
  EXPECT_EQ(attached.value->exp_month, 8);
  EXPECT_EQ(attached.value->exp_year, 2030);
  ASSERT_TRUE(cards.ok());
  ASSERT_EQ(cards.value->size(), 1u);
  EXPECT_EQ(cards.value->front().last4, "4242");
}

TEST_F(StripeProviderTest, AFacilityConnectsThroughAnExpressAccountAndItsOnboardingLink) {
  server.script(ScriptedReply::json(
      200, R"({"id": "acct_1Facility", "object": "account", "type": "express", "charges_enabled": false,
               "payouts_enabled": false, "details_submitted": false})"));
  server.script(ScriptedReply::json(200, R"({"object": "account_link", "created": 1680577733,
      "expires_at": 1680578033, "url": "https://connect.stripe.com/setup/e/acct_1Facility/TqckGNUHg2mG"})"));
  server.script(ScriptedReply::json(200, kAccount));
  auto p = provider();
  auto created = p->create_account("owner@club.test", "acct-fac_01");
  auto link = p->account_link("acct_1Facility", "https://slotbase.test/admin/payments?refresh=1",
                              "https://slotbase.test/admin/payments");
  auto account = p->retrieve_account("acct_1Facility");

  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].path, "/v1/accounts");
  EXPECT_EQ(requests[0].header("Idempotency-Key"), "acct-fac_01");
  auto account_form = requests[0].form();
  EXPECT_EQ(account_form["type"], "express");
  EXPECT_EQ(account_form["email"], "owner@club.test");
  EXPECT_EQ(account_form["capabilities[card_payments][requested]"], "true");
  EXPECT_EQ(account_form["capabilities[transfers][requested]"], "true");
  EXPECT_EQ(requests[1].path, "/v1/account_links");
  auto link_form = requests[1].form();
  EXPECT_EQ(link_form["account"], "acct_1Facility");
  EXPECT_EQ(link_form["refresh_url"], "https://slotbase.test/admin/payments?refresh=1");
  EXPECT_EQ(link_form["return_url"], "https://slotbase.test/admin/payments");
  EXPECT_EQ(link_form["type"], "account_onboarding");
  EXPECT_EQ(requests[2].method, "GET");
  EXPECT_EQ(requests[2].path, "/v1/accounts/acct_1Facility");

  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created.value->id, "acct_1Facility");
  EXPECT_FALSE(created.value->charges_enabled);
  ASSERT_TRUE(link.ok());
  EXPECT_EQ(*link.value, "https://connect.stripe.com/setup/e/acct_1Facility/TqckGNUHg2mG");
  ASSERT_TRUE(account.ok());
  EXPECT_TRUE(account.value->charges_enabled);
  EXPECT_FALSE(account.value->payouts_enabled);
  EXPECT_TRUE(account.value->details_submitted);
}

TEST_F(StripeProviderTest, AServerThatHangsIsATimeoutNotAWait) {
  server.script(ScriptedReply::hanging());
  auto started = std::chrono::steady_clock::now();
  auto result = provider(std::chrono::milliseconds(300), 0)->create_intent(booking_charge());
  auto took = std::chrono::steady_clock::now() - started;

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->type, "network");
  EXPECT_EQ(result.error->code, "timeout");
  EXPECT_EQ(result.error->http_status, 0);
  EXPECT_LT(took, std::chrono::milliseconds(900));
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(StripeProviderTest, ATimedOutCreateIsRetriedUnderTheSameKey) {
  server.script(ScriptedReply::hanging());
  server.script(ScriptedReply::json(200, kSucceededIntent));
  auto result = provider(std::chrono::milliseconds(200), 1)->create_intent(booking_charge());

  ASSERT_TRUE(result.ok());
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].header("Idempotency-Key"), "pi-create-hld_01-2400");
  EXPECT_EQ(requests[1].header("Idempotency-Key"), "pi-create-hld_01-2400");
}

TEST_F(StripeProviderTest, AnUnreachableStripeIsANetworkError) {
  auto p = make_stripe_provider({"sk_test_51Slotbase", "http://127.0.0.1:" + std::to_string(testing::closed_port()),
                                 "2024-06-20", std::chrono::milliseconds(300), 0, ""});
  auto result = p->retrieve_account("acct_1Facility");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->type, "network");
  EXPECT_EQ(result.error->code, "connection_failed");
  EXPECT_EQ(result.error->http_status, 0);
  EXPECT_EQ(result.error->message.find("sk_test"), std::string::npos);
}

}  // namespace
}  // namespace slotbase::payment
