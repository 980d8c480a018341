#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "booking/booking_types.h"
#include "claim_owner.h"
#include "platform/db/database.h"
#include "rules/availability.h"

namespace slotbase::booking {

/// No claim is longer: every range is refused past 24 hours (parse_range), and a recurring
/// occurrence's wall-clock span can gain a daylight-saving shift on top. The overlap queries
/// rely on it to bound their index scans.
inline constexpr std::chrono::hours kLongestClaim{26};

/// A resource's time taken by a hold, booking or block.
using rules::Claim;

/// Which of a facility's bookings a staff list reads; '' in a filter lets every value through.
struct FacilityBookingSelection {
  std::string facility_id;
  Instant from;
  Instant to;
  std::string resource_id;
  std::string status;
  std::string approval_status;
  std::string payment_status;
  std::string type;
  Instant after_start;
  BookingId after_id;
  std::int64_t limit = 0;
};

/// The booking module's tables. Every method runs in the caller's transaction.
class BookingRepository {
 public:
  /// Lets go of lapsed holds overlapping [start, end) on the resource; returns their ids.
  static std::vector<HoldId> expire_overlapping_holds(db::Connection& c, const std::string& resource_id, Instant start,
                                                      Instant end, Instant now);
  /// Makes the transactions that claim time on one resource take turns until each ends. Two
  /// PostgreSQL transactions inserting overlapping claims at once could each wait for the other
  /// in the exclusion constraint's check: a deadlock that PostgreSQL breaks only after a second,
  /// and under a crowd of claimants again and again. SQLite's writers take turns already.
  static void take_turns_on(db::Connection& c, const std::string& resource_id);
  /// The kind of a live claim overlapping [start, end), if any.
  static std::optional<std::string> overlapping_claim(db::Connection& c, const std::string& resource_id, Instant start,
                                                      Instant end, Instant now);
  static void insert_claim(db::Connection& c, const std::string& facility_id, const std::string& resource_id,
                           Instant start, Instant end, const ClaimOwner& owner, std::optional<Instant> expires_at);
  /// The hold's claim becomes the booking's.
  static void convert_claim(db::Connection& c, const HoldId& hold_id, const BookingId& booking_id);
  static void release_claim(db::Connection& c, const ClaimOwner& owner);
  /// Live claims on a facility's resources overlapping [from, to): one indexed range query.
  static std::vector<Claim> facility_claims(db::Connection& c, const std::string& facility_id, Instant from, Instant to,
                                            Instant now);

  static void insert_hold(db::Connection& c, const Hold& h, Instant now);
  static std::optional<Hold> hold(db::Connection& c, const HoldId& id);
  /// active -> `status` if still active; false otherwise.
  static bool finish_hold(db::Connection& c, const HoldId& id, const std::string& status,
                          const std::optional<BookingId>& booking_id);
  /// An active hold that has not lapsed by `now` -> converted into `booking_id`; false otherwise.
  static bool convert_hold(db::Connection& c, const HoldId& id, const BookingId& booking_id, Instant now);
  /// An active hold that has lapsed -> expired; false if it was not both.
  static bool expire_hold(db::Connection& c, const HoldId& id, Instant now);
  /// Moves a live hold's end (and its claim's) out to `until`; true if it is live until then.
  static bool keep_hold(db::Connection& c, const HoldId& id, Instant until, Instant now);
  static bool set_payment_status(db::Connection& c, const BookingId& id, PaymentStatus status, Instant now);
  /// Whether some active hold has lapsed by `now`.
  static bool any_lapsed_hold(db::Connection& c, Instant now);
  /// The facility's holds not lapsed by `now` that overlap [from, to), by start.
  static std::vector<Hold> live_holds(db::Connection& c, const std::string& facility_id, Instant from, Instant to,
                                      Instant now);
  /// Up to `limit` active holds that have lapsed by `now`, the longest lapsed first.
  static std::vector<Hold> lapsed_holds(db::Connection& c, Instant now, int limit);

  /// `no_show_at`: when the booking becomes a no-show unless checked in (none for the types that
  /// never do); no_shows_due finds it then.
  static void insert_booking(db::Connection& c, const Booking& b, std::optional<Instant> no_show_at);
  static std::optional<Booking> booking(db::Connection& c, const BookingId& id);
  /// The facility's bookings marked paid, made since `since` (at most 1000).
  static std::vector<Booking> paid_bookings(db::Connection& c, const std::string& facility_id, Instant since);
  static std::vector<Booking> user_bookings(db::Connection& c, const std::string& user_id,
                                            const std::optional<std::string>& status, Instant after_start,
                                            const BookingId& after_id, int limit);
  /// A facility's bookings overlapping [from, to) that pass the selection's filters, by start and
  /// id after (after_start, after_id), at most `limit`.
  static std::vector<Booking> facility_bookings(db::Connection& c, const FacilityBookingSelection& s);
  /// confirmed (any approval but rejected) -> cancelled; false if it was not cancellable.
  static bool cancel_booking(db::Connection& c, const Booking& cancelled, Instant now);
  /// confirmed and approved (or not needing approval) -> checked_in.
  static bool check_in(db::Connection& c, const BookingId& id, Instant now);
  /// confirmed -> no_show, recording the fee.
  static bool no_show(db::Connection& c, const BookingId& id, std::int64_t fee, Instant now);
  /// confirmed or checked_in -> completed.
  static bool complete(db::Connection& c, const BookingId& id, Instant now);
  /// pending -> `approval_status` while the booking stands.
  static bool set_approval(db::Connection& c, const BookingId& id, const std::string& approval_status, Instant now);
  static bool move(db::Connection& c, const Booking& moved, Instant now, std::optional<Instant> no_show_at);
  /// Whether a booking's no-show time or end has passed while it is still open.
  static bool any_lifecycle_due(db::Connection& c, Instant now);
  /// Confirmed bookings past their no-show time, earliest first.
  static std::vector<Booking> no_shows_due(db::Connection& c, Instant now, int limit);
  /// Confirmed and checked-in bookings past their end, earliest first.
  static std::vector<Booking> completions_due(db::Connection& c, Instant now, int limit);
  /// The owners of the live claims overlapping [start, end) on a resource.
  static std::vector<ClaimOwner> claims_on(db::Connection& c, const std::string& resource_id, Instant start,
                                           Instant end, Instant now);
  /// A series' occurrences, every status, in date order.
  static std::vector<Booking> series_bookings(db::Connection& c, const SeriesId& series_id);
  static void insert_block(db::Connection& c, const Block& b, Instant now);
  /// A series' active blocks in date order.
  static std::vector<Block> series_blocks(db::Connection& c, const SeriesId& series_id);
  /// Sets a booking's note.
  static void set_note(db::Connection& c, const BookingId& booking_id, const std::string& note, Instant now);
  static std::optional<Block> block(db::Connection& c, const BlockId& id);
  /// Active blocks on a facility's resources overlapping [from, to), in time order.
  static std::vector<Block> facility_blocks(db::Connection& c, const std::string& facility_id, Instant from,
                                            Instant to);
  static std::vector<Block> blocks_of(db::Connection& c, const std::string& resource_id, Instant from);
  static bool remove_block(db::Connection& c, const BlockId& id);

  static void insert_entry(db::Connection& c, const WaitlistEntry& e);
  static std::optional<WaitlistEntry> entry(db::Connection& c, const WaitlistEntryId& id);
  static std::vector<WaitlistEntry> user_entries(db::Connection& c, const std::string& user_id);
  /// The user's waiting or notified entry for exactly this slot, if any.
  static bool has_open_entry(db::Connection& c, const std::string& user_id, const std::string& resource_id,
                             Instant start, Instant end);
  /// Waiting entries overlapping [start, end), first come first.
  static std::vector<WaitlistEntry> waiting_for(db::Connection& c, const std::string& resource_id, Instant start,
                                                Instant end, Instant now);
  static bool notify_entry(db::Connection& c, const WaitlistEntryId& id, const HoldId& hold_id, Instant deadline);
  /// The notified entry holding `hold_id` -> `status` (booked or expired).
  static void settle_offer(db::Connection& c, const HoldId& hold_id, const std::string& status);
  static bool cancel_entry(db::Connection& c, const WaitlistEntryId& id);

  /// Bookings and live holds of a user that are not over yet.
  static std::int64_t active_count(db::Connection& c, const std::string& user_id, Instant now);
};

}  // namespace slotbase::booking
