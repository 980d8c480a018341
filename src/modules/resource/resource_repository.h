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
  static std::optional<Resource> find(db::Connection& c, const std::string& id);
  static std::vector<Resource> of_facility(db::Connection& c, const std::string& facility_id);
  static void update(db::Connection& c, const Resource& r, Instant now);
  static void set_pricing(db::Connection& c, const std::string& id, const nlohmann::json& pricing, Instant now);
  /// The stored pricing document, or null.
  static nlohmann::json pricing(db::Connection& c, const std::string& id);
  /// find and pricing in one read.
  static std::optional<PricedResource> find_priced(db::Connection& c, const std::string& id);
  /// (resource id, pricing document or null) for every resource of a facility.
  static std::vector<std::pair<std::string, nlohmann::json>> facility_pricing(db::Connection& c,
                                                                              const std::string& facility_id);
};

}  // namespace slotbase::resource
