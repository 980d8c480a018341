#pragma once

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "platform/core/time.h"

namespace slotbase::notification::rules {

/// A reminder before a booking: its name in the jobs and keys, its type, and how long before.
struct ReminderRule {
  std::string_view name;  // "24h", "1h"
  std::string_view type;  // the catalogue's type
  std::chrono::seconds before;
};

/// The reminders every booking gets.
const std::vector<ReminderRule>& reminder_rules();
const ReminderRule* find_reminder(std::string_view name);

/// When the reminder for a booking starting at `start` is due: `before` earlier in real time
/// (instants are UTC, so a DST change in between moves the wall clock, not the gap).
Instant reminder_due(const ReminderRule& rule, Instant start);

/// Whether to schedule the reminder at all: not when its time has passed already (a booking
/// made 2 h ahead gets no 24 h reminder, and none is sent in a burst on booking).
bool worth_scheduling(const ReminderRule& rule, Instant start, Instant now);

/// Whether a reminder running at `now` still says something true: it is stale once less than
/// half its lead is left (a 24 h reminder run 11 h before, after a long outage, is skipped; so
/// is anything after the start).
bool still_timely(const ReminderRule& rule, Instant start, Instant now);

}  // namespace slotbase::notification::rules
