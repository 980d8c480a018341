#include "permissions.h"

namespace slotbase::identity::rules {

bool grants(Role role, Permission p) {
  switch (role) {
    case Role::platform_admin:
      return true;
    case Role::org_owner:
    case Role::org_admin:
      return p != Permission::platform_manage;
    case Role::facility_manager:
      return p == Permission::facility_manage || p == Permission::staff_manage || p == Permission::members_manage ||
             p == Permission::bookings_manage || p == Permission::facility_view;
    case Role::staff:
      return p == Permission::members_manage || p == Permission::bookings_manage || p == Permission::facility_view;
    case Role::coach:
      return p == Permission::facility_view;
    case Role::member:
    case Role::parent:
      return false;
  }
  return false;
}

bool covers(const RoleAssignment& a, const ScopeRef& scope) {
  switch (a.scope_type) {
    case ScopeType::platform:
      return true;
    case ScopeType::organization:
      return scope.organization_id && *scope.organization_id == a.scope_id;
    case ScopeType::facility:
      return scope.facility_id && *scope.facility_id == a.scope_id;
  }
  return false;
}

}  // namespace slotbase::identity::rules
