#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace slotbase {

/// Every expected failure in SlotBase has one of these codes. `platform/http/problem.cpp` maps each
/// to exactly one HTTP status; services never choose statuses.
enum class ErrorCode {
  invalid_argument,        // well-formed input that breaks a validation rule (422, with fields)
  malformed_request,       // input that cannot be parsed at all, e.g. broken JSON (400)
  unauthenticated,         // no or bad credentials (401)
  permission_denied,       // authenticated but not allowed (403)
  not_found,               // does not exist, or must not be seen to exist (404)
  method_not_allowed,      // the path exists with other methods (405)
  conflict,                // state conflict, e.g. a taken email or slot (409)
  expired,                 // the thing existed but has lapsed, e.g. a hold (410)
  payload_too_large,       // body over the configured limit (413)
  unsupported_media_type,  // a body that is not JSON by its Content-Type (415)
  rule_violation,          // a business rule refused the request (422, names the rule)
  card_declined,           // the card issuer or the payment provider refused a payment (402)
  rate_limited,            // too many requests (429, Retry-After)
  unavailable,             // a dependency is down (503)
  internal,                // a bug; details are logged, never returned (500)
};

inline constexpr ErrorCode kAllErrorCodes[] = {
    ErrorCode::invalid_argument,  ErrorCode::malformed_request,
    ErrorCode::unauthenticated,   ErrorCode::permission_denied,
    ErrorCode::not_found,         ErrorCode::method_not_allowed,
    ErrorCode::conflict,          ErrorCode::expired,
    ErrorCode::payload_too_large, ErrorCode::unsupported_media_type,
    ErrorCode::rule_violation,    ErrorCode::card_declined,
    ErrorCode::rate_limited,      ErrorCode::unavailable,
    ErrorCode::internal,
};

std::string_view to_string(ErrorCode code);

struct FieldError {
  std::string field;
  std::string message;
};

/// An expected failure: what went wrong, in words a client can show, and which field or rule.
struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string detail;
  std::vector<FieldError> fields;  // for invalid_argument
  std::string rule;                // for rule_violation and conflict: a stable machine name
  int retry_after_seconds = 0;     // for rate_limited and unavailable (Retry-After)
  std::string decline_code;        // for card_declined: the issuer's reason ("insufficient_funds")

  static Error invalid(std::string field, std::string message);
  static Error invalid(std::vector<FieldError> fields);
  static Error malformed(std::string detail);
  static Error unauthenticated(std::string detail = "Authentication is required.");
  static Error forbidden(std::string detail = "You are not allowed to do this.");
  static Error not_found(std::string detail);
  static Error conflict(std::string rule, std::string detail);
  static Error rule_violation(std::string rule, std::string detail);
  static Error expired(std::string detail);
  static Error card_declined(std::string decline_code, std::string detail);
  static Error rate_limited(int retry_after_seconds);
  static Error unavailable(std::string detail);
  static Error internal(std::string detail);
};

}  // namespace slotbase
