#include "platform/core/ids.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <unordered_set>

namespace slotbase {
namespace {

using WidgetId = Id<struct WidgetTag>;

TEST(Ids, CarryTheirTextUnchanged) {
  const WidgetId id{"wdg_01"};
  EXPECT_EQ(id.str(), "wdg_01");
  EXPECT_FALSE(id.empty());
  EXPECT_TRUE(WidgetId{}.empty());
}

TEST(Ids, CompareAndSortByTheirText) {
  EXPECT_EQ(WidgetId{"a"}, WidgetId{"a"});
  EXPECT_NE(WidgetId{"a"}, WidgetId{"b"});
  EXPECT_LT(WidgetId{"a"}, WidgetId{"b"});
  std::set<WidgetId> ordered{WidgetId{"b"}, WidgetId{"a"}};
  EXPECT_EQ(ordered.begin()->str(), "a");
  std::unordered_set<WidgetId> hashed{WidgetId{"a"}, WidgetId{"a"}};
  EXPECT_EQ(hashed.size(), 1u);
}

TEST(Ids, PrintAsTheirText) {
  std::ostringstream out;
  out << WidgetId{"wdg_01"};
  EXPECT_EQ(out.str(), "wdg_01");
  EXPECT_EQ(testing::PrintToString(WidgetId{"wdg_01"}), "wdg_01");
}

TEST(Ids, NewIdsCarryTheirPrefix) {
  const WidgetId id{new_id("wdg")};
  EXPECT_EQ(id.str().rfind("wdg_", 0), 0u);
  EXPECT_NE(id, WidgetId{new_id("wdg")});
}

}  // namespace
}  // namespace slotbase
