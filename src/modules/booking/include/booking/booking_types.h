#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/core/enum_names.h"
#include "platform/core/ids.h"
#include "platform/core/money.h"
#include "platform/core/time.h"

namespace slotbase::booking {

using HoldId = Id<struct HoldTag>;
using BookingId = Id<struct BookingTag>;
using BlockId = Id<struct BlockTag>;
using WaitlistEntryId = Id<struct WaitlistEntryTag>;
using SeriesId = Id<struct SeriesTag>;

/// The text of an optional id, for the events and rows that carry ids as text.
template <class Tag>
std::optional<std::string> opt_str(const std::optional<Id<Tag>>& id) {
  if (!id) return std::nullopt;
  return id->str();
}

/// An optional id from its text (a nullable column, an optional member of a request).
template <class I>
std::optional<I> opt_id(std::optional<std::string> text) {
  if (!text) return std::nullopt;
  return I{std::move(*text)};
}

/// The texts of ids, in order.
template <class Tag>
std::vector<std::string> strs(const std::vector<Id<Tag>>& ids) {
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (const auto& id : ids) out.push_back(id.str());
  return out;
}

enum class HoldStatus { active, converted, released, expired };
constexpr EnumNames<HoldStatus, 4> names_of(HoldStatus) {
  return {{{{HoldStatus::active, "active"},
            {HoldStatus::converted, "converted"},
            {HoldStatus::released, "released"},
            {HoldStatus::expired, "expired"}}}};
}

enum class BookingStatus { confirmed, checked_in, completed, cancelled, no_show };
constexpr EnumNames<BookingStatus, 5> names_of(BookingStatus) {
  return {{{{BookingStatus::confirmed, "confirmed"},
            {BookingStatus::checked_in, "checked_in"},
            {BookingStatus::completed, "completed"},
            {BookingStatus::cancelled, "cancelled"},
            {BookingStatus::no_show, "no_show"}}}};
}

enum class ApprovalStatus { not_required, pending, approved, auto_approved, rejected };
constexpr EnumNames<ApprovalStatus, 5> names_of(ApprovalStatus) {
  return {{{{ApprovalStatus::not_required, "not_required"},
            {ApprovalStatus::pending, "pending"},
            {ApprovalStatus::approved, "approved"},
            {ApprovalStatus::auto_approved, "auto_approved"},
            {ApprovalStatus::rejected, "rejected"}}}};
}

enum class PaymentStatus { pending, paid, partial, refunded, waived };
constexpr EnumNames<PaymentStatus, 5> names_of(PaymentStatus) {
  return {{{{PaymentStatus::pending, "pending"},
            {PaymentStatus::paid, "paid"},
            {PaymentStatus::partial, "partial"},
            {PaymentStatus::refunded, "refunded"},
            {PaymentStatus::waived, "waived"}}}};
}

enum class PaymentMethod { none, offline, card, credit };
constexpr EnumNames<PaymentMethod, 4> names_of(PaymentMethod) {
  return {{{{PaymentMethod::none, "none"},
            {PaymentMethod::offline, "offline"},
            {PaymentMethod::card, "card"},
            {PaymentMethod::credit, "credit"}}}};
}

enum class WaitlistStatus { waiting, notified, booked, expired, cancelled };
constexpr EnumNames<WaitlistStatus, 5> names_of(WaitlistStatus) {
  return {{{{WaitlistStatus::waiting, "waiting"},
            {WaitlistStatus::notified, "notified"},
            {WaitlistStatus::booked, "booked"},
            {WaitlistStatus::expired, "expired"},
            {WaitlistStatus::cancelled, "cancelled"}}}};
}

/// Why a booking was cancelled: by its player, by staff, by a block placed over it, or by a
/// rejection of its approval.
enum class CancelCause { player, staff, block, rejection };
constexpr EnumNames<CancelCause, 4> names_of(CancelCause) {
  return {{{{CancelCause::player, "player"},
            {CancelCause::staff, "staff"},
            {CancelCause::block, "block"},
            {CancelCause::rejection, "rejection"}}}};
}

enum class SlotStatus { available, held, booked, blocked, closed };
constexpr EnumNames<SlotStatus, 5> names_of(SlotStatus) {
  return {{{{SlotStatus::available, "available"},
            {SlotStatus::held, "held"},
            {SlotStatus::booked, "booked"},
            {SlotStatus::blocked, "blocked"},
            {SlotStatus::closed, "closed"}}}};
}

/// Booking types; players create open_play and lesson, the rest are staff's.
inline constexpr const char* kBookingTypes[] = {"open_play", "lesson", "league",     "tournament",
                                                "private",   "block",  "maintenance"};

struct Hold {
  HoldId id;
  std::string facility_id;
  std::string resource_id;
  std::string user_id;    // who the booking will be for
  std::string booked_by;  // who asked (staff booking for a member, or the player)
  std::string type;
  Instant start;
  Instant end;
  Instant expires_at;
  HoldStatus status = HoldStatus::active;
  Money price;
  std::optional<BookingId> booking_id;
  bool offer = false;  // a waitlist offer: confirming it settles the entry
};

struct Booking {
  BookingId id;
  std::string facility_id;
  std::string resource_id;
  std::string user_id;
  std::string created_by;
  std::string type;
  Instant start;
  Instant end;
  BookingStatus status = BookingStatus::confirmed;
  ApprovalStatus approval_status = ApprovalStatus::not_required;
  PaymentStatus payment_status = PaymentStatus::pending;
  PaymentMethod payment_method = PaymentMethod::none;
  Money price;
  std::string note;
  std::optional<std::string> cancel_reason;
  std::optional<std::string> cancelled_by;
  std::optional<std::int64_t> refund_amount;
  Instant created_at;
  std::optional<SeriesId> series_id;       // an occurrence of a recurring series
  std::optional<std::string> series_date;  // the local date its rule gave it, YYYY-MM-DD
};

struct Block {
  BlockId id;
  std::string facility_id;
  std::string resource_id;
  Instant start;
  Instant end;
  std::string reason;
  std::string created_by;
  std::vector<BookingId> cancelled_bookings;  // bookings a forced block cancelled
  std::optional<SeriesId> series_id;
  std::optional<std::string> series_date;
};

// Requests carry instants parsed at the edge: RFC 3339 read, whole minutes, end after start and
// within a day (the routes' rules::parse_range); services trust them.
struct BlockRequest {
  std::string resource_id;
  Instant start;
  Instant end;
  std::string reason;
  bool force = false;
};

struct WaitlistEntry {
  WaitlistEntryId id;
  std::string facility_id;
  std::string resource_id;
  std::string user_id;
  Instant start;
  Instant end;
  WaitlistStatus status = WaitlistStatus::waiting;
  std::optional<HoldId> hold_id;
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
  Instant start;
  Instant end;
  std::optional<std::string> booked_for_user_id;
};

struct PaymentChoice {
  PaymentMethod method = PaymentMethod::none;
  std::optional<std::string> offline_method;
  // The provider's id of a payment method the client made there ("pm_..."; card details never
  // reach SlotBase), passed to the gateway. Sent as payment.details.payment_method.
  std::optional<std::string> payment_method;
};

struct StaffBookingRequest {
  std::string resource_id;
  Instant start;
  Instant end;
  std::string type;
  std::optional<std::string> user_id;
  std::string note;
};

struct Slot {
  Instant start;
  Instant end;
  SlotStatus status = SlotStatus::available;
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
  Instant start;
  Instant end;
  std::optional<std::string> resource_id;  // another court of the same facility
};

struct BookingFilter {
  std::optional<std::string> status;
  int limit = 50;
  std::optional<std::string> cursor;
};

/// Staff's list of a facility's bookings: those overlapping one local `date`, or the local dates
/// `from` to `to` (both inclusive, at most kMaxListDays; `to` defaults to `from`), narrowed by
/// each filter given. As the request has them: the service checks the caller first, then them
/// (invalid_argument naming the field: a date, a word none of the enum's, a range too long).
struct FacilityBookingQuery {
  std::optional<std::string> date;
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::optional<std::string> resource_id;
  std::optional<std::string> status;           // a BookingStatus
  std::optional<std::string> approval_status;  // an ApprovalStatus
  std::optional<std::string> payment_status;   // a PaymentStatus
  std::optional<std::string> type;             // one of kBookingTypes
  std::optional<int> limit;                    // nullopt: every booking (the desk's one day)
  std::optional<std::string> cursor;
};
inline constexpr int kMaxListDays = 366;

/// The local dates a staff read asks for, as the request has them: one `date`, or `from` to
/// `to` (both inclusive, at most kMaxListDays; `to` defaults to `from`).
struct LocalDates {
  std::optional<std::string> date;
  std::optional<std::string> from;
  std::optional<std::string> to;
};
/// An export holds at most this many bookings; a wider one is refused (narrow the filters).
inline constexpr int kMaxExportRows = 10000;

/// Who a booking is for, as the facility's staff see them (whether a member or not): never in a
/// player's own views.
struct BookingPlayer {
  std::string id;
  std::string name;
  std::string email;
  std::optional<std::string> phone;
};

/// One page, soonest first; `next_cursor` when more follow. `players` has the page's players by
/// user id (a deleted account, or a club booking without a player, has none).
struct FacilityBookingPage {
  std::vector<Booking> items;
  std::optional<std::string> next_cursor;
  std::map<std::string, BookingPlayer> players;
};

/// A booking with the names people read: its court's, its player's name, e-mail and phone.
struct BookingRow {
  Booking booking;
  std::string resource_name;
  std::string player_name;
  std::string player_email;
  std::string player_phone;
};

/// Every booking a query matches, for a download, with the facility's zone to show times in.
struct BookingExport {
  std::string facility_name;
  std::string timezone;
  LocalDate from;  // the dates asked for
  LocalDate to;
  std::vector<BookingRow> rows;
};

}  // namespace slotbase::booking
