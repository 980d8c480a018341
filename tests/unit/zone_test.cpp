#include <gtest/gtest.h>

#include "platform/core/zone.h"

namespace slotbase {
namespace {

const LocalDate kSpringUs{2026, 3, 8};   // America/New_York: 02:00 EST -> 03:00 EDT
const LocalDate kFallUs{2026, 11, 1};    // America/New_York: 02:00 EDT -> 01:00 EST
const LocalDate kSpringEu{2026, 3, 29};  // Europe/Berlin: 02:00 CET -> 03:00 CEST
const LocalDate kFallEu{2026, 10, 25};   // Europe/Berlin: 03:00 CEST -> 02:00 CET

TEST(Zone, DstDaysHaveTheirRealLength) {
  auto ny = *Zone::find("America/New_York");
  auto berlin = *Zone::find("Europe/Berlin");
  auto hours = [](const Zone& z, LocalDate d) {
    return std::chrono::duration_cast<std::chrono::hours>(z.at(Zone::add_days(d, 1), LocalTime{0}) -
                                                          z.at(d, LocalTime{0}))
        .count();
  };
  EXPECT_EQ(hours(ny, kSpringUs), 23);
  EXPECT_EQ(hours(ny, kFallUs), 25);
  EXPECT_EQ(hours(berlin, kSpringEu), 23);
  EXPECT_EQ(hours(berlin, kFallEu), 25);
  EXPECT_EQ(hours(ny, LocalDate{2026, 7, 1}), 24);
}

TEST(Zone, ConvertsBothWaysAndFormatsWithTheLocalOffset) {
  auto ny = *Zone::find("America/New_York");
  Instant t = ny.at(LocalDate{2026, 12, 1}, LocalTime{18 * 60});
  EXPECT_EQ(format_rfc3339(t), "2026-12-01T23:00:00Z");
  EXPECT_EQ(ny.format(t), "2026-12-01T18:00:00-05:00");
  EXPECT_EQ(ny.date_of(t), (LocalDate{2026, 12, 1}));
  EXPECT_EQ(ny.minute_of_day(t), 18 * 60);
  EXPECT_EQ(Zone::find("UTC")->format(t), "2026-12-01T23:00:00Z");
}

TEST(Zone, GapTimesMapToTheJumpAndRepeatedTimesToTheFirst) {
  auto ny = *Zone::find("America/New_York");
  EXPECT_EQ(ny.format(ny.at(kSpringUs, LocalTime{150})), "2026-03-08T03:00:00-04:00");  // 02:30 does not exist
  EXPECT_EQ(ny.format(ny.at(kFallUs, LocalTime{90})), "2026-11-01T01:30:00-04:00");     // 01:30 happens twice
  EXPECT_EQ(ny.next_transition(ny.at(kFallUs, LocalTime{0})), *parse_rfc3339("2026-11-01T06:00:00Z"));
}

TEST(Zone, PeriodsSayTheirOffsetAbbreviationAndBounds) {
  auto ny = *Zone::find("America/New_York");
  auto summer = ny.period_at(*parse_rfc3339("2026-07-01T12:00:00Z"));
  EXPECT_EQ(summer.begin, *parse_rfc3339("2026-03-08T07:00:00Z"));
  EXPECT_EQ(summer.end, *parse_rfc3339("2026-11-01T06:00:00Z"));
  EXPECT_EQ(summer.offset_minutes, -240);
  EXPECT_TRUE(summer.daylight);
  EXPECT_EQ(summer.abbreviation, "EDT");
  auto winter = ny.period_at(summer.end);
  EXPECT_EQ(winter.offset_minutes, -300);
  EXPECT_FALSE(winter.daylight);
  EXPECT_EQ(winter.abbreviation, "EST");
  // A zone without summer time has one period to the end of the calendar.
  auto tokyo = Zone::find("Asia/Tokyo")->period_at(summer.end);
  EXPECT_EQ(tokyo.offset_minutes, 540);
  EXPECT_GT(tokyo.end, *parse_rfc3339("9000-01-01T00:00:00Z"));
}

TEST(Zone, UnknownNamesAreNotFound) {
  EXPECT_FALSE(Zone::find("Nowhere/Special"));
}

}  // namespace
}  // namespace slotbase
