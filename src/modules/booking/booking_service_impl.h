#pragma once

#include <string>
#include <vector>

#include "availability.h"
#include "blocks.h"
#include "booking/booking_service.h"
#include "booking/payment_gateway.h"
#include "claims_ledger.h"
#include "event_log.h"
#include "holds.h"
#include "lifecycle.h"
#include "lists.h"
#include "places.h"
#include "waitlist.h"

namespace slotbase::booking {

/// The booking module's parts, built in the order they depend on each other: the claims ledger
/// (the one owner of the overlap guarantee), holds and confirmation, the lifecycle, blocks, the
/// waitlist and availability. The module owns one; its services and job handlers use it.
struct BookingParts {
  BookingParts(db::Database& db, const Clock& clock, const events::Outbox& outbox, const events::JobQueue& jobs,
               identity::IdentityService& identity, organization::OrganizationService& orgs,
               resource::ResourceService& resources, PaymentGateway& payments, std::size_t availability_cache_bytes)
      : orgs(orgs),
        resources(resources),
        events(outbox),
        places(orgs, resources),
        ledger(clock, events),
        lifecycle(db, clock, jobs, orgs, places, ledger, events),
        holds(db, clock, identity, orgs, places, ledger, lifecycle, events, payments),
        blocks(db, clock, resources, places, ledger, lifecycle, events),
        waitlist(db, clock, orgs, resources, places, ledger, events),
        availability(db, clock, orgs, resources, availability_cache_bytes),
        lists(db, identity, resources, places) {}

  organization::OrganizationService& orgs;
  resource::ResourceService& resources;
  EventLog events;
  Places places;
  ClaimsLedger ledger;
  Lifecycle lifecycle;
  Holds holds;
  Blocks blocks;
  Waitlist waitlist;
  AvailabilityReader availability;
  BookingLists lists;
};

/// BookingService as the other modules and the routes see it: each call goes to the part that
/// does it.
class BookingServiceImpl final : public BookingService {
 public:
  explicit BookingServiceImpl(BookingParts& parts) : parts_(parts) {}

  Result<AvailabilityView> availability(const std::string& facility_id, const AvailabilityQuery& q,
                                        const Context& ctx) override {
    return parts_.availability.availability(facility_id, q, ctx);
  }
  Result<Hold> create_hold(const HoldRequest& r, const Context& ctx) override {
    return parts_.holds.create_hold(r, ctx);
  }
  Result<void> release_hold(const HoldId& hold_id, const Context& ctx) override {
    return parts_.holds.release_hold(hold_id, ctx);
  }
  Result<Booking> confirm_hold(const HoldId& hold_id, const PaymentChoice& payment, const Context& ctx) override {
    return parts_.holds.confirm_hold(hold_id, payment, ctx);
  }
  Result<Booking> staff_booking(const std::string& facility_id, const StaffBookingRequest& r,
                                const Context& ctx) override {
    return parts_.holds.staff_booking(facility_id, r, ctx);
  }
  Result<Booking> get_booking(const BookingId& booking_id, const Context& ctx) override {
    return parts_.lifecycle.get_booking(booking_id, ctx);
  }
  std::optional<Booking> find_booking(const BookingId& booking_id) override {
    return parts_.lifecycle.find_booking(booking_id);
  }
  Result<std::vector<Booking>> my_bookings(const BookingFilter& f, const Context& ctx) override {
    return parts_.lifecycle.my_bookings(f, ctx);
  }
  Result<FacilityBookingPage> facility_bookings(const std::string& facility_id, const FacilityBookingQuery& q,
                                                const Context& ctx) override {
    return parts_.lists.page(facility_id, q, ctx);
  }
  Result<BookingExport> export_facility_bookings(const std::string& facility_id, const FacilityBookingQuery& q,
                                                 const Context& ctx) override {
    return parts_.lists.download(facility_id, q, ctx);
  }
  Result<CancelResult> cancel(const BookingId& booking_id, const std::string& reason, bool full_refund,
                              const Context& ctx) override {
    return parts_.lifecycle.cancel(booking_id, reason, full_refund, ctx);
  }
  Result<Booking> check_in(const BookingId& booking_id, const Context& ctx) override {
    return parts_.lifecycle.check_in(booking_id, ctx);
  }
  Result<Booking> mark_no_show(const BookingId& booking_id, const Context& ctx) override {
    return parts_.lifecycle.mark_no_show(booking_id, ctx);
  }
  Result<Booking> reschedule(const BookingId& booking_id, const RescheduleRequest& r, const Context& ctx) override {
    return parts_.lifecycle.reschedule(booking_id, r, ctx);
  }
  Result<Booking> approve(const BookingId& booking_id, const Context& ctx) override {
    return parts_.lifecycle.approve(booking_id, ctx);
  }
  Result<CancelResult> reject(const BookingId& booking_id, const std::string& reason, const Context& ctx) override {
    return parts_.lifecycle.reject(booking_id, reason, ctx);
  }
  Result<Block> create_block(const BlockRequest& r, const Context& ctx) override {
    return parts_.blocks.create_block(r, ctx);
  }
  Result<std::vector<Block>> list_blocks(const std::string& resource_id, const Context& ctx) override {
    return parts_.blocks.list_blocks(resource_id, ctx);
  }
  Result<std::vector<Hold>> facility_holds(const std::string& facility_id, const LocalDates& dates,
                                           const Context& ctx) override {
    return parts_.holds.facility_holds(facility_id, dates, ctx);
  }
  Result<std::vector<Block>> facility_blocks(const std::string& facility_id, const LocalDates& dates,
                                             const Context& ctx) override {
    return parts_.blocks.facility_blocks(facility_id, dates, ctx);
  }
  Result<void> remove_block(const BlockId& block_id, const Context& ctx) override {
    return parts_.blocks.remove_block(block_id, ctx);
  }
  Result<WaitlistEntry> join_waitlist(const HoldRequest& r, const Context& ctx) override {
    return parts_.waitlist.join_waitlist(r, ctx);
  }
  Result<void> leave_waitlist(const WaitlistEntryId& entry_id, const Context& ctx) override {
    return parts_.waitlist.leave_waitlist(entry_id, ctx);
  }
  Result<std::vector<WaitlistEntry>> my_waitlist(const Context& ctx) override {
    return parts_.waitlist.my_waitlist(ctx);
  }

 private:
  BookingParts& parts_;
};

}  // namespace slotbase::booking
