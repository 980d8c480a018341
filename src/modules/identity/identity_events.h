#pragma once

namespace slotbase::identity::event_names {

// Emitted by the identity module; payloads follow the original design's IdentityEvents.
inline constexpr const char* kUserCreated = "user.created";    // {user_id, email}
inline constexpr const char* kUserUpdated = "user.updated";    // {user_id, changes: [field...]}
inline constexpr const char* kUserDeleted = "user.deleted";    // {user_id}
inline constexpr const char* kRoleAssigned = "role.assigned";  // {user_id, role, scope: {type, id}}
inline constexpr const char* kRoleRemoved = "role.removed";    // {user_id, role, scope: {type, id}}

}  // namespace slotbase::identity::event_names
