#include "sandbox_provider.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "platform/core/ids.h"
#include "platform/db/query_as.h"

namespace slotbase::payment {
namespace {

using json = nlohmann::json;

constexpr std::string_view kInsertMethod = R"sql(
INSERT INTO sandbox_payment_methods (id, brand, last4, exp_month, exp_year, outcome, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7))sql";
constexpr std::string_view kMethod =
    "SELECT id, brand, last4, exp_month, exp_year, outcome, customer_id FROM sandbox_payment_methods WHERE id = $1";
constexpr std::string_view kAttachMethod = "UPDATE sandbox_payment_methods SET customer_id = $2 WHERE id = $1";
constexpr std::string_view kCustomerMethods = R"sql(
SELECT id, brand, last4, exp_month, exp_year, outcome, customer_id FROM sandbox_payment_methods
WHERE customer_id = $1 ORDER BY created_at, id)sql";

#define SB_SANDBOX_INTENT                                                                                         \
  "SELECT id, amount, currency, status, payment_method, client_secret, latest_charge, error_code, decline_code, " \
  "error_message, metadata, return_url, customer_id FROM sandbox_intents "
constexpr std::string_view kIntent = SB_SANDBOX_INTENT "WHERE id = $1";
constexpr std::string_view kIntentByKey = SB_SANDBOX_INTENT "WHERE idempotency_key = $1";
constexpr std::string_view kIntentsSince = SB_SANDBOX_INTENT "WHERE created_at >= $1 ORDER BY created_at DESC LIMIT $2";
constexpr std::string_view kInsertIntent = R"sql(
INSERT INTO sandbox_intents (id, amount, currency, status, customer_id, destination, application_fee, client_secret,
                             metadata, idempotency_key, created_at, updated_at)
VALUES ($1, $2, $3, 'requires_payment_method', $4, $5, $6, $7, $8, $9, $10, $10))sql";
constexpr std::string_view kUpdateIntent = R"sql(
UPDATE sandbox_intents SET status = $2, payment_method = $3, latest_charge = $4, error_code = $5, decline_code = $6,
  error_message = $7, return_url = COALESCE($8, return_url), updated_at = $9
WHERE id = $1)sql";
constexpr std::string_view kAddRefunded = R"sql(
UPDATE sandbox_intents SET amount_refunded = amount_refunded + $2
WHERE id = $1 AND status = 'succeeded' AND amount_refunded + $2 <= amount)sql";

constexpr std::string_view kInsertRefund = R"sql(
INSERT INTO sandbox_refunds (id, payment_intent, amount, currency, status, idempotency_key, created_at)
VALUES ($1, $2, $3, $4, 'succeeded', $5, $6))sql";
constexpr std::string_view kRefund =
    "SELECT id, payment_intent, amount, currency, status FROM sandbox_refunds WHERE id = $1";
constexpr std::string_view kRefundByKey =
    "SELECT id, payment_intent, amount, currency, status FROM sandbox_refunds WHERE idempotency_key = $1";

constexpr std::string_view kInsertCustomer =
    "INSERT INTO sandbox_customers (id, email, idempotency_key, created_at) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kCustomerByKey = "SELECT id FROM sandbox_customers WHERE idempotency_key = $1";
constexpr std::string_view kCustomer = "SELECT id FROM sandbox_customers WHERE id = $1";

constexpr std::string_view kInsertAccount =
    "INSERT INTO sandbox_accounts (id, email, idempotency_key, created_at) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kAccount =
    "SELECT id, charges_enabled, payouts_enabled, details_submitted FROM sandbox_accounts WHERE id = $1";
constexpr std::string_view kAccountByKey =
    "SELECT id, charges_enabled, payouts_enabled, details_submitted FROM sandbox_accounts WHERE idempotency_key = $1";
constexpr std::string_view kOnboard = R"sql(
UPDATE sandbox_accounts SET charges_enabled = $2, payouts_enabled = $2, details_submitted = $2 WHERE id = $1)sql";

/// What a test card number stands for (Stripe's test numbers).
std::optional<std::string> outcome_of(const std::string& number) {
  if (number == "4242424242424242") return "succeeds";
  if (number == "4000000000000002") return "declined";
  if (number == "4000000000009995") return "insufficient_funds";
  if (number == "4000002500003155") return "requires_action";
  return std::nullopt;
}

struct StoredMethod {
  SavedCard card;
  std::string outcome;
  std::optional<std::string> customer;
};

StoredMethod method_from(const db::Row& r) {
  return {{r.text(0), r.text(1), r.text(2), static_cast<int>(r.i64(3)), static_cast<int>(r.i64(4))},
          r.text(5),
          r.opt_text(6)};
}

ProviderIntent intent_from(const db::Row& r) {
  ProviderIntent i;
  i.id = r.text(0);
  i.amount = {r.i64(1), r.text(2)};
  i.status = r.text(3);
  i.payment_method = r.opt_text(4);
  i.client_secret = r.text(5);
  i.latest_charge = r.opt_text(6);
  i.error_code = r.opt_text(7);
  i.decline_code = r.opt_text(8);
  i.error_message = r.opt_text(9);
  const json metadata = json::parse(r.text(10));
  for (auto it = metadata.begin(); it != metadata.end(); ++it) i.metadata[it.key()] = it.value().get<std::string>();
  if (i.status == "requires_action") i.next_action_url = "/sandbox/authenticate/" + i.id;
  return i;
}

ProviderRefund refund_from(const db::Row& r) {
  return {r.text(0), r.text(1), {r.i64(2), r.text(3)}, r.text(4), std::nullopt};
}

ProviderAccount account_from(const db::Row& r) {
  return {r.text(0), r.boolean(1), r.boolean(2), r.boolean(3)};
}

template <class T>
ProviderResult<T> fail(std::string type, std::string code, std::string message, int status = 400,
                       std::optional<std::string> decline_code = std::nullopt,
                       std::optional<ProviderIntent> intent = std::nullopt) {
  return {std::nullopt, ProviderError{std::move(type), std::move(code), std::move(decline_code), std::move(message),
                                      status, std::move(intent)}};
}

template <class T>
ProviderResult<T> done(T value) {
  return {std::move(value), std::nullopt};
}

template <class T>
ProviderResult<T> missing(const std::string& what, const std::string& id) {
  return fail<T>("invalid_request_error", "resource_missing", "No such " + what + ": '" + id + "'", 404);
}

/// Runs `create`, a transaction that looks its idempotency key up before inserting: when a
/// concurrent request with the same key inserted first, the second run finds its row, as
/// Stripe answers a concurrent repeat with the first request's result.
template <class Create>
auto once_per_key(Create&& create) -> decltype(create()) {
  try {
    return create();
  } catch (const db::DbError& e) {
    if (e.kind() != db::ErrorKind::unique_violation) throw;
    return create();
  }
}

}  // namespace

ProviderResult<SavedCard> SandboxProvider::create_payment_method(const SandboxCard& card) {
  std::string number;
  for (char ch : card.number)
    if (ch != ' ' && ch != '-') number += ch;
  const bool digits =
      !number.empty() && std::all_of(number.begin(), number.end(), [](unsigned char ch) { return std::isdigit(ch); });
  auto outcome = digits ? outcome_of(number) : std::nullopt;
  if (!outcome) return fail<SavedCard>("card_error", "incorrect_number", "Your card number is incorrect.", 402);
  const auto today = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(clock_.now()));
  const int this_year = static_cast<int>(today.year());
  const int this_month = static_cast<int>(static_cast<unsigned>(today.month()));
  // "12/30", as printed on the card, is this century's.
  const int exp_year = card.exp_year >= 0 && card.exp_year < 100 ? card.exp_year + 2000 : card.exp_year;
  if (card.exp_month < 1 || card.exp_month > 12)
    return fail<SavedCard>("card_error", "invalid_expiry_month", "Your card's expiration month is invalid.", 402);
  if (exp_year < this_year || exp_year > this_year + 50 || (exp_year == this_year && card.exp_month < this_month))
    return fail<SavedCard>("card_error", "invalid_expiry_year", "Your card's expiration year is invalid.", 402);
  if (card.cvc.size() < 3 || card.cvc.size() > 4 ||
      !std::all_of(card.cvc.begin(), card.cvc.end(), [](unsigned char ch) { return std::isdigit(ch); }))
    return fail<SavedCard>("card_error", "invalid_cvc", "Your card's security code is invalid.", 402);
  SavedCard saved{new_id("pm"), "visa", number.substr(number.size() - 4), card.exp_month, exp_year};
  db_.transact([&](db::Connection& tx) {
    tx.execute(kInsertMethod, {saved.id, saved.brand, saved.last4, std::int64_t{saved.exp_month},
                               std::int64_t{saved.exp_year}, *outcome, epoch_seconds(clock_.now())});
  });
  return done(saved);
}

ProviderResult<ProviderIntent> SandboxProvider::create_intent(const IntentRequest& request) {
  if (request.amount.amount <= 0)
    return fail<ProviderIntent>("invalid_request_error", "parameter_invalid_integer",
                                "This value must be greater than or equal to 1.");
  return once_per_key([&] {
    return db_.transact([&](db::Connection& tx) -> ProviderResult<ProviderIntent> {
      if (auto seen = db::query_one_as(tx, kIntentByKey, {request.idempotency_key}, intent_from)) {
        // Stripe answers a repeat with the first answer, and refuses the key for other parameters.
        if (seen->amount != request.amount)
          return fail<ProviderIntent>("idempotency_error", "idempotency_key_in_use",
                                      "Keys for idempotent requests can only be used with the same parameters.");
        return done(*seen);
      }
      json metadata = json::object();
      for (const auto& [k, v] : request.metadata) metadata[k] = v;
      ProviderIntent intent;
      intent.id = new_id("pi");
      intent.client_secret = intent.id + "_secret_" + random_token(12);
      tx.execute(kInsertIntent, {intent.id, request.amount.amount, request.amount.currency, db::opt(request.customer),
                                 db::opt(request.destination_account), request.application_fee, intent.client_secret,
                                 metadata.dump(), request.idempotency_key, epoch_seconds(clock_.now())});
      intent = *db::query_one_as(tx, kIntent, {intent.id}, intent_from);
      if (request.confirm && request.payment_method)
        return charge(tx, std::move(intent), *request.payment_method, request.off_session);
      return done(intent);
    });
  });
}

ProviderResult<ProviderIntent> SandboxProvider::confirm_intent(const std::string& intent_id,
                                                               const std::string& payment_method,
                                                               const std::optional<std::string>& return_url,
                                                               const std::string&) {
  return db_.transact([&](db::Connection& tx) -> ProviderResult<ProviderIntent> {
    auto intent = db::query_one_as(tx, kIntent, {intent_id}, intent_from);
    if (!intent) return missing<ProviderIntent>("payment_intent", intent_id);
    if (intent->status == "succeeded") return done(*intent);  // a repeat of a confirm that went through
    if (intent->status != "requires_payment_method" && intent->status != "requires_confirmation")
      return fail<ProviderIntent>("invalid_request_error", "payment_intent_unexpected_state",
                                  "This PaymentIntent's status is " + intent->status + ".", 400, std::nullopt, intent);
    if (return_url) tx.execute("UPDATE sandbox_intents SET return_url = $2 WHERE id = $1", {intent_id, *return_url});
    return charge(tx, std::move(*intent), payment_method, false);
  });
}

ProviderResult<ProviderIntent> SandboxProvider::charge(db::Connection& tx, ProviderIntent intent,
                                                       const std::string& payment_method, bool off_session) {
  auto method = db::query_one_as(tx, kMethod, {payment_method}, method_from);
  if (!method) return missing<ProviderIntent>("payment_method", payment_method);
  intent.payment_method = payment_method;
  intent.error_code = intent.decline_code = intent.error_message = std::nullopt;
  std::string event;
  if (method->outcome == "succeeds") {
    intent.status = "succeeded";
    intent.latest_charge = new_id("ch");
    event = "payment_intent.succeeded";
  } else if (method->outcome == "requires_action" && !off_session) {
    intent.status = "requires_action";
    event = "payment_intent.requires_action";
  } else {
    // Declined: the intent waits for another payment method, with the reason.
    intent.status = "requires_payment_method";
    intent.error_code = method->outcome == "requires_action" ? "authentication_required" : "card_declined";
    intent.decline_code = method->outcome == "insufficient_funds" ? "insufficient_funds"
                          : method->outcome == "requires_action"  ? "authentication_required"
                                                                  : "generic_decline";
    intent.error_message =
        method->outcome == "insufficient_funds" ? "Your card has insufficient funds." : "Your card was declined.";
    event = "payment_intent.payment_failed";
  }
  tx.execute(kUpdateIntent,
             {intent.id, intent.status, payment_method, db::opt(intent.latest_charge), db::opt(intent.error_code),
              db::opt(intent.decline_code), db::opt(intent.error_message), nullptr, epoch_seconds(clock_.now())});
  notify(tx, event, "payment_intent", intent.id);
  intent = *db::query_one_as(tx, kIntent, {intent.id}, intent_from);
  if (intent.status == "requires_payment_method")
    return fail<ProviderIntent>("card_error", *intent.error_code, *intent.error_message, 402, intent.decline_code,
                                intent);
  return done(intent);
}

ProviderResult<std::optional<std::string>> SandboxProvider::authenticate(const std::string& intent_id, bool complete) {
  return db_.transact([&](db::Connection& tx) -> ProviderResult<std::optional<std::string>> {
    auto intent = db::query_one_as(tx, kIntent, {intent_id}, intent_from);
    if (!intent) return missing<std::optional<std::string>>("payment_intent", intent_id);
    auto return_url = tx.query_one("SELECT return_url FROM sandbox_intents WHERE id = $1", {intent_id})->opt_text(0);
    if (intent->status != "requires_action")
      return fail<std::optional<std::string>>("invalid_request_error", "payment_intent_unexpected_state",
                                              "This PaymentIntent's status is " + intent->status + ".");
    if (complete) {
      tx.execute(kUpdateIntent, {intent_id, std::string("succeeded"), db::opt(intent->payment_method), new_id("ch"),
                                 nullptr, nullptr, nullptr, nullptr, epoch_seconds(clock_.now())});
      notify(tx, "payment_intent.succeeded", "payment_intent", intent_id);
    } else {
      tx.execute(kUpdateIntent,
                 {intent_id, std::string("requires_payment_method"), db::opt(intent->payment_method), nullptr,
                  std::string("payment_intent_authentication_failure"), std::string("authentication_failed"),
                  std::string("The card's authentication failed."), nullptr, epoch_seconds(clock_.now())});
      notify(tx, "payment_intent.payment_failed", "payment_intent", intent_id);
    }
    return done(return_url);
  });
}

ProviderResult<ProviderIntent> SandboxProvider::retrieve_intent(const std::string& intent_id) {
  auto intent = db_.read([&](db::Connection& c) { return db::query_one_as(c, kIntent, {intent_id}, intent_from); });
  if (!intent) return missing<ProviderIntent>("payment_intent", intent_id);
  return done(*intent);
}

ProviderResult<ProviderIntent> SandboxProvider::cancel_intent(const std::string& intent_id, const std::string&) {
  return db_.transact([&](db::Connection& tx) -> ProviderResult<ProviderIntent> {
    auto intent = db::query_one_as(tx, kIntent, {intent_id}, intent_from);
    if (!intent) return missing<ProviderIntent>("payment_intent", intent_id);
    if (intent->status == "canceled") return done(*intent);
    if (intent->status == "succeeded")
      return fail<ProviderIntent>("invalid_request_error", "payment_intent_unexpected_state",
                                  "You cannot cancel this PaymentIntent because it has a status of succeeded.", 400,
                                  std::nullopt, intent);
    tx.execute(kUpdateIntent, {intent_id, std::string("canceled"), db::opt(intent->payment_method), nullptr, nullptr,
                               nullptr, nullptr, nullptr, epoch_seconds(clock_.now())});
    notify(tx, "payment_intent.canceled", "payment_intent", intent_id);
    return done(*db::query_one_as(tx, kIntent, {intent_id}, intent_from));
  });
}

ProviderResult<std::vector<ProviderIntent>> SandboxProvider::list_intents(std::chrono::sys_seconds since, int limit) {
  return done(db_.read([&](db::Connection& c) {
    return db::query_as(c, kIntentsSince, {std::int64_t{since.time_since_epoch().count()}, std::int64_t{limit}},
                        intent_from);
  }));
}

ProviderResult<ProviderRefund> SandboxProvider::create_refund(const ProviderRefundRequest& request) {
  return once_per_key([&] {
    return db_.transact([&](db::Connection& tx) -> ProviderResult<ProviderRefund> {
      if (auto seen = db::query_one_as(tx, kRefundByKey, {request.idempotency_key}, refund_from)) return done(*seen);
      auto intent = db::query_one_as(tx, kIntent, {request.payment_intent}, intent_from);
      if (!intent) return missing<ProviderRefund>("payment_intent", request.payment_intent);
      const std::int64_t amount = request.amount.value_or(intent->amount.amount);
      if (amount <= 0 || tx.execute(kAddRefunded, {intent->id, amount}) != 1)
        return fail<ProviderRefund>("invalid_request_error", "charge_already_refunded",
                                    "Refund amount is greater than what is left of the charge.");
      ProviderRefund refund{new_id("re"), intent->id, {amount, intent->amount.currency}, "succeeded", std::nullopt};
      tx.execute(kInsertRefund, {refund.id, refund.payment_intent, amount, refund.amount.currency,
                                 request.idempotency_key, epoch_seconds(clock_.now())});
      notify(tx, "refund.updated", "refund", refund.id);
      return done(refund);
    });
  });
}

ProviderResult<ProviderRefund> SandboxProvider::retrieve_refund(const std::string& refund_id) {
  auto refund = db_.read([&](db::Connection& c) { return db::query_one_as(c, kRefund, {refund_id}, refund_from); });
  if (!refund) return missing<ProviderRefund>("refund", refund_id);
  return done(*refund);
}

ProviderResult<std::string> SandboxProvider::create_customer(const std::string& email,
                                                             const std::string& idempotency_key) {
  return done(once_per_key([&] {
    return db_.transact([&](db::Connection& tx) {
      if (auto seen = tx.query_one(kCustomerByKey, {idempotency_key})) return seen->text(0);
      std::string id = new_id("cus");
      tx.execute(kInsertCustomer, {id, email, idempotency_key, epoch_seconds(clock_.now())});
      return id;
    });
  }));
}

ProviderResult<SavedCard> SandboxProvider::attach_payment_method(const std::string& payment_method,
                                                                 const std::string& customer) {
  return db_.transact([&](db::Connection& tx) -> ProviderResult<SavedCard> {
    auto method = db::query_one_as(tx, kMethod, {payment_method}, method_from);
    if (!method) return missing<SavedCard>("payment_method", payment_method);
    if (!tx.query_one(kCustomer, {customer})) return missing<SavedCard>("customer", customer);
    if (method->customer && *method->customer != customer)
      return fail<SavedCard>("invalid_request_error", "payment_method_unexpected_state",
                             "This PaymentMethod is attached to another customer.");
    tx.execute(kAttachMethod, {payment_method, customer});
    return done(method->card);
  });
}

ProviderResult<std::vector<SavedCard>> SandboxProvider::list_cards(const std::string& customer) {
  auto methods =
      db_.read([&](db::Connection& c) { return db::query_as(c, kCustomerMethods, {customer}, method_from); });
  std::vector<SavedCard> cards;
  for (auto& m : methods) cards.push_back(std::move(m.card));
  return done(std::move(cards));
}

ProviderResult<ProviderAccount> SandboxProvider::create_account(const std::string& email,
                                                                const std::string& idempotency_key) {
  return done(once_per_key([&] {
    return db_.transact([&](db::Connection& tx) {
      if (auto seen = db::query_one_as(tx, kAccountByKey, {idempotency_key}, account_from)) return *seen;
      ProviderAccount account{new_id("acct"), false, false, false};
      tx.execute(kInsertAccount, {account.id, email, idempotency_key, epoch_seconds(clock_.now())});
      return account;
    });
  }));
}

ProviderResult<std::string> SandboxProvider::account_link(const std::string& account_id, const std::string&,
                                                          const std::string&) {
  if (!retrieve_account(account_id).ok()) return missing<std::string>("account", account_id);
  return done("/sandbox/onboarding/" + account_id);
}

ProviderResult<ProviderAccount> SandboxProvider::retrieve_account(const std::string& account_id) {
  auto account = db_.read([&](db::Connection& c) { return db::query_one_as(c, kAccount, {account_id}, account_from); });
  if (!account) return missing<ProviderAccount>("account", account_id);
  return done(*account);
}

ProviderResult<ProviderAccount> SandboxProvider::complete_onboarding(const std::string& account_id) {
  return db_.transact([&](db::Connection& tx) -> ProviderResult<ProviderAccount> {
    if (tx.execute(kOnboard, {account_id, true}) != 1) return missing<ProviderAccount>("account", account_id);
    notify(tx, "account.updated", "account", account_id);
    return done(*db::query_one_as(tx, kAccount, {account_id}, account_from));
  });
}

void SandboxProvider::notify(db::Connection& tx, const std::string& type, const std::string& object_kind,
                             const std::string& object_id) const {
  const Instant now = clock_.now();
  json event = {{"id", new_id("evt")}, {"object", "event"},
                {"type", type},        {"created", epoch_seconds(now)},
                {"livemode", false},   {"data", {{"object", {{"id", object_id}, {"object", object_kind}}}}}};
  jobs_.enqueue(tx, kSandboxWebhookJob, {{"event", event.dump()}}, now);
}

}  // namespace slotbase::payment
