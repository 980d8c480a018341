#pragma once

#include <map>
#include <string>
#include <vector>

#include "booking/booking_types.h"
#include "identity/identity_service.h"
#include "places.h"
#include "platform/core/context.h"
#include "platform/core/result.h"
#include "platform/db/database.h"
#include "resource/resource_service.h"

namespace slotbase::booking {

/// Staff's lists of a facility's bookings over a range of local dates with filters, a page at a
/// time, and the same as a download with the names of courts (the resource module's) and players
/// (identity's); each page and download asks identity once for all its players. Thread-safe.
class BookingLists {
 public:
  BookingLists(db::Database& db, identity::IdentityService& identity, resource::ResourceService& resources,
               Places& places)
      : db_(db), identity_(identity), resources_(resources), places_(places) {}

  Result<FacilityBookingPage> page(const std::string& facility_id, const FacilityBookingQuery& q, const Context& ctx);
  Result<BookingExport> download(const std::string& facility_id, const FacilityBookingQuery& q, const Context& ctx);

 private:
  /// The players of `bookings`, by user id, from one call to identity.
  std::map<std::string, BookingPlayer> players_of(const std::vector<Booking>& bookings);

  db::Database& db_;
  identity::IdentityService& identity_;
  resource::ResourceService& resources_;
  Places& places_;
};

}  // namespace slotbase::booking
