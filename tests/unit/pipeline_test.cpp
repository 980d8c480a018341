#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "platform/http/pipeline.h"

namespace slotbase::http {
namespace {

// What the request met on its way, in order: the stages' collaborators and the handler write here.
using Journal = std::vector<std::string>;

class JournalingAuthenticator final : public Authenticator {
 public:
  explicit JournalingAuthenticator(Journal& met) : met_(met) {}
  Result<Principal> authenticate(const std::string& bearer_token) override {
    met_.push_back("authenticate");
    if (bearer_token != "good") return Error::unauthenticated("The token is not valid.");
    return Principal{"usr_1", "ses_1", nullptr};
  }

 private:
  Journal& met_;
};

class JournalingRateLimiter final : public ratelimit::RateLimiter {
 public:
  explicit JournalingRateLimiter(Journal& met) : met_(met) {}
  ratelimit::Decision take(const std::string& key, const ratelimit::Bucket&) override {
    met_.push_back("rate limit " + key);
    return refuse ? ratelimit::Decision{false, 7} : ratelimit::Decision{true, 0};
  }
  ratelimit::Decision check(const std::string& key, const ratelimit::Bucket&) override {
    met_.push_back("rate check " + key);
    return refuse ? ratelimit::Decision{false, 7} : ratelimit::Decision{true, 0};
  }
  bool refuse = false;

 private:
  Journal& met_;
};

// The idempotency store's database: these tests must never reach it.
class UnreachableDatabase final : public db::Database {
 public:
  db::Dialect dialect() const override { return db::Dialect::sqlite; }
  db::PoolStats stats() const override { return {}; }
  db::PooledConnection acquire() override { throw std::logic_error("the idempotency store was reached"); }

 protected:
  void release(std::unique_ptr<db::Connection>) override {}
};

class PipelineTest : public ::testing::Test {
 protected:
  PipelineTest() {
    router_.add({"GET", "/thing", handler("read"), Auth::required, RateClass::normal, "a read"});
    router_.add({"POST", "/thing", handler("write"), Auth::required, RateClass::normal, "a write"});
    router_.add({"GET", "/open", handler("open"), Auth::optional, RateClass::normal, "anyone"});
    router_.add({"POST", "/login", handler("login"), Auth::none, RateClass::auth, "sign in"});
    router_.add({"GET", "/health", handler("health"), Auth::none, RateClass::exempt, "health"});
    router_.add({"GET", "/boom", [](Request&) -> Response { throw std::runtime_error("boom"); }, Auth::none,
                 RateClass::exempt, "fails"});
    router_.add({"GET", "/taken",
                 [](Request&) -> Response {
                   throw db::DbError(db::ErrorKind::unique_violation, "UNIQUE constraint failed: facilities.slug");
                 },
                 Auth::none, RateClass::exempt, "a value taken meanwhile"});
    options_.cors_origins = {"https://app.example.com"};
  }

  Handler handler(std::string name) {
    return [this, name](Request&) {
      met_.push_back("handler " + name);
      return Response::no_content();
    };
  }

  Response handle(std::string method, std::string path, Headers headers = {}) {
    Pipeline pipeline(router_, auth_, limiter_, idempotency_, metrics_, options_);
    Request request;
    request.method = std::move(method);
    request.path = request.target = std::move(path);
    request.headers = std::move(headers);
    request.remote_ip = "10.0.0.1";
    return pipeline.handle(request);
  }

  Journal met_;
  Router router_;
  JournalingAuthenticator auth_{met_};
  JournalingRateLimiter limiter_{met_};
  UnreachableDatabase database_;
  FakeClock clock_{*parse_rfc3339("2026-11-24T12:00:00Z")};
  IdempotencyStore idempotency_{database_, clock_};
  Metrics metrics_;
  PipelineOptions options_;
};

TEST_F(PipelineTest, ASignedInRequestIsAuthenticatedThenDrawsOnItsUsersBucketThenReachesItsHandler) {
  EXPECT_EQ(handle("POST", "/thing", {{"Authorization", "Bearer good"}}).status, 204);
  EXPECT_EQ(met_, (Journal{"authenticate", "rate limit user:usr_1", "handler write"}));
}

TEST_F(PipelineTest, AnAnonymousRequestDrawsOnItsAddressesBucket) {
  EXPECT_EQ(handle("GET", "/open").status, 204);
  EXPECT_EQ(met_, (Journal{"rate limit ip:10.0.0.1", "handler open"}));
}

TEST_F(PipelineTest, SignInsDrawOnTheirOwnBucketAndExemptRoutesOnNone) {
  EXPECT_EQ(handle("POST", "/login", {{"Authorization", "Bearer good"}}).status, 204);
  EXPECT_EQ(handle("GET", "/health").status, 204);
  EXPECT_EQ(met_, (Journal{"rate limit auth:ip:10.0.0.1", "handler login", "handler health"}));
}

TEST_F(PipelineTest, APreflightIsAnsweredBeforeRoutingOrAuthentication) {
  auto r =
      handle("OPTIONS", "/thing", {{"Origin", "https://app.example.com"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.headers["Access-Control-Allow-Methods"], "GET, POST");
  EXPECT_EQ(r.headers["Access-Control-Allow-Origin"], "https://app.example.com");
  EXPECT_TRUE(met_.empty());
}

TEST_F(PipelineTest, AnUnknownPathIs404AndAWrongMethod405BeforeTheTokenIsRead) {
  EXPECT_EQ(handle("GET", "/nothing", {{"Authorization", "Bearer bad"}}).status, 404);
  auto wrong = handle("DELETE", "/thing", {{"Authorization", "Bearer bad"}});
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.headers["Allow"], "GET, POST");
  EXPECT_TRUE(met_.empty());
}

TEST_F(PipelineTest, EachAuthenticationFailureIs401BeforeTheRateLimit) {
  struct Case {
    const char* path;
    Headers headers;
    const char* challenge;  // WWW-Authenticate; empty for none
    Journal met;
  };
  const Case cases[] = {
      // Not a Bearer header: refused before any token is checked.
      {"/thing", {{"Authorization", "Basic dXNlcjpwdw=="}}, "", {}},
      // No token where one is required.
      {"/thing", {}, "Bearer", {}},
      // A token that does not check out, even where none is required.
      {"/open", {{"Authorization", "Bearer bad"}}, "Bearer error=\"invalid_token\"", {"authenticate"}},
  };
  for (const auto& c : cases) {
    met_.clear();
    auto r = handle("GET", c.path, c.headers);
    EXPECT_EQ(r.status, 401) << c.challenge;
    EXPECT_EQ(r.headers["WWW-Authenticate"], c.challenge);
    EXPECT_EQ(met_, c.met) << c.challenge;
  }
}

TEST_F(PipelineTest, ARateLimitedRequestIs429AndNeverReachesTheIdempotencyStoreOrItsHandler) {
  limiter_.refuse = true;
  auto r = handle("POST", "/thing", {{"Authorization", "Bearer good"}, {"Idempotency-Key", "k1"}});
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.headers["Retry-After"], "7");
  EXPECT_EQ(met_, (Journal{"authenticate", "rate limit user:usr_1"}));
}

TEST_F(PipelineTest, AnIdempotencyKeyIsCheckedAfterTheRateLimitAndBeforeTheHandler) {
  auto r = handle("POST", "/thing", {{"Authorization", "Bearer good"}, {"Idempotency-Key", ""}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(met_, (Journal{"authenticate", "rate limit user:usr_1"}));
}

TEST_F(PipelineTest, AnIdempotencyKeyOnAReadIsIgnored) {
  EXPECT_EQ(handle("GET", "/thing", {{"Authorization", "Bearer good"}, {"Idempotency-Key", "k1"}}).status, 204);
  EXPECT_EQ(met_, (Journal{"authenticate", "rate limit user:usr_1", "handler read"}));
}

TEST_F(PipelineTest, AHandlersExceptionIsA500Problem) {
  auto r = handle("GET", "/boom");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.headers["Content-Type"], "application/problem+json");
}

TEST_F(PipelineTest, AValueTakenMeanwhileIsAConflictNotA500) {
  auto r = handle("GET", "/taken");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.headers["Content-Type"], "application/problem+json");
  EXPECT_EQ(nlohmann::json::parse(r.body)["rule"], "already-exists");
  EXPECT_EQ(r.body.find("facilities"), std::string::npos);  // the database's words stay in the log
}

TEST_F(PipelineTest, EveryAnswerCarriesTheRequestIdAndTheSecurityHeaders) {
  limiter_.refuse = true;
  for (const char* path : {"/nothing", "/thing", "/open", "/boom", "/health"}) {
    auto r = handle("GET", path, {{"X-Request-Id", "req-1"}, {"Origin", "https://app.example.com"}});
    EXPECT_EQ(r.headers["X-Request-Id"], "req-1") << path;
    EXPECT_EQ(r.headers["X-Content-Type-Options"], "nosniff") << path;
    EXPECT_EQ(r.headers["Access-Control-Allow-Origin"], "https://app.example.com") << path;
  }
}

TEST_F(PipelineTest, EveryRequestIsCountedUnderItsRoute) {
  handle("GET", "/health");
  handle("GET", "/nothing");
  handle("OPTIONS", "/thing", {{"Origin", "https://app.example.com"}, {"Access-Control-Request-Method", "GET"}});
  const std::string text = metrics_.render();
  EXPECT_NE(text.find(R"(method="GET",route="/health",status="204"} 1)"), std::string::npos) << text;
  EXPECT_NE(text.find(R"(method="GET",route="unmatched",status="404"} 1)"), std::string::npos) << text;
  EXPECT_NE(text.find(R"(method="OPTIONS",route="preflight",status="204"} 1)"), std::string::npos) << text;
}

}  // namespace
}  // namespace slotbase::http
