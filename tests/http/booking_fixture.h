#pragma once

#include <chrono>
#include <iostream>
#include <string>
#include <thread>

#include "http/http_client.h"
#include "identity/identity_service.h"

namespace slotbase::testing {

/// A facility with one priced court, its owner and a player.
// The clock stands at 2026-11-24T12:00:00Z, 07:00 in New York; "tomorrow" is Wednesday 25 November.
class BookingHttpTest : public HttpTest {
 protected:
  using json = nlohmann::json;

  void SetUp() override {
    HttpTest::SetUp();
    if (IsSkipped()) return;
    owner_ = sign_up("owner@example.com");
    facility_ = create_facility(owner_, create_organization(owner_, "Riverside"), "Courts");
    json weekly = json::array();
    for (int d = 1; d <= 7; ++d) weekly.push_back({{"weekday", d}, {"open", "07:00"}, {"close", "22:00"}});
    ASSERT_EQ(
        client_->send("PUT", "/api/v1/facilities/" + facility_ + "/hours", {{"weekly", weekly}}, owner_.access).status,
        200);
    court_ = add_court("Court 1");
    ASSERT_EQ(client_
                  ->send("PUT", "/api/v1/resources/" + court_ + "/pricing",
                         json::parse(R"({"base":{"amount":2000,"currency":"USD"},"per_minutes":60,
        "rules":[{"name":"peak","weekdays":[1,2,3,4,5],"from":"17:00","to":"21:00","price":{"amount":3000,"currency":"USD"}}]})"),
                         owner_.access)
                  .status,
              200);
    // Offline payment is fine for these tests unless a test says otherwise.
    patch_policies({{"payment_timing", "before_session"}});
    player_ = sign_up("player@example.com");
  }
  std::string add_court(const std::string& name) {
    auto r = client_->post("/api/v1/facilities/" + facility_ + "/resources", {{"name", name}, {"type", "tennis_court"}},
                           owner_.access);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }
  void patch_policies(const json& policies) {
    ASSERT_EQ(client_->send("PATCH", "/api/v1/facilities/" + facility_, {{"policies", policies}}, owner_.access).status,
              200);
  }
  HttpResult hold(const Account& who, const std::string& start, const std::string& end, std::string court = "") {
    return client_->post("/api/v1/holds",
                         {{"resource_id", court.empty() ? court_ : court}, {"start", start}, {"end", end}}, who.access);
  }
  HttpResult confirm(const Account& who, const std::string& hold_id, json payment = {{"method", "offline"}}) {
    return client_->post("/api/v1/holds/" + hold_id + "/confirm", {{"payment", payment}}, who.access);
  }
  json availability(const std::string& query, const std::string& token = "") {
    auto r = client_->get("/api/v1/facilities/" + facility_ + "/availability?" + query, token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  std::string slot_status(const json& a, const std::string& start) {
    for (const auto& s : a["resources"][0]["slots"])
      if (s["start"] == start) return s["status"];
    return "missing";
  }

  /// The worker until nothing is left to do now: events, due jobs, each module's background
  /// pass. The app's own worker thread may hold a job meanwhile: wait for it.
  void work() {
    for (int pass = 0; pass < 250; ++pass) {
      app_->run_background_once();
      bool busy = app_->dispatcher().lag() > 0 || !app_->jobs().list("running", 10).empty();
      for (const auto& job : app_->jobs().list("pending", 500)) busy = busy || job.run_at <= clock_.now();
      if (!busy) {
        // A job that failed waits for its next attempt (in the clock's time): say why, for the record.
        for (const auto& job : app_->jobs().list("pending", 500))
          if (job.last_error) std::cerr << "job " << job.kind << " failed: " << *job.last_error << "\n";
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "the worker did not finish its work";
  }

  /// Moves the clock; access tokens live 15 minutes, so both accounts log in again.
  void travel_to(const std::string& when) {
    clock_.set(*parse_rfc3339(when));
    for (Account* a : {&owner_, &player_}) {
      auto r = app_->service<identity::IdentityService>().login(a->email, "a long enough passphrase", {});
      ASSERT_TRUE(r.ok());
      a->access = r->access_token;
    }
  }

  Account owner_, player_;
  std::string facility_, court_;
};

}  // namespace slotbase::testing
