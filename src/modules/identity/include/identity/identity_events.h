#pragma once

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "platform/events/typed_event.h"

/// The events the identity module emits (platform/events/typed_event.h says how they are
/// written); they follow the original design's IdentityEvents.
namespace slotbase::identity {

/// Where a role holds: type platform | organization | facility, and its id (null on the platform).
struct RoleScope {
  std::string type;
  std::optional<std::string> id;
  bool operator==(const RoleScope&) const = default;
};
SB_EVENT_CODEC(RoleScope, type, id)

struct UserCreated {
  static constexpr const char* kType = "user.created";
  static constexpr int kVersion = 1;
  std::string user_id;
  std::string email;
  bool operator==(const UserCreated&) const = default;
};
SB_EVENT_CODEC(UserCreated, user_id, email)

/// `changes`: the fields that changed (name, email, password).
struct UserUpdated {
  static constexpr const char* kType = "user.updated";
  static constexpr int kVersion = 1;
  std::string user_id;
  std::vector<std::string> changes;
  bool operator==(const UserUpdated&) const = default;
};
SB_EVENT_CODEC(UserUpdated, user_id, changes)

struct UserDeleted {
  static constexpr const char* kType = "user.deleted";
  static constexpr int kVersion = 1;
  std::string user_id;
  bool operator==(const UserDeleted&) const = default;
};
SB_EVENT_CODEC(UserDeleted, user_id)

struct RoleAssigned {
  static constexpr const char* kType = "role.assigned";
  static constexpr int kVersion = 1;
  std::string user_id;
  std::string role;
  RoleScope scope;
  bool operator==(const RoleAssigned&) const = default;
};
SB_EVENT_CODEC(RoleAssigned, user_id, role, scope)

struct RoleRemoved {
  static constexpr const char* kType = "role.removed";
  static constexpr int kVersion = 1;
  std::string user_id;
  std::string role;
  RoleScope scope;
  bool operator==(const RoleRemoved&) const = default;
};
SB_EVENT_CODEC(RoleRemoved, user_id, role, scope)

/// Every event the module emits (the round-trip test reads this list).
using Events = std::tuple<UserCreated, UserUpdated, UserDeleted, RoleAssigned, RoleRemoved>;

}  // namespace slotbase::identity
