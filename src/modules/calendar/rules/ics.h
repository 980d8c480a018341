#pragma once

#include <string>
#include <vector>

#include "platform/core/enum_names.h"
#include "platform/core/time.h"

/// iCalendar documents (RFC 5545) written with libical: pure, no reads.
namespace slotbase::calendar::rules {

/// An event's STATUS.
enum class EventStatus { tentative, confirmed, cancelled };
constexpr EnumNames<EventStatus, 3> names_of(EventStatus) {
  return {{{{EventStatus::tentative, "tentative"},
            {EventStatus::confirmed, "confirmed"},
            {EventStatus::cancelled, "cancelled"}}}};
}

/// One VEVENT.
struct IcsEvent {
  std::string uid;
  Instant start;
  Instant end;
  std::string time_zone;  // the IANA zone its times are shown in; empty or unknown: UTC
  std::string summary;
  std::string location;  // empty: none
  // ORGANIZER, which RFC 5546 asks of a published event: the facility, when it has an address.
  std::string organizer_name;
  std::string organizer_email;  // empty: no ORGANIZER
  EventStatus status = EventStatus::confirmed;
  int sequence = 0;
  Instant created;
  Instant last_modified;
};

/// One VCALENDAR with METHOD:PUBLISH, for a subscription.
struct IcsCalendar {
  std::string name;       // NAME and X-WR-CALNAME
  std::string time_zone;  // the calendar's own zone (X-WR-TIMEZONE, and its VTIMEZONE), or empty
  Instant stamp;          // DTSTAMP of every event: when the document was made
  std::vector<IcsEvent> events;
};

/// The document as text, lines folded and ended by CRLF. Each zone used has a VTIMEZONE made
/// from the tz database for the years the events span (the calendar's own zone: the year of
/// `stamp` and the next when it has no events). A time is written in its zone with TZID, except a
/// local time that happens twice (the hour the clocks go back), which is written in UTC: RFC 5545
/// reads it as the first of the two, and not every reader does.
std::string write_ics(const IcsCalendar& calendar);

}  // namespace slotbase::calendar::rules
