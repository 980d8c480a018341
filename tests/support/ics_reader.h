#pragma once

#include <optional>
#include <string>
#include <vector>

#include "platform/core/time.h"

namespace slotbase::testing {

/// A VEVENT as a calendar app reads it: its times resolved to instants through the document's
/// own VTIMEZONEs.
struct ReadEvent {
  std::string uid;
  std::string summary;
  std::string location;
  std::string status;  // CONFIRMED, TENTATIVE, CANCELLED
  int sequence = -1;
  Instant start;
  Instant end;
  std::string start_tzid;  // empty when the time is UTC
  std::string end_tzid;
  bool start_utc = false;
  bool end_utc = false;
  bool has_dtstamp = false;
  std::optional<Instant> last_modified;
};

/// An iCalendar document read with libical's parser (icalparser).
struct ReadCalendar {
  std::vector<std::string> errors;       // what the parser found against RFC 5545
  std::vector<std::string> itip_errors;  // what RFC 5546's restrictions on METHOD:PUBLISH found
  std::string version, prodid, calscale, method;
  std::vector<std::string> timezones;  // the TZIDs of its VTIMEZONEs
  std::vector<ReadEvent> events;
  /// A time with a TZID that names no VTIMEZONE of the document.
  std::vector<std::string> unknown_tzids;
  const ReadEvent* event(const std::string& uid) const;
};

ReadCalendar read_ics(const std::string& text);

}  // namespace slotbase::testing
