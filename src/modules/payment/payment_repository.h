#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "payment/payment_types.h"
#include "platform/db/database.h"

namespace slotbase::payment {

/// A facility's provider account as stored.
struct StoredAccount {
  std::string facility_id;
  std::string provider;
  std::string account_id;
  bool charges_enabled = false;
  bool payouts_enabled = false;
  bool details_submitted = false;
};

/// One row of the ledger, as written.
struct LedgerEntry {
  std::string facility_id;
  std::string user_id;
  std::string account;  // booking | credit | fee
  std::optional<std::string> booking_id;
  std::optional<std::string> fee_id;
  std::string kind;  // payment | void | refund | spend | adjustment | refund_to_credit | ...
  Money amount;      // signed
  std::optional<std::string> payment_id;
  std::optional<std::string> refund_id;
  std::optional<std::string> reason;
  std::optional<std::string> created_by;
};

/// What a booking's ledger adds up to.
struct BookingMoney {
  std::int64_t received = 0;  // money in (payments, credit spent), less what void payments took back
  std::int64_t returned = 0;  // money given back (refunds, less those that failed), as a positive number
  bool waived = false;        // staff waived what it owes
};

/// The payment module's tables. Every method runs in the caller's transaction.
class PaymentRepository {
 public:
  // Provider accounts and customers.
  static std::optional<StoredAccount> account(db::Connection& c, const std::string& facility_id);
  static std::optional<StoredAccount> account_by_id(db::Connection& c, const std::string& account_id);
  static void insert_account(db::Connection& c, const StoredAccount& a, Instant now);
  static bool update_account(db::Connection& c, const std::string& account_id, bool charges, bool payouts, bool details,
                             Instant now);
  /// The platform's fee recorded on an intent when it was made.
  static std::int64_t intent_platform_fee(db::Connection& c, const std::string& intent_id);
  /// The platform's fee on the facility's card payments, in basis points (0 when none was set).
  static std::int64_t platform_fee_basis_points(db::Connection& c, const std::string& facility_id);
  static void set_platform_fee(db::Connection& c, const std::string& facility_id, std::int64_t basis_points,
                               const std::string& by, Instant now);
  static std::optional<std::string> customer(db::Connection& c, const std::string& user_id,
                                             const std::string& provider);
  static void insert_customer(db::Connection& c, const std::string& user_id, const std::string& provider,
                              const std::string& customer_id);

  // Intents.
  static void insert_intent(db::Connection& c, const PaymentIntent& i, std::int64_t platform_fee);
  static std::optional<PaymentIntent> intent(db::Connection& c, const std::string& id);
  static std::optional<PaymentIntent> intent_by_provider(db::Connection& c, const std::string& provider,
                                                         const std::string& provider_intent_id);
  /// The intent in progress for the target and amount, if any.
  static std::optional<PaymentIntent> open_intent(db::Connection& c, const std::string& target_kind,
                                                  const std::string& target_id, std::int64_t amount);
  static void set_provider_intent(db::Connection& c, const std::string& id, const std::string& provider_intent_id,
                                  const std::string& client_secret, Instant now);
  /// Moves an intent that has not succeeded to `i`'s status and error fields; false if it had
  /// succeeded already (paid never goes back).
  static bool update_intent(db::Connection& c, const PaymentIntent& i, Instant now);
  static void settle_intent(db::Connection& c, const std::string& id, const std::string& outcome,
                            const std::optional<std::string>& booking_id, Instant now);
  /// Intents still open whose time is up, or that succeeded at the provider without a settlement.
  static std::vector<PaymentIntent> unsettled_intents(db::Connection& c, Instant now, int limit);
  static std::vector<PaymentIntent> user_intents(db::Connection& c, const std::string& user_id);

  // Payments.
  static void insert_payment(db::Connection& c, const Payment& p);
  static std::optional<Payment> payment(db::Connection& c, const std::string& id);
  static std::optional<Payment> payment_of_intent(db::Connection& c, const std::string& intent_id);
  static std::vector<Payment> booking_payments(db::Connection& c, const std::string& booking_id);
  static std::vector<Payment> user_payments(db::Connection& c, const std::string& user_id);
  static std::vector<Payment> facility_payments(db::Connection& c, const std::string& facility_id, Instant from,
                                                Instant to, int limit);
  /// Adds `amount` to what was refunded of the payment if that stays within what was paid;
  /// false otherwise (nothing changes). Negative gives back a failed refund.
  static bool add_refunded(db::Connection& c, const std::string& payment_id, std::int64_t amount, Instant now);
  /// Sets an offline payment's status if it is not void; false otherwise.
  static bool set_payment_status(db::Connection& c, const std::string& payment_id, RecordStatus status, Instant now);
  static void attach_booking(db::Connection& c, const std::string& payment_id, const std::string& booking_id);

  // Refunds.
  static void insert_refund(db::Connection& c, const RefundRecord& r, const std::optional<std::string>& created_by);
  static std::optional<RefundRecord> refund(db::Connection& c, const std::string& id);
  static std::optional<RefundRecord> refund_by_provider(db::Connection& c, const std::string& provider_refund_id);
  /// Moves a refund on from `from`; false if it was not there any more.
  static bool move_refund(db::Connection& c, const std::string& id, RefundStatus from, RefundStatus to,
                          const std::optional<std::string>& provider_refund_id,
                          const std::optional<std::string>& failure_reason, Instant now);
  static std::vector<RefundRecord> user_refunds(db::Connection& c, const std::string& user_id);
  /// Marks a failed refund as tried again (once): false if it had been, or had not failed.
  static bool mark_retried(db::Connection& c, const std::string& id, const std::string& retried_as);
  static std::vector<RefundRecord> booking_refunds(db::Connection& c, const std::string& booking_id);
  /// By payment, what went back the way it came (to the card, or cash back) in refunds made since
  /// `since` at the facility, refunds that failed aside: one query for a whole list.
  static std::map<std::string, std::int64_t> refunded_the_way_it_came(db::Connection& c, const std::string& facility_id,
                                                                      Instant since);

  // Fees.
  /// Inserts the fee unless the booking has one of its kind; false then.
  static bool insert_fee(db::Connection& c, const Fee& f);
  static std::optional<Fee> fee(db::Connection& c, const std::string& id);
  static bool set_fee_status(db::Connection& c, const std::string& id, FeeStatus from, FeeStatus to,
                             const std::optional<std::string>& reason, Instant now);
  static std::vector<Fee> user_fees(db::Connection& c, const std::string& user_id);
  static std::vector<Fee> booking_fees(db::Connection& c, const std::string& booking_id);

  // The ledger.
  static void append(db::Connection& c, const LedgerEntry& e, Instant now);
  static BookingMoney booking_money(db::Connection& c, const std::string& booking_id);
  static std::int64_t credit_balance(db::Connection& c, const std::string& facility_id, const std::string& user_id);
  static std::vector<CreditEntry> credit_entries(db::Connection& c, const std::string& facility_id,
                                                 const std::string& user_id);
  static std::vector<CreditEntry> user_credit_entries(db::Connection& c, const std::string& user_id);

  /// Records a provider event as handled; false if it had been.
  static bool record_event(db::Connection& c, const std::string& provider, const std::string& event_id,
                           const std::string& type, Instant now);
};

}  // namespace slotbase::payment
