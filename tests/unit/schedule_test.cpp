#include <gtest/gtest.h>

#include "booking/rules/cancellation.h"
#include "booking/rules/schedule.h"

namespace slotbase::booking::rules {
namespace {

using organization::OperatingHours;
using organization::Policies;
using std::chrono::minutes;

OperatingHours all_day() {
  OperatingHours h;
  for (int d = 1; d <= 7; ++d) h.weekly.push_back({d, LocalTime{0}, LocalTime{1440}});
  return h;
}

std::size_t slots_on(const char* zone_name, LocalDate day) {
  auto zone = *Zone::find(zone_name);
  return slot_starts(window_for(all_day(), zone, day), minutes(30), minutes(30)).size();
}

TEST(SlotGrid, DstDaysHaveTheRightNumberOfSlots) {
  EXPECT_EQ(slots_on("America/New_York", LocalDate{2026, 3, 8}), 46u);   // 23 hours
  EXPECT_EQ(slots_on("America/New_York", LocalDate{2026, 11, 1}), 50u);  // 25 hours
  EXPECT_EQ(slots_on("Europe/Berlin", LocalDate{2026, 3, 29}), 46u);
  EXPECT_EQ(slots_on("Europe/Berlin", LocalDate{2026, 10, 25}), 50u);
  EXPECT_EQ(slots_on("Europe/Berlin", LocalDate{2026, 7, 1}), 48u);
}

TEST(SlotGrid, NoSlotIsRepeatedOrSkippedAcrossTheChange) {
  for (auto [name, day] :
       {std::pair{"America/New_York", LocalDate{2026, 11, 1}}, std::pair{"America/New_York", LocalDate{2026, 3, 8}},
        std::pair{"Europe/Berlin", LocalDate{2026, 10, 25}}, std::pair{"Europe/Berlin", LocalDate{2026, 3, 29}}}) {
    auto zone = *Zone::find(name);
    auto starts = slot_starts(window_for(all_day(), zone, day), minutes(30), minutes(30));
    for (std::size_t i = 1; i < starts.size(); ++i) EXPECT_EQ(starts[i] - starts[i - 1], minutes(30)) << name;
    EXPECT_EQ(starts.back() + minutes(30), zone.at(Zone::add_days(day, 1), LocalTime{0})) << name;
  }
  auto ny = *Zone::find("America/New_York");
  auto fall = slot_starts(window_for(all_day(), ny, LocalDate{2026, 11, 1}), minutes(30), minutes(30));
  EXPECT_EQ(ny.format(fall[3]), "2026-11-01T01:30:00-04:00");
  EXPECT_EQ(ny.format(fall[4]), "2026-11-01T01:00:00-05:00");  // the repeated hour, as its own slots
}

TEST(Window, HolidaysOverrideTheWeek) {
  auto zone = *Zone::find("America/New_York");
  OperatingHours h = all_day();
  h.holidays.push_back({LocalDate{2026, 12, 25}, "Christmas", true, std::nullopt, std::nullopt});
  h.holidays.push_back({LocalDate{2026, 12, 31}, "Eve", false, LocalTime{480}, LocalTime{960}});
  EXPECT_FALSE(window_for(h, zone, LocalDate{2026, 12, 25}).open);
  auto eve = window_for(h, zone, LocalDate{2026, 12, 31});
  EXPECT_TRUE(eve.open && eve.open_holiday);
  EXPECT_EQ(zone.format(eve.opens), "2026-12-31T08:00:00-05:00");
  OperatingHours weekdays;
  weekdays.weekly.push_back({1, LocalTime{420}, LocalTime{1320}});
  EXPECT_FALSE(window_for(weekdays, zone, LocalDate{2026, 12, 6}).open);  // a Sunday: not listed, closed
}

class PlayerSlotTest : public ::testing::Test {
 protected:
  Zone zone = *Zone::find("America/New_York");
  Policies policies;
  OperatingHours hours;
  Instant now = zone.at(LocalDate{2026, 12, 1}, LocalTime{9 * 60});
  PlayerSlotTest() {
    for (int d = 1; d <= 7; ++d) hours.weekly.push_back({d, LocalTime{7 * 60}, LocalTime{22 * 60}});
  }
  std::string rule(LocalDate d, int start_min, int end_min) {
    auto r =
        check_player_slot(policies, hours, zone, zone.at(d, LocalTime{start_min}), zone.at(d, LocalTime{end_min}), now);
    return r.ok() ? "ok" : r.error().rule;
  }
};

TEST_F(PlayerSlotTest, NamesEachRule) {
  const LocalDate tomorrow{2026, 12, 2};
  EXPECT_EQ(rule(tomorrow, 600, 660), "ok");
  EXPECT_EQ(rule(tomorrow, 660, 600), "invalid-time-range");
  EXPECT_EQ(rule(LocalDate{2026, 12, 1}, 480, 540), "in-the-past");
  EXPECT_EQ(rule(tomorrow, 600, 630), "duration-too-short");
  EXPECT_EQ(rule(tomorrow, 600, 780), "duration-too-long");
  EXPECT_EQ(rule(tomorrow, 1290, 1350), "outside-opening-hours");
  EXPECT_EQ(rule(tomorrow, 615, 675), "off-slot-grid");
  EXPECT_EQ(rule(LocalDate{2026, 12, 16}, 600, 660), "booking-window");
  EXPECT_EQ(rule(LocalDate{2026, 12, 15}, 600, 660), "ok");  // 14 days ahead is the last day
  policies.min_lead_time_minutes = 120;
  EXPECT_EQ(rule(LocalDate{2026, 12, 1}, 600, 660), "min-lead-time");
  hours.holidays.push_back({tomorrow, "Closed", true, std::nullopt, std::nullopt});
  EXPECT_EQ(rule(tomorrow, 600, 660), "facility-closed");
}

TEST_F(PlayerSlotTest, TouchingTheClosingTimeIsAllowed) {
  EXPECT_EQ(rule(LocalDate{2026, 12, 2}, 1260, 1320), "ok");
}

TEST(Policies, RefundFollowsTheNoticeGiven) {
  const auto tiers = Policies{}.cancellation;
  EXPECT_EQ(refund_percent(tiers, 30), 100);
  EXPECT_EQ(refund_percent(tiers, 24), 100);
  EXPECT_EQ(refund_percent(tiers, 23.9), 50);
  EXPECT_EQ(refund_percent(tiers, 2), 50);
  EXPECT_EQ(refund_percent(tiers, 1.5), 0);
}

}  // namespace
}  // namespace slotbase::booking::rules
