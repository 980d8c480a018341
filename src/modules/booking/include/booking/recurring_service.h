#pragma once

#include <optional>
#include <string>
#include <vector>

#include "booking/booking_types.h"
#include "platform/core/context.h"
#include "platform/core/result.h"

namespace slotbase::booking {

/// A series to book: the first occurrence's time and a rule, both in the facility's local time.
struct SeriesRequest {
  std::string resource_id;
  Instant start;  // the first occurrence: its local date and wall-clock times repeat
  Instant end;
  std::string rrule;                   // RFC 5545, e.g. FREQ=WEEKLY;BYDAY=TU,TH
  std::optional<std::string> until;    // last local date, YYYY-MM-DD, inclusive
  std::optional<std::string> user_id;  // staff: the member the series is for
  std::string type = "open_play";      // staff: any booking type
  std::string note;
};

enum class SeriesKind { booking, block };
constexpr EnumNames<SeriesKind, 2> names_of(SeriesKind) {
  return {{{{SeriesKind::booking, "booking"}, {SeriesKind::block, "block"}}}};
}

enum class SeriesStatus { active, ended, cancelled };
constexpr EnumNames<SeriesStatus, 3> names_of(SeriesStatus) {
  return {{{{SeriesStatus::active, "active"}, {SeriesStatus::ended, "ended"}, {SeriesStatus::cancelled, "cancelled"}}}};
}

/// A block series: maintenance every Monday morning, say. It must end: by `until` or COUNT.
struct BlockSeriesRequest {
  std::string resource_id;
  Instant start;
  Instant end;
  std::string rrule;
  std::optional<std::string> until;
  std::string reason;
  bool force = false;
};

/// An occurrence that could not be booked, and the rule that stood in the way.
struct SeriesConflict {
  std::string date;  // the local date the rule gave it
  Instant start;
  Instant end;
  std::string rule;  // slot-unavailable, facility-closed, max-active-bookings, ...
  std::string detail;
};

struct Series {
  SeriesId id;
  SeriesKind kind = SeriesKind::booking;
  std::string facility_id;
  std::string resource_id;
  std::string user_id;
  std::string created_by;
  std::string type;
  std::string rrule;
  std::string first_date;
  int start_minute = 0;  // local wall-clock start of every occurrence
  int duration_minutes = 0;
  std::optional<std::string> until_date;
  std::string note;
  SeriesStatus status = SeriesStatus::active;
  std::string materialized_through;  // the last local date expanded so far
  std::string timezone;
  std::vector<Booking> occurrences;           // kind booking, every status
  std::vector<Block> blocks;                  // kind block, active ones
  std::vector<BookingId> cancelled_bookings;  // bookings a forced block series cancelled
  std::vector<SeriesConflict> conflicts;
};

/// An edit of a series. `this` moves one occurrence (like a reschedule); `following` and `all`
/// move every occurrence to come, from `booking_id`'s or from the next, to the new local time of
/// day, length and resource, atomically: a clash leaves every occurrence where it was.
struct SeriesChange {
  std::string scope;                    // this | following | all
  std::optional<BookingId> booking_id;  // the occurrence `this` and `following` start from
  std::optional<Instant> start;         // both or neither; for following/all only the local time counts
  std::optional<Instant> end;
  std::optional<std::string> resource_id;
  std::optional<std::string> note;
  bool dry_run = false;  // check only: nothing is written
};

struct SeriesCancel {
  std::string scope;  // this | following | all
  std::optional<BookingId> booking_id;
  std::string reason;
  bool full_refund = false;  // staff only
};

/// Recurring bookings and recurring blocks. Thread-safe.
class RecurringService {
 public:
  virtual ~RecurringService() = default;

  /// Books every occurrence up to the facility's horizon; the ones that cannot be had are
  /// listed as conflicts, never dropped in silence. Staff may book for a member with any type;
  /// players only where the facility allows player series, under the player rules.
  virtual Result<Series> create(const SeriesRequest& r, const Context& ctx) = 0;
  virtual Result<Series> get(const SeriesId& series_id, const Context& ctx) = 0;
  /// All or nothing: conflict "series-conflict" naming the dates when any occurrence would clash.
  /// A `dry_run` writes nothing and answers the series as the change would leave it, with the
  /// occurrences that would clash as its `conflicts` (rule slot-unavailable) instead of the 409;
  /// the rules a player breaks are refused as for the change itself.
  virtual Result<Series> change(const SeriesId& series_id, const SeriesChange& c, const Context& ctx) = 0;
  /// Cancels one occurrence, those from one on (the series then ends before it), or all to come.
  virtual Result<Series> cancel(const SeriesId& series_id, const SeriesCancel& c, const Context& ctx) = 0;

  /// Staff: every occurrence up to the end of the rule. Over bookings it is a conflict naming
  /// the dates unless `force`, which cancels them with a full refund.
  virtual Result<Series> create_blocks(const BlockSeriesRequest& r, const Context& ctx) = 0;
  /// Removes the block and, for `following` or `all`, the series' later or every coming block.
  virtual Result<void> remove_blocks(const BlockId& block_id, const std::string& scope, const Context& ctx) = 0;

  /// Job: books the series on to the horizon. Idempotent.
  virtual void extend(const SeriesId& series_id) = 0;
};

}  // namespace slotbase::booking
