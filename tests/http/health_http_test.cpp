#include <set>

#include "http/http_client.h"

namespace slotbase::testing {
namespace {

class HealthHttpTest : public HttpTest {};

TEST_P(HealthHttpTest, HealthAndReadinessAnswer) {
  auto health = client_->get("/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.json()["status"], "ok");
  auto ready = client_->get("/ready");
  EXPECT_EQ(ready.status, 200);
}

TEST_P(HealthHttpTest, MetricsCountRequestsByRouteAndStatus) {
  client_->get("/health");
  client_->get("/api/v1/me");
  auto m = client_->get("/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_NE(m.header("Content-Type").find("text/plain"), std::string::npos);
  EXPECT_NE(m.body.find(R"(slotbase_http_requests_total{method="GET",route="/health",status="200"} 1)"),
            std::string::npos)
      << m.body;
  EXPECT_NE(m.body.find(R"(route="/api/v1/me",status="401")"), std::string::npos);
  EXPECT_NE(m.body.find("slotbase_http_request_duration_seconds_bucket"), std::string::npos);
  for (const char* gauge : {"slotbase_db_pool_in_use", "slotbase_outbox_lag", "slotbase_jobs_queue_depth"})
    EXPECT_NE(m.body.find(gauge), std::string::npos) << gauge;
}

TEST_P(HealthHttpTest, TheOpenApiDocumentDescribesEveryRoute) {
  auto r = client_->get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto doc = r.json();
  ASSERT_TRUE(doc.is_object());
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  std::set<std::string> missing;
  for (const auto& route : app_->router().routes()) {
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    if (!doc["paths"].contains(route.pattern) || !doc["paths"][route.pattern].contains(method))
      missing.insert(route.method + " " + route.pattern);
  }
  EXPECT_TRUE(missing.empty()) << "not in api/openapi.json: " << nlohmann::json(missing).dump();
  // And the document promises nothing the server does not have.
  std::set<std::string> extra;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      std::string upper = method;
      std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
      if (upper == "PARAMETERS") continue;
      auto match = app_->router().match(upper, path);
      if (!match.ok() || match->route->pattern != path) extra.insert(upper + " " + path);
    }
  }
  EXPECT_TRUE(extra.empty()) << "documented but not served: " << nlohmann::json(extra).dump();
}

SB_INSTANTIATE_BACKENDS(HealthHttpTest);

}  // namespace
}  // namespace slotbase::testing
