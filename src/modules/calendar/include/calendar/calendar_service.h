#pragma once

#include <string>

#include "calendar/calendar_types.h"
#include "platform/core/context.h"
#include "platform/core/result.h"

namespace slotbase::calendar {

/// Calendar feeds (RFC 5545): a secret feed of each user's bookings that calendar apps subscribe
/// to, and a public feed per facility. Thread-safe.
class CalendarService {
 public:
  virtual ~CalendarService() = default;

  /// The caller's feed, made on the first call (with the caller's bookings from the last 30 days
  /// on). unauthenticated without a user.
  virtual Result<FeedLink> my_feed(const Context& ctx) = 0;
  /// A new token for the caller's feed: the old one names nothing from now on.
  virtual Result<FeedLink> rotate_feed(const Context& ctx) = 0;

  /// The iCalendar document of the feed `token` names: its owner's bookings from 30 days ago on,
  /// cancelled ones included (STATUS:CANCELLED, so that calendars remove them). not_found when
  /// the token names no feed. The bookings are as the booking events have told this module so
  /// far: a change shows once the worker has delivered its event.
  virtual Result<std::string> user_feed(const std::string& token) = 0;
  /// The published events of a public facility as an iCalendar document; not_found for a
  /// private or unknown facility. SlotBase has no events yet: the calendar is empty.
  virtual Result<std::string> facility_feed(const std::string& facility_id) = 0;
};

}  // namespace slotbase::calendar
