#include <set>

#include "identity/identity_service.h"
#include "organization/organization_service.h"
#include "support/app_fixture.h"

namespace slotbase::testing {
namespace {

using identity::Permission;

class OrganizationTest : public AppTest {
 protected:
  Context sign_up(const std::string& email) {
    auto r = app_->service<identity::IdentityService>().register_user(
        {email, "a long enough passphrase", email.substr(0, email.find('@'))}, {});
    EXPECT_TRUE(r.ok());
    return Context{r->user.id.str(), "test", ""};
  }
  organization::Facility facility(const Context& owner) {
    auto org = app_->service<organization::OrganizationService>().create_organization("Riverside", owner);
    auto f = app_->service<organization::OrganizationService>().create_facility(
        org->id, {"Riverside Courts", "America/New_York", "USD", std::nullopt}, owner);
    EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.error().detail);
    return f.value();
  }
};

TEST_P(OrganizationTest, FiftyClubsMayShareOneName) {
  auto owner = sign_up("owner@example.com");
  auto& orgs = app_->service<organization::OrganizationService>();
  std::set<std::string> slugs;
  for (int i = 0; i < 50; ++i) {
    auto org = orgs.create_organization("Club " + std::to_string(i), owner);
    ASSERT_TRUE(org.ok());
    auto f = orgs.create_facility(org->id, {"Tennis Club", "America/New_York", "USD", std::nullopt}, owner);
    ASSERT_TRUE(f.ok()) << i << ": " << (f.ok() ? "" : f.error().detail);
    EXPECT_TRUE(f->slug.starts_with("tennis-club")) << f->slug;
    slugs.insert(f->slug);
  }
  EXPECT_EQ(slugs.size(), 50u);
}

TEST_P(OrganizationTest, TheCreatorOwnsTheOrganization) {
  auto owner = sign_up("owner@example.com");
  auto org = app_->service<organization::OrganizationService>().create_organization("Riverside", owner);
  ASSERT_TRUE(org.ok());
  EXPECT_TRUE(app_->service<identity::IdentityService>().check_permission(
      identity::UserId{*owner.user_id}, Permission::organization_manage, {org->id.str(), std::nullopt}));
  auto mine = app_->service<organization::OrganizationService>().my_organizations(owner);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].id, org->id);
}

TEST_P(OrganizationTest, AFailedRoleGrantLeavesNoOrganizationBehind) {
  // A caller whose account does not exist cannot be made owner: the organization must not remain.
  Context ghost{"usr_ghost", "test", ""};
  auto org = app_->service<organization::OrganizationService>().create_organization("Ghost Club", ghost);
  ASSERT_FALSE(org.ok());
  auto count = app_->database().read(
      [](db::Connection& c) { return c.query_one("SELECT COUNT(*) FROM organizations")->i64(0); });
  EXPECT_EQ(count, 0);
}

TEST_P(OrganizationTest, FacilitiesNeedARealTimeZoneAndCurrency) {
  auto owner = sign_up("owner@example.com");
  auto org = app_->service<organization::OrganizationService>().create_organization("Riverside", owner);
  auto bad = app_->service<organization::OrganizationService>().create_facility(
      org->id, {"Courts", "Mars/Base", "EURO", std::nullopt}, owner);
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.error().fields.size(), 2u);
  EXPECT_EQ(bad.error().fields[0].field, "timezone");
  EXPECT_EQ(bad.error().fields[1].field, "currency");
}

TEST_P(OrganizationTest, PoliciesStartAtTheDefaultsAndPatchPartially) {
  auto owner = sign_up("owner@example.com");
  auto f = facility(owner);
  EXPECT_EQ(f.policies.hold_ttl_seconds, 300);
  organization::FacilityPatch patch;
  patch.policies.emplace().booking_window_days = 30;
  auto updated = app_->service<organization::OrganizationService>().update_facility(f.id, patch, owner);
  ASSERT_TRUE(updated.ok());
  auto reread = app_->service<organization::OrganizationService>().find_facility(f.id);
  EXPECT_EQ(reread->policies.booking_window_days, 30);
  EXPECT_EQ(reread->policies.hold_ttl_seconds, 300);
}

TEST_P(OrganizationTest, AnotherOrganizationsOwnerCannotChangeTheFacility) {
  auto owner = sign_up("owner@example.com");
  auto rival = sign_up("rival@example.com");
  ASSERT_TRUE(app_->service<organization::OrganizationService>().create_organization("Rival Club", rival).ok());
  auto f = facility(owner);
  organization::FacilityPatch patch;
  patch.name = "Hijacked";
  auto r = app_->service<organization::OrganizationService>().update_facility(f.id, patch, rival);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::permission_denied);
  // Made private, the facility is not even seen to exist.
  organization::FacilityPatch hide;
  hide.settings.emplace().is_public = false;
  ASSERT_TRUE(app_->service<organization::OrganizationService>().update_facility(f.id, hide, owner).ok());
  EXPECT_EQ(app_->service<organization::OrganizationService>().update_facility(f.id, patch, rival).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(app_->service<organization::OrganizationService>().get_facility(f.id, rival).error().code,
            ErrorCode::not_found);
  EXPECT_TRUE(app_->service<organization::OrganizationService>().get_facility(f.id, owner).ok());
}

TEST_P(OrganizationTest, HoursAreReplacedWhole) {
  auto owner = sign_up("owner@example.com");
  auto f = facility(owner);
  organization::OperatingHours week;
  for (int d = 1; d <= 7; ++d) week.weekly.push_back({d, LocalTime{420}, LocalTime{1320}});
  week.holidays.push_back({LocalDate{2026, 12, 25}, "Christmas", true, std::nullopt, std::nullopt});
  ASSERT_TRUE(app_->service<organization::OrganizationService>().set_hours(f.id, week, owner).ok());
  organization::OperatingHours weekdays;
  for (int d = 1; d <= 5; ++d) weekdays.weekly.push_back({d, LocalTime{480}, LocalTime{1200}});
  auto h = app_->service<organization::OrganizationService>().set_hours(f.id, weekdays, owner);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->weekly.size(), 5u);
  EXPECT_TRUE(h->holidays.empty());
  EXPECT_EQ(app_->service<organization::OrganizationService>().hours_of(f.id).weekly[0].open.minutes, 480);
}

TEST_P(OrganizationTest, StaffInvitedByEmailGetTheirRoleWhenTheySignUp) {
  auto owner = sign_up("owner@example.com");
  auto f = facility(owner);
  auto invited = app_->service<organization::OrganizationService>().add_staff(f.id, "Desk@Example.com", "staff", owner);
  ASSERT_TRUE(invited.ok());
  EXPECT_EQ(invited->status, "invited");
  auto member = app_->service<organization::OrganizationService>().add_member(f.id, "desk@example.com", owner);
  ASSERT_TRUE(member.ok());

  auto desk = sign_up("desk@example.com");
  EXPECT_FALSE(app_->service<identity::IdentityService>().check_permission(
      identity::UserId{*desk.user_id}, Permission::bookings_manage, {f.organization_id.str(), f.id.str()}));
  app_->run_background_once();  // the dispatcher delivers user.created to the invitations subscriber
  EXPECT_TRUE(app_->service<identity::IdentityService>().check_permission(
      identity::UserId{*desk.user_id}, Permission::bookings_manage, {f.organization_id.str(), f.id.str()}));
  EXPECT_TRUE(app_->service<organization::OrganizationService>().is_member(f.id, identity::UserId{*desk.user_id}));
  auto staff = app_->service<organization::OrganizationService>().list_staff(f.id, owner);
  ASSERT_EQ(staff->size(), 1u);
  EXPECT_EQ(staff->at(0).status, "active");
  // Delivering the same event again changes nothing.
  app_->run_background_once();
  EXPECT_EQ(app_->service<identity::IdentityService>().roles_of(identity::UserId{*desk.user_id}).size(), 2u);
}

TEST_P(OrganizationTest, StaffCannotAddStaffButCanAddMembers) {
  auto owner = sign_up("owner@example.com");
  auto f = facility(owner);
  auto desk = sign_up("desk@example.com");
  ASSERT_TRUE(
      app_->service<organization::OrganizationService>().add_staff(f.id, "desk@example.com", "staff", owner).ok());
  auto r = app_->service<organization::OrganizationService>().add_staff(f.id, "friend@example.com", "facility_manager",
                                                                        desk);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::permission_denied);
  EXPECT_TRUE(app_->service<organization::OrganizationService>().add_member(f.id, "player@example.com", desk).ok());
}

TEST_P(OrganizationTest, PublicFacilitiesCanBeFoundByName) {
  auto owner = sign_up("owner@example.com");
  auto org = app_->service<organization::OrganizationService>().create_organization("Riverside", owner);
  for (const char* name : {"Riverside Courts", "Hilltop Tennis", "River Padel"})
    ASSERT_TRUE(app_->service<organization::OrganizationService>()
                    .create_facility(org->id, {name, "Europe/Berlin", "EUR", std::nullopt}, owner)
                    .ok());
  auto river =
      app_->service<organization::OrganizationService>().public_facilities(std::string("RIVER"), 10, std::nullopt);
  EXPECT_EQ(river.items.size(), 2u);
  auto first = app_->service<organization::OrganizationService>().public_facilities(std::nullopt, 2, std::nullopt);
  ASSERT_EQ(first.items.size(), 2u);
  ASSERT_TRUE(first.next_cursor);
  auto second =
      app_->service<organization::OrganizationService>().public_facilities(std::nullopt, 2, first.next_cursor);
  EXPECT_EQ(second.items.size(), 1u);
  EXPECT_FALSE(second.next_cursor);
}

SB_INSTANTIATE_BACKENDS(OrganizationTest);

}  // namespace
}  // namespace slotbase::testing
