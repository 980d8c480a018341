#pragma once

#include "identity/identity_types.h"

namespace slotbase::identity::rules {

/// The role-permission table: which roles carry which permissions.
bool grants(Role role, Permission permission);

/// True when `assignment` covers `scope`: a platform role covers everything; an organization role
/// covers the organization and its facilities; a facility role covers that facility.
bool covers(const RoleAssignment& assignment, const ScopeRef& scope);

}  // namespace slotbase::identity::rules
