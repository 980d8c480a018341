#include "facts.h"

namespace slotbase::notification {

Zone Facts::zone_of(const std::string& facility_id) const {
  auto facility = orgs_.find_facility(organization::FacilityId{facility_id});
  if (facility)
    if (auto zone = Zone::find(facility->timezone)) return *zone;
  return *Zone::find("UTC");
}

nlohmann::json Facts::when(const std::string& facility_id, Instant t) const {
  return Templates::when_fact(t, zone_of(facility_id));
}

nlohmann::json Facts::money(const Money& m) const {
  return Templates::money_fact(m);
}

std::string Facts::resource_name(const std::string& resource_id) const {
  auto r = resources_.find_resource(resource::ResourceId{resource_id});
  return r ? r->name : "";
}

nlohmann::json Facts::slot(const std::string& facility_id, const std::string& resource_id, Instant start,
                           Instant end) const {
  const Zone zone = zone_of(facility_id);
  return {{"resource", resource_name(resource_id)},
          {"when", Templates::when_fact(start, zone)},
          {"ends", Templates::time_fact(end, zone)},
          {"starts_at", format_rfc3339(start)}};  // sorts in time order, for a batch's list
}

nlohmann::json Facts::booking(const booking::Booking& b) const {
  nlohmann::json facts = slot(b.facility_id, b.resource_id, b.start, b.end);
  if (b.price.amount > 0) facts["price"] = money(b.price);
  return facts;
}

}  // namespace slotbase::notification
