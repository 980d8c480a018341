#pragma once

#include <functional>

#include "availability_cache.h"
#include "booking/booking_service.h"
#include "booking/recurring_service.h"
#include "platform/http/router.h"

namespace slotbase::booking {

/// The contract's Availability and Holds and bookings routes, recurring series and blocks
/// included. `version` reads what the availability cache keys on (see AvailabilityCache).
void register_booking_routes(http::Router& router, BookingService& bookings, RecurringService& recurring,
                             std::function<AvailabilityCache::Version()> version);

}  // namespace slotbase::booking
