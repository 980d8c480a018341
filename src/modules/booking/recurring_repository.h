#pragma once

#include <optional>
#include <string>
#include <vector>

#include "booking/recurring_service.h"
#include "platform/db/database.h"

namespace slotbase::booking {

/// The series tables. Every method runs in the caller's transaction.
class RecurringRepository {
 public:
  static void insert(db::Connection& c, const Series& s, Instant now);
  /// The series without its occurrences or conflicts.
  static std::optional<Series> find(db::Connection& c, const SeriesId& id);
  /// Saves the template (resource, times, end, note), status and progress.
  static void update(db::Connection& c, const Series& s, Instant now);

  static std::vector<SeriesConflict> conflicts(db::Connection& c, const SeriesId& series_id);
  static void record_conflict(db::Connection& c, const SeriesId& series_id, const SeriesConflict& conflict);
  /// Forgets the conflicts on or after `date` and returns them, to be tried again.
  static std::vector<SeriesConflict> take_conflicts_from(db::Connection& c, const SeriesId& series_id,
                                                         const std::string& date);
};

}  // namespace slotbase::booking
