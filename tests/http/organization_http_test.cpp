#include "http/http_client.h"

namespace slotbase::testing {
namespace {

class OrganizationHttpTest : public HttpTest {};

TEST_P(OrganizationHttpTest, OwnerSetsUpAFacility) {
  auto owner = sign_up("owner@example.com");
  auto org = client_->post("/api/v1/organizations", {{"name", "Riverside"}}, owner.access);
  ASSERT_EQ(org.status, 201);
  EXPECT_EQ(org.json()["name"], "Riverside");
  auto me = client_->get("/api/v1/me", owner.access).json();
  EXPECT_EQ(me["roles"][0]["role"], "org_owner");
  EXPECT_EQ(me["roles"][0]["scope_type"], "organization");
  EXPECT_EQ(me["roles"][0]["scope_id"], org.json()["id"]);

  auto f = client_->post("/api/v1/organizations/" + org.json()["id"].get<std::string>() + "/facilities",
                         {{"name", "Riverside Courts"},
                          {"timezone", "Europe/Berlin"},
                          {"currency", "EUR"},
                          {"address", {{"city", "Berlin"}, {"country", "DE"}}}},
                         owner.access);
  ASSERT_EQ(f.status, 201) << f.body;
  auto fj = f.json();
  EXPECT_EQ(fj["organization_id"], org.json()["id"]);
  EXPECT_EQ(fj["timezone"], "Europe/Berlin");
  EXPECT_EQ(fj["currency"], "EUR");
  const std::string fid = fj["id"];

  auto got = client_->get("/api/v1/facilities/" + fid);  // public: no token needed
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.json()["policies"]["hold_ttl_seconds"], 300);
  EXPECT_EQ(got.json()["policies"]["cancellation"]["tiers"][1]["refund_percent"], 50);

  auto patched = client_->send("PATCH", "/api/v1/facilities/" + fid,
                               {{"name", "Riverside Tennis"}, {"policies", {{"hold_ttl_seconds", 600}}}}, owner.access);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["name"], "Riverside Tennis");
  EXPECT_EQ(patched.json()["policies"]["hold_ttl_seconds"], 600);
  EXPECT_EQ(patched.json()["policies"]["booking_window_days"], 14);

  auto hours = client_->send("PUT", "/api/v1/facilities/" + fid + "/hours",
                             nlohmann::json::parse(R"({"weekly":[{"weekday":1,"open":"07:00","close":"22:00"}],
      "holidays":[{"date":"2026-12-25","name":"Christmas","closed":true},
      {"date":"2026-12-31","name":"New Year's Eve","closed":false,"open":"08:00","close":"16:00"}]})"),
                             owner.access);
  ASSERT_EQ(hours.status, 200) << hours.body;
  const auto stored = client_->get("/api/v1/facilities/" + fid + "/hours").json();
  EXPECT_EQ(stored["weekly"][0]["weekday"], 1);
  EXPECT_EQ(stored["weekly"][0]["open"], "07:00");
  EXPECT_EQ(stored["weekly"][0]["close"], "22:00");
  EXPECT_EQ(stored["holidays"][0]["name"], "Christmas");
  EXPECT_EQ(stored["holidays"][0]["closed"], true);
  EXPECT_EQ(stored["holidays"][1]["open"], "08:00");
  EXPECT_EQ(stored["holidays"][1]["close"], "16:00");

  auto listed =
      client_->get("/api/v1/organizations/" + org.json()["id"].get<std::string>() + "/facilities", owner.access);
  EXPECT_EQ(listed.json()["items"].size(), 1u);
  EXPECT_EQ(client_->get("/api/v1/facilities?q=riverside").json()["items"].size(), 1u);
}

TEST_P(OrganizationHttpTest, ValidationNamesTheField) {
  auto owner = sign_up("owner@example.com");
  auto org = create_organization(owner, "Riverside");
  auto bad = client_->post("/api/v1/organizations/" + org + "/facilities",
                           {{"name", "Courts"}, {"timezone", "Moon/Crater"}, {"currency", "USD"}}, owner.access);
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["errors"][0]["field"], "timezone");
  auto fid = create_facility(owner, org, "Courts");
  auto policy =
      client_->send("PATCH", "/api/v1/facilities/" + fid, {{"policies", {{"slot_step_minutes", 7}}}}, owner.access);
  ASSERT_EQ(policy.status, 422);
  EXPECT_EQ(policy.json()["errors"][0]["field"], "policies.slot_step_minutes");
  auto hours = client_->send("PUT", "/api/v1/facilities/" + fid + "/hours",
                             {{"weekly", {{{"weekday", 9}, {"open", "07:00"}, {"close", "22:00"}}}}}, owner.access);
  ASSERT_EQ(hours.status, 422);
  EXPECT_EQ(hours.json()["errors"][0]["field"], "weekly[0].weekday");
}

TEST_P(OrganizationHttpTest, AddressSettingsAndPoliciesChangeOnlyWhereTheyAreGood) {
  auto owner = sign_up("owner@example.com");
  auto fid = create_facility(owner, create_organization(owner, "Riverside"), "Courts");
  auto patch = [&](const nlohmann::json& body) {
    return client_->send("PATCH", "/api/v1/facilities/" + fid, body, owner.access);
  };
  auto bad_address = patch({{"address", {{"city", "Berlin"}, {"planet", "Mars"}}}});
  ASSERT_EQ(bad_address.status, 422);
  EXPECT_EQ(bad_address.json()["errors"][0]["field"], "address.planet");
  auto address = patch({{"address", {{"street", "1 River Road"}, {"zip", "10001"}}}});
  ASSERT_EQ(address.status, 200) << address.body;
  EXPECT_EQ(address.json()["address"], (nlohmann::json{{"street", "1 River Road"}, {"zip", "10001"}}));
  auto renamed = patch({{"name", "Riverside Courts"}});
  EXPECT_EQ(renamed.json()["address"], (nlohmann::json{{"street", "1 River Road"}, {"zip", "10001"}}));
  EXPECT_TRUE(patch({{"address", nullptr}}).json()["address"].is_null());

  auto bad_settings = patch({{"settings", {{"public", "no"}}}});
  ASSERT_EQ(bad_settings.status, 422);
  EXPECT_EQ(bad_settings.json()["errors"][0]["field"], "settings.public");
  // Each member is good on its own, but the minimum would exceed the maximum left as it was.
  auto too_long = patch({{"policies", {{"min_duration_minutes", 150}}}});
  ASSERT_EQ(too_long.status, 422);
  EXPECT_EQ(too_long.json()["errors"][0]["field"], "policies.max_duration_minutes");
  auto both = patch({{"policies", {{"min_duration_minutes", 150}, {"max_duration_minutes", 180}}}});
  ASSERT_EQ(both.status, 200) << both.body;
  EXPECT_EQ(both.json()["policies"]["min_duration_minutes"], 150);
  EXPECT_EQ(both.json()["settings"]["public"], true);
}

TEST_P(OrganizationHttpTest, AMemberCannotUseOwnerRoutes) {
  auto owner = sign_up("owner@example.com");
  auto org = create_organization(owner, "Riverside");
  auto fid = create_facility(owner, org, "Courts");
  auto player = sign_up("player@example.com");
  ASSERT_EQ(client_->post("/api/v1/facilities/" + fid + "/members", {{"email", player.email}}, owner.access).status,
            201);
  EXPECT_EQ(client_->send("PATCH", "/api/v1/facilities/" + fid, {{"name", "Mine now"}}, player.access).status, 403);
  EXPECT_EQ(client_
                ->post("/api/v1/organizations/" + org + "/facilities",
                       {{"name", "X"}, {"timezone", "UTC"}, {"currency", "USD"}}, player.access)
                .status,
            404);
  EXPECT_EQ(
      client_
          ->post("/api/v1/facilities/" + fid + "/staff", {{"email", "x@example.com"}, {"role", "staff"}}, player.access)
          .status,
      403);
  EXPECT_EQ(client_->get("/api/v1/facilities/" + fid + "/members", player.access).status, 403);
}

TEST_P(OrganizationHttpTest, AnotherOrganizationsFacilityIsOffLimits) {
  auto owner = sign_up("owner@example.com");
  auto fid = create_facility(owner, create_organization(owner, "Riverside"), "Courts");
  auto rival = sign_up("rival@example.com");
  auto rival_org = create_organization(rival, "Rival Club");
  EXPECT_EQ(client_->send("PATCH", "/api/v1/facilities/" + fid, {{"name", "Ours"}}, rival.access).status, 403);
  EXPECT_EQ(
      client_->send("PUT", "/api/v1/facilities/" + fid + "/hours", {{"weekly", nlohmann::json::array()}}, rival.access)
          .status,
      403);
  EXPECT_EQ(client_->get("/api/v1/organizations/" + create_organization(owner, "Second"), rival.access).status, 404);
  // Each lists their own organizations only, the new one included.
  auto names = [&](const Account& who) {
    std::vector<std::string> out;
    const auto listed = client_->get("/api/v1/organizations", who.access).json();
    for (const auto& o : listed["items"]) out.push_back(o["name"]);
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(names(owner), (std::vector<std::string>{"Riverside", "Second"}));
  EXPECT_EQ(names(rival), (std::vector<std::string>{"Rival Club"}));
  // A private facility does not exist for outsiders at all.
  ASSERT_EQ(
      client_->send("PATCH", "/api/v1/facilities/" + fid, {{"settings", {{"public", false}}}}, owner.access).status,
      200);
  EXPECT_EQ(client_->get("/api/v1/facilities/" + fid, rival.access).status, 404);
  EXPECT_EQ(client_->get("/api/v1/facilities/" + fid).status, 404);
  EXPECT_EQ(client_->send("PATCH", "/api/v1/facilities/" + fid, {{"name", "Ours"}}, rival.access).status, 404);
  EXPECT_EQ(client_->get("/api/v1/facilities/" + fid, owner.access).status, 200);
  (void)rival_org;
}

TEST_P(OrganizationHttpTest, StaffByEmailAreInvitedUntilTheySignUp) {
  auto owner = sign_up("owner@example.com");
  auto fid = create_facility(owner, create_organization(owner, "Riverside"), "Courts");
  auto invited = client_->post("/api/v1/facilities/" + fid + "/staff",
                               {{"email", "coach@example.com"}, {"role", "coach"}}, owner.access);
  ASSERT_EQ(invited.status, 201);
  EXPECT_EQ(invited.json()["status"], "invited");
  EXPECT_EQ(client_
                ->post("/api/v1/facilities/" + fid + "/staff", {{"email", "coach@example.com"}, {"role", "wizard"}},
                       owner.access)
                .json()["errors"][0]["field"],
            "role");
  auto coach = sign_up("coach@example.com");
  // The invitation is honoured by the event dispatcher, which runs in the background.
  nlohmann::json roles;
  for (int i = 0; i < 100; ++i) {
    roles = client_->get("/api/v1/me", coach.access).json()["roles"];
    if (!roles.empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(roles.size(), 1u);
  EXPECT_EQ(roles[0]["role"], "coach");
  EXPECT_EQ(roles[0]["scope_id"], fid);
  auto staff = client_->get("/api/v1/facilities/" + fid + "/staff", owner.access).json()["items"];
  ASSERT_EQ(staff.size(), 1u);
  EXPECT_EQ(staff[0]["status"], "active");
}

SB_INSTANTIATE_BACKENDS(OrganizationHttpTest);

}  // namespace
}  // namespace slotbase::testing
