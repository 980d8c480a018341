#pragma once

#include "availability_documents.h"
#include "booking/booking_service.h"
#include "booking/recurring_service.h"
#include "platform/http/router.h"

namespace slotbase::booking {

/// The contract's Availability and Holds and bookings routes, recurring series and blocks
/// included. Availability documents are rendered once per revision into `documents`.
void register_booking_routes(http::Router& router, BookingService& bookings, RecurringService& recurring,
                             AvailabilityDocuments& documents);

}  // namespace slotbase::booking
