#include "platform/http/pipeline.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
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

bool is_text(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (c == 0 || n == 0 || i + n > s.size()) return false;
    std::uint32_t code = n == 1 ? c : c & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      code = (code << 6) | (b & 0x3F);
    }
    const std::uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < least[n] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

// How long a client is asked to wait before trying again while the database is unreachable.
constexpr int kDatabaseRetryAfterSeconds = 2;

bool is_unsafe(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// One request on its way through the stages: the pipeline's collaborators, what the stages before
// have found out, and which stage comes next. It lives on the stack of `Pipeline::handle`.
struct Exchange {
  Exchange(const Router& router, Authenticator& auth, ratelimit::RateLimiter& limiter, IdempotencyStore& idempotency,
           Metrics& metrics, const PipelineOptions& options, Request& request)
      : router(router),
        auth(auth),
        limiter(limiter),
        idempotency(idempotency),
        metrics(metrics),
        options(options),
        request(request) {}

  const Router& router;
  Authenticator& auth;
  ratelimit::RateLimiter& limiter;
  IdempotencyStore& idempotency;
  Metrics& metrics;
  const PipelineOptions& options;
  Request& request;
  const Route* route = nullptr;       // from route_request on
  std::optional<std::string> bearer;  // from read_bearer_token on, when the route looks at tokens
  std::size_t next_stage = 0;

  // Hands the request to the next stage and returns its answer.
  Response next();
};

// Times the request, then counts it under its route and logs it, around all that follows.
Response observe(Exchange& x) {
  const auto started = std::chrono::steady_clock::now();
  Response response = x.next();

  const Request& request = x.request;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::string route = request.route.empty() ? "unmatched" : request.route;
  x.metrics.observe(request.method, route, response.status, seconds);
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

// The caller's X-Request-Id when it is safe to echo and log, else a new one.
Response assign_request_id(Exchange& x) {
  auto incoming = x.request.header("X-Request-Id");
  x.request.request_id = incoming && valid_request_id(*incoming) ? *incoming : new_uuid();
  return x.next();
}

// Security, cache and CORS headers on every answer, whichever stage gave it.
Response add_headers(Exchange& x) {
  Response response = x.next();

  const Request& request = x.request;
  response.headers["X-Request-Id"] = request.request_id;
  response.headers["X-Content-Type-Options"] = "nosniff";
  response.headers["Referrer-Policy"] = "no-referrer";
  response.headers["X-Frame-Options"] = "DENY";
  auto ct = response.headers.find("Content-Type");
  const bool html = ct != response.headers.end() && ct->second.rfind("text/html", 0) == 0;
  // A service worker lives under its script's CSP: it must fetch the app's own pages and files
  // (and show its icon), or its install fails and the browser drops it.
  const bool service_worker = request.path == "/sw.js" && response.status == 200;
  response.headers["Content-Security-Policy"] =
      html             ? "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                         "connect-src 'self' ws: wss:; frame-ancestors 'none'"
      : service_worker ? "default-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"
                       : "default-src 'none'; frame-ancestors 'none'";
  if (request.path.rfind("/api/", 0) == 0 && !response.headers.contains("Cache-Control"))
    response.headers["Cache-Control"] = "no-store";
  if (auto origin = request.header("Origin")) {
    const auto& allowed = x.options.cors_origins;
    if (allowed.contains("*") || allowed.contains(*origin)) {
      response.headers["Access-Control-Allow-Origin"] = *origin;
      response.headers["Vary"] = "Origin";
      response.headers["Access-Control-Expose-Headers"] = "X-Request-Id, Retry-After, Idempotent-Replayed";
    }
  }
  return response;
}

// A CORS preflight is answered here, never reaching a handler.
Response answer_preflight(Exchange& x) {
  Request& request = x.request;
  if (request.method != "OPTIONS" || !request.header("Origin") || !request.header("Access-Control-Request-Method"))
    return x.next();
  request.route = "preflight";
  auto methods = x.router.allowed_methods(request.path);
  if (methods.empty()) return problem(Error::not_found("No route for " + request.path), request.path);
  Response r = Response::no_content();
  r.headers["Access-Control-Allow-Methods"] = join(methods, ", ");
  r.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type, Idempotency-Key, X-Request-Id";
  r.headers["Access-Control-Max-Age"] = "600";
  return r;
}

// Binds the route for the method and path. Without one, a GET may still be a file of the web
// apps; else 404, or 405 with the methods the path allows.
Response route_request(Exchange& x) {
  Request& request = x.request;
  const std::string raw_path = request.target.substr(0, request.target.find('?'));
  auto match = x.router.match(request.method, raw_path);
  if (!match.ok() && match.error().code == ErrorCode::not_found && x.options.web) {
    if (auto page = x.options.web->serve(request)) {
      request.route = "web";
      return std::move(*page);
    }
  }
  if (!match.ok()) {
    Response r = problem(match.error(), request.path);
    if (match.error().code == ErrorCode::method_not_allowed)
      r.headers["Allow"] = join(x.router.allowed_methods(raw_path), ", ");
    return r;
  }
  x.route = match->route;
  request.route = x.route->pattern;
  request.path_params = std::move(match->params);
  for (const auto& [name, value] : request.path_params)
    if (!is_text(value)) return problem(Error::not_found("No such " + name + "."), request.path);
  for (const auto& [name, value] : request.query)
    if (!is_text(name) || !is_text(value))
      return problem(Error::invalid(is_text(name) ? name : "query", "must be UTF-8 text without NUL characters"),
                     request.path);
  return x.next();
}

// A body must say it is JSON (application/json, or a +json type): browsers send text/plain and
// form types across sites without asking first, so a JSON body under another type could be
// another site's form driving our routes. 415 before anything reads it.
Response require_json_body(Exchange& x) {
  if (x.request.body.empty()) return x.next();
  const std::string header = x.request.header("Content-Type").value_or("");
  std::string_view type = std::string_view(header).substr(0, header.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  const bool json =
      iequals(type, "application/json") || (type.size() > 5 && iequals(type.substr(0, 12), "application/") &&
                                            iequals(type.substr(type.size() - 5), "+json"));
  const std::string& declared = x.route->body_type;
  if (declared == "application/json" && json) return x.next();
  // A route may take several form types, listed with commas (one-click unsubscribe takes both
  // of RFC 8058's).
  for (std::string_view rest = declared; !rest.empty();) {
    auto comma = rest.find(',');
    std::string_view one = rest.substr(0, comma);
    while (!one.empty() && one.front() == ' ') one.remove_prefix(1);
    if (one != "application/json" && iequals(type, one)) return x.next();
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return problem(Error{ErrorCode::unsupported_media_type,
                       "Send the body as " + declared + " (Content-Type was \"" + std::string(type) + "\").",
                       {{"Content-Type", "must be " + declared}},
                       {},
                       0,
                       {}},
                 x.request.path);
}

// While the database is down (PostgreSQL restarting, its connections cut), every stage that reads
// it (the session check, the idempotency record, the handler) fails to connect: the client is
// told 503 with Retry-After, the pool opens new connections on the next requests, and the server
// serves again as soon as the database does.
Response database_unavailable(const Request& request) {
  Error error = Error::unavailable("The database is unavailable; try again shortly.");
  error.retry_after_seconds = kDatabaseRetryAfterSeconds;
  return problem(error, request.path);
}

Response survive_database_outage(Exchange& x) {
  try {
    return x.next();
  } catch (const db::DbError& e) {
    if (e.kind() != db::ErrorKind::connection && e.kind() != db::ErrorKind::serialization_failure) throw;
    log::error("database unavailable", {{"request_id", x.request.request_id}, {"error", e.what()}});
    return database_unavailable(x.request);
  }
}

// Takes the token from the Authorization header, on routes that look at one; a header that is
// not 'Bearer <token>' is 401 before any token is checked.
Response read_bearer_token(Exchange& x) {
  if (x.route->auth == Auth::none) return x.next();
  auto header = x.request.header("Authorization");
  if (!header) return x.next();
  if (header->size() <= 7 || !iequals(std::string_view(*header).substr(0, 7), "Bearer "))
    return problem(Error::unauthenticated("The Authorization header must be 'Bearer <token>'."), x.request.path);
  header->erase(0, 7);
  x.bearer = std::move(header);
  return x.next();
}

// A signed-in write's session check and its handler's lookups share one read snapshot, ended by
// the handler's first write or own scope at the latest: on SQLite each read transaction begins by
// reloading the pages other connections changed. Reads (GET) keep a fresh snapshot per read: what
// they cache under a version they read must not describe an older state than that version.
Response lend_read_snapshot(Exchange& x) {
  if (!x.bearer || !x.options.database || !is_unsafe(x.request.method)) return x.next();
  db::Database::ReadScope snapshot(*x.options.database, db::Database::ReadScope::Lifetime::until_write);
  return x.next();
}

// Turns the token into the caller; without one, a route that requires it is 401.
Response authenticate(Exchange& x) {
  if (x.bearer) {
    auto principal = x.auth.authenticate(*x.bearer);
    if (!principal.ok()) {
      Response r = problem(principal.error(), x.request.path);
      r.headers["WWW-Authenticate"] = "Bearer error=\"invalid_token\"";
      return r;
    }
    x.request.principal = std::move(principal).value();
  } else if (x.route->auth == Auth::required) {
    Response r = problem(Error::unauthenticated(), x.request.path);
    r.headers["WWW-Authenticate"] = "Bearer";
    return r;
  }
  return x.next();
}

// Takes one request from the caller's bucket: sign-ins by address, the rest by user, or by
// address when anonymous. An empty bucket is 429.
Response limit_rate(Exchange& x) {
  const Request& request = x.request;
  if (!x.options.rate_limit || x.route->rate == RateClass::exempt) return x.next();
  std::string key;
  const ratelimit::Bucket* bucket;
  if (x.route->rate == RateClass::auth) {
    key = "auth:ip:" + request.remote_ip;
    bucket = &x.options.auth;
  } else if (request.principal) {
    key = "user:" + request.principal->user_id;
    bucket = &x.options.per_user;
  } else {
    key = "ip:" + request.remote_ip;
    bucket = &x.options.per_ip;
  }
  auto decision = x.limiter.take(key, *bucket);
  if (!decision.allowed) return problem(Error::rate_limited(decision.retry_after_seconds), request.path);
  return x.next();
}

// An unsafe request with an Idempotency-Key acts once: a retry gets the first answer back, and
// the answer is kept once the handler has given it (not a 5xx, so a retry after a failure runs).
Response replay_idempotent(Exchange& x) {
  const Request& request = x.request;
  auto key = request.header("Idempotency-Key");
  if (!key || !is_unsafe(request.method)) return x.next();

  if (key->empty() || key->size() > 255 || !is_text(*key))
    return problem(Error::invalid("Idempotency-Key", "must be 1 to 255 characters of UTF-8 text"), request.path);
  const std::string scope = request.principal ? "user:" + request.principal->user_id : "ip:" + request.remote_ip;
  const std::string hash = sha256_hex(request.method + " " + request.path + "\n" + request.body);
  auto begun = x.idempotency.begin(scope, *key, hash);
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
  Response response = x.next();
  if (response.status >= 500)
    x.idempotency.abandon(scope, *key);
  else
    x.idempotency.complete(scope, *key, response);
  return response;
}

// The route's handler, every exception from which becomes problem+json. It answers every request
// that reaches it, so it comes last.
Response run_handler(Exchange& x) {
  Request& request = x.request;
  try {
    return x.route->handler(request);
  } catch (const db::DbError& e) {
    log::error("database error", {{"request_id", request.request_id}, {"error", e.what()}});
    if (e.kind() == db::ErrorKind::connection || e.kind() == db::ErrorKind::serialization_failure)
      return database_unavailable(request);
    // The last guard: a service should have named the field, but a value taken meanwhile is a
    // conflict, never a server error.
    if (e.kind() == db::ErrorKind::unique_violation)
      return problem(Error::conflict("already-exists", "Something with that value exists already."), request.path);
    return problem(Error::internal("An unexpected error occurred."), request.path);
  } catch (const std::exception& e) {
    log::error("unhandled exception", {{"request_id", request.request_id}, {"error", e.what()}});
    return problem(Error::internal("An unexpected error occurred."), request.path);
  }
}

// The middleware, in the order a request meets it. A stage answers the request itself or hands it
// on with next(); one with work to do after the stages behind it does that when next() returns.
// Plain function pointers in a constant table: nothing is built per request.
using Stage = Response (*)(Exchange&);
constexpr Stage kStages[] = {
    observe,                  // metrics and the access log
    assign_request_id,        // X-Request-Id
    add_headers,              // security, cache and CORS headers
    answer_preflight,         // CORS preflight
    survive_database_outage,  // 503 with Retry-After while the database cannot be reached
    route_request,            // 404, 405, or the web apps
    require_json_body,        // 415 for a body that is not JSON
    read_bearer_token,        // 401 for a malformed Authorization header
    lend_read_snapshot,       // a signed-in write's session check shares its snapshot with the handler
    authenticate,             // 401 for a bad or missing token
    limit_rate,               // 429
    replay_idempotent,        // Idempotency-Key
    run_handler,              // the handler; 500 for what it throws
};

Response Exchange::next() {
  return kStages[next_stage++](*this);
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
  Exchange exchange(router_, auth_, limiter_, idempotency_, metrics_, options_, request);
  return exchange.next();
}

}  // namespace slotbase::http
