#pragma once

#include <functional>

#include "booking/booking_events.h"
#include "booking/booking_service.h"
#include "booking/payment_gateway.h"
#include "organization/organization_service.h"
#include "platform/clock/clock.h"
#include "platform/core/zone.h"
#include "platform/db/database.h"
#include "platform/events/domain_event.h"
#include "platform/events/jobs.h"
#include "platform/events/outbox.h"
#include "resource/resource_service.h"

namespace slotbase::booking {

inline constexpr const char* kExpireHoldJob = "booking.expire_hold";
inline constexpr const char* kNoShowJob = "booking.no_show_check";
inline constexpr const char* kCompleteJob = "booking.complete";
inline constexpr const char* kAutoApproveJob = "booking.auto_approve";

class BookingServiceImpl final : public BookingService {
 public:
  /// The conflict for time that is held, booked or blocked already.
  static const Error kSlotTaken;

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
  Result<Booking> check_in(const std::string& booking_id, const Context& ctx) override;
  Result<Booking> mark_no_show(const std::string& booking_id, const Context& ctx) override;
  Result<Booking> reschedule(const std::string& booking_id, const RescheduleRequest& r, const Context& ctx) override;
  Result<Booking> approve(const std::string& booking_id, const Context& ctx) override;
  Result<CancelResult> reject(const std::string& booking_id, const std::string& reason, const Context& ctx) override;
  Result<Block> create_block(const BlockRequest& r, const Context& ctx) override;
  Result<std::vector<Block>> list_blocks(const std::string& resource_id, const Context& ctx) override;
  Result<std::vector<Block>> facility_blocks(const std::string& facility_id, const std::string& date,
                                             const Context& ctx) override;
  Result<void> remove_block(const std::string& block_id, const Context& ctx) override;
  Result<WaitlistEntry> join_waitlist(const HoldRequest& r, const Context& ctx) override;
  Result<void> leave_waitlist(const std::string& entry_id, const Context& ctx) override;
  Result<std::vector<WaitlistEntry>> my_waitlist(const Context& ctx) override;
  int expire_lapsed_holds() override;
  int settle_past_bookings() override;
  void expire_hold(const std::string& hold_id) override;
  /// Subscriber: when a slot frees, offers it to the waitlist; settles offers as they are
  /// claimed or lapse. At most once per event.
  void on_slot_event(const events::DomainEvent& e);
  void auto_no_show(const std::string& booking_id, Instant expected_start) override;
  void auto_complete(const std::string& booking_id, Instant expected_end) override;
  void auto_approve(const std::string& booking_id) override;

 private:
  // The recurring series book, move and cancel their occurrences through the same steps.
  friend class RecurringServiceImpl;

  /// Parses a booking's start and end: whole minutes, end after start, at most a day long.
  static Result<std::pair<Instant, Instant>> parse_range(const std::string& start, const std::string& end);
  static bool is_type(const std::string& type);

  struct Place {
    organization::Facility facility;
    resource::Resource resource;
    Zone zone;
    organization::OperatingHours hours;  // read once per request: rules and prices both need them
    nlohmann::json pricing;              // the resource's, as stored (null: free), read with the resource
  };
  /// The resource and its facility as the caller may see them (otherwise resource_id is invalid).
  Result<Place> place_of(const std::string& resource_id, const Context& ctx);
  /// The same for staff who manage the facility's bookings: not_found when the resource is
  /// missing or hidden from the caller, permission_denied when they may only see it.
  Result<Place> managed_place(const std::string& resource_id, const Context& ctx);
  /// `member`, when the caller already asked, saves asking again.
  Money price_for(const Place& p, const std::string& user_id, Instant start, Instant end,
                  std::optional<bool> member = std::nullopt);
  /// Prices slots of `p` for one player, reading the price list and membership once; valid
  /// while `p` lives.
  std::function<Money(Instant, Instant)> pricer_for(const Place& p, const std::string& user_id,
                                                    std::optional<bool> member = std::nullopt);
  /// The facility if the caller has `permission` there; not_found says `missing` (the object
  /// that led there: a resource, a block) so another tenant's ids stay unknown.
  Result<organization::Facility> facility_as(const std::string& facility_id, identity::Permission permission,
                                             const Context& ctx, const char* missing);
  /// One local day, [from, to) in UTC, of a facility the caller may view as staff.
  struct Day {
    std::string facility_id;
    Instant from;
    Instant to;
  };
  Result<Day> day_of(const std::string& facility_id, const std::string& date, const Context& ctx);
  /// Who finds a claim in the way: a query before the insert, or (where the database has one)
  /// the overlap constraint at the insert, which fails the whole transaction.
  enum class OverlapCheck { query, constraint };
  /// Claims [start, end) on the resource in `tx`: lapsed holds in the way are let go; any other
  /// claim is a conflict. The database constraint backs this check up under concurrency. With
  /// OverlapCheck::constraint, on PostgreSQL the constraint alone refuses the claim (DbError
  /// exclusion_violation): for a transaction that claims once and does nothing a failure would
  /// wrongly undo, it saves the query and the lock that queues claimers of one resource.
  Result<void> claim(db::Connection& tx, const Place& p, Instant start, Instant end, const std::string& kind,
                     const std::string& owner_id, std::optional<Instant> expires_at, const Context& ctx,
                     OverlapCheck check = OverlapCheck::query);
  /// Puts `block` on its resource in `tx`: lapsed and live holds are let go; bookings in the way
  /// are a conflict unless `force`, which cancels them with a full refund (listed in the block).
  Result<void> place_block(db::Connection& tx, const Place& p, Block& block, bool force, const Context& ctx);
  /// The booking and whether the caller is the facility's staff, if the caller may see it.
  Result<std::pair<Booking, organization::Facility>> booking_for(const std::string& booking_id, const Context& ctx);
  /// Sets the cancellation fields of `b` for `percent` refunded and returns the refund.
  static Refund settle(Booking& b, int percent, const std::string& reason, const std::string& cancelled_by);
  /// Cancels `b` (already settled) in `tx`: frees its time and emits booking.cancelled.
  Result<void> cancel_in(db::Connection& tx, const Booking& b, const Refund& refund, bool by_staff, const Context& ctx);
  /// Offers freed time on a resource to the waiting entries it now fits, first come first.
  void offer(db::Connection& tx, const std::string& resource_id, Instant start, Instant end);
  /// When `b` becomes a no-show unless checked in: start + the facility's grace, for the types a
  /// player shows up to. The worker's sweep (settle_past_bookings) finds it then, and `b`'s end.
  static std::optional<Instant> no_show_at(const Booking& b, const organization::Policies& policies);
  /// Marks `b` a no-show with `fee_percent` of its price as the fee, or completed; false if it
  /// was no longer confirmed (or checked in) by then.
  bool no_show_in(db::Connection& tx, const Booking& b, int fee_percent);
  bool complete_in(db::Connection& tx, const Booking& b);
  /// The job that approves a pending booking by itself, if the facility has one.
  void schedule_approval(db::Connection& tx, const Booking& b, const organization::Policies& policies) const;
  /// booking.confirmed for `b`, which came from `hold_id` if it has one.
  static BookingConfirmed confirmed_event(const Booking& b, std::optional<std::string> hold_id);
  /// Appends `event` (one of booking_events.h) about `aggregate_id` to `tx`'s outbox.
  template <class E>
  void emit(db::Connection& tx, const E& event, const std::string& aggregate_id, const std::string& facility_id,
            const Context& ctx) const {
    outbox_.append(tx, prepare(event, aggregate_id, facility_id, ctx));
  }
  /// An event to emit once the transaction that needs it runs: made before it, for the hot paths
  /// whose events do not depend on what the transaction reads.
  template <class E>
  events::PreparedEvent prepare(const E& event, const std::string& aggregate_id, const std::string& facility_id,
                                const Context& ctx) const {
    return outbox_.prepare(
        events::new_event(event, "booking", aggregate_id, facility_id, ctx.user_id, ctx.correlation_id));
  }

  db::Database& db_;
  const Clock& clock_;
  const events::Outbox& outbox_;
  const events::JobQueue& jobs_;
  organization::OrganizationService& orgs_;
  resource::ResourceService& resources_;
  PaymentGateway* payments_;
};

}  // namespace slotbase::booking
