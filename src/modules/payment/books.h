#pragma once

#include <optional>
#include <string>

#include "booking/booking_payments.h"
#include "payment/payment_types.h"
#include "payment_repository.h"
#include "platform/clock/clock.h"
#include "platform/core/context.h"
#include "platform/db/database.h"
#include "platform/db/unit_of_work.h"
#include "platform/events/jobs.h"
#include "platform/events/outbox.h"
#include "platform/events/typed_event.h"

namespace slotbase::payment {

inline constexpr const char* kSendRefundJob = "payment.send_refund";
inline constexpr const char* kChargeFeeJob = "payment.charge_fee";
inline constexpr const char* kChargeBookingJob = "payment.charge_booking";

/// The payment module's books: every payment and refund written with its ledger entries, the
/// booking's payment status restated from the ledger in the same transaction, and the events.
/// The one place money is written. Thread-safe.
class Books {
 public:
  Books(db::Database& db, const Clock& clock, const events::Outbox& outbox, const events::JobQueue& jobs,
        booking::BookingPayments& bookings)
      : db_(db), clock_(clock), outbox_(outbox), jobs_(jobs), bookings_(bookings) {}

  db::Database& db() const { return db_; }
  const Clock& clock() const { return clock_; }
  booking::BookingPayments& bookings() const { return bookings_; }
  const events::JobQueue& jobs() const { return jobs_; }
  db::UnitOfWork unit(db::Connection& tx) const { return db::UnitOfWork::of(db_, tx); }

  /// Writes money received, and its ledger entries: into the booking (or fee) it pays for and,
  /// for a credit payment, out of the player's credit.
  void receive(db::Connection& tx, const Payment& p) const;
  /// Gives back `amount` of `p` to `destination` (a refund of `source`): reserved on the payment
  /// first, so the refunds of a payment never exceed it however many run at once (conflict
  /// "refund-exceeds-payment"). A card's refund is pending until the provider's answer; one to
  /// credit or in cash is completed at once, and so is one the provider made already (`sent`).
  Result<RefundRecord> give_back(db::Connection& tx, const Payment& p, std::int64_t amount,
                                 RefundDestination destination, const std::string& source, const std::string& reason,
                                 const std::optional<std::string>& by, bool sent = false) const;
  /// A refund that failed: its amount is the booking's again.
  void undo_refund(db::Connection& tx, const RefundRecord& r, const std::string& why) const;
  /// Credit added or taken off at a facility.
  void credit(db::Connection& tx, const std::string& facility_id, const std::string& user_id, const Money& amount,
              const std::string& kind, const std::optional<std::string>& reason, const std::optional<std::string>& by,
              const std::optional<std::string>& refund_id = std::nullopt) const;
  /// Sets the booking's payment status from its ledger, its price and whether it was cancelled,
  /// all as `tx` sees them.
  booking::PaymentStatus restate(db::Connection& tx, const std::string& booking_id) const;

  template <class E>
  void emit(db::Connection& tx, const E& event, const std::string& aggregate_id, const std::string& facility_id,
            const std::optional<std::string>& user_id) const {
    outbox_.append(tx, events::new_event(event, "payment", aggregate_id, facility_id, user_id, ""));
  }

 private:
  db::Database& db_;
  const Clock& clock_;
  const events::Outbox& outbox_;
  const events::JobQueue& jobs_;
  booking::BookingPayments& bookings_;
};

}  // namespace slotbase::payment
