#pragma once

#include <optional>
#include <vector>

#include "organization/organization_types.h"
#include "platform/core/result.h"
#include "platform/core/zone.h"

namespace slotbase::booking::rules {

/// When a facility is open on one local date.
struct DayWindow {
  bool open = false;
  Instant opens;
  Instant closes;
  bool holiday = false;       // the date is a holiday (closed or not)
  bool open_holiday = false;  // a holiday with modified hours: the holiday multiplier applies
};

/// The facility's opening on `date`: a holiday overrides the weekday; a weekday missing from the
/// weekly hours is closed. "24:00" closes at the next local midnight.
DayWindow window_for(const organization::OperatingHours& hours, const Zone& zone, LocalDate date);

/// The start instants of a day's slot grid: every `step` from opening while a slot of `duration`
/// still ends by closing. Real minutes, so DST days get their true number of slots.
std::vector<Instant> slot_starts(const DayWindow& window, std::chrono::minutes step, std::chrono::minutes duration);

/// The rules a player's hold must pass (staff bookings skip them). Each refusal is a
/// rule_violation naming the rule: invalid-time-range, in-the-past, duration-too-short,
/// duration-too-long, facility-closed, outside-opening-hours, off-slot-grid, min-lead-time,
/// booking-window.
Result<void> check_player_slot(const organization::Policies& policies, const organization::OperatingHours& hours,
                               const Zone& zone, Instant start, Instant end, Instant now);

}  // namespace slotbase::booking::rules
