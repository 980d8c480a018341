#include <gtest/gtest.h>

#include "identity/rules/credentials.h"
#include "identity/rules/permissions.h"

namespace slotbase::identity::rules {
namespace {

TEST(Credentials, NormalizesEmails) {
  EXPECT_EQ(normalize_email("  Pat@Example.COM "), "pat@example.com");
}

TEST(Credentials, RejectsMalformedEmails) {
  EXPECT_FALSE(check_email("pat@example.com"));
  for (const char* bad :
       {"", "pat", "@example.com", "pat@example", "pat@@example.com", "pat @example.com", "pat@example..com"})
    EXPECT_TRUE(check_email(bad)) << bad;
}

TEST(Credentials, PasswordsMustBeLongAndNotTheEmail) {
  EXPECT_TRUE(check_password("short", "pat@example.com"));
  EXPECT_TRUE(check_password("pat@example.com", "pat@example.com"));
  EXPECT_TRUE(check_password("PatterSons", "pattersons@example.com"));
  EXPECT_TRUE(check_password(std::string(129, 'x'), "pat@example.com"));
  EXPECT_FALSE(check_password("a long enough passphrase", "pat@example.com"));
}

TEST(Permissions, StaffRunTheDeskButDoNotManageTheFacility) {
  EXPECT_TRUE(grants(Role::staff, Permission::bookings_manage));
  EXPECT_FALSE(grants(Role::staff, Permission::facility_manage));
  EXPECT_FALSE(grants(Role::staff, Permission::staff_manage));
  EXPECT_TRUE(grants(Role::facility_manager, Permission::staff_manage));
  EXPECT_FALSE(grants(Role::member, Permission::facility_view));
  EXPECT_FALSE(grants(Role::org_owner, Permission::platform_manage));
  EXPECT_TRUE(grants(Role::platform_admin, Permission::platform_manage));
}

TEST(Permissions, ScopesCoverTheirOwnTenantOnly) {
  RoleAssignment owner{RoleAssignmentId{"r1"}, Role::org_owner, ScopeType::organization, "org_a"};
  EXPECT_TRUE(covers(owner, {"org_a", "fac_1"}));
  EXPECT_FALSE(covers(owner, {"org_b", "fac_2"}));
  RoleAssignment desk{RoleAssignmentId{"r2"}, Role::staff, ScopeType::facility, "fac_1"};
  EXPECT_TRUE(covers(desk, {"org_a", "fac_1"}));
  EXPECT_FALSE(covers(desk, {"org_a", "fac_9"}));
  EXPECT_FALSE(covers(desk, {"org_a", std::nullopt}));
  RoleAssignment admin{RoleAssignmentId{"r3"}, Role::platform_admin, ScopeType::platform, ""};
  EXPECT_TRUE(covers(admin, {"org_z", "fac_z"}));
}

}  // namespace
}  // namespace slotbase::identity::rules
