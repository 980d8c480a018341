#include "membership.h"

namespace slotbase::booking::rules {

using organization::Membership;
using organization::RosterStatus;

Result<void> check_membership(Membership policy, std::optional<RosterStatus> on_roster) {
  auto refuse = [](std::string detail) {
    Error e = Error::forbidden(std::move(detail));
    e.rule = "not-a-member";
    return e;
  };
  if (on_roster == RosterStatus::inactive)
    return refuse("Your place among this club's players is inactive: ask the club to make it active again.");
  if (policy == Membership::open || on_roster == RosterStatus::active) return Ok{};
  if (policy == Membership::approval)
    return refuse("Only members can book at this facility. Ask to join, and book once the club accepts you.");
  return refuse("Only members can book at this facility. Its players join by invitation.");
}

}  // namespace slotbase::booking::rules
