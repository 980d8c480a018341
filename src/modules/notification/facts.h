#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "booking/booking_types.h"
#include "organization/organization_service.h"
#include "resource/resource_service.h"
#include "templates.h"

namespace slotbase::notification {

/// The facts templates show about a slot, a booking or an amount: times in the facility's zone
/// (shown with the zone's name), amounts in their currency, each written in the recipient's
/// language only when a template renders it (Templates::when_fact, money_fact). Thread-safe.
class Facts {
 public:
  Facts(organization::OrganizationService& orgs, resource::ResourceService& resources)
      : orgs_(orgs), resources_(resources) {}

  /// resource, when, ends (and booking_id when given) for a slot of a facility's resource.
  nlohmann::json slot(const std::string& facility_id, const std::string& resource_id, Instant start, Instant end) const;
  nlohmann::json booking(const booking::Booking& b) const;
  /// "Wed 25 Nov, 10:00 (America/New_York)" in the facility's zone (UTC if it has none).
  nlohmann::json when(const std::string& facility_id, Instant t) const;
  nlohmann::json money(const Money& m) const;
  /// The resource's name, or empty.
  std::string resource_name(const std::string& resource_id) const;

 private:
  Zone zone_of(const std::string& facility_id) const;

  organization::OrganizationService& orgs_;
  resource::ResourceService& resources_;
};

}  // namespace slotbase::notification
