#include "platform/http/metrics.h"

#include <sstream>

namespace slotbase::http {
namespace {

std::string escape(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

void Metrics::observe(const std::string& method, const std::string& route, int status, double seconds) {
  std::lock_guard lock(mu_);
  auto& s = series_[{method, route, status}];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++s.buckets[i];
  ++s.count;
  s.sum += seconds;
}

void Metrics::gauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(mu_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::render() const {
  std::ostringstream out;
  std::vector<Gauge> gauges;
  {
    std::lock_guard lock(mu_);
    out << "# HELP slotbase_http_requests_total HTTP requests by method, route and status.\n"
           "# TYPE slotbase_http_requests_total counter\n";
    for (const auto& [key, s] : series_) {
      const auto& [method, route, status] = key;
      out << "slotbase_http_requests_total{method=\"" << method << "\",route=\"" << escape(route) << "\",status=\""
          << status << "\"} " << s.count << "\n";
    }
    out << "# HELP slotbase_http_request_duration_seconds HTTP request latency.\n"
           "# TYPE slotbase_http_request_duration_seconds histogram\n";
    for (const auto& [key, s] : series_) {
      const auto& [method, route, status] = key;
      std::string labels =
          "method=\"" + method + "\",route=\"" + escape(route) + "\",status=\"" + std::to_string(status) + "\"";
      for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        out << "slotbase_http_request_duration_seconds_bucket{" << labels << ",le=\"" << kBuckets[i] << "\"} "
            << s.buckets[i] << "\n";
      }
      out << "slotbase_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << s.count << "\n";
      out << "slotbase_http_request_duration_seconds_sum{" << labels << "} " << s.sum << "\n";
      out << "slotbase_http_request_duration_seconds_count{" << labels << "} " << s.count << "\n";
    }
    gauges = gauges_;
  }
  // Gauges may query the database: read them outside the lock.
  for (const auto& g : gauges) {
    out << "# HELP " << g.name << " " << g.help << "\n# TYPE " << g.name << " gauge\n";
    double v = 0;
    try {
      v = g.read();
    } catch (const std::exception&) {
      v = -1;  // the source failed; -1 says so without failing the scrape
    }
    out << g.name << " " << v << "\n";
  }
  return out.str();
}

}  // namespace slotbase::http
