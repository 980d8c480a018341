#pragma once

namespace slotbase::booking::event_names {

inline constexpr const char* kHoldCreated = "booking.hold.created";    // {hold_id, expires_at, resource_id, start, end}
inline constexpr const char* kHoldReleased = "booking.hold.released";  // {hold_id, resource_id, start, end}
inline constexpr const char* kHoldExpired = "booking.hold.expired";    // {hold_id, resource_id, start, end}
inline constexpr const char* kConfirmed = "booking.confirmed";         // {booking_id, user_id, facility_id, ...}
inline constexpr const char* kCancelled = "booking.cancelled";         // {booking_id, reason, cancelled_by, refund}

}  // namespace slotbase::booking::event_names
