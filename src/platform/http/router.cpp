#include "platform/http/router.h"

#include <stdexcept>

namespace slotbase::http {

std::vector<std::string> Router::split(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    auto next = path.find('/', i);
    if (next == std::string::npos) next = path.size();
    parts.push_back(path.substr(i, next - i));
    i = next;
  }
  return parts;
}

void Router::add(Route route) {
  for (const auto& r : routes_) {
    if (r.method == route.method && r.pattern == route.pattern)
      throw std::logic_error("route declared twice: " + route.method + " " + route.pattern);
  }
  compiled_.push_back({split(route.pattern)});
  routes_.push_back(std::move(route));
}

bool Router::match_segments(const Compiled& c, const std::vector<std::string>& parts,
                            std::map<std::string, std::string>* params) {
  if (c.segments.size() != parts.size()) return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& seg = c.segments[i];
    const auto close = seg.find('}');
    if (seg.size() > 2 && seg.front() == '{' && close != std::string::npos && close > 1) {
      // "{name}" binds the whole segment; "{name}.ics" binds what comes before the literal suffix.
      const std::string_view suffix = std::string_view(seg).substr(close + 1);
      const std::string& part = parts[i];
      if (part.size() <= suffix.size() || !part.ends_with(suffix)) return false;
      if (params) (*params)[seg.substr(1, close - 1)] = url_decode(part.substr(0, part.size() - suffix.size()), false);
    } else if (seg != parts[i]) {
      return false;
    }
  }
  return true;
}

Result<Router::Match> Router::match(const std::string& method, const std::string& path) const {
  const auto parts = split(path);
  bool path_known = false;
  // Literal segments win over parameters: prefer the route with the fewest parameters.
  const Route* best = nullptr;
  int best_params = 1 << 20;
  std::map<std::string, std::string> best_bound;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    std::map<std::string, std::string> params;
    if (!match_segments(compiled_[i], parts, &params)) continue;
    path_known = true;
    if (routes_[i].method != method && !(method == "HEAD" && routes_[i].method == "GET")) continue;
    if (static_cast<int>(params.size()) < best_params) {
      best = &routes_[i];
      best_params = static_cast<int>(params.size());
      best_bound = std::move(params);
    }
  }
  if (best) return Match{best, std::move(best_bound)};
  if (path_known) {
    Error e{ErrorCode::method_not_allowed, "Method " + method + " is not allowed on " + path, {}, {}, 0, {}};
    return e;
  }
  return Error::not_found("No route for " + path);
}

std::vector<std::string> Router::allowed_methods(const std::string& path) const {
  const auto parts = split(path);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (match_segments(compiled_[i], parts, nullptr)) out.push_back(routes_[i].method);
  }
  return out;
}

}  // namespace slotbase::http
