#include "platform/core/error.h"

namespace slotbase {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_argument:
      return "invalid_argument";
    case ErrorCode::malformed_request:
      return "malformed_request";
    case ErrorCode::unauthenticated:
      return "unauthenticated";
    case ErrorCode::permission_denied:
      return "permission_denied";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::method_not_allowed:
      return "method_not_allowed";
    case ErrorCode::conflict:
      return "conflict";
    case ErrorCode::unsupported_media_type:
      return "unsupported_media_type";
    case ErrorCode::expired:
      return "expired";
    case ErrorCode::card_declined:
      return "card-declined";  // the contract's word
    case ErrorCode::payload_too_large:
      return "payload_too_large";
    case ErrorCode::rule_violation:
      return "rule_violation";
    case ErrorCode::rate_limited:
      return "rate_limited";
    case ErrorCode::unavailable:
      return "unavailable";
    case ErrorCode::internal:
      return "internal";
  }
  return "internal";
}

Error Error::invalid(std::string field, std::string message) {
  return invalid(std::vector<FieldError>{{std::move(field), std::move(message)}});
}
Error Error::invalid(std::vector<FieldError> fields) {
  Error e{ErrorCode::invalid_argument, {}, std::move(fields), {}, 0, {}};
  e.detail = e.fields.size() == 1 ? e.fields[0].field + ": " + e.fields[0].message : "The request has invalid fields.";
  return e;
}
Error Error::malformed(std::string detail) {
  return {ErrorCode::malformed_request, std::move(detail), {}, {}, 0, {}};
}
Error Error::unauthenticated(std::string detail) {
  return {ErrorCode::unauthenticated, std::move(detail), {}, {}, 0, {}};
}
Error Error::forbidden(std::string detail) {
  return {ErrorCode::permission_denied, std::move(detail), {}, {}, 0, {}};
}
Error Error::not_found(std::string detail) {
  return {ErrorCode::not_found, std::move(detail), {}, {}, 0, {}};
}
Error Error::conflict(std::string rule, std::string detail) {
  return {ErrorCode::conflict, std::move(detail), {}, std::move(rule), 0, {}};
}
Error Error::rule_violation(std::string rule, std::string detail) {
  return {ErrorCode::rule_violation, std::move(detail), {}, std::move(rule), 0, {}};
}
Error Error::expired(std::string detail) {
  return {ErrorCode::expired, std::move(detail), {}, {}, 0, {}};
}
Error Error::card_declined(std::string decline_code, std::string detail) {
  return {ErrorCode::card_declined, std::move(detail), {}, "card-declined", 0, std::move(decline_code)};
}
Error Error::rate_limited(int retry_after_seconds) {
  return {ErrorCode::rate_limited, "Too many requests; try again later.", {}, {}, retry_after_seconds, {}};
}
Error Error::unavailable(std::string detail) {
  return {ErrorCode::unavailable, std::move(detail), {}, {}, 0, {}};
}
Error Error::internal(std::string detail) {
  return {ErrorCode::internal, std::move(detail), {}, {}, 0, {}};
}

}  // namespace slotbase
