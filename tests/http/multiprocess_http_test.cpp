#include "http/serve_process.h"

namespace slotbase::testing {
namespace {

using nlohmann::json;

TEST(MultiProcess, TwoServeProcessesOnOnePostgresGiveOneWinner) {
  ScratchDatabase scratch("postgres");
  SB_REQUIRE_BACKEND(scratch);
  // Both processes share the signing key, as instances behind one load balancer must.
  setenv("SLOTBASE_JWT_SECRET", "a-shared-secret-for-two-instances-of-slotbase", 1);
  ServeProcess a(scratch.url(), scratch.dir() + "/a", pick_port(1));
  ServeProcess b(scratch.url(), scratch.dir() + "/b", pick_port(2));
  unsetenv("SLOTBASE_JWT_SECRET");
  HttpClient ca(a.port()), cb(b.port());

  auto owner = ca.post("/api/v1/auth/register",
                       {{"email", "owner@example.com"}, {"password", "a long enough passphrase"}, {"name", "Owner"}})
                   .json();
  const std::string token = owner["access_token"];
  auto org = cb.post("/api/v1/organizations", {{"name", "Riverside"}}, token).json()["id"].get<std::string>();
  auto facility = ca.post("/api/v1/organizations/" + org + "/facilities",
                          {{"name", "Courts"}, {"timezone", "UTC"}, {"currency", "USD"}}, token)
                      .json()["id"]
                      .get<std::string>();
  json weekly = json::array();
  for (int d = 1; d <= 7; ++d) weekly.push_back({{"weekday", d}, {"open", "00:00"}, {"close", "24:00"}});
  ASSERT_EQ(cb.send("PUT", "/api/v1/facilities/" + facility + "/hours", {{"weekly", weekly}}, token).status, 200);
  auto court =
      ca.post("/api/v1/facilities/" + facility + "/resources", {{"name", "Court 1"}, {"type", "tennis_court"}}, token)
          .json()["id"]
          .get<std::string>();
  // Tomorrow at 10:00 UTC by the real clock: these processes run on the system clock.
  auto now = std::chrono::system_clock::now();
  auto tomorrow = std::chrono::floor<std::chrono::days>(now) + std::chrono::days(1) + std::chrono::hours(10);
  const std::string start = format_rfc3339(std::chrono::time_point_cast<std::chrono::seconds>(tomorrow));
  const std::string end =
      format_rfc3339(std::chrono::time_point_cast<std::chrono::seconds>(tomorrow + std::chrono::hours(1)));

  auto outcome = race({&ca, &cb}, 64, "/api/v1/holds", {{"resource_id", court}, {"start", start}, {"end", end}}, token);
  EXPECT_EQ(outcome.created, 1);
  EXPECT_EQ(outcome.conflicts, 63);
  EXPECT_EQ(outcome.other, 0);

  // Each process keeps the facility it booked at in memory; a policy changed through the other
  // one applies to its very next hold: here, how long a hold lasts.
  ASSERT_EQ(
      cb.send("PATCH", "/api/v1/facilities/" + facility, {{"policies", {{"hold_ttl_seconds", 1800}}}}, token).status,
      200);
  const std::string later =
      format_rfc3339(std::chrono::time_point_cast<std::chrono::seconds>(tomorrow + std::chrono::hours(2)));
  auto before = std::chrono::system_clock::now();
  auto held = ca.post("/api/v1/holds", {{"resource_id", court}, {"start", end}, {"end", later}}, token);
  ASSERT_EQ(held.status, 201) << held.body;
  auto lasts = *parse_rfc3339(held.json()["expires_at"].get<std::string>()) - before;
  EXPECT_GT(lasts, std::chrono::seconds(1790));
  EXPECT_LT(lasts, std::chrono::seconds(1810));
}

}  // namespace
}  // namespace slotbase::testing
