#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "platform/core/result.h"
#include "platform/http/message.h"

namespace slotbase::http {

using Handler = std::function<Response(Request&)>;

enum class Auth {
  none,      // public, no token looked at
  optional,  // a valid token makes a principal; a bad one is 401; none is anonymous
  required,  // 401 without a valid token
};

/// Which rate-limit bucket a route draws from.
enum class RateClass {
  normal,  // per user when authenticated, else per client IP
  auth,    // sign-up, login, refresh: a tighter per-IP bucket
  exempt,  // health checks and metrics
};

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/facilities/{facility_id}"
  Handler handler;
  Auth auth = Auth::required;
  RateClass rate = RateClass::normal;
  std::string summary;  // one line for humans; the OpenAPI document says the rest
  // The body the route reads: JSON, or an HTML form's (application/x-www-form-urlencoded) for
  // the few pages that post forms, or several form types separated by commas. Any other is 415.
  std::string body_type = "application/json";
  // The largest body the route reads, in bytes, when it is more than the server's limit (an
  // upload); 0 is the server's limit.
  std::size_t body_limit = 0;
};

/// Matches method and path to a route; path segments in braces bind parameters, the whole
/// segment ("{booking_id}") or what comes before a literal suffix ("{token}.ics").
class Router {
 public:
  void add(Route route);
  const std::vector<Route>& routes() const { return routes_; }

  struct Match {
    const Route* route;
    std::map<std::string, std::string> params;
  };
  /// The matching route, or a not_found / method_not_allowed error (with the allowed methods in
  /// the detail).
  Result<Match> match(const std::string& method, const std::string& path) const;
  /// The methods allowed on a path (for 405's Allow header and CORS preflight).
  std::vector<std::string> allowed_methods(const std::string& path) const;

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{name}" or "{name}suffix" marks a parameter
  };
  static std::vector<std::string> split(const std::string& path);
  static bool match_segments(const Compiled& c, const std::vector<std::string>& parts,
                             std::map<std::string, std::string>* params);

  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

}  // namespace slotbase::http
