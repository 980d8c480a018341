#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/result.h"
#include "platform/core/time.h"

namespace slotbase::booking::rules {

/// Checks an RFC 5545 RRULE ("FREQ=WEEKLY;BYDAY=TU,TH", with or without "RRULE:") and returns it
/// without the prefix. A series happens once a day at most, at its own local time: the frequency
/// is DAILY, WEEKLY, MONTHLY or YEARLY and BYHOUR, BYMINUTE and BYSECOND are refused. Errors name
/// the field "rrule".
Result<std::string> parse_rrule(std::string_view text);

/// Whether the rule ends by itself (COUNT or UNTIL).
bool rrule_has_end(const std::string& rrule);

/// The local dates on which a series that starts on `first` occurs, from `from` to `to`
/// inclusive, at most `limit` of them. The rule's COUNT counts from `first`; `first` itself is an
/// occurrence only if it matches the rule (RFC 5545). `rrule` must have passed parse_rrule.
std::vector<LocalDate> occurrence_dates(const std::string& rrule, LocalDate first, LocalDate from, LocalDate to,
                                        std::size_t limit);

}  // namespace slotbase::booking::rules
