#pragma once

#include <optional>
#include <string>

#include "platform/clock/clock.h"
#include "platform/db/database.h"
#include "platform/events/jobs.h"
#include "provider.h"

namespace slotbase::payment {

inline constexpr const char* kSandboxWebhookJob = "payment.sandbox_webhook";

/// A card as the sandbox's card form sends it. Never stored: only its brand, last four digits
/// and the outcome its test number stands for.
struct SandboxCard {
  std::string number;
  int exp_month = 0;
  int exp_year = 0;  // two digits are this century's
  std::string cvc;
};

/// The default provider: our own, behaving like Stripe's test mode, its books in our database
/// (sandbox_* tables). Stripe's test cards decide each outcome: 4242424242424242 succeeds,
/// 4000000000000002 is declined, 4000000000009995 is declined for insufficient funds,
/// 4000002500003155 asks for authentication (its page: /sandbox/authenticate/{id}), any other
/// number is incorrect. Every change of state queues a signed webhook (kSandboxWebhookJob) that
/// reaches our webhook route's code like Stripe's: late, and more than once if a delivery fails.
/// Thread-safe.
class SandboxProvider final : public PaymentProvider {
 public:
  SandboxProvider(db::Database& db, const Clock& clock, const events::JobQueue& jobs)
      : db_(db), clock_(clock), jobs_(jobs) {}

  std::string name() const override { return "sandbox"; }

  /// The sandbox's Stripe.js: a payment method for a test card (error incorrect_number,
  /// invalid_expiry_year or invalid_cvc as Stripe's are).
  ProviderResult<SavedCard> create_payment_method(const SandboxCard& card);
  /// The authentication page's buttons: completes or fails a requires_action intent. Returns the
  /// intent's return URL.
  ProviderResult<std::optional<std::string>> authenticate(const std::string& intent_id, bool complete);
  /// The onboarding page's form: the account can take charges and receive payouts.
  ProviderResult<ProviderAccount> complete_onboarding(const std::string& account_id);

  ProviderResult<ProviderIntent> create_intent(const IntentRequest& request) override;
  ProviderResult<ProviderIntent> confirm_intent(const std::string& intent_id, const std::string& payment_method,
                                                const std::optional<std::string>& return_url,
                                                const std::string& idempotency_key) override;
  ProviderResult<ProviderIntent> retrieve_intent(const std::string& intent_id) override;
  ProviderResult<ProviderIntent> cancel_intent(const std::string& intent_id,
                                               const std::string& idempotency_key) override;
  ProviderResult<std::vector<ProviderIntent>> list_intents(std::chrono::sys_seconds since, int limit) override;
  ProviderResult<ProviderRefund> create_refund(const ProviderRefundRequest& request) override;
  ProviderResult<ProviderRefund> retrieve_refund(const std::string& refund_id) override;
  ProviderResult<std::string> create_customer(const std::string& email, const std::string& idempotency_key) override;
  ProviderResult<SavedCard> attach_payment_method(const std::string& payment_method,
                                                  const std::string& customer) override;
  ProviderResult<std::vector<SavedCard>> list_cards(const std::string& customer) override;
  ProviderResult<ProviderAccount> create_account(const std::string& email, const std::string& idempotency_key) override;
  ProviderResult<std::string> account_link(const std::string& account_id, const std::string& refresh_url,
                                           const std::string& return_url) override;
  ProviderResult<ProviderAccount> retrieve_account(const std::string& account_id) override;

 private:
  /// Charges the intent with the payment method, in `tx`: its new state, or a card error.
  ProviderResult<ProviderIntent> charge(db::Connection& tx, ProviderIntent intent, const std::string& payment_method,
                                        bool off_session);
  /// Queues the webhook for `type` about `object` (its id and kind), in `tx`.
  void notify(db::Connection& tx, const std::string& type, const std::string& object_kind,
              const std::string& object_id) const;

  db::Database& db_;
  const Clock& clock_;
  const events::JobQueue& jobs_;
};

}  // namespace slotbase::payment
