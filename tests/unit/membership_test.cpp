#include <gtest/gtest.h>

#include "booking/rules/membership.h"

namespace slotbase::booking::rules {
namespace {

using organization::Membership;
using organization::RosterStatus;

TEST(MembershipRule, AnyoneBooksAnOpenClubButAnInactivePlayer) {
  EXPECT_TRUE(check_membership(Membership::open, std::nullopt).ok());
  EXPECT_TRUE(check_membership(Membership::open, RosterStatus::active).ok());
  auto inactive = check_membership(Membership::open, RosterStatus::inactive);
  ASSERT_FALSE(inactive.ok());
  EXPECT_EQ(inactive.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(inactive.error().rule, "not-a-member");
}

TEST(MembershipRule, ClosedClubsTakeOnlyTheirActivePlayers) {
  for (auto policy : {Membership::approval, Membership::invite_only}) {
    EXPECT_TRUE(check_membership(policy, RosterStatus::active).ok());
    for (auto status : {std::optional<RosterStatus>{}, std::optional(RosterStatus::inactive)}) {
      auto refused = check_membership(policy, status);
      ASSERT_FALSE(refused.ok());
      EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);
      EXPECT_EQ(refused.error().rule, "not-a-member");
      // Someone not on the roster is told how one joins; an inactive player, whom to ask.
      const std::string says = status ? "is inactive" : "Only members can book at this facility.";
      EXPECT_NE(refused.error().detail.find(says), std::string::npos) << refused.error().detail;
    }
  }
}

}  // namespace
}  // namespace slotbase::booking::rules
