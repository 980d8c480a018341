#include <gtest/gtest.h>

#include "platform/http/json_body.h"

namespace slotbase::http {
namespace {

TEST(JsonBody, MalformedJsonIsA400Kind) {
  auto r = JsonBody::parse("{\"name\": ");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::malformed_request);
}

TEST(JsonBody, NonObjectIsInvalid) {
  auto r = JsonBody::parse("[1,2]");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
}

TEST(JsonBody, CollectsEveryBadField) {
  auto body = JsonBody::parse(R"({"name": 5, "age": "x", "extra": true})").value();
  body.only({"name", "age", "email"});
  body.string("name", true);
  body.integer("age", true, 0, 150);
  body.string("email", true);
  auto done = body.finish();
  ASSERT_FALSE(done.ok());
  std::vector<std::string> fields;
  for (const auto& f : done.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"extra", "name", "age", "email"}));
}

TEST(JsonBody, ChecksRangesAndLengths) {
  auto body = JsonBody::parse(R"({"n": 200, "s": "abcdef"})").value();
  EXPECT_FALSE(body.integer("n", true, 0, 100));
  EXPECT_FALSE(body.string("s", true, 3));
  EXPECT_EQ(body.finish().error().fields.size(), 2u);
}

}  // namespace
}  // namespace slotbase::http
