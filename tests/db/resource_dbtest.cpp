#include "identity/identity_service.h"
#include "organization/organization_service.h"
#include "resource/resource_service.h"
#include "support/app_fixture.h"

namespace slotbase::testing {
namespace {

class ResourceTest : public AppTest {
 protected:
  /// A court at a facility in euros, and its owner.
  std::pair<resource::Resource, Context> a_court() {
    auto r = app_->service<identity::IdentityService>().register_user(
        {"owner@example.com", "a long enough passphrase", "owner"}, {});
    EXPECT_TRUE(r.ok());
    const Context owner{r->user.id.str(), "test", ""};
    auto& orgs = app_->service<organization::OrganizationService>();
    auto org = orgs.create_organization("Riverside", owner);
    auto f = orgs.create_facility(org->id, {"Riverside Courts", "Europe/Berlin", "EUR", std::nullopt}, owner);
    resource::NewResource court;
    court.name = "Court 1";
    court.type = "tennis_court";
    auto created = app_->service<resource::ResourceService>().create_resource(f->id, court, owner);
    EXPECT_TRUE(created.ok());
    return {created.value(), owner};
  }
};

TEST_P(ResourceTest, PricesComeWithTheResourceAndNoneIsFree) {
  auto [court, owner] = a_court();
  auto& resources = app_->service<resource::ResourceService>();
  auto unpriced = resources.find_priced_resource(court.id);
  ASSERT_TRUE(unpriced);
  EXPECT_EQ(unpriced->resource.id, court.id);
  EXPECT_FALSE(unpriced->pricing);
  EXPECT_EQ(unpriced->pricing_in("EUR"), resource::Pricing::free_in("EUR"));

  resource::Pricing pricing{{2400, "EUR"}, 1800, 60, {}};
  pricing.rules.push_back({"Evenings", {1, 2, 3, 4, 5}, LocalTime{17 * 60}, LocalTime{21 * 60}, 3600, std::nullopt});
  ASSERT_TRUE(resources.set_pricing(court.id, pricing, owner).ok());
  auto priced = resources.find_priced_resource(court.id);
  ASSERT_TRUE(priced);
  EXPECT_EQ(priced->pricing, pricing);
  EXPECT_EQ(resources.pricing_of(court.id, "EUR"), pricing);
  EXPECT_EQ(resources.pricing_of_facility(court.facility_id, "EUR").at(court.id), pricing);
  EXPECT_FALSE(resources.find_priced_resource(resource::ResourceId{"res_missing"}));
}

SB_INSTANTIATE_BACKENDS(ResourceTest);

}  // namespace
}  // namespace slotbase::testing
