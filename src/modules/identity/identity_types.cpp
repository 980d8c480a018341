#include "identity/identity_types.h"

#include <array>
#include <utility>

namespace slotbase::identity {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 8> kRoles = {{
    {Role::platform_admin, "platform_admin"},
    {Role::org_owner, "org_owner"},
    {Role::org_admin, "org_admin"},
    {Role::facility_manager, "facility_manager"},
    {Role::staff, "staff"},
    {Role::coach, "coach"},
    {Role::member, "member"},
    {Role::parent, "parent"},
}};

constexpr std::array<std::pair<ScopeType, std::string_view>, 3> kScopes = {{
    {ScopeType::platform, "platform"},
    {ScopeType::organization, "organization"},
    {ScopeType::facility, "facility"},
}};

}  // namespace

std::string_view to_string(Role role) {
  for (const auto& [r, name] : kRoles)
    if (r == role) return name;
  return "member";
}

std::optional<Role> parse_role(std::string_view text) {
  for (const auto& [r, name] : kRoles)
    if (name == text) return r;
  return std::nullopt;
}

std::string_view to_string(ScopeType scope) {
  for (const auto& [s, name] : kScopes)
    if (s == scope) return name;
  return "facility";
}

std::optional<ScopeType> parse_scope_type(std::string_view text) {
  for (const auto& [s, name] : kScopes)
    if (name == text) return s;
  return std::nullopt;
}

}  // namespace slotbase::identity
