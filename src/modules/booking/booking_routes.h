#pragma once

#include <functional>

#include "modules/booking/availability_cache.h"
#include "modules/booking/booking_service.h"
#include "platform/http/router.h"

namespace slotbase::booking {

/// The contract's Availability and Holds and bookings routes. `version` reads what the
/// availability cache keys on (see AvailabilityCache).
void register_booking_routes(http::Router& router, BookingService& bookings,
                             std::function<AvailabilityCache::Version()> version);

}  // namespace slotbase::booking
