#include <gtest/gtest.h>

#include <map>

#include "platform/http/problem.h"

namespace slotbase::http {
namespace {

TEST(ErrorMapping, EveryCodeHasItsStatus) {
  const std::map<ErrorCode, int> expected = {
      {ErrorCode::invalid_argument, 422},  {ErrorCode::malformed_request, 400},
      {ErrorCode::unauthenticated, 401},   {ErrorCode::permission_denied, 403},
      {ErrorCode::not_found, 404},         {ErrorCode::method_not_allowed, 405},
      {ErrorCode::conflict, 409},          {ErrorCode::expired, 410},
      {ErrorCode::payload_too_large, 413}, {ErrorCode::unsupported_media_type, 415},
      {ErrorCode::rule_violation, 422},    {ErrorCode::card_declined, 402},
      {ErrorCode::rate_limited, 429},      {ErrorCode::unavailable, 503},
      {ErrorCode::internal, 500},
  };
  ASSERT_EQ(expected.size(), std::size(kAllErrorCodes));
  for (ErrorCode code : kAllErrorCodes) {
    EXPECT_EQ(status_for(code), expected.at(code)) << to_string(code);
    Error e{code, "something", {}, {}, 0, {}};
    Response r = problem(e);
    EXPECT_EQ(r.status, expected.at(code));
    EXPECT_EQ(r.headers["Content-Type"], "application/problem+json");
    auto body = nlohmann::json::parse(r.body);
    EXPECT_EQ(body["status"], expected.at(code));
    EXPECT_EQ(body["code"], std::string(to_string(code)));
    EXPECT_TRUE(body.contains("type") && body.contains("title") && body.contains("detail"));
  }
}

TEST(ErrorMapping, ValidationErrorsListTheFields) {
  Response r = problem(Error::invalid({{"email", "is required"}, {"password", "is too short"}}));
  auto body = nlohmann::json::parse(r.body);
  ASSERT_EQ(body["errors"].size(), 2u);
  EXPECT_EQ(body["errors"][0]["field"], "email");
  EXPECT_EQ(body["errors"][1]["message"], "is too short");
}

TEST(ErrorMapping, NamedRulesGetTheirOwnType) {
  auto body = nlohmann::json::parse(problem(Error::conflict("slot-unavailable", "taken")).body);
  EXPECT_EQ(body["type"], "https://slotbase.dev/problems/slot-unavailable");
  EXPECT_EQ(body["rule"], "slot-unavailable");
}

TEST(ErrorMapping, RateLimitedCarriesRetryAfter) {
  Response r = problem(Error::rate_limited(7));
  EXPECT_EQ(r.headers["Retry-After"], "7");
}

}  // namespace
}  // namespace slotbase::http
