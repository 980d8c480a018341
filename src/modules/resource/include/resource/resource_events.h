#pragma once

#include <string>
#include <tuple>
#include <vector>

#include "platform/events/typed_event.h"

/// The events the resource module emits (platform/events/typed_event.h says how they are
/// written).
namespace slotbase::resource {

struct ResourceCreated {
  static constexpr const char* kType = "resource.created";
  static constexpr int kVersion = 1;
  std::string resource_id;
  std::string facility_id;
  std::string type;
  bool operator==(const ResourceCreated&) const = default;
};
SB_EVENT_CODEC(ResourceCreated, resource_id, facility_id, type)

/// `changes`: the attributes that changed (name, description, indoor, ..., status).
struct ResourceUpdated {
  static constexpr const char* kType = "resource.updated";
  static constexpr int kVersion = 1;
  std::string resource_id;
  std::string facility_id;
  std::vector<std::string> changes;
  bool operator==(const ResourceUpdated&) const = default;
};
SB_EVENT_CODEC(ResourceUpdated, resource_id, facility_id, changes)

struct PricingUpdated {
  static constexpr const char* kType = "resource.pricing_updated";
  static constexpr int kVersion = 1;
  std::string resource_id;
  std::string facility_id;
  bool operator==(const PricingUpdated&) const = default;
};
SB_EVENT_CODEC(PricingUpdated, resource_id, facility_id)

/// Every event the module emits (the round-trip test reads this list).
using Events = std::tuple<ResourceCreated, ResourceUpdated, PricingUpdated>;

}  // namespace slotbase::resource
