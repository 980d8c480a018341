#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "platform/ws/hub.h"

namespace slotbase::ws {
namespace {

struct Client : Connection {
  void send(std::string text) override { frames.push_back(nlohmann::json::parse(text)); }
  std::vector<nlohmann::json> frames;
};

std::string subscribe(const std::string& facility) {
  return nlohmann::json{{"type", "subscribe"}, {"facility_id", facility}}.dump();
}

TEST(Hub, PublishesToTheFollowersOfAFacilityOnly) {
  Hub hub([](const std::string& facility, const std::string&) { return facility != "fac_private"; });
  auto a = std::make_shared<Client>();
  auto b = std::make_shared<Client>();
  hub.on_message(a, subscribe("fac_1"));
  hub.on_message(b, subscribe("fac_2"));
  hub.on_message(b, subscribe("fac_private"));
  EXPECT_EQ(b->frames.back()["type"], "error");
  hub.publish("fac_1", {{"type", "availability.changed"}});
  ASSERT_EQ(a->frames.size(), 2u);  // subscribed, then the change
  EXPECT_EQ(a->frames[1]["type"], "availability.changed");
  EXPECT_EQ(b->frames.size(), 2u);  // subscribed, and the refusal
}

TEST(Hub, KnowsWhetherAnyoneFollowsAnything) {
  Hub hub([](const std::string&, const std::string&) { return true; });
  auto a = std::make_shared<Client>();
  auto b = std::make_shared<Client>();
  EXPECT_FALSE(hub.followed());
  hub.on_message(a, subscribe("fac_1"));
  hub.on_message(a, subscribe("fac_1"));  // twice counts once
  hub.on_message(a, subscribe("fac_2"));
  hub.on_message(b, subscribe("fac_1"));
  EXPECT_TRUE(hub.followed());
  hub.on_message(a, nlohmann::json{{"type", "unsubscribe"}, {"facility_id", "fac_1"}}.dump());
  hub.on_message(a, nlohmann::json{{"type", "unsubscribe"}, {"facility_id", "fac_9"}}.dump());  // never followed
  hub.on_close(b.get());
  EXPECT_TRUE(hub.followed()) << "a still follows fac_2";
  hub.on_close(a.get());
  EXPECT_FALSE(hub.followed());
  EXPECT_EQ(hub.connections(), 0u);
}

}  // namespace
}  // namespace slotbase::ws
