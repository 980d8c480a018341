#include <gtest/gtest.h>

#include <cstdlib>

#include "platform/core/ids.h"
#include "platform/ratelimit/rate_limiter.h"

namespace slotbase::ratelimit {
namespace {

std::string redis_url() {
  const char* url = std::getenv("SLOTBASE_TEST_REDIS_URL");
  return url ? url : "";
}

TEST(RedisRateLimiter, InstancesShareTheirBuckets) {
  if (redis_url().empty()) {
    const char* skip = std::getenv("SLOTBASE_TEST_SKIP_PG");
    if (skip && std::string(skip) == "1") GTEST_SKIP() << "servers skipped on purpose";
    FAIL() << "SLOTBASE_TEST_REDIS_URL is not set: run the tests through scripts/test";
  }
  RedisRateLimiter a(redis_url()), b(redis_url());
  ASSERT_TRUE(a.ping());
  const std::string key = "test:" + new_id("k");
  Bucket bucket{4, 6};
  EXPECT_TRUE(a.take(key, bucket).allowed);
  EXPECT_TRUE(b.take(key, bucket).allowed);
  EXPECT_TRUE(a.take(key, bucket).allowed);
  EXPECT_TRUE(b.take(key, bucket).allowed);
  auto denied = a.take(key, bucket);
  EXPECT_FALSE(denied.allowed);
  EXPECT_GE(denied.retry_after_seconds, 9);
  EXPECT_FALSE(b.take(key, bucket).allowed);
}

TEST(RedisRateLimiter, ACheckTakesNothing) {
  if (redis_url().empty()) GTEST_SKIP() << "SLOTBASE_TEST_REDIS_URL is not set";
  RedisRateLimiter limiter(redis_url());
  ASSERT_TRUE(limiter.ping());
  const std::string key = "test:" + new_id("k");
  const Bucket bucket{2, 1};
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.check(key, bucket).allowed);
  EXPECT_TRUE(limiter.take(key, bucket).allowed);
  EXPECT_TRUE(limiter.take(key, bucket).allowed);
  EXPECT_FALSE(limiter.check(key, bucket).allowed);
}

TEST(RedisRateLimiter, LimitsInProcessWhenRedisIsDown) {
  RedisRateLimiter limiter("redis://127.0.0.1:1");
  EXPECT_FALSE(limiter.ping());
  EXPECT_TRUE(limiter.check("k", Bucket{1, 1}).allowed);
  EXPECT_TRUE(limiter.take("k", Bucket{1, 1}).allowed);
  auto denied = limiter.take("k", Bucket{1, 1});
  EXPECT_FALSE(denied.allowed);
  EXPECT_GE(denied.retry_after_seconds, 59);
  EXPECT_TRUE(limiter.take("other", Bucket{1, 1}).allowed);
}

}  // namespace
}  // namespace slotbase::ratelimit
