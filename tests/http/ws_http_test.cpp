#include <optional>

#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "http/http_client.h"

namespace slotbase::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using nlohmann::json;

/// A blocking WebSocket client whose reads give up after a timeout.
class WsClient {
 public:
  explicit WsClient(std::uint16_t port) : ws_(ioc_) {
    ws_.next_layer().connect({asio::ip::make_address("127.0.0.1"), port});
    ws_.handshake("127.0.0.1", "/ws");
  }
  void send(const json& j) { ws_.write(asio::buffer(j.dump())); }
  /// The next frame within `timeout`, or null (after which the client is done).
  json next(std::chrono::milliseconds timeout = std::chrono::milliseconds(1000)) {
    beast::flat_buffer buffer;
    std::optional<beast::error_code> result;
    ws_.async_read(buffer, [&](beast::error_code ec, std::size_t) { result = ec; });
    ioc_.restart();
    ioc_.run_for(timeout);
    if (!result) {
      ws_.next_layer().cancel();
      ioc_.restart();
      ioc_.run();
      return nullptr;
    }
    if (*result) return nullptr;
    return json::parse(beast::buffers_to_string(buffer.data()));
  }
  /// The next availability.changed frame within `timeout`, skipping others.
  json next_change(std::chrono::milliseconds timeout = std::chrono::milliseconds(1000)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      auto f = next(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()));
      if (f.is_null()) return f;
      if (f.value("type", "") == "availability.changed") return f;
    }
    return nullptr;
  }

 private:
  asio::io_context ioc_;
  beast::websocket::stream<asio::ip::tcp::socket> ws_;
};

class WsHttpTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    if (IsSkipped()) return;
    owner_ = sign_up("owner@example.com");
    player_ = sign_up("player@example.com");
    facility_ = create_facility(owner_, create_organization(owner_, "Riverside"), "Courts");
    json weekly = json::array();
    for (int d = 1; d <= 7; ++d) weekly.push_back({{"weekday", d}, {"open", "07:00"}, {"close", "22:00"}});
    client_->send("PUT", "/api/v1/facilities/" + facility_ + "/hours", {{"weekly", weekly}}, owner_.access);
    court_ = client_
                 ->post("/api/v1/facilities/" + facility_ + "/resources",
                        {{"name", "Court 1"}, {"type", "tennis_court"}}, owner_.access)
                 .json()["id"];
  }
  Account owner_, player_;
  std::string facility_, court_;
};

TEST_P(WsHttpTest, SubscribersSeeHoldsAndReleasesWithinASecond) {
  WsClient ws(port_);
  ws.send({{"type", "subscribe"}, {"facility_id", facility_}});
  auto ack = ws.next();
  ASSERT_EQ(ack["type"], "subscribed") << ack.dump();
  auto hold = client_->post(
      "/api/v1/holds", {{"resource_id", court_}, {"start", "2026-11-25T15:00:00Z"}, {"end", "2026-11-25T16:00:00Z"}},
      player_.access);
  ASSERT_EQ(hold.status, 201);
  auto held = ws.next_change();
  ASSERT_FALSE(held.is_null()) << "no availability.changed within a second";
  EXPECT_EQ(held["facility_id"], facility_);
  EXPECT_EQ(held["resource_id"], court_);
  EXPECT_EQ(held["start"], "2026-11-25T15:00:00Z");
  EXPECT_EQ(held["end"], "2026-11-25T16:00:00Z");
  EXPECT_EQ(held["status"], "held");
  client_->send("DELETE", "/api/v1/holds/" + hold.json()["id"].get<std::string>(), nullptr, player_.access);
  auto freed = ws.next_change();
  ASSERT_FALSE(freed.is_null());
  EXPECT_EQ(freed["status"], "available");
}

TEST_P(WsHttpTest, OnlySubscribersOfThatFacilityHear) {
  auto other = create_facility(owner_, create_organization(owner_, "Elsewhere"), "Other courts");
  WsClient ws(port_);
  ws.send({{"type", "subscribe"}, {"facility_id", other}});
  ASSERT_EQ(ws.next()["type"], "subscribed");
  ASSERT_EQ(client_
                ->post("/api/v1/holds",
                       {{"resource_id", court_}, {"start", "2026-11-25T15:00:00Z"}, {"end", "2026-11-25T16:00:00Z"}},
                       player_.access)
                .status,
            201);
  EXPECT_TRUE(ws.next_change(std::chrono::milliseconds(600)).is_null());
}

TEST_P(WsHttpTest, PrivateFacilitiesNeedAToken) {
  ASSERT_EQ(
      client_->send("PATCH", "/api/v1/facilities/" + facility_, {{"settings", {{"public", false}}}}, owner_.access)
          .status,
      200);
  WsClient anonymous(port_);
  anonymous.send({{"type", "subscribe"}, {"facility_id", facility_}});
  EXPECT_EQ(anonymous.next()["code"], "not_found");
  WsClient staff(port_);
  staff.send({{"type", "subscribe"}, {"facility_id", facility_}, {"access_token", owner_.access}});
  EXPECT_EQ(staff.next()["type"], "subscribed");
  anonymous.send({{"type", "dance"}});
  EXPECT_EQ(anonymous.next()["type"], "error");
  EXPECT_EQ(client_->get("/ws").status, 426);
}

// A change made through one instance reaches the WebSocket clients of another sharing the database.
TEST_P(WsHttpTest, ChangesReachClientsOfAnotherInstance) {
  Config second_config = test_config(*scratch_);
  App second(second_config, &clock_);
  auto second_port = second.start();
  WsClient ws(second_port);
  ws.send({{"type", "subscribe"}, {"facility_id", facility_}});
  ASSERT_EQ(ws.next()["type"], "subscribed");
  ASSERT_EQ(client_
                ->post("/api/v1/holds",
                       {{"resource_id", court_}, {"start", "2026-11-25T15:00:00Z"}, {"end", "2026-11-25T16:00:00Z"}},
                       player_.access)
                .status,
            201);
  auto held = ws.next_change();
  second.stop();
  ASSERT_FALSE(held.is_null()) << "the other instance did not push the change";
  EXPECT_EQ(held["status"], "held");
}

TEST_P(WsHttpTest, APlayerHearsTheirOwnNotificationsLive) {
  ASSERT_EQ(client_
                ->send("PATCH", "/api/v1/facilities/" + facility_,
                       {{"policies", {{"payment_timing", "before_session"}}}}, owner_.access)
                .status,
            200);
  WsClient mine(port_), theirs(port_), anonymous(port_);
  mine.send({{"type", "subscribe"}, {"channel", "notifications"}, {"access_token", player_.access}});
  ASSERT_EQ(mine.next()["type"], "subscribed");
  theirs.send({{"type", "subscribe"}, {"channel", "notifications"}, {"access_token", owner_.access}});
  ASSERT_EQ(theirs.next()["type"], "subscribed");
  anonymous.send({{"type", "subscribe"}, {"channel", "notifications"}});
  EXPECT_EQ(anonymous.next()["code"], "unauthenticated");
  auto hold = client_->post(
      "/api/v1/holds", {{"resource_id", court_}, {"start", "2026-11-25T15:00:00Z"}, {"end", "2026-11-25T16:00:00Z"}},
      player_.access);
  ASSERT_EQ(hold.status, 201) << hold.body;
  auto booked = client_->post("/api/v1/holds/" + hold.json()["id"].get<std::string>() + "/confirm",
                              {{"payment", {{"method", "offline"}}}}, player_.access);
  ASSERT_EQ(booked.status, 201) << booked.body;
  auto pushed = mine.next(std::chrono::milliseconds(3000));
  ASSERT_EQ(pushed["type"], "notification") << pushed.dump();
  EXPECT_EQ(pushed["notification"]["type"], "booking.confirmed");
  EXPECT_EQ(pushed["notification"]["title"], "Booking confirmed");
  const auto inbox = client_->get("/api/v1/me/notifications", player_.access).json();
  EXPECT_EQ(pushed["notification"]["id"], inbox["items"][0]["id"]);
  EXPECT_TRUE(theirs.next(std::chrono::milliseconds(300)).is_null()) << "the owner is told nothing";
}

SB_INSTANTIATE_BACKENDS(WsHttpTest);

}  // namespace
}  // namespace slotbase::testing
