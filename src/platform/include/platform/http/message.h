#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/core/context.h"

namespace slotbase::http {

/// Case-insensitive comparison for header names.
struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const;
  using is_transparent = void;
};
using Headers = std::map<std::string, std::string, CaseInsensitiveLess>;

/// Who is calling, once the Bearer token has been checked.
struct Principal {
  std::string user_id;
  std::string session_id;
  std::shared_ptr<const CallerFacts> facts;  // from the authenticator, passed on in the Context
};

/// An HTTP request as handlers see it: no Beast types, so handlers and middleware can be tested
/// without a socket.
struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query as received
  std::string path;    // decoded path, no query
  std::map<std::string, std::string> query;
  Headers headers;
  std::string body;
  std::string remote_ip;

  // Filled in by the pipeline.
  std::string request_id;
  std::string route;  // the matched route pattern, e.g. "/api/v1/facilities/{facility_id}"
  std::map<std::string, std::string> path_params;
  std::optional<Principal> principal;

  std::optional<std::string> header(std::string_view name) const;
  const std::string& param(const std::string& name) const { return path_params.at(name); }
  std::optional<std::string> query_param(const std::string& name) const;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  /// Set instead of `body` for a document shared with a cache: the server sends it from there,
  /// or `shared_gzip`, the same document gzipped, to a client that accepts gzip.
  std::shared_ptr<const std::string> shared_body;
  std::shared_ptr<const std::string> shared_gzip;

  static Response json(int status, const nlohmann::json& body);
  static Response no_content();
  static Response text(int status, std::string body, std::string content_type);
  static Response shared(int status, std::shared_ptr<const std::string> body,
                         std::shared_ptr<const std::string> gzipped, std::string content_type);
};

/// Splits "a=1&b=x%20y" into decoded pairs (later duplicates win).
std::map<std::string, std::string> parse_query(std::string_view query);
/// Percent-decodes a path or query component ('+' becomes a space only in queries).
std::string url_decode(std::string_view s, bool plus_is_space);

}  // namespace slotbase::http
