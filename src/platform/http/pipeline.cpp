#include "platform/http/pipeline.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>

#include "platform/core/encoding.h"
#include "platform/core/ids.h"
#include "platform/db/database.h"
#include "platform/http/problem.h"
#include "platform/log/log.h"

namespace slotbase::http {
namespace {

bool valid_request_id(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':')) return false;
  }
  return true;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_unsafe(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

}  // namespace

Pipeline::Pipeline(const Router& router, Authenticator& auth, ratelimit::RateLimiter& limiter,
                   IdempotencyStore& idempotency, Metrics& metrics, PipelineOptions options)
    : router_(router),
      auth_(auth),
      limiter_(limiter),
      idempotency_(idempotency),
      metrics_(metrics),
      options_(std::move(options)) {}

Response Pipeline::handle(Request& request) {
  const auto started = std::chrono::steady_clock::now();
  auto incoming = request.header("X-Request-Id");
  request.request_id = incoming && valid_request_id(*incoming) ? *incoming : new_uuid();

  Response response = dispatch(request);
  add_headers(request, response);

  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::string route = request.route.empty() ? "unmatched" : request.route;
  metrics_.observe(request.method, route, response.status, seconds);
  if (log::enabled_info()) {
    log::info("request",
              {{"request_id", request.request_id},
               {"method", request.method},
               {"path", request.path},
               {"route", route},
               {"status", response.status},
               {"duration_ms", seconds * 1000.0},
               {"ip", request.remote_ip},
               {"user_id", request.principal ? nlohmann::json(request.principal->user_id) : nlohmann::json(nullptr)}});
  }
  return response;
}

Response Pipeline::dispatch(Request& request) {
  // CORS preflight: answered here, never reaching a handler.
  if (request.method == "OPTIONS" && request.header("Origin") && request.header("Access-Control-Request-Method")) {
    request.route = "preflight";
    auto methods = router_.allowed_methods(request.path);
    if (methods.empty()) return problem(Error::not_found("No route for " + request.path), request.path);
    Response r = Response::no_content();
    r.headers["Access-Control-Allow-Methods"] = join(methods, ", ");
    r.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type, Idempotency-Key, X-Request-Id";
    r.headers["Access-Control-Max-Age"] = "600";
    return r;
  }

  auto match = router_.match(request.method, request.path);
  if (!match.ok() && match.error().code == ErrorCode::not_found && options_.web) {
    if (auto page = options_.web->serve(request)) {
      request.route = "web";
      return std::move(*page);
    }
  }
  if (!match.ok()) {
    Response r = problem(match.error(), request.path);
    if (match.error().code == ErrorCode::method_not_allowed)
      r.headers["Allow"] = join(router_.allowed_methods(request.path), ", ");
    return r;
  }
  const Route& route = *match->route;
  request.route = route.pattern;
  request.path_params = std::move(match->params);

  // A write's session check and its handler's lookups share one read snapshot, ended by the
  // handler's first write or own scope at the latest: on SQLite each read transaction begins by
  // reloading the pages other connections changed. Reads (GET) keep a fresh snapshot per read: what
  // they cache under a version they read must not describe an older state than that version.
  std::optional<db::Database::ReadScope> snapshot;
  if (route.auth != Auth::none) {
    auto header = request.header("Authorization");
    if (header) {
      if (header->size() <= 7 || !iequals(header->substr(0, 7), "Bearer ")) {
        return problem(Error::unauthenticated("The Authorization header must be 'Bearer <token>'."), request.path);
      }
      if (options_.database && is_unsafe(request.method))
        snapshot.emplace(*options_.database, db::Database::ReadScope::Lifetime::until_write);
      auto principal = auth_.authenticate(header->substr(7));
      if (!principal.ok()) {
        Response r = problem(principal.error(), request.path);
        r.headers["WWW-Authenticate"] = "Bearer error=\"invalid_token\"";
        return r;
      }
      request.principal = std::move(principal).value();
    } else if (route.auth == Auth::required) {
      Response r = problem(Error::unauthenticated(), request.path);
      r.headers["WWW-Authenticate"] = "Bearer";
      return r;
    }
  }

  if (options_.rate_limit && route.rate != RateClass::exempt) {
    std::string key;
    const ratelimit::Bucket* bucket;
    if (route.rate == RateClass::auth) {
      key = "auth:ip:" + request.remote_ip;
      bucket = &options_.auth;
    } else if (request.principal) {
      key = "user:" + request.principal->user_id;
      bucket = &options_.per_user;
    } else {
      key = "ip:" + request.remote_ip;
      bucket = &options_.per_ip;
    }
    auto decision = limiter_.take(key, *bucket);
    if (!decision.allowed) return problem(Error::rate_limited(decision.retry_after_seconds), request.path);
  }

  auto key = request.header("Idempotency-Key");
  if (!key || !is_unsafe(request.method)) return run_handler(route, request);

  if (key->empty() || key->size() > 255)
    return problem(Error::invalid("Idempotency-Key", "must be 1 to 255 characters"), request.path);
  const std::string scope = request.principal ? "user:" + request.principal->user_id : "ip:" + request.remote_ip;
  const std::string hash = sha256_hex(request.method + " " + request.path + "\n" + request.body);
  auto begun = idempotency_.begin(scope, *key, hash);
  switch (begun.outcome) {
    case IdempotencyStore::Outcome::replay:
      return std::move(begun.replay);
    case IdempotencyStore::Outcome::mismatch:
      return problem(Error::invalid("Idempotency-Key", "was already used with a different request"), request.path);
    case IdempotencyStore::Outcome::in_progress:
      return problem(
          Error::conflict("idempotency-in-progress", "A request with this Idempotency-Key is still being processed."),
          request.path);
    case IdempotencyStore::Outcome::proceed:
      break;
  }
  Response response = run_handler(route, request);
  if (response.status >= 500)
    idempotency_.abandon(scope, *key);
  else
    idempotency_.complete(scope, *key, response);
  return response;
}

Response Pipeline::run_handler(const Route& route, Request& request) {
  try {
    return route.handler(request);
  } catch (const db::DbError& e) {
    log::error("database error", {{"request_id", request.request_id}, {"error", e.what()}});
    if (e.kind() == db::ErrorKind::connection || e.kind() == db::ErrorKind::serialization_failure)
      return problem(Error::unavailable("The database is unavailable; try again shortly."), request.path);
    return problem(Error::internal("An unexpected error occurred."), request.path);
  } catch (const std::exception& e) {
    log::error("unhandled exception", {{"request_id", request.request_id}, {"error", e.what()}});
    return problem(Error::internal("An unexpected error occurred."), request.path);
  }
}

void Pipeline::add_headers(const Request& request, Response& response) const {
  response.headers["X-Request-Id"] = request.request_id;
  response.headers["X-Content-Type-Options"] = "nosniff";
  response.headers["Referrer-Policy"] = "no-referrer";
  response.headers["X-Frame-Options"] = "DENY";
  auto ct = response.headers.find("Content-Type");
  const bool html = ct != response.headers.end() && ct->second.rfind("text/html", 0) == 0;
  response.headers["Content-Security-Policy"] =
      html ? "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
             "connect-src 'self' ws: wss:; frame-ancestors 'none'"
           : "default-src 'none'; frame-ancestors 'none'";
  if (request.path.rfind("/api/", 0) == 0 && !response.headers.contains("Cache-Control"))
    response.headers["Cache-Control"] = "no-store";
  if (auto origin = request.header("Origin")) {
    if (options_.cors_origins.contains("*") || options_.cors_origins.contains(*origin)) {
      response.headers["Access-Control-Allow-Origin"] = *origin;
      response.headers["Vary"] = "Origin";
      response.headers["Access-Control-Expose-Headers"] = "X-Request-Id, Retry-After, Idempotent-Replayed";
    }
  }
}

}  // namespace slotbase::http
