#include <gtest/gtest.h>

#include "platform/http/router.h"

namespace slotbase::http {
namespace {

Route route(std::string method, std::string pattern) {
  return {std::move(method), std::move(pattern), [](Request&) { return Response::no_content(); },
          Auth::none,        RateClass::normal,  ""};
}

TEST(Router, BindsPathParameters) {
  Router r;
  r.add(route("GET", "/api/v1/facilities/{facility_id}/hours"));
  auto m = r.match("GET", "/api/v1/facilities/fac_123/hours");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->params.at("facility_id"), "fac_123");
}

TEST(Router, UnknownPathIsNotFoundAndKnownPathWithOtherMethodIsNotAllowed) {
  Router r;
  r.add(route("GET", "/api/v1/me"));
  r.add(route("PATCH", "/api/v1/me"));
  auto missing = r.match("GET", "/api/v1/you");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  auto wrong = r.match("POST", "/api/v1/me");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::method_not_allowed);
  EXPECT_EQ(r.allowed_methods("/api/v1/me"), (std::vector<std::string>{"GET", "PATCH"}));
}

TEST(Router, LiteralSegmentsWinOverParameters) {
  Router r;
  r.add(route("GET", "/api/v1/bookings/{booking_id}"));
  r.add(route("GET", "/api/v1/bookings/mine"));
  auto m = r.match("GET", "/api/v1/bookings/mine");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->route->pattern, "/api/v1/bookings/mine");
}

TEST(Router, TrailingSlashAndEmptySegmentsDoNotMatchParameters) {
  Router r;
  r.add(route("GET", "/api/v1/facilities/{facility_id}"));
  EXPECT_FALSE(r.match("GET", "/api/v1/facilities").ok());
  EXPECT_TRUE(r.match("GET", "/api/v1/facilities/x/").ok());
}

TEST(Router, AParameterMayEndWithALiteralSuffix) {
  Router r;
  r.add(route("GET", "/api/v1/calendar/{token}.ics"));
  auto m = r.match("GET", "/api/v1/calendar/abc-_1.ics");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->params.at("token"), "abc-_1");
  EXPECT_FALSE(r.match("GET", "/api/v1/calendar/abc").ok());
  EXPECT_FALSE(r.match("GET", "/api/v1/calendar/.ics").ok());
  EXPECT_FALSE(r.match("GET", "/api/v1/calendar/abc.ics/x").ok());
}

TEST(Router, RefusesADuplicateRoute) {
  Router r;
  r.add(route("GET", "/a"));
  EXPECT_THROW(r.add(route("GET", "/a")), std::logic_error);
}

TEST(Router, DecodesPercentEncodedParameters) {
  Router r;
  r.add(route("GET", "/x/{id}"));
  auto m = r.match("GET", "/x/a%20b");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->params.at("id"), "a b");
}

TEST(Query, ParsesAndDecodes) {
  auto q = parse_query("date=2026-12-01&days=3&q=court+one&empty");
  EXPECT_EQ(q["date"], "2026-12-01");
  EXPECT_EQ(q["days"], "3");
  EXPECT_EQ(q["q"], "court one");
  EXPECT_EQ(q["empty"], "");
}

}  // namespace
}  // namespace slotbase::http
