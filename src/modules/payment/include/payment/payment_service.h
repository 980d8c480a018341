#pragma once

#include <string>
#include <vector>

#include "payment/payment_types.h"
#include "platform/core/context.h"
#include "platform/core/result.h"

namespace slotbase::payment {

/// Money at a facility: online payments through the configured provider (Stripe or the
/// sandbox), payments recorded at the desk, refunds, fees and account credit. Every movement is
/// a ledger entry in minor units; a booking's payment status follows its ledger. Thread-safe.
class PaymentService {
 public:
  virtual ~PaymentService() = default;

  /// Owner or manager: an account at the provider for the facility and the page that onboards it.
  virtual Result<std::string> connect(const std::string& facility_id, const Context& ctx) = 0;
  /// Staff of the facility.
  virtual Result<AccountState> account(const std::string& facility_id, const Context& ctx) = 0;
  /// Platform administrator: the platform's fee on the facility's card payments from now on, in
  /// basis points (0-10000); payments already made keep theirs.
  virtual Result<std::int64_t> set_platform_fee(const std::string& facility_id, std::int64_t basis_points,
                                                const Context& ctx) = 0;

  /// An intent to pay for the caller's hold: the hold's price less the caller's credit there.
  /// The same intent again for a repeat (five clicks make one). Keeps the hold while it runs.
  virtual Result<PaymentIntent> create_intent_for_hold(const std::string& hold_id, const Context& ctx) = 0;
  /// Pays with a payment method made at the provider; card_declined (402) for a decline.
  /// With `save_card`, the card is kept for later payments (fees, the next booking).
  virtual Result<PaymentIntent> confirm_intent(const std::string& intent_id, const std::string& payment_method,
                                               bool save_card, const Context& ctx) = 0;
  virtual Result<PaymentIntent> get_intent(const std::string& intent_id, const Context& ctx) = 0;
  /// A provider's webhook, signature checked (malformed, 400, when it is wrong or old); an
  /// event handled before changes nothing. unavailable when it could not be handled now: the
  /// provider delivers it again.
  virtual Result<void> receive_webhook(const std::string& provider, const std::string& payload,
                                       const std::string& signature) = 0;

  /// Staff: a payment taken at the desk, in one of the facility's offline methods.
  virtual Result<Payment> record_booking_payment(const std::string& booking_id, const OfflinePaymentRequest& r,
                                                 const Context& ctx) = 0;
  /// Staff: recorded -> verified | disputed | void (final; the amount is taken back).
  virtual Result<Payment> set_record_status(const std::string& payment_id, RecordStatus status, const Context& ctx) = 0;
  /// Staff: the booking owes nothing; needs a reason. Returns its new payment status.
  virtual Result<std::string> waive_booking(const std::string& booking_id, const std::string& reason,
                                            const Context& ctx) = 0;
  virtual Result<BookingMoneyView> booking_payments(const std::string& booking_id, const Context& ctx) = 0;
  /// Staff: never more than was paid less what was refunded, under concurrency too.
  virtual Result<RefundRecord> refund(const std::string& payment_id, const RefundRequest& r, const Context& ctx) = 0;
  /// Staff: a failed refund again (to the card) or to account credit.
  virtual Result<RefundRecord> retry_refund(const std::string& refund_id, RefundDestination destination,
                                            const Context& ctx) = 0;
  virtual Result<Fee> waive_fee(const std::string& fee_id, const std::string& reason, const Context& ctx) = 0;

  virtual Result<Money> credit_balance(const std::string& facility_id, const Context& ctx) = 0;
  /// Staff: adds (or, negative, removes) credit; never below zero.
  virtual Result<CreditEntry> adjust_credit(const std::string& facility_id, const std::string& user_id,
                                            std::int64_t amount, const std::string& reason, const Context& ctx) = 0;
  virtual Result<std::vector<CreditEntry>> credit_ledger(const std::string& facility_id, const std::string& user_id,
                                                         const Context& ctx) = 0;

  virtual Result<PaymentHistory> my_payments(const Context& ctx) = 0;
  /// The caller's cards saved at the provider (brand, last four digits, expiry).
  virtual Result<std::vector<SavedCard>> saved_cards(const Context& ctx) = 0;
  /// Staff: the facility's payments with filters, and the takings by method.
  /// Owner or manager: the last 30 days' provider payments with no record here, and bookings
  /// marked paid with no money received.
  virtual Result<Reconciliation> reconciliation(const std::string& facility_id, const Context& ctx) = 0;
  virtual Result<FacilityPayments> facility_payments(const std::string& facility_id, const PaymentFilter& f,
                                                     const Context& ctx) = 0;
};

}  // namespace slotbase::payment
