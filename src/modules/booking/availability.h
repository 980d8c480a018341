#pragma once

#include <string>

#include "booking/booking_types.h"
#include "organization/organization_service.h"
#include "platform/clock/clock.h"
#include "platform/db/database.h"
#include "resource/resource_service.h"

namespace slotbase::booking {

/// A facility's slot grid for some local days: the facility, its resources, hours and price
/// lists and the claims on them read once, every slot's status and price computed from those.
/// Thread-safe.
class AvailabilityReader {
 public:
  AvailabilityReader(db::Database& db, const Clock& clock, organization::OrganizationService& orgs,
                     resource::ResourceService& resources)
      : db_(db), clock_(clock), orgs_(orgs), resources_(resources) {}

  Result<Availability> availability(const std::string& facility_id, const AvailabilityQuery& q, const Context& ctx);

 private:
  db::Database& db_;
  const Clock& clock_;
  organization::OrganizationService& orgs_;
  resource::ResourceService& resources_;
};

}  // namespace slotbase::booking
