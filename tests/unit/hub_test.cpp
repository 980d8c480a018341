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

// A client may send any facility_id: unsubscribing from ones it never followed, or leaving all it
// followed, leaves nothing behind in the hub.
TEST(Hub, KeepsNothingForFacilitiesNoOneFollows) {
  Hub hub([](const std::string&, const std::string&) { return true; },
          [](const std::string& token) { return token == "good" ? "usr_a" : ""; });
  auto a = std::make_shared<Client>();
  for (int i = 0; i < 1000; ++i)
    hub.on_message(a, nlohmann::json{{"type", "unsubscribe"}, {"facility_id", "fac_" + std::to_string(i)}}.dump());
  EXPECT_EQ(hub.entries(), 0u);
  hub.on_message(a, subscribe("fac_1"));
  hub.on_message(a, subscribe("fac_2"));
  hub.on_message(a, R"({"type":"subscribe","channel":"notifications","access_token":"good"})");
  EXPECT_EQ(hub.entries(), 3u);
  hub.on_message(a, nlohmann::json{{"type", "unsubscribe"}, {"facility_id", "fac_1"}}.dump());
  EXPECT_EQ(hub.entries(), 2u);
  hub.on_close(a.get());
  EXPECT_EQ(hub.entries(), 0u);
}

// Found by the fuzz target `ws_messages`: a facility_id, channel or access_token that was not a
// string threw out of on_message, which ended the connection without an answer.
TEST(Hub, AnswersMembersOfTheWrongTypeWithAnError) {
  Hub hub([](const std::string&, const std::string&) { return true; },
          [](const std::string& token) { return token == "good" ? "usr_a" : ""; });
  auto a = std::make_shared<Client>();
  for (const char* message : {R"({"type":"subscribe","facility_id":5})", R"({"type":"subscribe","channel":7})",
                              R"({"type":"subscribe","facility_id":"fac_1","access_token":5})",
                              R"({"type":"subscribe","channel":"notifications","access_token":["good"]})",
                              R"({"type":"unsubscribe","facility_id":{}})"}) {
    const auto before = a->frames.size();
    EXPECT_NO_THROW(hub.on_message(a, message)) << message;
    ASSERT_EQ(a->frames.size(), before + 1) << message;
    EXPECT_EQ(a->frames.back()["type"], "error") << message;
    EXPECT_EQ(a->frames.back()["code"], "invalid_argument") << message;
  }
  EXPECT_FALSE(hub.followed());
  hub.on_message(a, R"({"type":"subscribe","facility_id":"fac_1","access_token":null})");  // null: no token
  EXPECT_EQ(a->frames.back()["type"], "subscribed");
}

TEST(Hub, ASignedInClientHearsItsOwnNotificationsOnly) {
  Hub hub([](const std::string&, const std::string&) { return true; },
          [](const std::string& token) { return token == "good-a"   ? "usr_a"
                                                : token == "good-b" ? "usr_b"
                                                                    : ""; });
  auto a = std::make_shared<Client>();
  auto b = std::make_shared<Client>();
  auto stranger = std::make_shared<Client>();
  auto follow = [](const std::string& token) {
    return nlohmann::json{{"type", "subscribe"}, {"channel", "notifications"}, {"access_token", token}}.dump();
  };
  EXPECT_FALSE(hub.users_followed());
  hub.on_message(a, follow("good-a"));
  hub.on_message(b, follow("good-b"));
  hub.on_message(stranger, follow("forged"));
  EXPECT_EQ(a->frames.back()["type"], "subscribed");
  EXPECT_EQ(stranger->frames.back()["code"], "unauthenticated");
  EXPECT_TRUE(hub.users_followed());
  EXPECT_FALSE(hub.followed()) << "no facility is followed";
  hub.publish_to_user("usr_a", {{"type", "notification"}});
  EXPECT_EQ(a->frames.size(), 2u);
  EXPECT_EQ(a->frames.back()["type"], "notification");
  EXPECT_EQ(b->frames.size(), 1u);
  EXPECT_EQ(stranger->frames.size(), 1u);
  hub.on_message(a, nlohmann::json{{"type", "unsubscribe"}, {"channel", "notifications"}}.dump());
  hub.publish_to_user("usr_a", {{"type", "notification"}});
  EXPECT_EQ(a->frames.back()["type"], "unsubscribed");
  hub.on_close(b.get());
  EXPECT_FALSE(hub.users_followed());
}

}  // namespace
}  // namespace slotbase::ws
