#include "payment_link.h"

#include "booking_repository.h"

namespace slotbase::booking {

Result<BookingPayments::PayableHold> PaymentLink::payable_hold(const HoldId& hold_id, const Context& ctx) {
  auto hold = db_.read([&](db::Connection& c) { return BookingRepository::hold(c, hold_id); });
  if (!hold || !ctx.user_id || (hold->booked_by != *ctx.user_id && hold->user_id != *ctx.user_id))
    return Error::not_found("No such hold.");
  auto config = orgs_.facility_config(organization::FacilityId{hold->facility_id});
  if (!config) return Error::not_found("No such hold.");
  return PayableHold{std::move(*hold), config->facility.policies.payment_timing};
}

Result<void> PaymentLink::keep_hold(const db::UnitOfWork& uow, const HoldId& hold_id, Instant until) {
  return uow.join(db_, [&](db::Connection& tx) { return holds_.keep_hold(tx, hold_id, until); });
}

Result<Booking> PaymentLink::book_paid_hold(const db::UnitOfWork& uow, const HoldId& hold_id, PaymentMethod method,
                                            PaymentStatus status) {
  return uow.join(db_, [&](db::Connection& tx) { return holds_.book_paid(tx, hold_id, method, status); });
}

Result<BookingPayments::PayableBooking> PaymentLink::payable_booking(const BookingId& booking_id, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto booking, lifecycle_.get_booking(booking_id, ctx));
  auto facility = orgs_.find_facility(organization::FacilityId{booking.facility_id});
  const bool staff = facility && orgs_.can(*facility, identity::Permission::bookings_manage, ctx);
  return PayableBooking{std::move(booking), staff};
}

std::optional<Booking> PaymentLink::find_booking(const BookingId& booking_id) {
  return db_.read([&](db::Connection& c) { return BookingRepository::booking(c, booking_id); });
}

std::vector<Booking> PaymentLink::paid_bookings(const std::string& facility_id, Instant since) {
  return db_.read([&](db::Connection& c) { return BookingRepository::paid_bookings(c, facility_id, since); });
}

std::optional<Booking> PaymentLink::booking_in(const db::UnitOfWork& uow, const BookingId& booking_id) {
  return uow.join(db_, [&](db::Connection& tx) { return BookingRepository::booking(tx, booking_id); });
}

void PaymentLink::set_payment_status(const db::UnitOfWork& uow, const BookingId& booking_id, PaymentStatus status) {
  uow.join(db_, [&](db::Connection& tx) {
    return BookingRepository::set_payment_status(tx, booking_id, status, clock_.now());
  });
}

}  // namespace slotbase::booking
