#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/db/database.h"
#include "resource/resource_types.h"

namespace slotbase::resource {

/// The resource module's table. Every method runs in the caller's transaction.
class ResourceRepository {
 public:
  static void insert(db::Connection& c, const Resource& r);
  static std::optional<Resource> find(db::Connection& c, const ResourceId& id);
  static std::vector<Resource> of_facility(db::Connection& c, const organization::FacilityId& facility_id);
  static void update(db::Connection& c, const Resource& r, Instant now);
  /// The stored picture's file name, or none.
  static void set_image(db::Connection& c, const ResourceId& id, const std::optional<std::string>& image, Instant now);
  static void set_pricing(db::Connection& c, const ResourceId& id, const nlohmann::json& pricing, Instant now);
  /// The stored pricing document's text, if the resource has one.
  static std::optional<std::string> pricing(db::Connection& c, const ResourceId& id);
  /// find and pricing in one read.
  static std::optional<std::pair<Resource, std::optional<std::string>>> find_priced(db::Connection& c,
                                                                                    const ResourceId& id);
  /// (resource id, pricing document's text if any) for every resource of a facility.
  static std::vector<std::pair<ResourceId, std::optional<std::string>>> facility_pricing(
      db::Connection& c, const organization::FacilityId& facility_id);
};

}  // namespace slotbase::resource
