#pragma once

#include <optional>
#include <string>
#include <vector>

#include "booking/booking_types.h"
#include "platform/core/context.h"
#include "platform/core/result.h"
#include "platform/db/unit_of_work.h"

namespace slotbase::booking {

/// What the payment module asks of holds and bookings: the hold or booking it takes money for,
/// time for a payment in flight, and the booking that exists exactly when its payment succeeded.
/// The writes join the payment module's transaction (db::UnitOfWork), so that the money's record
/// and the booking commit together or not at all. Thread-safe.
class BookingPayments {
 public:
  struct PayableHold {
    Hold hold;
    std::string payment_timing;  // the facility's, as its policies say now
  };
  struct PayableBooking {
    Booking booking;
    bool staff = false;  // the caller manages bookings at its facility
  };

  virtual ~BookingPayments() = default;

  /// The hold, for the player who holds it or whom it is for (not_found for anyone else).
  virtual Result<PayableHold> payable_hold(const HoldId& hold_id, const Context& ctx) = 0;
  /// Keeps an active, live hold until `until` while its payment runs, in `uow`'s transaction;
  /// never shortens it. expired when it has lapsed or was let go already.
  virtual Result<void> keep_hold(const db::UnitOfWork& uow, const HoldId& hold_id, Instant until) = 0;
  /// The hold becomes a confirmed booking paid as `status` by `method`, in `uow`'s transaction
  /// (booking.confirmed with it). The booking it became before when it was converted already (a
  /// second delivery of the same success); expired when the hold lapsed or was released, and its
  /// time may be someone else's now.
  virtual Result<Booking> book_paid_hold(const db::UnitOfWork& uow, const HoldId& hold_id, PaymentMethod method,
                                         PaymentStatus status) = 0;
  /// The booking for its player, or for staff of its facility (who may manage its payments);
  /// not_found for anyone else.
  virtual Result<PayableBooking> payable_booking(const BookingId& booking_id, const Context& ctx) = 0;
  /// The booking as it is, without a permission check (for the module's own jobs).
  virtual std::optional<Booking> find_booking(const BookingId& booking_id) = 0;
  /// The facility's bookings marked paid, made since `since` (reconciliation; at most 1000).
  virtual std::vector<Booking> paid_bookings(const std::string& facility_id, Instant since) = 0;
  /// The booking as `uow`'s transaction sees it (nullopt if there is no such booking).
  virtual std::optional<Booking> booking_in(const db::UnitOfWork& uow, const BookingId& booking_id) = 0;
  /// Sets the booking's payment status in `uow`'s transaction, as the money on it says.
  virtual void set_payment_status(const db::UnitOfWork& uow, const BookingId& booking_id, PaymentStatus status) = 0;
};

}  // namespace slotbase::booking
