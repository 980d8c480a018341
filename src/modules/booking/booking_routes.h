#pragma once

#include <functional>

#include "modules/booking/availability_cache.h"
#include "modules/booking/booking_service.h"
#include "modules/booking/recurring_service.h"
#include "platform/http/router.h"

namespace slotbase::booking {

/// The contract's Availability and Holds and bookings routes, recurring series and blocks
/// included. `version` reads what the availability cache keys on (see AvailabilityCache).
void register_booking_routes(http::Router& router, BookingService& bookings, RecurringService& recurring,
                             std::function<AvailabilityCache::Version()> version);

}  // namespace slotbase::booking
