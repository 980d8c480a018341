#pragma once

#include <optional>

#include "organization/organization_types.h"
#include "platform/core/result.h"

namespace slotbase::booking::rules {

/// Whether a player with this place on the roster (none: not on it) may book at a facility with
/// this membership policy: an inactive player never; anyone else under `open`; only active
/// players otherwise. Refusals are permission_denied with the rule "not-a-member" (403).
Result<void> check_membership(organization::Membership policy, std::optional<organization::RosterStatus> on_roster);

}  // namespace slotbase::booking::rules
