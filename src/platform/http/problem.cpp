#include "platform/http/problem.h"

namespace slotbase::http {
namespace {

struct Entry {
  int status;
  const char* title;
  const char* slug;
};

Entry entry_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_argument:
      return {422, "Validation failed", "validation-error"};
    case ErrorCode::malformed_request:
      return {400, "Malformed request", "malformed-request"};
    case ErrorCode::unauthenticated:
      return {401, "Authentication required", "unauthenticated"};
    case ErrorCode::permission_denied:
      return {403, "Forbidden", "forbidden"};
    case ErrorCode::not_found:
      return {404, "Not found", "not-found"};
    case ErrorCode::method_not_allowed:
      return {405, "Method not allowed", "method-not-allowed"};
    case ErrorCode::conflict:
      return {409, "Conflict", "conflict"};
    case ErrorCode::expired:
      return {410, "Gone", "expired"};
    case ErrorCode::payload_too_large:
      return {413, "Payload too large", "payload-too-large"};
    case ErrorCode::unsupported_media_type:
      return {415, "Unsupported media type", "unsupported-media-type"};
    case ErrorCode::rule_violation:
      return {422, "Rule violation", "rule-violation"};
    case ErrorCode::card_declined:
      return {402, "Payment declined", "card-declined"};
    case ErrorCode::rate_limited:
      return {429, "Too many requests", "rate-limited"};
    case ErrorCode::unavailable:
      return {503, "Service unavailable", "unavailable"};
    case ErrorCode::internal:
      return {500, "Internal server error", "internal"};
  }
  return {500, "Internal server error", "internal"};
}

}  // namespace

int status_for(ErrorCode code) {
  return entry_for(code).status;
}

Response problem(const Error& error, const std::string& instance) {
  const Entry e = entry_for(error.code);
  // A conflict or rule with a name gets its own type ("slot-unavailable", "booking-window").
  const std::string slug = error.rule.empty() ? e.slug : error.rule;
  nlohmann::json body = {
      {"type", "https://slotbase.dev/problems/" + slug},
      {"title", e.title},
      {"status", e.status},
      {"detail", error.detail.empty() ? std::string(e.title) : error.detail},
      {"code", std::string(to_string(error.code))},
  };
  if (!error.rule.empty()) body["rule"] = error.rule;
  if (error.code == ErrorCode::card_declined) body["decline_code"] = error.decline_code;
  if (error.code == ErrorCode::invalid_argument || !error.fields.empty()) {
    body["errors"] = nlohmann::json::array();
    for (const auto& f : error.fields) body["errors"].push_back({{"field", f.field}, {"message", f.message}});
  }
  if (!instance.empty()) body["instance"] = instance;
  Response r = Response::json(e.status, body);
  r.headers["Content-Type"] = "application/problem+json";
  if (error.code == ErrorCode::rate_limited || error.code == ErrorCode::unavailable)
    r.headers["Retry-After"] = std::to_string(std::max(1, error.retry_after_seconds));
  return r;
}

}  // namespace slotbase::http
