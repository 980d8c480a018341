#pragma once

#include "booking/recurring_service.h"
#include "booking_service_impl.h"

namespace slotbase::booking {

inline constexpr const char* kExtendSeriesJob = "booking.extend_series";

class RecurringServiceImpl final : public RecurringService {
 public:
  RecurringServiceImpl(db::Database& db, const Clock& clock, const events::JobQueue& jobs, BookingParts& parts);

  Result<Series> create(const SeriesRequest& r, const Context& ctx) override;
  Result<Series> get(const SeriesId& series_id, const Context& ctx) override;
  Result<Series> change(const SeriesId& series_id, const SeriesChange& c, const Context& ctx) override;
  Result<Series> cancel(const SeriesId& series_id, const SeriesCancel& c, const Context& ctx) override;
  Result<Series> create_blocks(const BlockSeriesRequest& r, const Context& ctx) override;
  Result<void> remove_blocks(const BlockId& block_id, const std::string& scope, const Context& ctx) override;
  void extend(const SeriesId& series_id) override;

 private:
  /// A series as the caller may act on it: its place and whether the caller is staff there.
  struct Found {
    Series series;
    Place place;
    bool staff = false;
  };
  /// not_found unless the caller booked the series, it is for them, or they are the facility's
  /// staff (and, to change it, may manage bookings).
  Result<Found> find(const SeriesId& series_id, bool to_change, const Context& ctx);
  /// The occurrence `this` and `following` start from (none for `all`); validates the scope.
  Result<std::optional<Booking>> anchor_of(const Series& s, const std::string& scope,
                                           const std::optional<BookingId>& booking_id);
  /// The series with its occurrences and conflicts, read in one go.
  Series with_occurrences(Series s);
  /// What `c` would do, without writing: the series as it would be, its clashes as conflicts.
  Result<Series> preview_change(Series s, const Place& p, bool staff, const std::optional<Booking>& anchor,
                                const SeriesChange& c, const Context& ctx);
  /// The series' template after `c` (its times unless the scope is "this", its court, its note)
  /// and the place its occurrences move to; a court of another facility or one not bookable is
  /// refused.
  struct Changed {
    Series series;
    Place place;
  };
  Result<Changed> changed_template(const Series& s, const Place& p, const SeriesChange& c, const Context& ctx);

  /// The start and end of the occurrence on a local date, by the series' wall-clock times.
  static std::pair<Instant, Instant> times_on(const Series& s, const Zone& zone, LocalDate date);
  /// The last local date a series is booked up to today: the facility's horizon (a player's
  /// booking window at most), and never past the series' end.
  LocalDate horizon(const Series& s, const Place& p, bool staff) const;
  /// Books the occurrences on `dates` in `tx`, recording those that cannot be had as conflicts.
  void materialize(db::Connection& tx, const Series& s, const Place& p, bool staff, const std::vector<LocalDate>& dates,
                   const Context& ctx);
  /// Expands the series from the day after its last materialised date to its horizon, and
  /// schedules the next extension while the rule has dates to come.
  void advance(db::Connection& tx, Series& s, const Place& p, bool staff, const Context& ctx);

  db::Database& db_;
  const Clock& clock_;
  const events::JobQueue& jobs_;
  BookingParts& parts_;
};

}  // namespace slotbase::booking
