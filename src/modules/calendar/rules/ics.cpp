#include "rules/ics.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <optional>

#include <libical/ical.h>

#include "platform/core/zone.h"

namespace slotbase::calendar::rules {
namespace {

using std::chrono::days;
using std::chrono::minutes;
using std::chrono::seconds;

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

/// The wall-clock time `t + offset` as a floating icaltime (no zone of its own).
icaltimetype wall_clock(Instant t, int offset_minutes) {
  const auto local = t + minutes{offset_minutes};
  const auto day = std::chrono::floor<days>(local);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{local - day};
  icaltimetype out = icaltime_null_time();
  out.year = static_cast<int>(date.year());
  out.month = static_cast<int>(static_cast<unsigned>(date.month()));
  out.day = static_cast<int>(static_cast<unsigned>(date.day()));
  out.hour = static_cast<int>(time.hours().count());
  out.minute = static_cast<int>(time.minutes().count());
  out.second = static_cast<int>(time.seconds().count());
  out.is_date = 0;
  return out;
}

icaltimetype utc(Instant t) {
  // libical sets its UTC zone up on first use; a static makes that first use happen once, even
  // when two requests write their first feeds at the same moment.
  static const icaltimezone* const kUtc = icaltimezone_get_utc_timezone();
  icaltimetype out = wall_clock(t, 0);
  out.zone = kUtc;
  return out;
}

bool within(Instant t, const Zone::Period& p) {
  return t >= p.begin && t < p.end;
}

/// Whether the wall-clock time at `t` also happens at another instant: the hour the clocks go
/// back, once before and once after.
bool repeated(const Zone& zone, Instant t) {
  const auto here = zone.period_at(t);
  const auto local = t + minutes{here.offset_minutes};
  const auto before = zone.period_at(here.begin - seconds{1});
  const auto after = zone.period_at(here.end);
  for (const auto& other : {before, after}) {
    const Instant u = local - minutes{other.offset_minutes};
    if (u != t && within(u, other)) return true;
  }
  return false;
}

/// A zone that is UTC and always was (Etc/UTC and its aliases): its times are written in UTC.
bool always_utc(const Zone& zone, Instant t) {
  const auto p = zone.period_at(t);
  return p.offset_minutes == 0 && !p.daylight && p.begin <= Instant{days{-700000}} && p.end >= Instant{days{2'900'000}};
}

void add_observance(icalcomponent* vtimezone, const Zone::Period& to, int from_offset_minutes, icaltimetype start) {
  icalcomponent* o = icalcomponent_new(to.daylight ? ICAL_XDAYLIGHT_COMPONENT : ICAL_XSTANDARD_COMPONENT);
  icalcomponent_add_property(o, icalproperty_new_dtstart(start));
  icalcomponent_add_property(o, icalproperty_new_tzoffsetfrom(from_offset_minutes * 60));
  icalcomponent_add_property(o, icalproperty_new_tzoffsetto(to.offset_minutes * 60));
  if (!to.abbreviation.empty()) icalcomponent_add_property(o, icalproperty_new_tzname(to.abbreviation.c_str()));
  icalcomponent_add_component(vtimezone, o);
}

/// The zone's VTIMEZONE for [from, to): the observance in force at `from` and one per change of
/// offset after it, each with its own DTSTART (no RRULE: the tz database's rules change).
icalcomponent* vtimezone(const Zone& zone, Instant from, Instant to) {
  icalcomponent* tz = icalcomponent_new(ICAL_VTIMEZONE_COMPONENT);
  icalcomponent_add_property(tz, icalproperty_new_tzid(zone.name().c_str()));
  auto period = zone.period_at(from);
  const auto previous = zone.period_at(period.begin - seconds{1});
  if (previous.begin == period.begin) {
    // Nothing before it: this offset from the start of time.
    add_observance(tz, period, period.offset_minutes, wall_clock(Instant{days{0}}, 0));
  } else {
    add_observance(tz, period, previous.offset_minutes, wall_clock(period.begin, previous.offset_minutes));
  }
  for (Instant change = period.end; change < to;) {
    const auto next = zone.period_at(change);
    if (next.begin != change) break;  // the end of the tz database's calendar
    // An observance starts at the local time of the change as the clocks showed it before.
    add_observance(tz, next, period.offset_minutes, wall_clock(change, period.offset_minutes));
    period = next;
    change = next.end;
  }
  return tz;
}

Instant new_year(int year) {
  return Instant{std::chrono::sys_days{std::chrono::year{year} / 1 / 1}};
}

int year_of(Instant t) {
  return static_cast<int>(std::chrono::year_month_day{std::chrono::floor<days>(t)}.year());
}

/// The span of time a zone's VTIMEZONE covers: whole years, with two days to spare either side
/// for local times near New Year.
struct Span {
  Instant from;
  Instant to;
};
Span whole_years(Instant first, Instant last) {
  return {new_year(year_of(first)) - days{2}, new_year(year_of(last) + 1) + days{2}};
}

/// A date-time property in `zone` (TZID), or in UTC when the zone is unknown, is UTC itself, or
/// the wall-clock time is one that happens twice.
icalproperty* at(icalproperty* (*make)(icaltimetype), Instant t, const std::optional<Zone>& zone) {
  if (!zone || always_utc(*zone, t) || repeated(*zone, t)) return make(utc(t));
  icalproperty* p = make(wall_clock(t, zone->offset_minutes(t)));
  icalproperty_add_parameter(p, icalparameter_new_tzid(zone->name().c_str()));
  return p;
}

icalproperty_status status_of(EventStatus s) {
  switch (s) {
    case EventStatus::tentative:
      return ICAL_STATUS_TENTATIVE;
    case EventStatus::cancelled:
      return ICAL_STATUS_CANCELLED;
    case EventStatus::confirmed:
      break;
  }
  return ICAL_STATUS_CONFIRMED;
}

icalproperty* x_property(const char* name, const std::string& value) {
  icalproperty* p = icalproperty_new_x(value.c_str());
  icalproperty_set_x_name(p, name);
  return p;
}

}  // namespace

std::string write_ics(const IcsCalendar& calendar) {
  // The zones the events use (and the calendar's own), with the span each must cover.
  std::map<std::string, Span> spans;
  std::map<std::string, std::optional<Zone>> zones;
  auto zone_of = [&](const std::string& name) -> const std::optional<Zone>& {
    auto [it, fresh] = zones.try_emplace(name);
    if (fresh && !name.empty()) it->second = Zone::find(name);
    return it->second;
  };
  auto cover = [&](const std::optional<Zone>& zone, Instant first, Instant last) {
    if (!zone || always_utc(*zone, first)) return;
    const Span years = whole_years(first, last);
    auto [it, fresh] = spans.try_emplace(zone->name(), years);
    if (!fresh) it->second = {std::min(it->second.from, years.from), std::max(it->second.to, years.to)};
  };
  for (const auto& e : calendar.events) cover(zone_of(e.time_zone), e.start, e.end);
  const auto& own = zone_of(calendar.time_zone);
  if (own && !spans.count(own->name())) cover(own, calendar.stamp, new_year(year_of(calendar.stamp) + 1));

  Component cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//SlotBase//Calendar feed//EN"));
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  icalcomponent_add_property(cal.get(), icalproperty_new_name(calendar.name.c_str()));
  icalcomponent_add_property(cal.get(), x_property("X-WR-CALNAME", calendar.name));
  if (own) icalcomponent_add_property(cal.get(), x_property("X-WR-TIMEZONE", own->name()));
  // Subscribed calendars ask again this often (RFC 7986; Outlook reads the X- one).
  icaldurationtype hour = icaldurationtype_null_duration();
  hour.hours = 1;
  icalproperty* refresh = icalproperty_new_refreshinterval(hour);
  icalproperty_add_parameter(refresh, icalparameter_new_value(ICAL_VALUE_DURATION));
  icalcomponent_add_property(cal.get(), refresh);
  icalcomponent_add_property(cal.get(), x_property("X-PUBLISHED-TTL", "PT1H"));

  for (const auto& [name, span] : spans)
    icalcomponent_add_component(cal.get(), vtimezone(*zone_of(name), span.from, span.to));

  for (const auto& e : calendar.events) {
    const auto& zone = zone_of(e.time_zone);
    icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_property(ev, icalproperty_new_uid(e.uid.c_str()));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc(calendar.stamp)));
    icalcomponent_add_property(ev, at(icalproperty_new_dtstart, e.start, zone));
    icalcomponent_add_property(ev, at(icalproperty_new_dtend, e.end, zone));
    icalcomponent_add_property(ev, icalproperty_new_summary(e.summary.c_str()));
    if (!e.location.empty()) icalcomponent_add_property(ev, icalproperty_new_location(e.location.c_str()));
    if (!e.organizer_email.empty()) {
      icalproperty* organizer = icalproperty_new_organizer(("mailto:" + e.organizer_email).c_str());
      if (!e.organizer_name.empty())
        icalproperty_add_parameter(organizer, icalparameter_new_cn(e.organizer_name.c_str()));
      icalcomponent_add_property(ev, organizer);
    }
    icalcomponent_add_property(ev, icalproperty_new_status(status_of(e.status)));
    icalcomponent_add_property(ev, icalproperty_new_sequence(e.sequence));
    icalcomponent_add_property(ev, icalproperty_new_created(utc(e.created)));
    icalcomponent_add_property(ev, icalproperty_new_lastmodified(utc(e.last_modified)));
    // A cancelled booking frees the time in the player's calendar.
    icalcomponent_add_property(
        ev, icalproperty_new_transp(e.status == EventStatus::cancelled ? ICAL_TRANSP_TRANSPARENT : ICAL_TRANSP_OPAQUE));
    icalcomponent_add_component(cal.get(), ev);
  }

  char* text = icalcomponent_as_ical_string_r(cal.get());
  std::string out(text);
  icalmemory_free_buffer(text);
  return out;
}

}  // namespace slotbase::calendar::rules
