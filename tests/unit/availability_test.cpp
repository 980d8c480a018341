#include <gtest/gtest.h>

#include <memory>

#include "booking/rules/availability.h"
#include "platform/core/byte_cache.h"

namespace slotbase::booking::rules {
namespace {

using organization::Facility;
using organization::OperatingHours;

Facility club() {
  Facility f;
  f.id = organization::FacilityId{"fac_1"};
  f.timezone = "America/New_York";
  f.currency = "USD";
  f.status = organization::FacilityStatus::active;
  f.policies.booking_window_days = 30;
  f.policies.slot_step_minutes = 60;
  return f;
}

OperatingHours eight_to_eleven() {
  OperatingHours h;
  for (int d = 1; d <= 7; ++d) h.weekly.push_back({d, LocalTime{8 * 60}, LocalTime{11 * 60}});
  return h;
}

// Members pay half; others the list price.
std::int64_t price(const resource::Pricing& p, bool member, Instant start, Instant end, const resource::PriceContext&) {
  const auto hours = std::chrono::duration_cast<std::chrono::minutes>(end - start).count() / 60;
  return hours * (member ? p.base.amount / 2 : p.base.amount);
}

resource::Resource court(const char* id, const char* name) {
  resource::Resource r;
  r.id = resource::ResourceId{id};
  r.facility_id = organization::FacilityId{"fac_1"};
  r.name = name;
  r.status = resource::ResourceStatus::active;
  return r;
}

std::string status_at(const Availability& a, std::size_t resource, const Zone& zone, const char* local) {
  for (const auto& s : a.resources[resource].slots)
    if (zone.format(s.start) == local) return str(s.status);
  return "none";
}

TEST(Grid, ClaimsGiveTheirStatusAndEachPriceClassItsPrice) {
  const auto zone = *Zone::find("America/New_York");
  const Facility f = club();
  const auto hours = eight_to_eleven();
  const std::vector<resource::Resource> courts = {court("res_1", "Court 1"), court("res_2", "Court 2")};
  const std::map<resource::ResourceId, resource::Pricing> pricing = {
      {resource::ResourceId{"res_1"}, {{2000, "USD"}, 1000, 60, {}}}};
  const LocalDate day{2026, 12, 8};
  const Instant at8 = zone.at(day, LocalTime{8 * 60});
  const std::vector<Claim> claims = {
      {"res_1", at8, at8 + std::chrono::hours(1), "hold", at8 - std::chrono::hours(20)},
      {"res_1", at8, at8 + std::chrono::hours(2), "booking", std::nullopt},  // booked beats held
      {"res_2", at8 + std::chrono::hours(1), at8 + std::chrono::hours(2), "block", std::nullopt},
  };
  const Instant now = zone.at(LocalDate{2026, 12, 7}, LocalTime{12 * 60});
  auto grid = compute_grid({f, zone, hours, courts, pricing, claims, day, 1, 60, now}, price, true);
  const auto& a = grid.regular;
  ASSERT_EQ(a.resources.size(), 2u);
  EXPECT_EQ(a.resources[0].slots.size(), 3u);  // 08:00, 09:00, 10:00
  EXPECT_EQ(status_at(a, 0, zone, "2026-12-08T08:00:00-05:00"), "booked");
  EXPECT_EQ(status_at(a, 0, zone, "2026-12-08T10:00:00-05:00"), "available");
  EXPECT_EQ(status_at(a, 1, zone, "2026-12-08T09:00:00-05:00"), "blocked");
  EXPECT_EQ(a.resources[0].slots[2].price.amount, 2000);
  EXPECT_EQ(a.resources[1].slots[2].price.amount, 0);  // no price list: free
  ASSERT_TRUE(grid.for_members);
  EXPECT_EQ(grid.for_members->resources[0].slots[2].price.amount, 1000);
  EXPECT_EQ(grid.for_members->resources[0].slots[2].status, SlotStatus::available);
  // The hold lapsing is the first thing that changes the grid by itself.
  EXPECT_EQ(a.valid_until, at8 - std::chrono::hours(20));
}

TEST(Grid, WithoutMemberPricesThereIsOneDocumentForEveryone) {
  const auto zone = *Zone::find("America/New_York");
  const Facility f = club();
  const auto hours = eight_to_eleven();
  const std::vector<resource::Resource> courts = {court("res_1", "Court 1")};
  const std::map<resource::ResourceId, resource::Pricing> pricing;
  const std::vector<Claim> claims;
  const LocalDate day{2026, 12, 8};
  // Asked at 09:30 that day: 08:00 and 09:00 have started.
  const Instant now = zone.at(day, LocalTime{9 * 60 + 30});
  auto grid = compute_grid({f, zone, hours, courts, pricing, claims, day, 1, 60, now}, price, false);
  EXPECT_FALSE(grid.for_members);
  EXPECT_EQ(status_at(grid.regular, 0, zone, "2026-12-08T09:00:00-05:00"), "closed");
  EXPECT_EQ(status_at(grid.regular, 0, zone, "2026-12-08T10:00:00-05:00"), "available");
}

TEST(ByteCache, TheLeastRecentlyUsedGoFirstWhenTheBytesRunOut) {
  ByteCache<int> cache(1000);
  cache.put("a", 1, 300);
  cache.put("b", 2, 300);
  ASSERT_EQ(cache.get("a"), 1);  // a is now the most recently used
  cache.put("c", 3, 300);        // past 1000 with the overhead: b goes
  EXPECT_EQ(cache.get("b"), std::nullopt);
  EXPECT_EQ(cache.get("a"), 1);
  EXPECT_EQ(cache.get("c"), 3);
  EXPECT_LE(cache.bytes(), 1000u);
  EXPECT_EQ(cache.hits(), 3u);
  EXPECT_EQ(cache.misses(), 1u);
  cache.put("huge", 4, 5000);  // larger than the whole bound: not kept, nothing else lost
  EXPECT_EQ(cache.get("huge"), std::nullopt);
  EXPECT_EQ(cache.get("c"), 3);
}

TEST(ByteCache, AStaleEntryIsDroppedAndCountsAsAMiss) {
  ByteCache<int> cache(1 << 20);
  cache.put("grid", 7, 100);
  EXPECT_EQ(cache.get("grid", [](int v) { return v == 8; }), std::nullopt);
  EXPECT_EQ(cache.entries(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
  EXPECT_EQ(cache.misses(), 1u);
}

}  // namespace
}  // namespace slotbase::booking::rules
