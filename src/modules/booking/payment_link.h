#pragma once

#include <optional>
#include <string>

#include "booking/booking_payments.h"
#include "holds.h"
#include "lifecycle.h"
#include "organization/organization_service.h"
#include "platform/clock/clock.h"
#include "platform/db/database.h"

namespace slotbase::booking {

/// BookingPayments: the payment module's way to the holds and bookings it takes money for.
class PaymentLink final : public BookingPayments {
 public:
  PaymentLink(db::Database& db, const Clock& clock, organization::OrganizationService& orgs, Holds& holds,
              Lifecycle& lifecycle)
      : db_(db), clock_(clock), orgs_(orgs), holds_(holds), lifecycle_(lifecycle) {}

  Result<PayableHold> payable_hold(const HoldId& hold_id, const Context& ctx) override;
  Result<void> keep_hold(const db::UnitOfWork& uow, const HoldId& hold_id, Instant until) override;
  Result<Booking> book_paid_hold(const db::UnitOfWork& uow, const HoldId& hold_id, PaymentMethod method,
                                 PaymentStatus status) override;
  Result<PayableBooking> payable_booking(const BookingId& booking_id, const Context& ctx) override;
  std::optional<Booking> find_booking(const BookingId& booking_id) override;
  std::vector<Booking> paid_bookings(const std::string& facility_id, Instant since) override;
  std::optional<Booking> booking_in(const db::UnitOfWork& uow, const BookingId& booking_id) override;
  void set_payment_status(const db::UnitOfWork& uow, const BookingId& booking_id, PaymentStatus status) override;

 private:
  db::Database& db_;
  const Clock& clock_;
  organization::OrganizationService& orgs_;
  Holds& holds_;
  Lifecycle& lifecycle_;
};

}  // namespace slotbase::booking
