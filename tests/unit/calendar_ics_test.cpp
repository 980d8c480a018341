#include <gtest/gtest.h>

#include "calendar/rules/ics.h"
#include "support/ics_reader.h"

namespace slotbase::calendar::rules {
namespace {

using testing::read_ics;

Instant at(const char* rfc3339) {
  return *parse_rfc3339(rfc3339);
}

IcsEvent event(std::string uid, const char* start, const char* end, std::string zone = "America/New_York") {
  IcsEvent e;
  e.uid = std::move(uid);
  e.start = at(start);
  e.end = at(end);
  e.time_zone = std::move(zone);
  e.summary = "Court 1 at Riverside Courts";
  e.location = "Riverside Courts, 1 Main St, Springfield";
  e.organizer_name = "Riverside Courts";
  e.organizer_email = "desk@riverside.example";
  e.created = at("2026-01-10T09:00:00Z");
  e.last_modified = at("2026-01-11T09:00:00Z");
  return e;
}

IcsCalendar calendar(std::vector<IcsEvent> events, std::string zone = "") {
  return {"SlotBase bookings", std::move(zone), at("2026-02-01T12:00:00Z"), std::move(events)};
}

TEST(CalendarIcs, APublishedCalendarThatLibicalReadsWithoutComplaint) {
  auto cancelled = event("bkg_2@slotbase", "2026-02-11T15:00:00Z", "2026-02-11T16:00:00Z");
  cancelled.status = EventStatus::cancelled;
  cancelled.sequence = 3;
  cancelled.summary = "Court 2, by the river; at Riverside";
  const auto text =
      write_ics(calendar({event("bkg_1@slotbase", "2026-02-10T15:00:00Z", "2026-02-10T16:00:00Z"), cancelled}));
  EXPECT_NE(text.find("\r\n"), std::string::npos) << "lines end with CRLF";
  auto read = read_ics(text);
  EXPECT_TRUE(read.errors.empty()) << ::testing::PrintToString(read.errors) << "\n" << text;
  EXPECT_TRUE(read.itip_errors.empty()) << ::testing::PrintToString(read.itip_errors);
  EXPECT_EQ(read.version, "2.0");
  EXPECT_EQ(read.prodid, "-//SlotBase//Calendar feed//EN");
  EXPECT_EQ(read.calscale, "GREGORIAN");
  EXPECT_EQ(read.method, "PUBLISH");
  EXPECT_EQ(read.timezones, (std::vector<std::string>{"America/New_York"}));
  ASSERT_EQ(read.events.size(), 2u);
  const auto* first = read.event("bkg_1@slotbase");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->status, "CONFIRMED");
  EXPECT_EQ(first->sequence, 0);
  EXPECT_TRUE(first->has_dtstamp);
  EXPECT_EQ(first->last_modified, at("2026-01-11T09:00:00Z"));
  EXPECT_EQ(first->start_tzid, "America/New_York");
  EXPECT_EQ(first->start, at("2026-02-10T15:00:00Z"));
  EXPECT_EQ(first->end, at("2026-02-10T16:00:00Z"));
  EXPECT_EQ(first->location, "Riverside Courts, 1 Main St, Springfield");
  EXPECT_NE(text.find("ORGANIZER;CN=Riverside Courts:mailto:desk@riverside.example"), std::string::npos);
  const auto* second = read.event("bkg_2@slotbase");
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->status, "CANCELLED");
  EXPECT_EQ(second->sequence, 3);
  EXPECT_EQ(second->summary, "Court 2, by the river; at Riverside") << "commas and semicolons survive";
}

TEST(CalendarIcs, TheSpringForwardNightHasItsRealLength) {
  // 01:00 EST to 03:00 EDT on 8 March 2026: one hour, though the wall clock moves two.
  auto read = read_ics(write_ics(calendar({event("a", "2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z")})));
  ASSERT_EQ(read.events.size(), 1u);
  EXPECT_EQ(read.events[0].start_tzid, "America/New_York");
  EXPECT_EQ(read.events[0].end_tzid, "America/New_York");
  EXPECT_EQ(read.events[0].start, at("2026-03-08T06:00:00Z"));
  EXPECT_EQ(read.events[0].end, at("2026-03-08T07:00:00Z"));
  EXPECT_TRUE(read.unknown_tzids.empty());
}

TEST(CalendarIcs, TimesInTheRepeatedHourAreWrittenInUtc) {
  // 1 November 2026: 01:30 comes twice in New York (EDT, then EST).
  const auto text = write_ics(calendar({event("twice", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z"),
                                        event("across", "2026-11-01T04:30:00Z", "2026-11-01T07:30:00Z")}));
  auto read = read_ics(text);
  EXPECT_TRUE(read.errors.empty()) << ::testing::PrintToString(read.errors);
  const auto* twice = read.event("twice");
  ASSERT_NE(twice, nullptr);
  EXPECT_TRUE(twice->start_utc);
  EXPECT_TRUE(twice->end_utc);
  EXPECT_EQ(twice->start, at("2026-11-01T05:30:00Z"));
  EXPECT_EQ(twice->end, at("2026-11-01T06:30:00Z"));
  // 00:30 EDT to 02:30 EST: three hours, each end a local time that happens once.
  const auto* across = read.event("across");
  ASSERT_NE(across, nullptr);
  EXPECT_EQ(across->start_tzid, "America/New_York");
  EXPECT_EQ(across->end_tzid, "America/New_York");
  EXPECT_EQ(across->start, at("2026-11-01T04:30:00Z"));
  EXPECT_EQ(across->end, at("2026-11-01T07:30:00Z"));
}

TEST(CalendarIcs, TimesAllYearReadBackAsWritten) {
  for (const char* zone : {"America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata"}) {
    std::vector<IcsEvent> events;
    for (Instant t = at("2026-01-01T00:00:00Z"); t < at("2027-01-01T00:00:00Z"); t += std::chrono::minutes{150}) {
      auto e = event(std::to_string(epoch_seconds(t)), "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z", zone);
      e.start = t;
      e.end = t + std::chrono::minutes{90};
      events.push_back(e);
    }
    auto read = read_ics(write_ics(calendar(events)));
    EXPECT_TRUE(read.errors.empty()) << zone << ::testing::PrintToString(read.errors).substr(0, 300);
    ASSERT_EQ(read.events.size(), events.size()) << zone;
    for (std::size_t i = 0; i < events.size(); ++i) {
      EXPECT_EQ(read.events[i].start, events[i].start) << zone << " " << format_rfc3339(events[i].start);
      EXPECT_EQ(read.events[i].end, events[i].end) << zone << " " << format_rfc3339(events[i].end);
    }
  }
}

TEST(CalendarIcs, EachZoneUsedHasOneTimezone) {
  auto read =
      read_ics(write_ics(calendar({event("ny", "2026-06-01T15:00:00Z", "2026-06-01T16:00:00Z"),
                                   event("berlin", "2026-06-01T15:00:00Z", "2026-06-01T16:00:00Z", "Europe/Berlin"),
                                   event("ny2", "2027-06-01T15:00:00Z", "2027-06-01T16:00:00Z")})));
  EXPECT_EQ(read.timezones, (std::vector<std::string>{"America/New_York", "Europe/Berlin"}));
  EXPECT_EQ(read.event("berlin")->start_tzid, "Europe/Berlin");
  EXPECT_EQ(read.event("ny2")->start, at("2027-06-01T15:00:00Z")) << "the zone covers the next year too";
}

TEST(CalendarIcs, UnknownAndUtcZonesAreWrittenInUtc) {
  auto read =
      read_ics(write_ics(calendar({event("none", "2026-06-01T15:00:00Z", "2026-06-01T16:00:00Z", ""),
                                   event("utc", "2026-06-01T15:00:00Z", "2026-06-01T16:00:00Z", "Etc/UTC"),
                                   event("bad", "2026-06-01T15:00:00Z", "2026-06-01T16:00:00Z", "Mars/Base")})));
  EXPECT_TRUE(read.timezones.empty());
  for (const auto& e : read.events) {
    EXPECT_TRUE(e.start_utc && e.end_utc) << e.uid;
    EXPECT_EQ(e.start, at("2026-06-01T15:00:00Z")) << e.uid;
  }
}

TEST(CalendarIcs, AnEmptyCalendarStillHasItsOwnZone) {
  const auto text = write_ics(calendar({}, "Europe/Berlin"));
  auto read = read_ics(text);
  EXPECT_TRUE(read.errors.empty()) << ::testing::PrintToString(read.errors);
  EXPECT_TRUE(read.events.empty());
  EXPECT_EQ(read.timezones, (std::vector<std::string>{"Europe/Berlin"}));
  EXPECT_NE(text.find("X-WR-TIMEZONE:Europe/Berlin"), std::string::npos);
}

}  // namespace
}  // namespace slotbase::calendar::rules
