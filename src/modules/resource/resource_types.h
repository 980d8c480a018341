#pragma once

#include <optional>
#include <string>
#include <vector>

#include "platform/core/money.h"
#include "platform/core/time.h"

namespace slotbase::resource {

inline constexpr const char* kResourceTypes[] = {
    "tennis_court",    "pickleball_court", "padel_court",  "basketball_court", "badminton_court",
    "squash_court",    "swimming_lane",    "pool_section", "cricket_lane",     "cricket_net",
    "bowling_machine", "batting_cage",     "multi_purpose"};

struct Resource {
  std::string id;
  std::string facility_id;
  std::string name;
  std::string type;
  std::string description;
  bool indoor = false;
  std::string surface;
  bool lighting = false;
  std::string color;
  int display_order = 0;
  std::optional<int> capacity;
  std::string status;  // active | inactive
  Instant created_at;
};

/// A resource with its pricing as stored (null when it has none) and its facility's
/// configuration version (organization::FacilityConfig), read in one statement.
struct PricedResource {
  Resource resource;
  nlohmann::json pricing;
  std::int64_t facility_version = 0;
};

struct NewResource {
  std::string name;
  std::string type;
  std::string description;
  bool indoor = false;
  std::string surface;
  bool lighting = false;
  std::string color;
  int display_order = 0;
  std::optional<int> capacity;
};

/// A partial update; what is absent stays.
struct ResourcePatch {
  std::optional<std::string> name, description, surface, color, status;
  std::optional<bool> indoor, lighting;
  std::optional<int> display_order;
};

/// A price that applies on some weekdays between two local times.
struct PriceRule {
  std::string name;
  std::vector<int> weekdays;  // ISO 1..7
  LocalTime from;
  LocalTime to;
  std::int64_t price = 0;                    // per `per_minutes`, minor units
  std::optional<std::int64_t> member_price;  // for the facility's members
};

/// A resource's prices: `base` per `per_minutes` minutes unless a rule covers the minute.
struct Pricing {
  Money base;
  std::optional<std::int64_t> member_base;
  int per_minutes = 60;
  std::vector<PriceRule> rules;
};

}  // namespace slotbase::resource
