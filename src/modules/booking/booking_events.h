#pragma once

namespace slotbase::booking::event_names {

inline constexpr const char* kHoldCreated = "booking.hold.created";    // {hold_id, expires_at, resource_id, start, end}
inline constexpr const char* kHoldReleased = "booking.hold.released";  // {hold_id, resource_id, start, end}
inline constexpr const char* kHoldExpired = "booking.hold.expired";    // {hold_id, resource_id, start, end}
inline constexpr const char* kConfirmed = "booking.confirmed";         // {booking_id, user_id, facility_id, ...}
inline constexpr const char* kCancelled = "booking.cancelled";         // {booking_id, reason, cancelled_by, refund}
inline constexpr const char* kCheckedIn = "booking.checked_in";        // {booking_id, user_id}
inline constexpr const char* kNoShow = "booking.no_show";              // {booking_id, user_id, fee}
inline constexpr const char* kCompleted = "booking.completed";         // {booking_id}
inline constexpr const char* kRescheduled =
    "booking.rescheduled";                                    // {booking_id, from: {...}, resource_id, start, end}
inline constexpr const char* kApproved = "booking.approved";  // {booking_id, approval_status}
inline constexpr const char* kRejected = "booking.rejected";  // {booking_id, reason}
inline constexpr const char* kBlockCreated = "booking.block.created";  // {block_id, resource_id, start, end, cancelled}
inline constexpr const char* kWaitlistNotified =
    "waitlist.notified";  // {entry_id, user_id, hold_id, claim_deadline, slot}
inline constexpr const char* kBlockRemoved = "booking.block.removed";  // {block_id, resource_id, start, end}
// Recurring series; each occurrence also has the booking events above, with its series_id.
inline constexpr const char* kSeriesCreated = "booking.series.created";  // {series_id, user_id, resource_id, rrule}
inline constexpr const char* kSeriesChanged = "booking.series.changed";  // {series_id, scope, from_date, moved}
inline constexpr const char* kSeriesCancelled =
    "booking.series.cancelled";  // {series_id, scope, from_date, user_id, cancelled}
inline constexpr const char* kSeriesConflict =
    "booking.series.conflict";  // {series_id, user_id, date, rule, detail, resource_id, start, end}

}  // namespace slotbase::booking::event_names
