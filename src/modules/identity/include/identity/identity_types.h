#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/context.h"
#include "platform/core/ids.h"
#include "platform/core/time.h"

namespace slotbase::identity {

using UserId = Id<struct UserTag>;
using SessionId = Id<struct SessionTag>;
using RoleAssignmentId = Id<struct RoleAssignmentTag>;

enum class Role { platform_admin, org_owner, org_admin, facility_manager, staff, coach, member, parent };
enum class ScopeType { platform, organization, facility };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);
std::string_view to_string(ScopeType scope);
std::optional<ScopeType> parse_scope_type(std::string_view text);

/// What a role lets its holder do. Routes ask for one of these in a scope.
enum class Permission {
  platform_manage,      // anything, anywhere
  organization_manage,  // organization settings, new facilities
  facility_manage,      // facility settings, policies, hours, resources, pricing
  staff_manage,         // assign staff and managers to a facility
  members_manage,       // add and remove members
  bookings_manage,      // the desk: book for others, check in, no-show, cancel any booking
  facility_view,        // staff views: bookings of everyone, member lists
};

struct RoleAssignment {
  RoleAssignmentId id;
  Role role;
  ScopeType scope_type;
  // An organization's or a facility's id (empty for platform scope). Identity sits below the
  // organization module, so it cannot name their id types: the text is the scope's id.
  std::string scope_id;
};

/// Where a permission is asked for: a facility belongs to an organization, so a role on the
/// organization covers its facilities. The ids are texts for the same reason as
/// RoleAssignment::scope_id.
struct ScopeRef {
  std::optional<std::string> organization_id;
  std::optional<std::string> facility_id;
};

struct User {
  UserId id;
  std::string email;
  std::string name;
  std::string status;  // active | inactive | suspended | deleted
  Instant created_at;
  bool email_verified = false;                              // a link sent to `email` was used
  std::optional<std::string> pending_email = std::nullopt;  // a new address asked for, waiting for its link
  std::optional<std::string> phone{};                       // E.164 ("+12125550123"), for text messages
  std::string locale = "en";                                // the language of their messages (rules/locale.h)
};

struct Profile {
  User user;
  std::vector<RoleAssignment> roles;
};

struct Registration {
  std::string email;
  std::string password;
  std::string name;
  /// The caller vouches for the address (demo data, imports; never a request's word): it counts
  /// as verified and no link is sent.
  bool email_verified = false;
  std::optional<std::string> phone{};   // as entered; stored in E.164
  std::optional<std::string> locale{};  // one of rules/locale.h's; "en" when absent
};

/// An account made for someone by staff (a player added to a facility's roster): no password
/// until its owner sets one through the welcome e-mail's link.
struct NewAccount {
  std::string email;
  std::string name;
  std::optional<std::string> phone{};  // as entered; stored in E.164
  std::string welcomed_by;             // who made it, for the e-mail ("Riverside Tennis Club")
};

struct AuthResult {
  User user;
  std::string access_token;
  std::string refresh_token;
  SessionId session_id;
  Instant access_expires_at;
};

struct UserUpdate {
  std::optional<std::string> name;
  std::optional<std::string> new_password;
  std::optional<std::string> current_password;
  /// A new address: it becomes the account's once a link sent to it is used.
  std::optional<std::string> email = std::nullopt;
  /// Absent: unchanged; null: removed; a number as entered: checked and stored in E.164.
  std::optional<std::optional<std::string>> phone{};
  /// Absent: unchanged; else one of the supported locales (rules/locale.h).
  std::optional<std::string> locale{};
};

/// Which app a link in an e-mail opens: the player app at `/`, or the admin app at `/admin`.
enum class LinkApp { player, admin };

/// A valid access token's session.
struct SessionInfo {
  UserId user_id;
  SessionId session_id;
  std::vector<RoleAssignment> roles;  // the user's, read with the session
};

/// A caller's roles as read with their session at the start of a request: permission checks in
/// that request use them instead of reading the roles again.
struct SessionRoles final : CallerFacts {
  SessionRoles(UserId user, std::vector<RoleAssignment> assigned)
      : user_id(std::move(user)), roles(std::move(assigned)) {}
  UserId user_id;
  std::vector<RoleAssignment> roles;
};

}  // namespace slotbase::identity
