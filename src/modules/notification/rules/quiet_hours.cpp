#include "rules/quiet_hours.h"

namespace slotbase::notification::rules {

std::optional<Instant> quiet_until(Instant now, const Zone& zone, LocalTime start, LocalTime end) {
  if (start == end) return std::nullopt;
  const int minute = zone.minute_of_day(now);
  const LocalDate today = zone.date_of(now);
  if (start < end) {  // within one day, e.g. 13:00-15:00
    if (minute < start.minutes || minute >= end.minutes) return std::nullopt;
    return zone.at(today, end);
  }
  // Past midnight, e.g. 22:00-07:00: the evening part ends tomorrow, the morning part today.
  if (minute >= start.minutes) return zone.at(Zone::add_days(today, 1), end);
  if (minute < end.minutes) return zone.at(today, end);
  return std::nullopt;
}

}  // namespace slotbase::notification::rules
