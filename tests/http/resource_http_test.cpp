#include "http/http_client.h"

namespace slotbase::testing {
namespace {

class ResourceHttpTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    if (IsSkipped()) return;
    owner_ = sign_up("owner@example.com");
    facility_ = create_facility(owner_, create_organization(owner_, "Riverside"), "Courts");
  }
  HttpResult add_court(const nlohmann::json& body, const std::string& token) {
    return client_->post("/api/v1/facilities/" + facility_ + "/resources", body, token);
  }
  Account owner_;
  std::string facility_;
};

TEST_P(ResourceHttpTest, ManagersAddCourtsWithAttributes) {
  auto r = add_court({{"name", "Court 1"},
                      {"type", "tennis_court"},
                      {"indoor", true},
                      {"surface", "clay"},
                      {"lighting", true},
                      {"color", "#1e88e5"},
                      {"display_order", 2}},
                     owner_.access);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["surface"], "clay");
  EXPECT_EQ(r.json()["status"], "active");
  ASSERT_EQ(add_court({{"name", "Court 0"}, {"type", "padel_court"}, {"display_order", 1}}, owner_.access).status, 201);
  auto list = client_->get("/api/v1/facilities/" + facility_ + "/resources").json()["items"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["name"], "Court 0");  // display order
}

TEST_P(ResourceHttpTest, BadAttributesNameTheirField) {
  auto r = add_court({{"name", "Court 1"}, {"type", "quidditch_pitch"}, {"color", "blue"}}, owner_.access);
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["errors"][0]["field"], "type");
  EXPECT_EQ(r.json()["errors"][1]["field"], "color");
}

TEST_P(ResourceHttpTest, OnlyManagersAddOrChangeResources) {
  auto player = sign_up("player@example.com");
  EXPECT_EQ(add_court({{"name", "Mine"}, {"type", "tennis_court"}}, player.access).status, 403);
  auto court =
      add_court({{"name", "Court 1"}, {"type", "tennis_court"}}, owner_.access).json()["id"].get<std::string>();
  EXPECT_EQ(client_->send("PATCH", "/api/v1/resources/" + court, {{"name", "x"}}, player.access).status, 403);
  EXPECT_EQ(client_
                ->send("PUT", "/api/v1/resources/" + court + "/pricing",
                       {{"base", {{"amount", 1}, {"currency", "USD"}}}}, player.access)
                .status,
            403);
}

TEST_P(ResourceHttpTest, ADeactivatedCourtIsHiddenFromPlayersButNotStaff) {
  auto court =
      add_court({{"name", "Court 1"}, {"type", "tennis_court"}}, owner_.access).json()["id"].get<std::string>();
  auto off = client_->send("PATCH", "/api/v1/resources/" + court, {{"status", "inactive"}}, owner_.access);
  ASSERT_EQ(off.status, 200);
  EXPECT_EQ(client_->get("/api/v1/facilities/" + facility_ + "/resources").json()["items"].size(), 0u);
  EXPECT_EQ(client_->get("/api/v1/resources/" + court).status, 404);
  EXPECT_EQ(client_->get("/api/v1/facilities/" + facility_ + "/resources", owner_.access).json()["items"].size(), 1u);
  EXPECT_EQ(client_->send("PATCH", "/api/v1/resources/" + court, {{"status", "broken"}}, owner_.access).status, 422);
}

TEST_P(ResourceHttpTest, PricingIsStoredInTheFacilitysCurrency) {
  auto court =
      add_court({{"name", "Court 1"}, {"type", "tennis_court"}}, owner_.access).json()["id"].get<std::string>();
  auto doc = nlohmann::json::parse(R"({"base":{"amount":2000,"currency":"USD"},"per_minutes":60,
    "rules":[{"name":"peak","weekdays":[1,2,3,4,5],"from":"17:00","to":"21:00","price":{"amount":3000,"currency":"USD"}}]})");
  auto put = client_->send("PUT", "/api/v1/resources/" + court + "/pricing", doc, owner_.access);
  ASSERT_EQ(put.status, 200) << put.body;
  auto got = client_->get("/api/v1/resources/" + court + "/pricing").json();
  EXPECT_EQ(got["rules"][0]["price"]["amount"], 3000);
  EXPECT_EQ(got["base"]["currency"], "USD");
  doc["base"]["currency"] = "EUR";
  doc["rules"][0]["price"]["currency"] = "EUR";
  auto euros = client_->send("PUT", "/api/v1/resources/" + court + "/pricing", doc, owner_.access);
  ASSERT_EQ(euros.status, 422);
  EXPECT_EQ(euros.json()["errors"][0]["field"], "base.currency");
}

SB_INSTANTIATE_BACKENDS(ResourceHttpTest);

}  // namespace
}  // namespace slotbase::testing
