#include <thread>

#include "http/booking_fixture.h"
#include "support/ics_reader.h"

namespace slotbase::testing {
namespace {

using json = nlohmann::json;

/// The booking fixture's facility in New York with an address and a desk e-mail, and its
/// player's calendar feed. Feeds follow the booking events: a test runs the worker before it
/// reads one.
class CalendarHttpTest : public BookingHttpTest {
 protected:
  void SetUp() override {
    BookingHttpTest::SetUp();
    if (IsSkipped()) return;
    auto r = client_->send(
        "PATCH", "/api/v1/facilities/" + facility_,
        {{"address",
          {{"street", "1 River Road"}, {"city", "New York"}, {"state", "NY"}, {"zip", "10001"}, {"country", "US"}}},
         {"settings", {{"contact_email", "desk@riverside.example"}}}},
        owner_.access);
    ASSERT_EQ(r.status, 200) << r.body;
  }

  /// The worker until every event is delivered.
  void work() {
    for (int pass = 0; pass < 100; ++pass) {
      app_->run_background_once();
      if (app_->dispatcher().lag() == 0) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "the worker did not deliver every event";
  }
  json link(const Account& who) {
    auto r = client_->get("/api/v1/me/calendar-feed", who.access);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  /// The feed at `path` (no token: the address is the key), read by libical.
  ReadCalendar feed(const std::string& path) {
    auto r = client_->get(path);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("Content-Type"), "text/calendar; charset=utf-8");
    auto read = read_ics(r.body);
    EXPECT_TRUE(read.errors.empty()) << ::testing::PrintToString(read.errors) << "\n" << r.body;
    EXPECT_TRUE(read.unknown_tzids.empty()) << r.body;
    return read;
  }
  ReadCalendar feed_of(const Account& who) {
    work();
    return feed(link(who)["url"]);
  }
  std::string book(const Account& who, const std::string& start, const std::string& end) {
    auto h = hold(who, start, end);
    EXPECT_EQ(h.status, 201) << h.body;
    auto b = confirm(who, h.json().value("id", ""));
    EXPECT_EQ(b.status, 201) << b.body;
    return b.json().value("id", "");
  }
  /// Every day open around the clock, for bookings in the night the clocks change.
  void open_all_night() {
    json weekly = json::array();
    for (int d = 1; d <= 7; ++d) weekly.push_back({{"weekday", d}, {"open", "00:00"}, {"close", "24:00"}});
    auto r = client_->send("PUT", "/api/v1/facilities/" + facility_ + "/hours", {{"weekly", weekly}}, owner_.access);
    ASSERT_EQ(r.status, 200) << r.body;
  }
};

TEST_P(CalendarHttpTest, AFeedHasThePlayersBookingsInTheFacilitysZone) {
  const auto first = book(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  const auto second = book(player_, "2026-11-26T17:00:00Z", "2026-11-26T18:30:00Z");
  auto l = link(player_);
  const std::string url = l["url"];
  EXPECT_TRUE(url.starts_with("/api/v1/calendar/") && url.ends_with(".ics")) << url;
  EXPECT_EQ(l["webcal_url"], "webcal://127.0.0.1" + url);
  EXPECT_EQ(link(player_)["url"], url) << "the same address on every visit";

  auto cal = feed_of(player_);
  EXPECT_EQ(cal.version, "2.0");
  EXPECT_EQ(cal.method, "PUBLISH");
  EXPECT_EQ(cal.calscale, "GREGORIAN");
  EXPECT_FALSE(cal.prodid.empty());
  EXPECT_TRUE(cal.itip_errors.empty()) << ::testing::PrintToString(cal.itip_errors);
  EXPECT_EQ(cal.timezones, (std::vector<std::string>{"America/New_York"}));
  ASSERT_EQ(cal.events.size(), 2u);
  const auto* a = cal.event(first + "@slotbase");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->summary, "Court 1 at Courts");
  EXPECT_EQ(a->location, "Courts, 1 River Road, New York, NY 10001, US");
  EXPECT_EQ(a->status, "CONFIRMED");
  EXPECT_EQ(a->sequence, 0);
  EXPECT_TRUE(a->has_dtstamp);
  EXPECT_TRUE(a->last_modified.has_value());
  EXPECT_EQ(a->start_tzid, "America/New_York");
  EXPECT_EQ(a->start, *parse_rfc3339("2026-11-25T15:00:00Z"));
  EXPECT_EQ(a->end, *parse_rfc3339("2026-11-25T16:00:00Z"));
  const auto* b = cal.event(second + "@slotbase");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->start, *parse_rfc3339("2026-11-26T17:00:00Z"));
  EXPECT_EQ(b->end, *parse_rfc3339("2026-11-26T18:30:00Z"));
}

TEST_P(CalendarHttpTest, ARescheduleKeepsTheUidAndRaisesTheSequence) {
  const auto id = book(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  auto before = feed_of(player_);
  ASSERT_EQ(before.events.size(), 1u);
  EXPECT_EQ(before.events[0].sequence, 0);

  clock_.advance(std::chrono::minutes{5});
  auto moved = client_->post("/api/v1/bookings/" + id + "/reschedule",
                             {{"start", "2026-11-25T18:00:00Z"}, {"end", "2026-11-25T19:00:00Z"}}, player_.access);
  ASSERT_EQ(moved.status, 200) << moved.body;
  auto after = feed_of(player_);
  ASSERT_EQ(after.events.size(), 1u) << "moved, not added";
  const auto& e = after.events[0];
  EXPECT_EQ(e.uid, id + "@slotbase");
  EXPECT_EQ(e.sequence, 1);
  EXPECT_EQ(e.start, *parse_rfc3339("2026-11-25T18:00:00Z"));
  EXPECT_EQ(e.end, *parse_rfc3339("2026-11-25T19:00:00Z"));
  EXPECT_GT(*e.last_modified, *before.events[0].last_modified);
}

TEST_P(CalendarHttpTest, ACancelledBookingStaysInTheFeedAsCancelled) {
  const auto kept = book(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  const auto dropped = book(player_, "2026-11-26T15:00:00Z", "2026-11-26T16:00:00Z");
  ASSERT_EQ(feed_of(player_).events.size(), 2u);
  auto r = client_->post("/api/v1/bookings/" + dropped + "/cancel", {{"reason", "cannot make it"}}, player_.access);
  ASSERT_EQ(r.status, 200) << r.body;
  auto cal = feed_of(player_);
  ASSERT_EQ(cal.events.size(), 2u);
  EXPECT_EQ(cal.event(kept + "@slotbase")->status, "CONFIRMED");
  const auto* gone = cal.event(dropped + "@slotbase");
  ASSERT_NE(gone, nullptr);
  EXPECT_EQ(gone->status, "CANCELLED");
  EXPECT_EQ(gone->sequence, 1);
}

TEST_P(CalendarHttpTest, AnApprovalConfirmsATentativeBooking) {
  patch_policies({{"require_booking_approval", true}});
  const auto id = book(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  auto pending = feed_of(player_);
  ASSERT_EQ(pending.events.size(), 1u);
  EXPECT_EQ(pending.events[0].status, "TENTATIVE");
  auto r = client_->post("/api/v1/bookings/" + id + "/approve", json::object(), owner_.access);
  ASSERT_EQ(r.status, 200) << r.body;
  auto approved = feed_of(player_);
  ASSERT_EQ(approved.events.size(), 1u);
  EXPECT_EQ(approved.events[0].status, "CONFIRMED");
  EXPECT_EQ(approved.events[0].sequence, 1);
}

TEST_P(CalendarHttpTest, ANewLinkMakesTheOldOneNotFoundAtOnce) {
  book(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  const std::string old_url = link(player_)["url"];
  ASSERT_EQ(feed(old_url).events.size(), 1u);
  auto r = client_->post("/api/v1/me/calendar-feed/rotate", json::object(), player_.access);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string new_url = r.json()["url"];
  EXPECT_NE(new_url, old_url);
  EXPECT_EQ(client_->get(old_url).status, 404);
  EXPECT_EQ(link(player_)["url"], new_url);
  EXPECT_EQ(feed(new_url).events.size(), 1u);
  EXPECT_EQ(client_->post("/api/v1/me/calendar-feed/rotate", json::object()).status, 401);
}

TEST_P(CalendarHttpTest, ATokenShowsOnlyItsOwnersBookings) {
  auto other = sign_up("other@example.com");
  const auto mine = book(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  const auto theirs = book(other, "2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z");
  auto my_feed = feed_of(player_);
  auto their_feed = feed_of(other);
  ASSERT_EQ(my_feed.events.size(), 1u);
  EXPECT_EQ(my_feed.events[0].uid, mine + "@slotbase");
  ASSERT_EQ(their_feed.events.size(), 1u);
  EXPECT_EQ(their_feed.events[0].uid, theirs + "@slotbase");
  EXPECT_NE(link(player_)["url"], link(other)["url"]);
}

TEST_P(CalendarHttpTest, UnknownTokensAndAddressesAreNotFound) {
  EXPECT_EQ(client_->get("/api/v1/calendar/" + std::string(43, 'a') + ".ics").status, 404);
  EXPECT_EQ(client_->get("/api/v1/calendar/short.ics").status, 404);
  const std::string url = link(player_)["url"];
  EXPECT_EQ(client_->get(url.substr(0, url.size() - 4)).status, 404) << "the .ics is part of the address";
  EXPECT_EQ(client_->get("/api/v1/me/calendar-feed").status, 401);
}

TEST_P(CalendarHttpTest, BookingsAcrossTheClockChangesHaveTheirRealInstants) {
  open_all_night();
  // 8 March 2026: 01:00 EST to 03:00 EDT is one hour.
  travel_to("2026-03-01T12:00:00Z");
  const auto spring = book(player_, "2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z");
  auto march = feed_of(player_);
  ASSERT_EQ(march.events.size(), 1u);
  const auto& s = march.events[0];
  EXPECT_EQ(s.uid, spring + "@slotbase");
  EXPECT_EQ(s.start_tzid, "America/New_York");
  EXPECT_EQ(s.end_tzid, "America/New_York");
  EXPECT_EQ(s.start, *parse_rfc3339("2026-03-08T06:00:00Z"));
  EXPECT_EQ(s.end, *parse_rfc3339("2026-03-08T07:00:00Z"));

  // 1 November 2026: 00:30 EDT to 01:30 EST is two hours, ending in the second 01:30 of the night.
  travel_to("2026-10-25T12:00:00Z");
  const auto fall = book(player_, "2026-11-01T04:30:00Z", "2026-11-01T06:30:00Z");
  auto november = feed_of(player_);
  ASSERT_EQ(november.events.size(), 1u) << "March's booking ended more than 30 days ago";
  const auto& f = november.events[0];
  EXPECT_EQ(f.uid, fall + "@slotbase");
  EXPECT_EQ(f.start_tzid, "America/New_York");
  EXPECT_EQ(f.start, *parse_rfc3339("2026-11-01T04:30:00Z"));
  EXPECT_TRUE(f.end_utc) << "a local time that happens twice is written in UTC";
  EXPECT_EQ(f.end, *parse_rfc3339("2026-11-01T06:30:00Z"));
}

TEST_P(CalendarHttpTest, AFeedMadeLaterHasTheBookingsMadeBefore) {
  const auto id = book(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  work();
  // As if the calendar module had not been listening when the booking was made.
  app_->database().transact([](db::Connection& c) { c.execute("DELETE FROM calendar_entries"); });
  auto cal = feed_of(player_);
  ASSERT_EQ(cal.events.size(), 1u);
  EXPECT_EQ(cal.events[0].uid, id + "@slotbase");
  EXPECT_EQ(cal.events[0].start, *parse_rfc3339("2026-11-25T15:00:00Z"));
}

TEST_P(CalendarHttpTest, OldBookingsLeaveTheFeedAfterThirtyDays) {
  book(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  ASSERT_EQ(feed_of(player_).events.size(), 1u);
  travel_to("2026-12-24T12:00:00Z");
  EXPECT_EQ(feed_of(player_).events.size(), 1u);
  travel_to("2026-12-26T12:00:00Z");
  EXPECT_EQ(feed_of(player_).events.size(), 0u);
}

TEST_P(CalendarHttpTest, APublicFacilityHasAnEmptyCalendarInItsZone) {
  auto r = client_->get("/api/v1/facilities/" + facility_ + "/calendar.ics");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "text/calendar; charset=utf-8");
  auto cal = read_ics(r.body);
  EXPECT_TRUE(cal.errors.empty()) << r.body;
  EXPECT_EQ(cal.method, "PUBLISH");
  EXPECT_TRUE(cal.events.empty());
  EXPECT_EQ(cal.timezones, (std::vector<std::string>{"America/New_York"}));
  auto hide =
      client_->send("PATCH", "/api/v1/facilities/" + facility_, {{"settings", {{"public", false}}}}, owner_.access);
  ASSERT_EQ(hide.status, 200) << hide.body;
  EXPECT_EQ(client_->get("/api/v1/facilities/" + facility_ + "/calendar.ics").status, 404);
  EXPECT_EQ(client_->get("/api/v1/facilities/fac_nothing/calendar.ics").status, 404);
}

SB_INSTANTIATE_BACKENDS(CalendarHttpTest);

}  // namespace
}  // namespace slotbase::testing
