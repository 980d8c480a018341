#pragma once

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "platform/core/time.h"

namespace slotbase::notification::rules {

/// A reminder before a booking: its name in the jobs and keys, its type, and how long before.
struct ReminderRule {
  std::string_view name;  // "24h", "1h", "check_in"
  std::string_view type;  // the catalogue's type
  std::chrono::seconds before;
};

/// The rule of the check-in message in jobs and keys.
inline constexpr std::string_view kCheckInRule = "check_in";

/// The reminders every booking gets at a fixed lead: 24 h and 1 h.
const std::vector<ReminderRule>& reminder_rules();
const ReminderRule* find_reminder(std::string_view name);

/// "Check-in is open": when the facility's check-in window opens, `opens_before` the start (its
/// `check_in_opens_minutes_before`); none when check-in opens only at the start.
std::optional<ReminderRule> check_in_open(std::chrono::minutes opens_before);

/// Every reminder of a booking at a facility whose check-in opens `check_in_opens_before` the
/// start: 24 h, 1 h and check-in open.
std::vector<ReminderRule> booking_reminders(std::chrono::minutes check_in_opens_before);

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
