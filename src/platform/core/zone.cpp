#include "platform/core/zone.h"

#include <date/date.h>
#include <date/tz.h>

namespace slotbase {
namespace {

const date::time_zone* tz(const void* p) {
  return static_cast<const date::time_zone*>(p);
}

date::sys_days days_of(LocalDate d) {
  return date::sys_days{date::year{d.year} / date::month{d.month} / date::day{d.day}};
}

LocalDate from_days(date::sys_days days) {
  date::year_month_day ymd{days};
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day())};
}

}  // namespace

std::optional<Zone> Zone::find(const std::string& name) {
  try {
    const date::time_zone* z = date::locate_zone(name);
    if (!z) return std::nullopt;
    return Zone(name, z);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

Instant Zone::at(LocalDate date, LocalTime time) const {
  auto local = date::local_seconds{days_of(date).time_since_epoch()} + std::chrono::minutes{time.minutes};
  auto info = tz(zone_)->get_info(local);
  switch (info.result) {
    case date::local_info::unique:
      return Instant{local.time_since_epoch() - info.first.offset};
    case date::local_info::ambiguous:  // the first of the two: before the clocks went back
      return Instant{local.time_since_epoch() - info.first.offset};
    case date::local_info::nonexistent:  // in the gap: the moment the clocks jumped
      return info.second.begin;
  }
  return Instant{local.time_since_epoch() - info.first.offset};
}

LocalDate Zone::date_of(Instant t) const {
  auto local = tz(zone_)->to_local(t);
  return from_days(date::sys_days{date::floor<date::days>(local).time_since_epoch()});
}

int Zone::minute_of_day(Instant t) const {
  auto local = tz(zone_)->to_local(t);
  auto since_midnight = local - date::floor<date::days>(local);
  return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(since_midnight).count());
}

int Zone::offset_minutes(Instant t) const {
  return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(tz(zone_)->get_info(t).offset).count());
}

Instant Zone::next_transition(Instant t) const {
  auto info = tz(zone_)->get_info(t);
  return std::chrono::time_point_cast<std::chrono::seconds>(info.end);
}

Zone::Period Zone::period_at(Instant t) const {
  auto info = tz(zone_)->get_info(t);
  // The tz database marks "no more transitions" with the ends of date's range, out of years 1-9999.
  const auto first = date::sys_days{date::year{1} / 1 / 1};
  const auto last = date::sys_days{date::year{9999} / 12 / 31};
  auto clamp = [&](date::sys_seconds s) {
    return s < first  ? Instant{first}
           : s > last ? Instant{last}
                      : std::chrono::time_point_cast<std::chrono::seconds>(s);
  };
  return {clamp(info.begin), clamp(info.end),
          static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(info.offset).count()),
          info.save != std::chrono::minutes{0}, info.abbrev};
}

std::string Zone::format(Instant t) const {
  return format_rfc3339(t, offset_minutes(t));
}

LocalDate Zone::add_days(LocalDate d, int days) {
  return from_days(days_of(d) + date::days{days});
}

}  // namespace slotbase
