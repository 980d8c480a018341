#pragma once

#include <memory>
#include <set>
#include <string>
#include "platform/http/static_files.h"

#include "platform/clock/clock.h"
#include "platform/http/idempotency.h"
#include "platform/http/metrics.h"
#include "platform/http/router.h"
#include "platform/ratelimit/rate_limiter.h"

namespace slotbase::http {

/// Turns a Bearer token into a principal. Implemented by the identity module.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  virtual Result<Principal> authenticate(const std::string& bearer_token) = 0;
};

struct PipelineOptions {
  bool rate_limit = true;
  ratelimit::Bucket per_ip{120, 600};     // anonymous calls
  ratelimit::Bucket per_user{300, 1200};  // authenticated calls
  ratelimit::Bucket auth{10, 20};         // sign-up, login, refresh per IP
  std::set<std::string> cors_origins;     // exact origins allowed to call from a browser; "*" for any
  const StaticFiles* web = nullptr;       // the web apps, for GETs no route matches; none: 404
  // When set, a signed-in write's session check opens a read snapshot that the handler's first
  // reads share (db::Database::ReadScope::Lifetime::until_write).
  db::Database* database = nullptr;
};

/// The middleware chain every request passes through, in this order: request id, CORS preflight,
/// routing (404/405), Bearer authentication, rate limiting, Idempotency-Key, the handler (with
/// every exception turned into problem+json), security and CORS headers, metrics, access log.
class Pipeline {
 public:
  Pipeline(const Router& router, Authenticator& auth, ratelimit::RateLimiter& limiter, IdempotencyStore& idempotency,
           Metrics& metrics, PipelineOptions options);

  Response handle(Request& request);

 private:
  Response dispatch(Request& request);
  Response run_handler(const Route& route, Request& request);
  void add_headers(const Request& request, Response& response) const;

  const Router& router_;
  Authenticator& auth_;
  ratelimit::RateLimiter& limiter_;
  IdempotencyStore& idempotency_;
  Metrics& metrics_;
  PipelineOptions options_;
};

}  // namespace slotbase::http
