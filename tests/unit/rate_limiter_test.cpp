#include <gtest/gtest.h>

#include "platform/ratelimit/rate_limiter.h"

namespace slotbase::ratelimit {
namespace {

TEST(InProcessRateLimiter, AllowsTheCapacityThenAsksToWait) {
  InProcessRateLimiter limiter;
  Bucket bucket{3, 6};  // 3 at once, one every 10 s after that
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.take("ip:1", bucket).allowed);
  auto denied = limiter.take("ip:1", bucket);
  EXPECT_FALSE(denied.allowed);
  EXPECT_GE(denied.retry_after_seconds, 9);
  EXPECT_LE(denied.retry_after_seconds, 10);
}

TEST(InProcessRateLimiter, KeysHaveTheirOwnBuckets) {
  InProcessRateLimiter limiter;
  Bucket bucket{1, 1};
  EXPECT_TRUE(limiter.take("user:a", bucket).allowed);
  EXPECT_FALSE(limiter.take("user:a", bucket).allowed);
  EXPECT_TRUE(limiter.take("user:b", bucket).allowed);
}

TEST(InProcessRateLimiter, ACheckTakesNothing) {
  InProcessRateLimiter limiter;
  Bucket bucket{2, 1};
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.check("fail:a", bucket).allowed);
  EXPECT_TRUE(limiter.take("fail:a", bucket).allowed);
  EXPECT_TRUE(limiter.take("fail:a", bucket).allowed);
  auto denied = limiter.check("fail:a", bucket);
  EXPECT_FALSE(denied.allowed);
  EXPECT_GE(denied.retry_after_seconds, 59);
}

}  // namespace
}  // namespace slotbase::ratelimit
