#pragma once

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "platform/events/typed_event.h"

/// The events the booking module emits (platform/events/typed_event.h says how they are
/// written). Every event about a slot carries the slot; a facility's live feed and the waitlist
/// read it from there.
namespace slotbase::booking {

/// A slot of a resource: where an event's time was before it moved.
struct SlotPart {
  std::string resource_id;
  Instant start;
  Instant end;
  bool operator==(const SlotPart&) const = default;
};
SB_EVENT_CODEC(SlotPart, resource_id, start, end)

/// A share of a booking's price: a refund or a fee.
struct PriceShare {
  std::int64_t amount = 0;
  std::string currency;
  int percent = 0;
  bool operator==(const PriceShare&) const = default;
};
SB_EVENT_CODEC(PriceShare, amount, currency, percent)

struct HoldCreated {
  static constexpr const char* kType = "booking.hold.created";
  static constexpr int kVersion = 1;
  std::string hold_id;
  std::string resource_id;
  Instant start;
  Instant end;
  Instant expires_at;
  bool operator==(const HoldCreated&) const = default;
};
SB_EVENT_CODEC(HoldCreated, hold_id, resource_id, start, end, expires_at)

/// Released by its holder, or by staff placing a block over it (with the block's reason); the
/// slot is absent only in the latter case.
struct HoldReleased {
  static constexpr const char* kType = "booking.hold.released";
  static constexpr int kVersion = 1;
  std::string hold_id;
  std::optional<std::string> resource_id;
  std::optional<Instant> start;
  std::optional<Instant> end;
  std::optional<std::string> reason;
  bool operator==(const HoldReleased&) const = default;
};
SB_EVENT_CODEC(HoldReleased, hold_id, resource_id, start, end, reason)

/// A payment in flight keeps the hold longer: it now ends at `expires_at`.
struct HoldExtended {
  static constexpr const char* kType = "booking.hold.extended";
  static constexpr int kVersion = 1;
  std::string hold_id;
  std::string resource_id;
  Instant start;
  Instant end;
  Instant expires_at;
  bool operator==(const HoldExtended&) const = default;
};
SB_EVENT_CODEC(HoldExtended, hold_id, resource_id, start, end, expires_at)

/// The hold's time ran out. The slot is absent when a claim let a lapsed hold go in its own
/// transaction (it knows only the hold's id there).
struct HoldExpired {
  static constexpr const char* kType = "booking.hold.expired";
  static constexpr int kVersion = 1;
  std::string hold_id;
  std::optional<std::string> resource_id;
  std::optional<Instant> start;
  std::optional<Instant> end;
  bool operator==(const HoldExpired&) const = default;
};
SB_EVENT_CODEC(HoldExpired, hold_id, resource_id, start, end)

/// A booking exists: from a hold, by staff, or as an occurrence of a series.
struct BookingConfirmed {
  static constexpr const char* kType = "booking.confirmed";
  static constexpr int kVersion = 1;
  std::string booking_id;
  std::string user_id;
  std::string facility_id;
  std::string resource_id;
  Instant start;
  Instant end;
  std::string type;
  std::string approval_status;
  std::string payment_status;
  Money price;
  std::optional<std::string> hold_id;
  std::optional<std::string> series_id;
  bool operator==(const BookingConfirmed&) const = default;
};
SB_EVENT_CODEC(BookingConfirmed, booking_id, user_id, facility_id, resource_id, start, end, type, approval_status,
               payment_status, price, hold_id, series_id)

/// `cause` says why (booking_types.h's CancelCause: player, staff, block, rejection); events
/// written before it existed lack it, and `by_staff` tells player from staff there.
struct BookingCancelled {
  static constexpr const char* kType = "booking.cancelled";
  static constexpr int kVersion = 1;
  std::string booking_id;
  std::string user_id;
  std::string resource_id;
  Instant start;
  Instant end;
  std::string reason;
  std::string cancelled_by;
  bool by_staff = false;
  PriceShare refund;
  std::optional<std::string> cause;
  bool operator==(const BookingCancelled&) const = default;
};
SB_EVENT_CODEC(BookingCancelled, booking_id, user_id, resource_id, start, end, reason, cancelled_by, by_staff, refund,
               cause)

struct BookingCheckedIn {
  static constexpr const char* kType = "booking.checked_in";
  static constexpr int kVersion = 1;
  std::string booking_id;
  std::string user_id;
  bool operator==(const BookingCheckedIn&) const = default;
};
SB_EVENT_CODEC(BookingCheckedIn, booking_id, user_id)

/// Marked by staff, or by the worker after the grace period (`automatic`).
struct BookingNoShow {
  static constexpr const char* kType = "booking.no_show";
  static constexpr int kVersion = 1;
  std::string booking_id;
  std::string user_id;
  bool automatic = false;
  PriceShare fee;
  bool operator==(const BookingNoShow&) const = default;
};
SB_EVENT_CODEC(BookingNoShow, booking_id, user_id, automatic, fee)

struct BookingCompleted {
  static constexpr const char* kType = "booking.completed";
  static constexpr int kVersion = 1;
  std::string booking_id;
  std::string user_id;
  bool operator==(const BookingCompleted&) const = default;
};
SB_EVENT_CODEC(BookingCompleted, booking_id, user_id)

/// The booking moved from `from` to the slot it names.
struct BookingRescheduled {
  static constexpr const char* kType = "booking.rescheduled";
  static constexpr int kVersion = 1;
  std::string booking_id;
  std::string resource_id;
  Instant start;
  Instant end;
  SlotPart from;
  std::optional<std::string> series_id;
  bool operator==(const BookingRescheduled&) const = default;
};
SB_EVENT_CODEC(BookingRescheduled, booking_id, resource_id, start, end, from, series_id)

/// approval_status: approved (by staff) or auto_approved (by the facility's timer).
struct BookingApproved {
  static constexpr const char* kType = "booking.approved";
  static constexpr int kVersion = 1;
  std::string booking_id;
  std::string user_id;
  std::string approval_status;
  bool operator==(const BookingApproved&) const = default;
};
SB_EVENT_CODEC(BookingApproved, booking_id, user_id, approval_status)

/// Also cancelled (booking.cancelled comes first, with the refund).
struct BookingRejected {
  static constexpr const char* kType = "booking.rejected";
  static constexpr int kVersion = 1;
  std::string booking_id;
  std::string user_id;
  std::string reason;
  bool operator==(const BookingRejected&) const = default;
};
SB_EVENT_CODEC(BookingRejected, booking_id, user_id, reason)

/// `cancelled`: the bookings the block cancelled (each with its own booking.cancelled).
struct BlockCreated {
  static constexpr const char* kType = "booking.block.created";
  static constexpr int kVersion = 1;
  std::string block_id;
  std::string resource_id;
  Instant start;
  Instant end;
  std::string reason;
  std::vector<std::string> cancelled;
  std::optional<std::string> series_id;
  bool operator==(const BlockCreated&) const = default;
};
SB_EVENT_CODEC(BlockCreated, block_id, resource_id, start, end, reason, cancelled, series_id)

struct BlockRemoved {
  static constexpr const char* kType = "booking.block.removed";
  static constexpr int kVersion = 1;
  std::string block_id;
  std::string resource_id;
  Instant start;
  Instant end;
  std::optional<std::string> series_id;
  bool operator==(const BlockRemoved&) const = default;
};
SB_EVENT_CODEC(BlockRemoved, block_id, resource_id, start, end, series_id)

/// A waiting player was offered the slot: a hold is theirs until `claim_deadline`.
struct WaitlistNotified {
  static constexpr const char* kType = "waitlist.notified";
  static constexpr int kVersion = 1;
  std::string entry_id;
  std::string user_id;
  std::string hold_id;
  std::string resource_id;
  Instant start;
  Instant end;
  Instant expires_at;
  Instant claim_deadline;
  Money price;
  bool operator==(const WaitlistNotified&) const = default;
};
SB_EVENT_CODEC(WaitlistNotified, entry_id, user_id, hold_id, resource_id, start, end, expires_at, claim_deadline, price)

// Recurring series; each occurrence also has the booking events above, with its series_id.
struct SeriesCreated {
  static constexpr const char* kType = "booking.series.created";
  static constexpr int kVersion = 1;
  std::string series_id;
  std::string user_id;
  std::string resource_id;
  std::string rrule;
  bool operator==(const SeriesCreated&) const = default;
};
SB_EVENT_CODEC(SeriesCreated, series_id, user_id, resource_id, rrule)

/// scope: following | all; `moved`: how many occurrences moved.
struct SeriesChanged {
  static constexpr const char* kType = "booking.series.changed";
  static constexpr int kVersion = 1;
  std::string series_id;
  std::string scope;
  std::string from_date;
  std::int64_t moved = 0;
  bool operator==(const SeriesChanged&) const = default;
};
SB_EVENT_CODEC(SeriesChanged, series_id, scope, from_date, moved)

struct SeriesCancelled {
  static constexpr const char* kType = "booking.series.cancelled";
  static constexpr int kVersion = 1;
  std::string series_id;
  std::string scope;
  std::string from_date;
  std::string user_id;
  std::vector<std::string> cancelled;
  bool operator==(const SeriesCancelled&) const = default;
};
SB_EVENT_CODEC(SeriesCancelled, series_id, scope, from_date, user_id, cancelled)

/// An occurrence could not be booked; `rule` names why (the error's rule or code).
struct SeriesConflictRecorded {
  static constexpr const char* kType = "booking.series.conflict";
  static constexpr int kVersion = 1;
  std::string series_id;
  std::string user_id;
  std::string date;
  std::string rule;
  std::string detail;
  std::string resource_id;
  Instant start;
  Instant end;
  bool operator==(const SeriesConflictRecorded&) const = default;
};
SB_EVENT_CODEC(SeriesConflictRecorded, series_id, user_id, date, rule, detail, resource_id, start, end)

/// Every event the module emits (the round-trip test and the event catalogue read this list).
using Events = std::tuple<HoldCreated, HoldReleased, HoldExpired, HoldExtended, BookingConfirmed, BookingCancelled,
                          BookingCheckedIn, BookingNoShow, BookingCompleted, BookingRescheduled, BookingApproved,
                          BookingRejected, BlockCreated, BlockRemoved, WaitlistNotified, SeriesCreated, SeriesChanged,
                          SeriesCancelled, SeriesConflictRecorded>;

}  // namespace slotbase::booking
