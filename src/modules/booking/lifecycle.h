#pragma once

#include <string>
#include <utility>
#include <vector>

#include "booking/booking_types.h"
#include "claims_ledger.h"
#include "event_log.h"
#include "organization/organization_service.h"
#include "places.h"
#include "platform/clock/clock.h"
#include "platform/db/database.h"
#include "platform/events/jobs.h"

namespace slotbase::booking {

inline constexpr const char* kNoShowJob = "booking.no_show_check";
inline constexpr const char* kCompleteJob = "booking.complete";
inline constexpr const char* kAutoApproveJob = "booking.auto_approve";

/// A booking's life once it exists: reading it, cancellation under the facility's policy,
/// check-in, no-shows and completion (swept by the worker), approval and rejection, and moving
/// it. Thread-safe.
class Lifecycle {
 public:
  Lifecycle(db::Database& db, const Clock& clock, const events::JobQueue& jobs, organization::OrganizationService& orgs,
            Places& places, ClaimsLedger& ledger, const EventLog& events)
      : db_(db), clock_(clock), jobs_(jobs), orgs_(orgs), places_(places), ledger_(ledger), events_(events) {}

  Result<Booking> get_booking(const BookingId& booking_id, const Context& ctx);
  /// The booking as it stands, without a permission check.
  std::optional<Booking> find_booking(const BookingId& booking_id);
  Result<std::vector<Booking>> my_bookings(const BookingFilter& f, const Context& ctx);
  Result<CancelResult> cancel(const BookingId& booking_id, const std::string& reason, bool full_refund,
                              const Context& ctx);
  Result<Booking> check_in(const BookingId& booking_id, const Context& ctx);
  Result<Booking> mark_no_show(const BookingId& booking_id, const Context& ctx);
  Result<Booking> reschedule(const BookingId& booking_id, const RescheduleRequest& r, const Context& ctx);
  Result<Booking> approve(const BookingId& booking_id, const Context& ctx);
  Result<CancelResult> reject(const BookingId& booking_id, const std::string& reason, const Context& ctx);

  /// Cancels `b` (already settled by rules::settle) in `tx`: frees its time and emits
  /// booking.cancelled with its cause.
  Result<void> cancel_in(db::Connection& tx, const Booking& b, const Refund& refund, CancelCause cause,
                         const Context& ctx);
  /// Queues the job that approves a pending booking by itself, if the facility has one.
  void schedule_approval(db::Connection& tx, const Booking& b, const organization::Policies& policies) const;

  /// The worker's sweep: marks confirmed bookings past their no-show time as no-shows (with the
  /// facility's fee), then confirmed and checked-in bookings past their end as completed,
  /// emitting booking.no_show and booking.completed; returns how many.
  int settle_past_bookings();
  // Job handlers. Idempotent: each acts only if the booking is still in the state it expects.
  /// For the no-show and completion jobs of bookings made before the sweeps.
  void auto_no_show(const BookingId& booking_id, Instant expected_start);
  void auto_complete(const BookingId& booking_id, Instant expected_end);
  void auto_approve(const BookingId& booking_id);

 private:
  /// The booking and its facility, if the caller may see it.
  Result<std::pair<Booking, organization::Facility>> booking_for(const BookingId& booking_id, const Context& ctx);
  /// Marks `b` a no-show with `fee_percent` of its price as the fee, or completed; false if it
  /// was no longer confirmed (or checked in) by then.
  bool no_show_in(db::Connection& tx, const Booking& b, int fee_percent);
  bool complete_in(db::Connection& tx, const Booking& b);

  db::Database& db_;
  const Clock& clock_;
  const events::JobQueue& jobs_;
  organization::OrganizationService& orgs_;
  Places& places_;
  ClaimsLedger& ledger_;
  const EventLog& events_;
};

}  // namespace slotbase::booking
