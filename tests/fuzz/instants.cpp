// RFC 3339 instants, local dates and local times, and the facility-zone conversions between them
// (platform core/time.h and core/zone.h). An input is text, or "<IANA zone>\n<text>" to convert in
// that zone; without one, a zone from a fixed list of awkward ones (half-hour and 45-minute
// offsets, negative DST, +14:00, midnight transitions) is taken by the input's length.
//
// Invariants: an accepted instant formats to a string that parses to the same instant, in UTC
// and in any zone's offset; local dates and times format back to the text they came from; a wall
// time maps to an instant on that date (or the next, for 24:00 or a gap) at that wall time unless
// it fell in a gap, where it maps to the moment the clocks jumped.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "platform/core/time.h"
#include "platform/core/zone.h"

using namespace slotbase;

namespace {

const char* const kZones[] = {"UTC",
                              "America/New_York",
                              "Europe/London",
                              "Australia/Lord_Howe",
                              "Pacific/Chatham",
                              "Asia/Kathmandu",
                              "America/St_Johns",
                              "Pacific/Kiritimati",
                              "Pacific/Apia",
                              "Europe/Dublin",
                              "Africa/Casablanca",
                              "America/Santiago",
                              "Asia/Beirut",
                              "America/Havana",
                              "Antarctica/Troll",
                              "Pacific/Pago_Pago"};

// Instants whose wall time in any zone (offsets within a day) is still in years 1 to 9999, which
// is all four-digit RFC 3339 can write.
const Instant kFirst = parse_rfc3339("0001-01-02T00:00:00Z").value();
const Instant kLast = parse_rfc3339("9999-12-30T00:00:00Z").value();

void instant(std::string_view text, const Zone& zone, const std::string& input) {
  const auto t = parse_rfc3339(text);
  if (!t) return;
  const std::string utc = format_rfc3339(*t);
  fuzz::check(utc.size() == 20 && parse_rfc3339(utc) == t, "an instant formats to UTC text that reads back",
              input + " -> " + utc);
  if (*t < kFirst || *t > kLast) return;
  const std::string local = zone.format(*t);
  fuzz::check(parse_rfc3339(local) == t, "an instant formats in a zone to text that reads back",
              input + " -> " + local);
  const int minute = zone.minute_of_day(*t);
  fuzz::check(minute >= 0 && minute < 1440, "a minute of the day is 0 to 1439", input);
  // The wall time it shows maps back to it (to the minute), unless that wall time is repeated
  // (clocks went back): then to the first of the two, earlier than it by the jump.
  const LocalDate d = zone.date_of(*t);
  const Instant back = zone.at(d, LocalTime{minute});
  fuzz::check(back <= *t && *t - back < std::chrono::hours(3),
              "a shown wall time maps back to the instant (to the minute) or an earlier one", input);
  fuzz::check(zone.date_of(back) == d && zone.minute_of_day(back) == minute, "it shows the same wall time", input);
}

void local_date(std::string_view text, const Zone& zone, const std::string& input) {
  const auto d = LocalDate::parse(text);
  if (!d) return;
  fuzz::check(d->str() == text, "a date formats back to its text", input);
  fuzz::check(d->iso_weekday() >= 1 && d->iso_weekday() <= 7, "a weekday is 1 to 7", input);
  fuzz::check(Zone::add_days(Zone::add_days(*d, 40), -40) == *d, "adding and taking days is the same date", input);
  if (d->year < 2 || d->year > 9998) return;
  for (int minutes : {0, 1, 90, 150, 12 * 60, 1439, 1440}) {
    const Instant t = zone.at(*d, LocalTime{minutes});
    const LocalDate on = zone.date_of(t);
    const LocalDate next = Zone::add_days(*d, 1);
    // On its date, or the next (24:00, or a gap at the end of the day), or later when the gap
    // was a whole day (Samoa skipped 2011-12-30): then the moment the clocks jumped.
    fuzz::check(on == *d || on == next || zone.period_at(t).begin == t, "a wall time is on its date", input);
    if (minutes == 1440) {
      fuzz::check(t == zone.at(next, LocalTime{0}), "24:00 is the next day's midnight", input);
      continue;
    }
    if (on != *d || zone.minute_of_day(t) != minutes) {
      // In a gap: the moment the clocks jumped, when a new period begins.
      fuzz::check(zone.period_at(t).begin == t, "a wall time in a gap maps to the jump", input);
    }
  }
}

void local_time(std::string_view text, const std::string& input) {
  const auto t = LocalTime::parse(text);
  if (!t) return;
  fuzz::check(t->minutes >= 0 && t->minutes <= 1440, "a local time is 00:00 to 24:00", input);
  fuzz::check(t->str() == text, "a time formats back to its text", input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::string_view text = input;
  std::optional<Zone> zone;
  if (const auto nl = input.find('\n'); nl != std::string::npos) {
    const std::string name = input.substr(0, nl);
    text.remove_prefix(nl + 1);
    zone = Zone::find(name);
    fuzz::check(zone.has_value() == is_valid_time_zone(name), "a zone is found exactly when it is valid", name);
  }
  if (!zone) zone = Zone::find(kZones[size % std::size(kZones)]);
  fuzz::check(zone.has_value(), "the fixed zones are known");
  instant(text, *zone, input);
  local_date(text, *zone, input);
  local_time(text, input);
  return 0;
}
