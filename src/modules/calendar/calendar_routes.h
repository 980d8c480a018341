#pragma once

#include "calendar/calendar_service.h"
#include "platform/http/router.h"

namespace slotbase::calendar {

/// The routes of the contract's "Calendar feeds" section.
void register_calendar_routes(http::Router& router, CalendarService& calendar);

}  // namespace slotbase::calendar
