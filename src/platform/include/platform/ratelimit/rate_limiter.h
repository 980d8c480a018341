#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace slotbase::ratelimit {

/// A token bucket: `capacity` requests at once, refilled at `per_minute` a minute.
struct Bucket {
  double capacity = 60;
  double per_minute = 60;
};

struct Decision {
  bool allowed = true;
  int retry_after_seconds = 0;
};

/// Decides whether a caller (keyed by IP or user) may make one more request. Thread-safe.
class RateLimiter {
 public:
  virtual ~RateLimiter() = default;
  /// Takes one token from the bucket under `key` if it has one.
  virtual Decision take(const std::string& key, const Bucket& bucket) = 0;
  /// Whether a take would be allowed now, taking nothing: for limits that count only failures,
  /// asked before the attempt and taken from once it failed.
  virtual Decision check(const std::string& key, const Bucket& bucket) = 0;
};

/// Never limits: what `rate_limit=off` (load tests, benchmarks) wires in everywhere.
class UnlimitedRateLimiter final : public RateLimiter {
 public:
  Decision take(const std::string&, const Bucket&) override { return {true, 0}; }
  Decision check(const std::string&, const Bucket&) override { return {true, 0}; }
};

/// Buckets in this process's memory: right for one instance.
class InProcessRateLimiter final : public RateLimiter {
 public:
  Decision take(const std::string& key, const Bucket& bucket) override { return draw(key, bucket, 1); }
  Decision check(const std::string& key, const Bucket& bucket) override { return draw(key, bucket, 0); }

 private:
  /// Refills the bucket, then takes `cost` tokens (0 or 1) if it has one.
  Decision draw(const std::string& key, const Bucket& bucket, int cost);
  struct State {
    double tokens;
    std::chrono::steady_clock::time_point last;
  };
  std::mutex mu_;
  std::unordered_map<std::string, State> buckets_;
  std::size_t takes_ = 0;
};

/// Buckets in Redis (one Lua script per take, timed by the Redis server's clock), so that every
/// instance behind a load balancer draws from the same buckets. While Redis cannot be reached,
/// each instance limits with buckets of its own (as InProcessRateLimiter) and tries Redis again
/// at most once a second: a rate limiter must not take the API down, nor stop limiting.
class RedisRateLimiter final : public RateLimiter {
 public:
  /// `url` is redis://host:port[/db].
  explicit RedisRateLimiter(const std::string& url);
  ~RedisRateLimiter() override;
  Decision take(const std::string& key, const Bucket& bucket) override { return draw(key, bucket, 1); }
  Decision check(const std::string& key, const Bucket& bucket) override { return draw(key, bucket, 0); }
  bool ping();
  /// Forgets every bucket in the configured Redis database (tests).
  void flush();

 private:
  Decision draw(const std::string& key, const Bucket& bucket, int cost);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace slotbase::ratelimit
