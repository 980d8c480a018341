#include "platform/core/parse_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace slotbase {
namespace {

TEST(ParseCache, ParsesEachDistinctTextOnce) {
  ParseCache<std::size_t> cache(2);
  int parsed = 0;
  auto length = [&](const std::string& text) {
    ++parsed;
    return text.size();
  };
  EXPECT_EQ(cache.get("{\"hold_ttl_seconds\":300}", length), 24u);
  EXPECT_EQ(cache.get("{\"hold_ttl_seconds\":300}", length), 24u);
  EXPECT_EQ(parsed, 1);
  // A changed text is another key: what was stored changes what is returned, at once.
  EXPECT_EQ(cache.get("{\"hold_ttl_seconds\":60}", length), 23u);
  EXPECT_EQ(parsed, 2);
  // Past its capacity it starts over rather than growing.
  EXPECT_EQ(cache.get("{}", length), 2u);
  EXPECT_EQ(cache.get("{\"hold_ttl_seconds\":300}", length), 24u);
  EXPECT_EQ(parsed, 4);
}

}  // namespace
}  // namespace slotbase
