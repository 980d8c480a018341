// Writes calendar feeds with the calendar module's writer, and the instants each event was given,
// for check.mjs to read with ical.js: {"calendars": [{"ics": "...", "events": [{"uid", "start",
// "end"}]}]}, instants in RFC 3339 UTC.
#include <iostream>

#include <nlohmann/json.hpp>

#include "calendar/rules/ics.h"

namespace {

using slotbase::Instant;
using slotbase::calendar::rules::IcsCalendar;
using slotbase::calendar::rules::IcsEvent;

Instant at(const char* text) {
  return *slotbase::parse_rfc3339(text);
}

IcsEvent event(const std::string& uid, Instant start, Instant end, const std::string& zone) {
  IcsEvent e;
  e.uid = uid;
  e.start = start;
  e.end = end;
  e.time_zone = zone;
  e.summary = "Court 1 at Riverside";
  e.created = at("2026-01-01T00:00:00Z");
  e.last_modified = e.created;
  return e;
}

nlohmann::json sample(const IcsCalendar& calendar) {
  nlohmann::json events = nlohmann::json::array();
  for (const auto& e : calendar.events)
    events.push_back(
        {{"uid", e.uid}, {"start", slotbase::format_rfc3339(e.start)}, {"end", slotbase::format_rfc3339(e.end)}});
  return {{"ics", slotbase::calendar::rules::write_ics(calendar)}, {"events", events}};
}

}  // namespace

int main() {
  nlohmann::json calendars = nlohmann::json::array();
  // The nights the clocks change in New York in 2026, and a booking across each.
  calendars.push_back(
      sample({"Clock changes",
              "America/New_York",
              at("2026-02-01T12:00:00Z"),
              {event("spring", at("2026-03-08T06:00:00Z"), at("2026-03-08T07:00:00Z"), "America/New_York"),
               event("fall-twice", at("2026-11-01T05:30:00Z"), at("2026-11-01T06:30:00Z"), "America/New_York"),
               event("fall-across", at("2026-11-01T04:30:00Z"), at("2026-11-01T07:30:00Z"), "America/New_York"),
               event("berlin-fall", at("2026-10-25T00:30:00Z"), at("2026-10-25T01:30:00Z"), "Europe/Berlin")}}));
  // A year of times every two and a half hours in zones north and south, and one without summer time.
  for (const char* zone : {"America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata"}) {
    IcsCalendar year{zone, zone, at("2026-01-01T00:00:00Z"), {}};
    for (Instant t = at("2026-01-01T00:00:00Z"); t < at("2027-01-01T00:00:00Z"); t += std::chrono::minutes{150})
      year.events.push_back(event(std::to_string(slotbase::epoch_seconds(t)), t, t + std::chrono::minutes{90}, zone));
    calendars.push_back(sample(year));
  }
  std::cout << nlohmann::json{{"calendars", calendars}}.dump() << "\n";
}
