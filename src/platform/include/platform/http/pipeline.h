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
  // Sign-up, login and refresh per address: a ceiling against floods that a club's desk, a school
  // or a mobile network's shared address stays under (failed sign-ins are limited by identity).
  ratelimit::Bucket auth{300, 600};
  std::set<std::string> cors_origins;  // exact origins allowed to call from a browser; "*" for any
  const StaticFiles* web = nullptr;    // the web apps, for GETs no route matches; none: 404
  // When set, a signed-in write's session check opens a read snapshot that the handler's first
  // reads share (db::Database::ReadScope::Lifetime::until_write).
  db::Database* database = nullptr;
};

/// The middleware every request passes through: a list of stages (`kStages` in pipeline.cpp),
/// met in this order: metrics and the access log, the request id, security and CORS headers,
/// CORS preflight, routing (404/405, or the web apps), the Bearer token's form, a signed-in
/// write's read snapshot, authentication, rate limiting, Idempotency-Key, and the handler, every
/// exception from which becomes problem+json. A stage answers the request itself or hands it on;
/// one with work after the handler (headers, metrics, keeping an idempotent answer) does it on
/// the way back, so every answer, whichever stage gave it, gets the headers and is counted.
/// `handle` keeps no state between requests: threads may call it at once (the server's do), as
/// the collaborators it was given allow.
class Pipeline {
 public:
  Pipeline(const Router& router, Authenticator& auth, ratelimit::RateLimiter& limiter, IdempotencyStore& idempotency,
           Metrics& metrics, PipelineOptions options);

  Response handle(Request& request);

 private:
  const Router& router_;
  Authenticator& auth_;
  ratelimit::RateLimiter& limiter_;
  IdempotencyStore& idempotency_;
  Metrics& metrics_;
  PipelineOptions options_;
};

}  // namespace slotbase::http
