#pragma once

#include "modules/booking/booking_service.h"
#include "modules/booking/payment_gateway.h"
#include "modules/organization/organization_service.h"
#include "modules/resource/resource_service.h"
#include "platform/clock/clock.h"
#include "platform/core/zone.h"
#include "platform/db/database.h"
#include "platform/events/jobs.h"
#include "platform/events/outbox.h"

namespace slotbase::booking {

inline constexpr const char* kExpireHoldJob = "booking.expire_hold";

class BookingServiceImpl final : public BookingService {
 public:
  /// `payments` may be null: card payments are then refused as unavailable.
  BookingServiceImpl(db::Database& db, const Clock& clock, const events::Outbox& outbox, const events::JobQueue& jobs,
                     organization::OrganizationService& orgs, resource::ResourceService& resources,
                     PaymentGateway* payments);

  Result<Availability> availability(const std::string& facility_id, const AvailabilityQuery& q,
                                    const Context& ctx) override;
  Result<Hold> create_hold(const HoldRequest& r, const Context& ctx) override;
  Result<void> release_hold(const std::string& hold_id, const Context& ctx) override;
  Result<Booking> confirm_hold(const std::string& hold_id, const PaymentChoice& payment, const Context& ctx) override;
  Result<Booking> staff_booking(const std::string& facility_id, const StaffBookingRequest& r,
                                const Context& ctx) override;
  Result<Booking> get_booking(const std::string& booking_id, const Context& ctx) override;
  Result<std::vector<Booking>> my_bookings(const BookingFilter& f, const Context& ctx) override;
  Result<std::vector<Booking>> facility_bookings(const std::string& facility_id, const std::string& date,
                                                 const Context& ctx) override;
  Result<CancelResult> cancel(const std::string& booking_id, const std::string& reason, bool full_refund,
                              const Context& ctx) override;
  void expire_hold(const std::string& hold_id) override;

 private:
  struct Place {
    organization::Facility facility;
    resource::Resource resource;
    Zone zone;
  };
  /// The resource and its facility as the caller may see them (not_found otherwise).
  Result<Place> place_of(const std::string& resource_id, const Context& ctx);
  Money price_for(const Place& p, const std::string& user_id, Instant start, Instant end);
  /// Claims [start, end) on the resource in `tx`: lapsed holds in the way are let go; any other
  /// claim is a conflict. The database constraint backs this check up under concurrency.
  Result<void> claim(db::Connection& tx, const Place& p, Instant start, Instant end, const std::string& kind,
                     const std::string& owner_id, std::optional<Instant> expires_at, const Context& ctx);
  void emit(db::Connection& tx, const char* type, const std::string& aggregate_id, const std::string& facility_id,
            nlohmann::json payload, const Context& ctx) const;
  nlohmann::json slot_payload(const std::string& resource_id, Instant start, Instant end) const;

  db::Database& db_;
  const Clock& clock_;
  const events::Outbox& outbox_;
  const events::JobQueue& jobs_;
  organization::OrganizationService& orgs_;
  resource::ResourceService& resources_;
  PaymentGateway* payments_;
};

}  // namespace slotbase::booking
