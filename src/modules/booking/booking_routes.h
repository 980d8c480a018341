#pragma once

#include "modules/booking/booking_service.h"
#include "platform/http/router.h"

namespace slotbase::booking {

/// The contract's Availability and Holds and bookings routes.
void register_booking_routes(http::Router& router, BookingService& bookings);

}  // namespace slotbase::booking
