#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "payment/payment_types.h"
#include "platform/core/money.h"
#include "platform/core/result.h"

namespace slotbase::payment {

/// What a payment provider says about one payment intent, in Stripe's words (the sandbox
/// speaks them too). Amounts are minor units of `currency`.
struct ProviderIntent {
  std::string id;      // "pi_..."
  std::string status;  // requires_payment_method | requires_confirmation | requires_action | processing |
                       // requires_capture | canceled | succeeded
  Money amount;
  std::string client_secret;
  std::optional<std::string> payment_method;
  std::optional<std::string> latest_charge;     // "ch_..." once a charge was attempted
  std::optional<std::string> next_action_url;   // requires_action: where the payer authenticates
  std::optional<std::string> error_code;        // last_payment_error.code, e.g. "card_declined"
  std::optional<std::string> decline_code;      // last_payment_error.decline_code, e.g. "insufficient_funds"
  std::optional<std::string> error_message;     // last_payment_error.message
  std::map<std::string, std::string> metadata;  // what we attached at create (our intent id, the target)
};

/// What a provider says about one refund.
struct ProviderRefund {
  std::string id;  // "re_..."
  std::string payment_intent;
  Money amount;
  std::string status;  // pending | requires_action | succeeded | failed | canceled
  std::optional<std::string> failure_reason;
};

/// A connected account of a facility (Stripe Connect); the sandbox keeps its own.
struct ProviderAccount {
  std::string id;  // "acct_..."
  bool charges_enabled = false;
  bool payouts_enabled = false;
  bool details_submitted = false;
};

/// A create that moves or may move money. `idempotency_key` is sent as the provider's
/// Idempotency-Key header: a retry with the same key never charges twice. It is built from our
/// own ids and the amount, never from a missing one.
struct IntentRequest {
  Money amount;
  std::string idempotency_key;
  std::optional<std::string> destination_account;  // the facility's connected account
  std::int64_t application_fee = 0;                // the platform's fee, minor units
  std::optional<std::string> customer;
  std::optional<std::string> payment_method;  // with confirm: charge it now
  bool confirm = false;
  bool off_session = false;               // a charge without the payer present (fees, before_session)
  std::optional<std::string> return_url;  // where 3-D Secure sends the payer back
  std::string description;
  std::map<std::string, std::string> metadata;
};

struct ProviderRefundRequest {
  std::string payment_intent;
  std::optional<std::int64_t> amount;  // whole intent when absent
  std::string idempotency_key;
  std::string reason;  // duplicate | fraudulent | requested_by_customer
  std::map<std::string, std::string> metadata;
};

/// Failure at the provider. `code` is the provider's error code ("card_declined",
/// "resource_missing", "idempotency_error"...); `type` its error type ("card_error",
/// "invalid_request_error", "api_error", "network"). A card error is an answer, not an outage.
struct ProviderError {
  std::string type;
  std::string code;
  std::optional<std::string> decline_code;
  std::string message;
  int http_status = 0;                   // 0 when the provider could not be reached
  std::optional<ProviderIntent> intent;  // Stripe returns the intent with a card error on confirm
};

template <class T>
struct ProviderResult {
  std::optional<T> value;
  std::optional<ProviderError> error;
  bool ok() const { return value.has_value(); }
};

/// A payment provider: Stripe's API, or the sandbox that behaves like Stripe's test mode.
/// Every call may block on the network; none is made inside a database transaction.
class PaymentProvider {
 public:
  virtual ~PaymentProvider() = default;
  virtual std::string name() const = 0;  // "stripe" | "sandbox"
  /// The public key the provider's own card form in the browser needs (Stripe.js's publishable
  /// key); none for a provider whose form needs none (the sandbox's).
  virtual std::optional<std::string> publishable_key() const { return std::nullopt; }

  virtual ProviderResult<ProviderIntent> create_intent(const IntentRequest& request) = 0;
  /// Confirms with a payment method obtained by the client from the provider.
  virtual ProviderResult<ProviderIntent> confirm_intent(const std::string& intent_id, const std::string& payment_method,
                                                        const std::optional<std::string>& return_url,
                                                        const std::string& idempotency_key) = 0;
  virtual ProviderResult<ProviderIntent> retrieve_intent(const std::string& intent_id) = 0;
  virtual ProviderResult<ProviderIntent> cancel_intent(const std::string& intent_id,
                                                       const std::string& idempotency_key) = 0;
  /// Intents created at or after `since` (reconciliation), newest first, at most `limit`.
  virtual ProviderResult<std::vector<ProviderIntent>> list_intents(std::chrono::sys_seconds since, int limit) = 0;

  virtual ProviderResult<ProviderRefund> create_refund(const ProviderRefundRequest& request) = 0;
  virtual ProviderResult<ProviderRefund> retrieve_refund(const std::string& refund_id) = 0;

  /// A customer to save cards on: returns its id ("cus_...").
  virtual ProviderResult<std::string> create_customer(const std::string& email, const std::string& idempotency_key) = 0;
  virtual ProviderResult<SavedCard> attach_payment_method(const std::string& payment_method,
                                                          const std::string& customer) = 0;
  virtual ProviderResult<std::vector<SavedCard>> list_cards(const std::string& customer) = 0;

  /// Connect: an account for a facility, a link to onboard it, and its current state.
  virtual ProviderResult<ProviderAccount> create_account(const std::string& email,
                                                         const std::string& idempotency_key) = 0;
  virtual ProviderResult<std::string> account_link(const std::string& account_id, const std::string& refresh_url,
                                                   const std::string& return_url) = 0;
  virtual ProviderResult<ProviderAccount> retrieve_account(const std::string& account_id) = 0;
};

}  // namespace slotbase::payment
