#pragma once

#include <optional>
#include <string>
#include <vector>

#include "booking/booking_types.h"
#include "platform/core/context.h"
#include "platform/core/result.h"

namespace slotbase::booking {

/// Holds, bookings and availability. A resource's time is never given twice: holds, bookings and
/// blocks claim it in one table that the database guards (an exclusion constraint on PostgreSQL,
/// BEGIN IMMEDIATE on SQLite). Thread-safe.
class BookingService {
 public:
  virtual ~BookingService() = default;

  /// The facility's slot grid for 1 to 14 local days with each slot's status and the caller's
  /// price (a member's where the price lists have member prices). Public facilities answer
  /// anonymous callers. Computed once for everyone and kept while nothing changes it.
  virtual Result<AvailabilityView> availability(const std::string& facility_id, const AvailabilityQuery& q,
                                                const Context& ctx) = 0;

  /// conflict "slot-unavailable" if any part is held, booked or blocked; rule_violation naming
  /// the rule for hours, grid, window, lead time, durations and limits.
  virtual Result<Hold> create_hold(const HoldRequest& r, const Context& ctx) = 0;
  virtual Result<void> release_hold(const HoldId& hold_id, const Context& ctx) = 0;
  /// expired (410) when the hold has lapsed; conflict "hold-already-confirmed" when it was
  /// confirmed before. A declined card leaves the hold as it was.
  virtual Result<Booking> confirm_hold(const HoldId& hold_id, const PaymentChoice& payment, const Context& ctx) = 0;

  /// Staff only: confirmed at once, no hold, no approval, player rules not applied.
  virtual Result<Booking> staff_booking(const std::string& facility_id, const StaffBookingRequest& r,
                                        const Context& ctx) = 0;
  virtual Result<Booking> get_booking(const BookingId& booking_id, const Context& ctx) = 0;
  /// The booking as it stands, without a permission check: for other modules that react to
  /// booking events (the notification module reads whose it is and when it is).
  virtual std::optional<Booking> find_booking(const BookingId& booking_id) = 0;
  virtual Result<std::vector<Booking>> my_bookings(const BookingFilter& f, const Context& ctx) = 0;
  /// Staff: the bookings overlapping the query's local dates that pass its filters, soonest
  /// first, a page at a time. The caller is checked before the query: invalid_argument names the
  /// date, filter or cursor that is wrong (`to` for a range backwards or over kMaxListDays).
  virtual Result<FacilityBookingPage> facility_bookings(const std::string& facility_id, const FacilityBookingQuery& q,
                                                        const Context& ctx) = 0;
  /// Staff: every booking the query matches (its limit and cursor ignored) with court and player
  /// names; invalid_argument naming `to` when more than kMaxExportRows match.
  virtual Result<BookingExport> export_facility_bookings(const std::string& facility_id, const FacilityBookingQuery& q,
                                                         const Context& ctx) = 0;
  /// By its player (the facility's cancellation policy) or staff (the policy too, unless
  /// `full_refund`). A pending approval cancels without fee.
  virtual Result<CancelResult> cancel(const BookingId& booking_id, const std::string& reason, bool full_refund,
                                      const Context& ctx) = 0;

  /// Staff at any time; the player within the facility's check-in window around the start. Not
  /// while approval is pending.
  virtual Result<Booking> check_in(const BookingId& booking_id, const Context& ctx) = 0;
  /// Staff, after the start: records the no-show fee of the facility's policy.
  virtual Result<Booking> mark_no_show(const BookingId& booking_id, const Context& ctx) = 0;
  /// Atomic: the booking keeps its old slot unless the new one can be had (conflict otherwise).
  virtual Result<Booking> reschedule(const BookingId& booking_id, const RescheduleRequest& r, const Context& ctx) = 0;
  virtual Result<Booking> approve(const BookingId& booking_id, const Context& ctx) = 0;
  /// Needs a reason; cancels the booking with a full refund.
  virtual Result<CancelResult> reject(const BookingId& booking_id, const std::string& reason, const Context& ctx) = 0;

  /// Staff: takes a resource out of use. Over bookings it is a conflict unless `force`, which
  /// cancels them with a full refund.
  virtual Result<Block> create_block(const BlockRequest& r, const Context& ctx) = 0;
  virtual Result<std::vector<Block>> list_blocks(const std::string& resource_id, const Context& ctx) = 0;
  /// The holds not yet lapsed on the facility's resources during one local day or a range of
  /// them, at their exact times (staff; the dates checked as for facility_blocks).
  virtual Result<std::vector<Hold>> facility_holds(const std::string& facility_id, const LocalDates& dates,
                                                   const Context& ctx) = 0;
  /// Every active block on the facility's resources during one local day or a range of them
  /// (staff); invalid_argument naming `date`, `from` or `to` as the bookings list does.
  virtual Result<std::vector<Block>> facility_blocks(const std::string& facility_id, const LocalDates& dates,
                                                     const Context& ctx) = 0;
  virtual Result<void> remove_block(const BlockId& block_id, const Context& ctx) = 0;

  /// Joins the queue for a slot that is taken now; conflict "slot-available" if it is free.
  virtual Result<WaitlistEntry> join_waitlist(const HoldRequest& r, const Context& ctx) = 0;
  /// Leaves the queue; an offer not yet claimed is let go and passes to the next in line.
  virtual Result<void> leave_waitlist(const WaitlistEntryId& entry_id, const Context& ctx) = 0;
  virtual Result<std::vector<WaitlistEntry>> my_waitlist(const Context& ctx) = 0;
};

}  // namespace slotbase::booking
