#include "schedule.h"

namespace slotbase::booking::rules {

using std::chrono::minutes;

DayWindow window_for(const organization::OperatingHours& hours, const Zone& zone, LocalDate date) {
  DayWindow w;
  std::optional<LocalTime> open, close;
  for (const auto& h : hours.holidays) {
    if (h.date != date) continue;
    w.holiday = true;
    if (h.closed) return w;
    w.open_holiday = true;
    open = h.open;
    close = h.close;
  }
  if (!w.holiday) {
    for (const auto& d : hours.weekly) {
      if (d.weekday == static_cast<int>(date.iso_weekday())) {
        open = d.open;
        close = d.close;
      }
    }
  }
  if (!open || !close) return w;
  w.open = true;
  w.opens = zone.at(date, *open);
  w.closes = close->minutes >= 1440 ? zone.at(Zone::add_days(date, 1), LocalTime{0}) : zone.at(date, *close);
  return w;
}

std::vector<Instant> slot_starts(const DayWindow& window, minutes step, minutes duration) {
  std::vector<Instant> out;
  if (!window.open || step.count() <= 0) return out;
  for (Instant t = window.opens; t + duration <= window.closes; t += step) out.push_back(t);
  return out;
}

Result<void> check_player_slot(const organization::Policies& p, const organization::OperatingHours& hours,
                               const Zone& zone, Instant start, Instant end, Instant now) {
  if (end <= start) return Error::rule_violation("invalid-time-range", "The end must be after the start.");
  if (start <= now) return Error::rule_violation("in-the-past", "That time has already started.");
  const auto length = std::chrono::duration_cast<minutes>(end - start);
  if (length.count() < p.min_duration_minutes)
    return Error::rule_violation("duration-too-short",
                                 "Bookings here last at least " + std::to_string(p.min_duration_minutes) + " minutes.");
  if (length.count() > p.max_duration_minutes)
    return Error::rule_violation("duration-too-long",
                                 "Bookings here last at most " + std::to_string(p.max_duration_minutes) + " minutes.");
  const LocalDate day = zone.date_of(start);
  const DayWindow w = window_for(hours, zone, day);
  if (!w.open) return Error::rule_violation("facility-closed", "The facility is closed on " + day.str() + ".");
  if (start < w.opens || end > w.closes)
    return Error::rule_violation("outside-opening-hours", "The facility is open from " + zone.format(w.opens) + " to " +
                                                              zone.format(w.closes) + " that day.");
  const auto step = minutes(p.slot_step_minutes);
  if ((start - w.opens) % step != minutes(0) || length % step != minutes(0))
    return Error::rule_violation(
        "off-slot-grid",
        "Bookings start and end on the " + std::to_string(p.slot_step_minutes) + "-minute grid from opening.");
  if (start < now + minutes(p.min_lead_time_minutes))
    return Error::rule_violation("min-lead-time", "Bookings must be made at least " +
                                                      std::to_string(p.min_lead_time_minutes) + " minutes ahead.");
  const LocalDate last_day = Zone::add_days(zone.date_of(now), p.booking_window_days);
  if (day > last_day)
    return Error::rule_violation("booking-window", "Bookings open " + std::to_string(p.booking_window_days) +
                                                       " days ahead; the last bookable date is " + last_day.str() +
                                                       ".");
  return Ok{};
}

}  // namespace slotbase::booking::rules
