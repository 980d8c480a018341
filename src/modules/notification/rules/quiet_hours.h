#pragma once

#include <optional>

#include "platform/core/time.h"
#include "platform/core/zone.h"

namespace slotbase::notification::rules {

/// When quiet hours that hold `now` end: the next `end` on the zone's wall clock, or nullopt
/// when `now` is outside them. The window is [start, end) and may run past midnight (22:00 to
/// 07:00); start == end means no quiet hours. DST days are as the zone has them: the end is the
/// first instant the wall clock shows it (after a spring-forward gap, the instant after the gap).
std::optional<Instant> quiet_until(Instant now, const Zone& zone, LocalTime start, LocalTime end);

}  // namespace slotbase::notification::rules
