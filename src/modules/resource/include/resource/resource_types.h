#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "organization/organization_types.h"
#include "platform/core/enum_names.h"
#include "platform/core/ids.h"
#include "platform/core/money.h"
#include "platform/core/time.h"
#include "platform/core/zone.h"

namespace slotbase::resource {

using ResourceId = Id<struct ResourceTag>;

inline constexpr const char* kResourceTypes[] = {
    "tennis_court",    "pickleball_court", "padel_court",  "basketball_court", "badminton_court",
    "squash_court",    "swimming_lane",    "pool_section", "cricket_lane",     "cricket_net",
    "bowling_machine", "batting_cage",     "multi_purpose"};

enum class ResourceStatus { active, inactive };
constexpr EnumNames<ResourceStatus, 2> names_of(ResourceStatus) {
  return {{{{ResourceStatus::active, "active"}, {ResourceStatus::inactive, "inactive"}}}};
}

struct Resource {
  ResourceId id;
  organization::FacilityId facility_id;
  std::string name;
  std::string type;
  std::string description;
  bool indoor = false;
  std::string surface;
  bool lighting = false;
  std::string color;
  int display_order = 0;
  std::optional<int> capacity;
  ResourceStatus status = ResourceStatus::active;
  Instant created_at;
  std::optional<std::string> image;  // the stored picture's file name (platform MediaStore), if any
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
  std::optional<std::string> name, description, surface, color;
  std::optional<ResourceStatus> status;
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
  bool operator==(const PriceRule&) const = default;
};

/// A resource's prices: `base` per `per_minutes` minutes unless a rule covers the minute.
struct Pricing {
  Money base;
  std::optional<std::int64_t> member_base;
  int per_minutes = 60;
  std::vector<PriceRule> rules;
  bool operator==(const Pricing&) const = default;

  /// What a resource without prices costs: nothing, in `currency`.
  static Pricing free_in(std::string currency) { return {{0, std::move(currency)}, std::nullopt, 60, {}}; }
};

/// A resource with its prices, read in one statement.
struct PricedResource {
  Resource resource;
  std::optional<Pricing> pricing;  // none: the resource has no prices, and is free

  /// Its prices; free, in `currency` (its facility's), when it has none.
  Pricing pricing_in(const std::string& currency) const { return pricing.value_or(Pricing::free_in(currency)); }
};

/// What besides the resource's own prices decides a price.
struct PriceContext {
  const Zone& zone;
  double weekend_multiplier = 1.0;  // Saturdays and Sundays
  double holiday_multiplier = 1.0;  // holidays open with modified hours
  std::function<bool(LocalDate)> is_open_holiday;
};

}  // namespace slotbase::resource
