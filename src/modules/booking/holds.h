#pragma once

#include <string>

#include "booking/booking_types.h"
#include "booking/payment_gateway.h"
#include "claims_ledger.h"
#include "event_log.h"
#include "identity/identity_service.h"
#include "lifecycle.h"
#include "organization/organization_service.h"
#include "places.h"
#include "platform/clock/clock.h"
#include "platform/db/database.h"

namespace slotbase::booking {

inline constexpr const char* kExpireHoldJob = "booking.expire_hold";

/// Holds, and the bookings made from them or by staff directly: a hold claims a slot for the
/// facility's time to live; confirming it settles its payment (through the PaymentGateway) and
/// turns it into a booking in one transaction. Thread-safe.
class Holds {
 public:
  Holds(db::Database& db, const Clock& clock, identity::IdentityService& identity,
        organization::OrganizationService& orgs, Places& places, ClaimsLedger& ledger, Lifecycle& lifecycle,
        const EventLog& events, PaymentGateway& payments)
      : db_(db),
        clock_(clock),
        identity_(identity),
        orgs_(orgs),
        places_(places),
        ledger_(ledger),
        lifecycle_(lifecycle),
        events_(events),
        payments_(payments) {}

  Result<Hold> create_hold(const HoldRequest& r, const Context& ctx);
  Result<void> release_hold(const HoldId& hold_id, const Context& ctx);
  Result<Booking> confirm_hold(const HoldId& hold_id, const PaymentChoice& payment, const Context& ctx);
  Result<Booking> staff_booking(const std::string& facility_id, const StaffBookingRequest& r, const Context& ctx);
  /// Staff: the live holds on the facility's resources over local dates.
  Result<std::vector<Hold>> facility_holds(const std::string& facility_id, const LocalDates& dates, const Context& ctx);
  /// BookingPayments: the hold becomes a booking paid as `status`, in the payment's transaction.
  Result<Booking> book_paid(db::Connection& tx, const HoldId& hold_id, PaymentMethod method, PaymentStatus status);
  /// BookingPayments: a payment in flight keeps the hold until `until`.
  Result<void> keep_hold(db::Connection& tx, const HoldId& hold_id, Instant until);

  /// The worker's sweep: lets every lapsed hold go (expired, its time freed,
  /// booking.hold.expired emitted); returns how many.
  int expire_lapsed_holds();
  /// Job handler, for booking.expire_hold jobs queued before lapsed holds were swept.
  void expire_hold(const HoldId& hold_id);

 private:
  /// The booking `hold` becomes (not yet paid, not yet written).
  Booking booking_of(const Hold& hold, const organization::Policies& policies, bool staff) const;
  /// Converts `hold` into `b` in `tx`: expired when the hold lapsed, conflict when it was confirmed.
  Result<Booking> convert_in(db::Connection& tx, const Hold& hold, const Booking& b,
                             const organization::Policies& policies, const events::PreparedEvent& confirmed);

  db::Database& db_;
  const Clock& clock_;
  identity::IdentityService& identity_;
  organization::OrganizationService& orgs_;
  Places& places_;
  ClaimsLedger& ledger_;
  Lifecycle& lifecycle_;
  const EventLog& events_;
  PaymentGateway& payments_;
};

}  // namespace slotbase::booking
