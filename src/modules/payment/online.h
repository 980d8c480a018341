#pragma once

#include <optional>
#include <string>

#include "booking/booking_payments.h"
#include "booking/payment_gateway.h"
#include "books.h"
#include "organization/organization_service.h"
#include "payment/payment_types.h"
#include "platform/events/domain_event.h"
#include "provider.h"

namespace slotbase::payment {

/// How long a payment in flight keeps its hold, at most.
inline constexpr std::chrono::minutes kPaymentWindow{15};

/// Online payments: the facility's provider account, intents for holds (and fees), their
/// confirmation, the provider's webhooks and the reconciliation that settles what a crash or a
/// lost webhook left open. Every state the provider reports goes through apply(), whichever way
/// it came (the confirm call's answer, a webhook, reconciliation), so each has one effect.
/// Also the booking module's PaymentGateway for card and credit. Thread-safe.
class Online final : public booking::PaymentGateway {
 public:
  Online(Books& books, PaymentProvider& provider, organization::OrganizationService& orgs, std::string webhook_secret)
      : books_(books), provider_(provider), orgs_(orgs), webhook_secret_(std::move(webhook_secret)) {}

  Result<std::string> connect(const std::string& facility_id, const Context& ctx);
  Result<AccountState> account(const std::string& facility_id, const Context& ctx);
  Result<PaymentIntent> create_for_hold(const std::string& hold_id, const Context& ctx);
  Result<PaymentIntent> confirm(const std::string& intent_id, const std::string& payment_method, bool save_card,
                                const Context& ctx);
  Result<PaymentIntent> get(const std::string& intent_id, const Context& ctx);
  Result<void> receive_webhook(const std::string& provider, const std::string& payload, const std::string& signature);
  /// The player's saved cards at the provider.
  Result<std::vector<SavedCard>> saved_cards(const Context& ctx);

  // booking::PaymentGateway
  Result<Settlement> settle(const Confirmation& c) override;
  void undo(const Confirmation&, const Settlement&) override {}

  /// Job: sends a pending card refund to the provider (with the refund's id as its idempotency
  /// key, so a retry never refunds twice). Throws when the provider cannot be reached (retried).
  void send_refund(const std::string& refund_id);
  /// Job: charges a pending fee to the player's saved card, off session; without one it waits.
  void charge_fee(const std::string& fee_id);
  /// booking.confirmed at a facility that takes payment before or after the session: queues the
  /// charge of the player's saved card for 24 hours before the start, or for the end.
  void on_confirmed(const events::DomainEvent& e);
  /// A run of booking.confirmed at once: each facility read once, the jobs in one transaction.
  void on_confirmed_all(const std::vector<events::DomainEvent>& batch);
  /// Job: charges what a booking still owes to the player's saved card, off session; without a
  /// card (or with nothing due, or the booking cancelled) it does nothing: the desk collects.
  void charge_booking(const std::string& booking_id);
  /// The worker's pass: intents whose time is up are asked at the provider and settled (booked,
  /// refunded when too late, or canceled); returns how many.
  int reconcile();

  Result<Reconciliation> reconciliation(const std::string& facility_id, const Context& ctx);

  /// Takes the provider's state of an intent into ours, once: a succeeded intent books its hold
  /// (or pays its fee) in the same transaction, and one too late for its hold is refunded.
  Result<PaymentIntent> apply(const ProviderIntent& pi);
  /// Takes the provider's state of a refund into ours (one made in the provider's dashboard too).
  void apply_refund(const ProviderRefund& r);

 private:
  /// Starts an intent for a hold at the provider: ours first, then theirs under a key made of ours.
  Result<PaymentIntent> start(PaymentIntent intent, const StoredAccount& account,
                              const std::optional<std::string>& customer, const std::optional<std::string>& card,
                              bool off_session);
  Result<Settlement> pay_with_credit(const Confirmation& c);
  std::optional<std::string> customer_of(const std::string& user_id, bool create);
  /// Charges `amount` for `target` to the player's first saved card, off session.
  void charge_saved_card(const std::string& target_kind, const std::string& target_id, const std::string& facility_id,
                         const std::string& user_id, const Money& amount);

  Books& books_;
  PaymentProvider& provider_;
  organization::OrganizationService& orgs_;
  std::string webhook_secret_;
};

}  // namespace slotbase::payment
