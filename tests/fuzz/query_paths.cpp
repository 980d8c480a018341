// Query strings and paths: a request target ("/api/v1/facilities/x/hours?date=...") split as the
// server splits it, the query parsed and percent-decoded, the raw path matched by the router
// against every route of api/openapi.json, as the request pipeline does.
//
// Invariants: what parse_query returns encodes back to a query that parses to the same pairs;
// percent-decoding undoes percent-encoding; a matched route's parameters, percent-encoded into
// its pattern, match the same route with the same values (an encoded "/" stays in its segment);
// 405 comes only for a path some route knows, with the methods it allows.

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz_check.h"
#include "platform/http/router.h"

using namespace slotbase;

namespace {

const http::Router& router() {
  static const http::Router r = [] {
    http::Router out;
    std::ifstream in(SLOTBASE_OPENAPI_PATH);
    const auto doc = nlohmann::json::parse(in);
    for (const auto& [path, item] : doc.at("paths").items())
      for (const auto& [method, op] : item.items()) {
        if (!op.is_object() || !op.contains("responses")) continue;
        std::string m = method;
        for (auto& c : m) c = static_cast<char>(c - 'a' + 'A');
        http::Route route;
        route.method = m;
        route.pattern = path;
        route.handler = [](http::Request&) { return http::Response::no_content(); };
        out.add(std::move(route));
      }
    if (out.routes().size() < 50) fuzz::fail("the routes of api/openapi.json were not read");
    return out;
  }();
  return r;
}

const char* const kMethods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};

void query(std::string_view q, const std::string& input) {
  const auto pairs = http::parse_query(q);
  std::string again;
  for (const auto& [k, v] : pairs) {
    if (!again.empty()) again += '&';
    again += fuzz::percent_encode(k) + "=" + fuzz::percent_encode(v);
  }
  fuzz::check(http::parse_query(again) == pairs, "a parsed query encodes back to the same pairs", input);
  for (const auto& [k, v] : pairs) {
    fuzz::check(http::url_decode(fuzz::percent_encode(k), true) == k, "decoding undoes encoding", input);
    fuzz::check(http::url_decode(fuzz::percent_encode(v), false) == v, "decoding undoes encoding", input);
  }
}

void path(const std::string& method, const std::string& raw_path, const std::string& input) {
  const auto& r = router();
  (void)http::url_decode(raw_path, false);  // the request's path, for logs and problem documents
  auto match = r.match(method, raw_path);
  const auto allowed = r.allowed_methods(raw_path);
  if (!match.ok()) {
    const auto code = match.error().code;
    fuzz::check(code == ErrorCode::not_found || code == ErrorCode::method_not_allowed,
                "an unmatched path is 404 or 405", input);
    fuzz::check((code == ErrorCode::method_not_allowed) == !allowed.empty(),
                "405 exactly when some route knows the path", input);
    return;
  }
  fuzz::check(!allowed.empty(), "a matched path has allowed methods", input);
  const auto& route = *match->route;
  fuzz::check(route.method == method || (method == "HEAD" && route.method == "GET"), "the route's method", input);
  // The pattern with each parameter percent-encoded: the same route, the same values.
  std::string rebuilt;
  std::size_t i = 0;
  const std::string& p = route.pattern;
  while (i < p.size()) {
    if (p[i] != '{') {
      rebuilt += p[i++];
      continue;
    }
    const auto close = p.find('}', i);
    const std::string name = p.substr(i + 1, close - i - 1);
    auto it = match->params.find(name);
    fuzz::check(it != match->params.end(), "every parameter of the pattern is bound", input);
    rebuilt += fuzz::percent_encode(it->second);
    i = close + 1;
  }
  auto again = r.match(method, rebuilt);
  fuzz::check(again.ok(), "a route's parameters, encoded into its pattern, match again", input + " -> " + rebuilt);
  // A value spelling a literal segment ("mi%6Ee" is "mine") matches the literal's route there.
  if (again->route != match->route)
    fuzz::check(again->params.size() < match->params.size(), "only a literal segment wins over a parameter",
                input + " -> " + rebuilt);
  else
    fuzz::check(again->params == match->params, "the same route binds the same values", input + " -> " + rebuilt);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the method; the rest is the request target.
  const std::string method = kMethods[data[0] % std::size(kMethods)];
  const std::string target(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto q = target.find('?');
  if (q != std::string::npos) query(std::string_view(target).substr(q + 1), target);
  path(method, target.substr(0, q), target);
  return 0;
}
