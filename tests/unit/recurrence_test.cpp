#include <gtest/gtest.h>

#include "booking/rules/recurrence.h"

namespace slotbase::booking::rules {
namespace {

std::vector<std::string> dates(const std::string& rule, LocalDate first, LocalDate from, LocalDate to,
                               std::size_t limit = 100) {
  std::vector<std::string> out;
  for (auto d : occurrence_dates(rule, first, from, to, limit)) out.push_back(d.str());
  return out;
}

TEST(Rrule, AcceptsRulesWithOrWithoutThePrefix) {
  EXPECT_EQ(parse_rrule("RRULE:FREQ=WEEKLY;BYDAY=TU").value(), "FREQ=WEEKLY;BYDAY=TU");
  EXPECT_EQ(parse_rrule("  FREQ=MONTHLY;BYDAY=1TU;COUNT=6 ").value(), "FREQ=MONTHLY;BYDAY=1TU;COUNT=6");
}

TEST(Rrule, RefusesWhatASeriesCannotBe) {
  for (const char* bad : {"", "FREQ=BOGUS", "FREQ=WEEKLY;BYDAY=XX", "hello", "FREQ=HOURLY", "FREQ=MINUTELY",
                          "FREQ=DAILY;BYHOUR=5,6", "FREQ=DAILY;BYMINUTE=15"}) {
    auto r = parse_rrule(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().fields.at(0).field, "rrule") << bad;
  }
}

// Found by the fuzz target `rrule`: rules that can never occur were accepted, and libical spends
// about a second of CPU on each expansion of one looking for its first occurrence (the sixth
// Monday of a month, the ninth Monday of a month by BYSETPOS, February 30th).
TEST(Rrule, RefusesRulesThatCanNeverOccur) {
  for (const char* never :
       {"FREQ=MONTHLY;BYDAY=6MO", "FREQ=MONTHLY;BYDAY=-6MO", "FREQ=MONTHLY;BYDAY=6MO,52TU", "FREQ=YEARLY;BYDAY=54MO",
        "FREQ=YEARLY;BYDAY=6MO;BYMONTH=3", "FREQ=WEEKLY;BYDAY=2MO", "FREQ=MONTHLY;BYSETPOS=9;BYDAY=MO",
        "FREQ=MONTHLY;BYSETPOS=-32", "FREQ=MONTHLY;BYMONTHDAY=30;BYMONTH=2", "FREQ=YEARLY;BYMONTHDAY=31;BYMONTH=4,6"}) {
    auto r = parse_rrule(never);
    ASSERT_FALSE(r.ok()) << never;
    EXPECT_EQ(r.error().fields.at(0).field, "rrule") << never;
  }
  for (const char* fine :
       {"FREQ=MONTHLY;BYDAY=5MO", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=YEARLY;BYDAY=53MO",
        "FREQ=YEARLY;BYDAY=5MO;BYMONTH=3", "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR",
        "FREQ=MONTHLY;BYSETPOS=10;BYDAY=MO,TU", "FREQ=YEARLY;BYMONTHDAY=29;BYMONTH=2", "FREQ=MONTHLY;BYMONTHDAY=31"})
    EXPECT_TRUE(parse_rrule(fine).ok()) << fine;
}

TEST(Rrule, KnowsWhetherItEnds) {
  EXPECT_TRUE(rrule_has_end("FREQ=WEEKLY;COUNT=4"));
  EXPECT_TRUE(rrule_has_end("FREQ=WEEKLY;UNTIL=20270101"));
  EXPECT_FALSE(rrule_has_end("FREQ=WEEKLY;BYDAY=TU"));
}

TEST(Rrule, WeeklyOnTwoDays) {
  // 2026-12-01 is a Tuesday: it is not a Monday or Wednesday, so it is not an occurrence.
  EXPECT_EQ(dates("FREQ=WEEKLY;BYDAY=MO,WE", {2026, 12, 1}, {2026, 12, 1}, {2026, 12, 14}),
            (std::vector<std::string>{"2026-12-02", "2026-12-07", "2026-12-09", "2026-12-14"}));
}

TEST(Rrule, CountCountsFromTheFirstDateEvenWhenTheWindowStartsLater) {
  EXPECT_EQ(dates("FREQ=WEEKLY;COUNT=3", {2026, 12, 1}, {2026, 12, 10}, {2027, 12, 31}),
            (std::vector<std::string>{"2026-12-15"}));
}

TEST(Rrule, MonthlyByPositionAndUntil) {
  EXPECT_EQ(dates("FREQ=MONTHLY;BYDAY=1TU;UNTIL=20270301", {2026, 12, 1}, {2026, 12, 1}, {2027, 12, 31}),
            (std::vector<std::string>{"2026-12-01", "2027-01-05", "2027-02-02"}));
}

TEST(Rrule, BiweeklyStopsAtTheWindowAndTheLimit) {
  EXPECT_EQ(dates("FREQ=WEEKLY;INTERVAL=2", {2026, 12, 1}, {2026, 12, 1}, {2027, 1, 12}),
            (std::vector<std::string>{"2026-12-01", "2026-12-15", "2026-12-29", "2027-01-12"}));
  EXPECT_EQ(dates("FREQ=DAILY", {2026, 12, 1}, {2026, 12, 1}, {2027, 12, 31}, 2),
            (std::vector<std::string>{"2026-12-01", "2026-12-02"}));
}

TEST(Rrule, ARuleThatNeverMatchesGivesNothing) {
  EXPECT_TRUE(dates("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", {2026, 12, 1}, {2026, 12, 1}, {2027, 12, 31}).empty());
  EXPECT_TRUE(dates("FREQ=DAILY", {2026, 12, 1}, {2026, 12, 5}, {2026, 12, 4}).empty());
}

}  // namespace
}  // namespace slotbase::booking::rules
