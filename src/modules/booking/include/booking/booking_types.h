#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "platform/core/money.h"
#include "platform/core/time.h"

namespace slotbase::booking {

/// Booking types; players create open_play and lesson, the rest are staff's.
inline constexpr const char* kBookingTypes[] = {"open_play", "lesson", "league",     "tournament",
                                                "private",   "block",  "maintenance"};

struct Hold {
  std::string id;
  std::string facility_id;
  std::string resource_id;
  std::string user_id;    // who the booking will be for
  std::string booked_by;  // who asked (staff booking for a member, or the player)
  std::string type;
  Instant start;
  Instant end;
  Instant expires_at;
  std::string status;  // active | converted | released | expired
  Money price;
  std::optional<std::string> booking_id;
  bool offer = false;  // a waitlist offer: confirming it settles the entry
};

struct Booking {
  std::string id;
  std::string facility_id;
  std::string resource_id;
  std::string user_id;
  std::string created_by;
  std::string type;
  Instant start;
  Instant end;
  std::string status;           // confirmed | checked_in | completed | cancelled | no_show
  std::string approval_status;  // not_required | pending | approved | auto_approved | rejected
  std::string payment_status;   // pending | paid | partial | refunded | waived
  std::string payment_method;   // none | offline | card | credit
  Money price;
  std::string note;
  std::optional<std::string> cancel_reason;
  std::optional<std::string> cancelled_by;
  std::optional<std::int64_t> refund_amount;
  Instant created_at;
  std::optional<std::string> series_id;    // an occurrence of a recurring series
  std::optional<std::string> series_date;  // the local date its rule gave it, YYYY-MM-DD
};

struct Block {
  std::string id;
  std::string facility_id;
  std::string resource_id;
  Instant start;
  Instant end;
  std::string reason;
  std::string created_by;
  std::vector<std::string> cancelled_bookings;  // bookings a forced block cancelled
  std::optional<std::string> series_id;
  std::optional<std::string> series_date;
};

struct BlockRequest {
  std::string resource_id;
  std::string start;
  std::string end;
  std::string reason;
  bool force = false;
};

struct WaitlistEntry {
  std::string id;
  std::string facility_id;
  std::string resource_id;
  std::string user_id;
  Instant start;
  Instant end;
  std::string status;  // waiting | notified | booked | expired | cancelled
  std::optional<std::string> hold_id;
  std::optional<Instant> claim_deadline;
  Instant created_at;
};

struct Refund {
  Money amount;
  int percent = 0;
};

struct CancelResult {
  Booking booking;
  Refund refund;
};

struct HoldRequest {
  std::string resource_id;
  std::string start;  // RFC 3339, parsed by the service so errors name the field
  std::string end;
  std::optional<std::string> booked_for_user_id;
};

struct PaymentChoice {
  std::string method = "none";  // none | offline | card | credit
  std::optional<std::string> offline_method;
  // The provider's id of a payment method the client made there ("pm_..."; card details never
  // reach SlotBase), passed to the gateway. Sent as payment.details.payment_method.
  std::optional<std::string> payment_method;
};

struct StaffBookingRequest {
  std::string resource_id;
  std::string start;
  std::string end;
  std::string type;
  std::optional<std::string> user_id;
  std::string note;
};

struct Slot {
  Instant start;
  Instant end;
  std::string status;  // available | held | booked | blocked | closed
  Money price;
};

struct ResourceSlots {
  std::string resource_id;
  std::string name;
  std::vector<Slot> slots;
};

struct Availability {
  std::string facility_id;
  std::string timezone;
  std::vector<ResourceSlots> resources;
  /// The slots are as of `as_of`, and stay so until `valid_until` if nothing is written meanwhile:
  /// the first hold to lapse, the first open slot to come within the lead time or start, or the
  /// facility's next midnight (the booking window moves). Neither is part of the document.
  Instant as_of{};
  Instant valid_until{};
};

/// Availability as one caller is shown it. Shared and immutable: every caller of the same price
/// class gets the same document, named by `revision` (which names no other document).
struct AvailabilityView {
  std::shared_ptr<const Availability> availability;
  std::string revision;
};

struct AvailabilityQuery {
  std::string date;  // YYYY-MM-DD in the facility's time zone
  int days = 1;
  std::optional<std::string> resource_id;
  std::optional<int> duration_minutes;
};

struct RescheduleRequest {
  std::string start;
  std::string end;
  std::optional<std::string> resource_id;  // another court of the same facility
};

struct BookingFilter {
  std::optional<std::string> status;
  int limit = 50;
  std::optional<std::string> cursor;
};

}  // namespace slotbase::booking
