#pragma once

#include <optional>
#include <string>

#include "platform/core/time.h"

namespace slotbase {

/// A facility's IANA time zone, for turning local dates and times into instants and back. DST
/// days have 23 or 25 hours; local times skipped by a spring-forward gap map to the instant after
/// the gap, and repeated fall-back times to their first occurrence.
class Zone {
 public:
  /// nullopt for a name the tz database does not know.
  static std::optional<Zone> find(const std::string& name);

  const std::string& name() const { return name_; }

  /// The instant of a wall-clock time on a local date; minute 1440 is the next day's midnight.
  Instant at(LocalDate date, LocalTime time) const;
  /// The local date an instant falls on.
  LocalDate date_of(Instant t) const;
  /// Minutes after local midnight, by the wall clock (0..1439).
  int minute_of_day(Instant t) const;
  /// The UTC offset in force at an instant, in minutes.
  int offset_minutes(Instant t) const;
  /// The next instant after `t` at which the offset changes (far future if none).
  Instant next_transition(Instant t) const;
  /// A stretch of time with one UTC offset and one abbreviation ("EST"), as the tz database has
  /// it: from `begin` (inclusive) to `end`; `daylight` when it is summer time.
  struct Period {
    Instant begin;
    Instant end;
    int offset_minutes = 0;
    bool daylight = false;
    std::string abbreviation;
  };
  /// The period `t` falls in. Its begin and end are clamped to years 1 to 9999.
  Period period_at(Instant t) const;
  /// RFC 3339 with the local offset: "2026-03-08T03:00:00-04:00".
  std::string format(Instant t) const;

  static LocalDate add_days(LocalDate d, int days);

 private:
  Zone(std::string name, const void* zone) : name_(std::move(name)), zone_(zone) {}
  std::string name_;
  const void* zone_;  // const date::time_zone*, kept opaque so date/tz.h stays out of headers
};

}  // namespace slotbase
