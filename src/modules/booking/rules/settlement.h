#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "booking/booking_types.h"
#include "organization/organization_types.h"
#include "platform/core/result.h"

namespace slotbase::booking::rules {

/// `percent` of `amount`, rounded half up to a minor unit.
std::int64_t percent_of(std::int64_t amount, int percent);

/// Sets the cancellation fields of `b` for `percent` of its price refunded (only what was paid
/// comes back: an unpaid booking refunds nothing) and returns the refund.
Refund settle(Booking& b, int percent, const std::string& reason, const std::string& cancelled_by);

/// When `b` becomes a no-show unless checked in: its start plus the facility's grace, for the
/// types a player shows up to; never for the others.
std::optional<Instant> no_show_at(const Booking& b, const organization::Policies& policies);

/// A booking's start and end as a request spells them: RFC 3339 with an offset, whole minutes,
/// end after start, at most a day long. Errors name the field.
Result<std::pair<Instant, Instant>> parse_range(const std::string& start, const std::string& end);

/// Whether `type` is one of kBookingTypes.
bool is_booking_type(const std::string& type);

}  // namespace slotbase::booking::rules
