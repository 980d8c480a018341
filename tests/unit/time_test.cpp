#include <gtest/gtest.h>

#include "platform/core/time.h"

namespace slotbase {
namespace {

TEST(Rfc3339, ParsesZuluAndOffsetsToTheSameInstant) {
  auto z = parse_rfc3339("2026-12-01T18:00:00Z");
  auto plus = parse_rfc3339("2026-12-01T19:00:00+01:00");
  auto minus = parse_rfc3339("2026-12-01T13:00:00-05:00");
  ASSERT_TRUE(z && plus && minus);
  EXPECT_EQ(*z, *plus);
  EXPECT_EQ(*z, *minus);
  EXPECT_EQ(format_rfc3339(*z), "2026-12-01T18:00:00Z");
}

TEST(Rfc3339, AcceptsFractionsAndRejectsNonsense) {
  EXPECT_TRUE(parse_rfc3339("2026-12-01T18:00:00.123Z"));
  EXPECT_FALSE(parse_rfc3339("2026-12-01 18:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-12-01T18:00:00"));  // no offset: ambiguous
  EXPECT_FALSE(parse_rfc3339("2026-02-30T18:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-12-01T25:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("tomorrow"));
}

// Found by the fuzz target `instants`: 9999-12-31T23:59:59-01:00 falls in year 10000, which was
// written back as 0000-01-01T00:59:59Z, another instant; year 0 with a positive offset fell in
// year -1 and was written as garbage. Only instants four-digit RFC 3339 writes back are taken.
TEST(Rfc3339, RefusesInstantsOutsideTheYearsItWritesBack) {
  EXPECT_FALSE(parse_rfc3339("9999-12-31T23:59:59-01:00"));
  EXPECT_FALSE(parse_rfc3339("0000-01-01T00:30:00+01:00"));
  for (const char* edge : {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
    auto t = parse_rfc3339(edge);
    ASSERT_TRUE(t) << edge;
    EXPECT_EQ(format_rfc3339(*t), edge);
  }
  EXPECT_EQ(parse_rfc3339("9999-12-31T23:59:59+01:00"), parse_rfc3339("9999-12-31T22:59:59Z"));
  EXPECT_EQ(parse_rfc3339("0000-01-01T00:00:00-01:00"), parse_rfc3339("0000-01-01T01:00:00Z"));
}

TEST(LocalDate, KnowsIsoWeekdays) {
  EXPECT_EQ(LocalDate::parse("2026-11-23")->iso_weekday(), 1u);  // a Monday
  EXPECT_EQ(LocalDate::parse("2026-11-29")->iso_weekday(), 7u);  // a Sunday
  EXPECT_FALSE(LocalDate::parse("2026-13-01"));
  EXPECT_FALSE(LocalDate::parse("2026-1-01"));
}

TEST(LocalTime, ParsesTheWholeDayIncludingMidnightAtItsEnd) {
  EXPECT_EQ(LocalTime::parse("07:30")->minutes, 450);
  EXPECT_EQ(LocalTime::parse("24:00")->minutes, 1440);
  EXPECT_FALSE(LocalTime::parse("24:30"));
  EXPECT_FALSE(LocalTime::parse("7:30"));
  EXPECT_EQ(LocalTime{1320}.str(), "22:00");
}

TEST(TimeZones, KnowsIanaNamesFromTheOsDatabase) {
  EXPECT_TRUE(is_valid_time_zone("America/New_York"));
  EXPECT_TRUE(is_valid_time_zone("Europe/Berlin"));
  EXPECT_FALSE(is_valid_time_zone("Mars/Olympus_Mons"));
  EXPECT_FALSE(is_valid_time_zone(""));
}

}  // namespace
}  // namespace slotbase
