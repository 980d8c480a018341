#pragma once

#include <string>

#include "booking/booking_types.h"
#include "booking/payment_gateway.h"
#include "claims_ledger.h"
#include "event_log.h"
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
  Holds(db::Database& db, const Clock& clock, organization::OrganizationService& orgs, Places& places,
        ClaimsLedger& ledger, Lifecycle& lifecycle, const EventLog& events, PaymentGateway& payments)
      : db_(db),
        clock_(clock),
        orgs_(orgs),
        places_(places),
        ledger_(ledger),
        lifecycle_(lifecycle),
        events_(events),
        payments_(payments) {}

  Result<Hold> create_hold(const HoldRequest& r, const Context& ctx);
  Result<void> release_hold(const std::string& hold_id, const Context& ctx);
  Result<Booking> confirm_hold(const std::string& hold_id, const PaymentChoice& payment, const Context& ctx);
  Result<Booking> staff_booking(const std::string& facility_id, const StaffBookingRequest& r, const Context& ctx);

  /// The worker's sweep: lets every lapsed hold go (expired, its time freed,
  /// booking.hold.expired emitted); returns how many.
  int expire_lapsed_holds();
  /// Job handler, for booking.expire_hold jobs queued before lapsed holds were swept.
  void expire_hold(const std::string& hold_id);

 private:
  db::Database& db_;
  const Clock& clock_;
  organization::OrganizationService& orgs_;
  Places& places_;
  ClaimsLedger& ledger_;
  Lifecycle& lifecycle_;
  const EventLog& events_;
  PaymentGateway& payments_;
};

}  // namespace slotbase::booking
