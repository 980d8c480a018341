#include "platform/ratelimit/rate_limiter.h"

#include <hiredis/hiredis.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "platform/log/log.h"

namespace slotbase::ratelimit {

Decision InProcessRateLimiter::draw(const std::string& key, const Bucket& bucket, int cost) {
  const auto now = std::chrono::steady_clock::now();
  const double per_second = bucket.per_minute / 60.0;
  std::lock_guard lock(mu_);
  // Forget full buckets now and then, so the map does not grow with every IP ever seen.
  if (++takes_ % 10000 == 0) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      double elapsed = std::chrono::duration<double>(now - it->second.last).count();
      if (it->second.tokens + elapsed * per_second >= bucket.capacity)
        it = buckets_.erase(it);
      else
        ++it;
    }
  }
  auto [it, inserted] = buckets_.try_emplace(key, State{bucket.capacity, now});
  State& s = it->second;
  if (!inserted) {
    double elapsed = std::chrono::duration<double>(now - s.last).count();
    s.tokens = std::min(bucket.capacity, s.tokens + elapsed * per_second);
    s.last = now;
  }
  if (s.tokens >= 1.0) {
    s.tokens -= cost;
    return {true, 0};
  }
  return {false, static_cast<int>(std::ceil((1.0 - s.tokens) / per_second))};
}

namespace {

constexpr const char* kScript = R"lua(
local capacity = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local data = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(data[1]) or capacity
local ts = tonumber(data[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - ts) * per_ms)
local allowed = 0
local retry_ms = 0
if tokens >= 1 then
  tokens = tokens - cost
  allowed = 1
else
  retry_ms = math.ceil((1 - tokens) / per_ms)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / per_ms) + 1000)
return {allowed, retry_ms}
)lua";

}  // namespace

struct RedisRateLimiter::Impl {
  std::string host;
  int port = 6379;
  int db = 0;
  std::mutex mu;
  redisContext* ctx = nullptr;
  // After a failed connection, none is tried again before this: while Redis is down (or its host
  // does not answer) requests do not each wait for a connection timeout.
  std::chrono::steady_clock::time_point next_connect;
  bool down = false;  // the last attempt failed: logged once, not per request
  InProcessRateLimiter local;

  void disconnect() {
    if (ctx) redisFree(ctx);
    ctx = nullptr;
  }
  bool connect() {
    disconnect();
    const auto now = std::chrono::steady_clock::now();
    if (now < next_connect) return false;
    timeval timeout{1, 0};
    ctx = redisConnectWithTimeout(host.c_str(), port, timeout);
    if (!ctx || ctx->err) {
      if (!down) log::warn("rate limiter: Redis unavailable, limiting in this process until it is back");
      down = true;
      next_connect = now + std::chrono::seconds(1);
      disconnect();
      return false;
    }
    if (down) log::info("rate limiter: Redis is back");
    down = false;
    redisSetTimeout(ctx, timeout);
    if (db != 0) {
      auto* r = static_cast<redisReply*>(redisCommand(ctx, "SELECT %d", db));
      if (r) freeReplyObject(r);
    }
    return true;
  }
  redisReply* command(const char* fmt, auto... args) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (!ctx && !connect()) return nullptr;
      auto* r = static_cast<redisReply*>(redisCommand(ctx, fmt, args...));
      if (r) return r;
      disconnect();  // the connection broke; try once more on a fresh one
    }
    return nullptr;
  }
};

RedisRateLimiter::RedisRateLimiter(const std::string& url) : impl_(std::make_unique<Impl>()) {
  std::string rest = url;
  if (rest.rfind("redis://", 0) == 0)
    rest = rest.substr(8);
  else
    throw std::invalid_argument("Redis URL must start with redis://");
  auto slash = rest.find('/');
  if (slash != std::string::npos) {
    impl_->db = std::stoi(rest.substr(slash + 1).empty() ? "0" : rest.substr(slash + 1));
    rest = rest.substr(0, slash);
  }
  auto colon = rest.rfind(':');
  impl_->host = colon == std::string::npos ? rest : rest.substr(0, colon);
  if (colon != std::string::npos) impl_->port = std::stoi(rest.substr(colon + 1));
  if (impl_->host.empty()) impl_->host = "127.0.0.1";
}

RedisRateLimiter::~RedisRateLimiter() {
  impl_->disconnect();
}

bool RedisRateLimiter::ping() {
  std::lock_guard lock(impl_->mu);
  auto* r = impl_->command("PING");
  bool ok = r && r->type == REDIS_REPLY_STATUS;
  if (r) freeReplyObject(r);
  return ok;
}

void RedisRateLimiter::flush() {
  std::lock_guard lock(impl_->mu);
  if (auto* r = impl_->command("FLUSHDB")) freeReplyObject(r);
}

Decision RedisRateLimiter::draw(const std::string& key, const Bucket& bucket, int cost) {
  const std::string capacity = std::to_string(bucket.capacity);
  const std::string per_ms = std::to_string(bucket.per_minute / 60000.0);
  const std::string redis_key = "slotbase:rl:" + key;
  std::unique_lock lock(impl_->mu);
  auto* r = impl_->command("EVAL %s 1 %s %s %s %d", kScript, redis_key.c_str(), capacity.c_str(), per_ms.c_str(), cost);
  if (!r || r->type != REDIS_REPLY_ARRAY || r->elements != 2) {
    if (r) {
      log::warn("rate limiter: Redis refused the script, limiting in this process",
                {{"error", r->type == REDIS_REPLY_ERROR ? std::string(r->str) : "unexpected reply"}});
      freeReplyObject(r);
    }
    lock.unlock();
    // Each instance limits on its own meanwhile: not shared, but limits still.
    return cost == 0 ? impl_->local.check(key, bucket) : impl_->local.take(key, bucket);
  }
  Decision d{r->element[0]->integer == 1, static_cast<int>((r->element[1]->integer + 999) / 1000)};
  freeReplyObject(r);
  return d;
}

}  // namespace slotbase::ratelimit
