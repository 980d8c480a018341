#include <algorithm>
#include <cstdlib>

#include "http/http_client.h"
#include "identity/identity_service.h"
#include "platform/ratelimit/rate_limiter.h"

namespace slotbase::testing {
namespace {

class MiddlewareHttpTest : public HttpTest {
 protected:
  void configure(Config& c) override { c.cors_origins = {"https://app.example.com"}; }
};

TEST_P(MiddlewareHttpTest, UnknownRouteIs404AndWrongMethodIs405) {
  auto missing = client_->get("/api/v1/nothing-here");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.header("Content-Type"), "application/problem+json");
  auto wrong = client_->request("PUT", "/api/v1/me");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.header("Allow"), "GET, PATCH, DELETE");
}

TEST_P(MiddlewareHttpTest, ABodyThatIsNotJsonByItsTypeIsRefusedBeforeAnyoneReadsIt) {
  // What another site's form can send without asking: JSON text under text/plain.
  const std::string body = R"({"email":"form@example.com","password":"a long enough passphrase","name":"Form"})";
  auto plain = client_->request("POST", "/api/v1/auth/register", body, {{"Content-Type", "text/plain"}});
  EXPECT_EQ(plain.status, 415);
  EXPECT_EQ(plain.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(plain.json()["code"], "unsupported_media_type");
  EXPECT_EQ(plain.json()["errors"][0]["field"], "Content-Type");
  auto form = client_->request("POST", "/api/v1/auth/login", "email=a&password=b",
                               {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(form.status, 415);
  // Nobody was signed up by the refused request; JSON with a charset is JSON.
  auto json =
      client_->request("POST", "/api/v1/auth/register", body, {{"Content-Type", "application/json; charset=utf-8"}});
  EXPECT_EQ(json.status, 201) << json.body;
}

TEST_P(MiddlewareHttpTest, RequestIdsAreEchoedOrMade) {
  auto given = client_->request("GET", "/health", "", {{"X-Request-Id", "abc-123"}});
  EXPECT_EQ(given.header("X-Request-Id"), "abc-123");
  auto made = client_->get("/health");
  EXPECT_EQ(made.header("X-Request-Id").size(), 36u);
  auto hostile = client_->request("GET", "/health", "", {{"X-Request-Id", "a\"b{c}"}});
  EXPECT_NE(hostile.header("X-Request-Id"), "a\"b{c}");
}

TEST_P(MiddlewareHttpTest, SecurityHeadersAreSet) {
  auto r = client_->get("/api/v1/facilities");
  EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r.header("X-Frame-Options"), "DENY");
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
  EXPECT_FALSE(r.header("Content-Security-Policy").empty());
}

TEST_P(MiddlewareHttpTest, CorsAllowsOnlyListedOrigins) {
  auto pre = client_->request("OPTIONS", "/api/v1/organizations", "",
                              {{"Origin", "https://app.example.com"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(pre.status, 204);
  EXPECT_EQ(pre.header("Access-Control-Allow-Origin"), "https://app.example.com");
  EXPECT_NE(pre.header("Access-Control-Allow-Methods").find("POST"), std::string::npos);
  auto other = client_->request("GET", "/health", "", {{"Origin", "https://evil.example.com"}});
  EXPECT_EQ(other.header("Access-Control-Allow-Origin"), "");
}

TEST_P(MiddlewareHttpTest, AnIdempotentRepeatReturnsTheFirstResultAndActsOnce) {
  auto owner = sign_up("owner@example.com");
  std::map<std::string, std::string> key = {{"Idempotency-Key", "create-org-1"}};
  auto first = client_->post("/api/v1/organizations", {{"name", "Riverside"}}, owner.access, key);
  auto second = client_->post("/api/v1/organizations", {{"name", "Riverside"}}, owner.access, key);
  ASSERT_EQ(first.status, 201);
  ASSERT_EQ(second.status, 201);
  EXPECT_EQ(first.json()["id"], second.json()["id"]);
  EXPECT_EQ(second.header("Idempotent-Replayed"), "true");
  EXPECT_EQ(client_->get("/api/v1/organizations", owner.access).json()["items"].size(), 1u);
  auto changed = client_->post("/api/v1/organizations", {{"name", "Other"}}, owner.access, key);
  EXPECT_EQ(changed.status, 422);
  EXPECT_EQ(changed.json()["errors"][0]["field"], "Idempotency-Key");
}

TEST_P(MiddlewareHttpTest, TooManyLoginsAre429WithRetryAfter) {
  int limited_at = 0;
  for (int i = 1; i <= 12 && !limited_at; ++i) {
    auto r = client_->post("/api/v1/auth/login", {{"email", "who@example.com"}, {"password", "wrong password!"}});
    if (r.status == 429) {
      limited_at = i;
      EXPECT_GE(std::stoi(r.header("Retry-After")), 1);
      EXPECT_EQ(r.json()["code"], "rate_limited");
    } else {
      EXPECT_EQ(r.status, 401);
    }
  }
  EXPECT_EQ(limited_at, 11);  // ten failures for one account from one address, then a wait
}

// A club's desk, a school or a mobile network puts many members behind one address: members who
// sign in right are never throttled, and their sessions' refreshes are limited per session.
TEST_P(MiddlewareHttpTest, AHundredMembersBehindOneAddressAllSignInAndRefresh) {
  auto& identity = app_->service<identity::IdentityService>();
  for (int i = 0; i < 100; ++i)
    ASSERT_TRUE(identity
                    .register_user({"member" + std::to_string(i) + "@example.com", "a long enough passphrase",
                                    "Member " + std::to_string(i)},
                                   {})
                    .ok());
  std::vector<std::string> refresh_tokens;
  for (int i = 0; i < 100; ++i) {
    auto r = client_->post("/api/v1/auth/login", {{"email", "member" + std::to_string(i) + "@example.com"},
                                                  {"password", "a long enough passphrase"}});
    ASSERT_EQ(r.status, 200) << "member " << i << ": " << r.body;
    refresh_tokens.push_back(r.json()["refresh_token"]);
  }
  for (const auto& token : refresh_tokens)
    EXPECT_EQ(client_->post("/api/v1/auth/refresh", {{"refresh_token", token}}).status, 200);
  // One session refreshing in a loop is what gets limited.
  std::string token =
      client_->post("/api/v1/auth/login", {{"email", "member0@example.com"}, {"password", "a long enough passphrase"}})
          .json()["refresh_token"];
  int limited_at = 0;
  for (int i = 1; i <= 15 && !limited_at; ++i) {
    auto r = client_->post("/api/v1/auth/refresh", {{"refresh_token", token}});
    if (r.status == 429)
      limited_at = i;
    else
      token = r.json()["refresh_token"];
  }
  EXPECT_EQ(limited_at, 11);
}

TEST_P(MiddlewareHttpTest, CredentialStuffingFromOneAddressIsSlowed) {
  std::vector<int> statuses;
  for (int i = 0; i < 32; ++i)
    statuses.push_back(client_
                           ->post("/api/v1/auth/login", {{"email", "victim" + std::to_string(i) + "@example.com"},
                                                         {"password", "leaked password 1"}})
                           .status);
  EXPECT_EQ(std::count(statuses.begin(), statuses.begin() + 30, 401), 30);
  EXPECT_EQ(statuses[30], 429);
  EXPECT_EQ(statuses[31], 429);
}

TEST_P(MiddlewareHttpTest, AnOversizedBodyIs413) {
  std::string big(2 << 20, 'x');
  auto r = client_->request("POST", "/api/v1/auth/register", big, {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 413);
}

TEST_P(MiddlewareHttpTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  // Two requests written back to back on one socket both get answers.
  auto r1 = client_->get("/health");
  auto r2 = client_->get("/health");
  EXPECT_EQ(r1.status, 200);
  EXPECT_EQ(r2.status, 200);
}

SB_INSTANTIATE_BACKENDS(MiddlewareHttpTest);

class RateLimitOffHttpTest : public HttpTest {
 protected:
  void configure(Config& c) override { c.rate_limit = "off"; }
};

TEST_P(RateLimitOffHttpTest, OffMeansNoLimit) {
  for (int i = 0; i < 15; ++i)
    EXPECT_EQ(
        client_->post("/api/v1/auth/login", {{"email", "who@example.com"}, {"password", "wrong password!"}}).status,
        401);
}

SB_INSTANTIATE_BACKENDS(RateLimitOffHttpTest);

}  // namespace
}  // namespace slotbase::testing

namespace slotbase::testing {
namespace {

// Two instances behind one load balancer share their rate limits through Redis.
class SharedRateLimitHttpTest : public HttpTest {
 protected:
  void configure(Config& c) override {
    const char* url = std::getenv("SLOTBASE_TEST_REDIS_URL");
    if (!url) throw std::runtime_error("SLOTBASE_TEST_REDIS_URL is not set: run the tests through scripts/test");
    c.redis_url = std::string(url) + "/5";
    redis_flush(c.redis_url);
  }
  static void redis_flush(const std::string& url) {
    ratelimit::RedisRateLimiter limiter(url);
    ASSERT_TRUE(limiter.ping());
    limiter.flush();
  }
};

TEST_P(SharedRateLimitHttpTest, TheSignInBucketIsSharedAcrossInstances) {
  Config second_config = test_config(*scratch_);
  configure(second_config);  // flushes again: both start from a full bucket
  App second(second_config, &clock_);
  HttpClient other(second.start());
  std::vector<int> statuses;
  for (int i = 0; i < 11; ++i) {
    const HttpClient& c = i % 2 ? other : *client_;
    statuses.push_back(
        c.post("/api/v1/auth/login", {{"email", "who@example.com"}, {"password", "wrong password!"}}).status);
  }
  second.stop();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 401), 10);
  EXPECT_EQ(statuses.back(), 429);
}

SB_INSTANTIATE_BACKENDS(SharedRateLimitHttpTest);

}  // namespace
}  // namespace slotbase::testing
