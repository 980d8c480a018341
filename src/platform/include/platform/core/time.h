#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace slotbase {

/// A point on the UTC time line, to the second. Stored as epoch seconds in both databases.
using Instant = std::chrono::sys_seconds;

inline std::int64_t epoch_seconds(Instant t) {
  return t.time_since_epoch().count();
}
inline Instant from_epoch_seconds(std::int64_t s) {
  return Instant{std::chrono::seconds{s}};
}

/// RFC 3339 in UTC: "2026-12-01T18:00:00Z".
std::string format_rfc3339(Instant t);
/// RFC 3339 of the wall-clock time `t + offset`, with that offset ("Z" when zero). Written by
/// hand: it sits on the availability hot path, where iostream formatting cost half the time.
std::string format_rfc3339(Instant t, int offset_minutes);
/// Parses RFC 3339 with "Z" or a numeric offset; fractional seconds are accepted and dropped.
std::optional<Instant> parse_rfc3339(std::string_view text);

/// A calendar date in some facility's time zone; meaningless without one.
struct LocalDate {
  int year = 1970;
  unsigned month = 1;
  unsigned day = 1;
  auto operator<=>(const LocalDate&) const = default;
  /// ISO weekday: 1 = Monday ... 7 = Sunday.
  unsigned iso_weekday() const;
  std::string str() const;
  static std::optional<LocalDate> parse(std::string_view text);  // "YYYY-MM-DD"
};

/// Minutes after local midnight, 0..1440 ("24:00" is the end of the day).
struct LocalTime {
  int minutes = 0;
  auto operator<=>(const LocalTime&) const = default;
  std::string str() const;                                       // "HH:MM"
  static std::optional<LocalTime> parse(std::string_view text);  // "HH:MM", 00:00..24:00
};

/// True when `name` is an IANA time zone the OS tz database knows.
bool is_valid_time_zone(std::string_view name);

}  // namespace slotbase
