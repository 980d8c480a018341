#pragma once

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "platform/events/typed_event.h"

/// The events the organization module emits (platform/events/typed_event.h says how they are
/// written).
namespace slotbase::organization {

struct OrganizationCreated {
  static constexpr const char* kType = "organization.created";
  static constexpr int kVersion = 1;
  std::string organization_id;
  std::string name;
  bool operator==(const OrganizationCreated&) const = default;
};
SB_EVENT_CODEC(OrganizationCreated, organization_id, name)

struct FacilityCreated {
  static constexpr const char* kType = "facility.created";
  static constexpr int kVersion = 1;
  std::string facility_id;
  std::string organization_id;
  std::string timezone;
  std::string currency;
  bool operator==(const FacilityCreated&) const = default;
};
SB_EVENT_CODEC(FacilityCreated, facility_id, organization_id, timezone, currency)

/// `changes`: name, address, settings, policies.
struct FacilityUpdated {
  static constexpr const char* kType = "facility.updated";
  static constexpr int kVersion = 1;
  std::string facility_id;
  std::vector<std::string> changes;
  bool operator==(const FacilityUpdated&) const = default;
};
SB_EVENT_CODEC(FacilityUpdated, facility_id, changes)

/// Weekly hours or holidays changed.
struct HoursUpdated {
  static constexpr const char* kType = "facility.hours_updated";
  static constexpr int kVersion = 1;
  std::string facility_id;
  bool operator==(const HoursUpdated&) const = default;
};
SB_EVENT_CODEC(HoursUpdated, facility_id)

/// `user_id` is null while the person is invited and has not signed up.
struct StaffAdded {
  static constexpr const char* kType = "facility.staff_added";
  static constexpr int kVersion = 1;
  std::string facility_id;
  std::string email;
  std::string role;
  std::optional<std::string> user_id;
  bool operator==(const StaffAdded&) const = default;
};
SB_EVENT_CODEC(StaffAdded, facility_id, email, role, user_id)

/// `user_id` is null while the person is invited and has not signed up.
struct MemberAdded {
  static constexpr const char* kType = "facility.member_added";
  static constexpr int kVersion = 1;
  std::string facility_id;
  std::string email;
  std::optional<std::string> user_id;
  bool operator==(const MemberAdded&) const = default;
};
SB_EVENT_CODEC(MemberAdded, facility_id, email, user_id)

/// Every event the module emits (the round-trip test reads this list).
using Events = std::tuple<OrganizationCreated, FacilityCreated, FacilityUpdated, HoursUpdated, StaffAdded, MemberAdded>;

}  // namespace slotbase::organization
