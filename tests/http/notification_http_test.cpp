#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "http/booking_fixture.h"
#include "identity/identity_service.h"
#include "platform/events/outbox.h"

extern char** environ;

namespace slotbase::testing {
namespace {

using json = nlohmann::json;

/// The booking fixture (a New York facility with Court 1 at 20.00 USD, its owner, a player; the
/// clock at 07:00 in New York on Tue 24 Nov 2026), with a platform administrator to read the
/// local outbox, and the worker run until nothing is left to do now.
class NotificationHttpTest : public BookingHttpTest {
 protected:
  void SetUp() override {
    BookingHttpTest::SetUp();
    if (IsSkipped()) return;
    admin_ = sign_up_platform_admin("admin@example.com");
  }

  /// Events, due jobs and sweeps until nothing is due now. The app's own worker thread may hold
  /// a job meanwhile: wait for it.
  void work() {
    for (int pass = 0; pass < 250; ++pass) {
      app_->run_background_once();
      bool busy = app_->dispatcher().lag() > 0 || !app_->jobs().list("running", 10).empty();
      for (const auto& job : app_->jobs().list("pending", 1000)) busy = busy || job.run_at <= clock_.now();
      if (!busy) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "the worker did not finish its work";
  }
  /// Moves the clock, signs everyone in again, and lets the worker do what came due.
  void at(const std::string& when) {
    travel_to(when);
    admin_.access = login(admin_.email);
    work();
  }
  std::string login(const std::string& email) {
    auto r = app_->service<identity::IdentityService>().login(email, "a long enough passphrase", {});
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->access_token : "";
  }
  /// A confirmed booking of the player's (paid at the desk); its id.
  std::string book(const std::string& start, const std::string& end, const std::string& court = "",
                   Account* who = nullptr) {
    auto h = hold(who ? *who : player_, start, end, court);
    EXPECT_EQ(h.status, 201) << h.body;
    auto b = confirm(who ? *who : player_, h.json().value("id", ""));
    EXPECT_EQ(b.status, 201) << b.body;
    return b.json().value("id", "");
  }
  json inbox(const Account& who, const std::string& query = "") {
    auto r = client_->get("/api/v1/me/notifications?limit=200" + query, who.access);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  /// The in-app notifications of a type, for one booking if given.
  std::vector<json> of_type(const Account& who, const std::string& type, const std::string& booking_id = "") {
    std::vector<json> out;
    const json all = inbox(who);
    for (const auto& n : all["items"])
      if (n["type"] == type && (booking_id.empty() || n["data"].value("booking_id", "") == booking_id))
        out.push_back(n);
    return out;
  }
  /// The local outbox but the account e-mails (every sign-up's verification link: the only
  /// messages without List-Unsubscribe), which account_email_http_test.cpp looks at.
  json outbox(const std::string& to = "") {
    auto r = client_->get("/api/v1/admin/outbox?limit=200" + (to.empty() ? "" : "&to=" + to), admin_.access);
    EXPECT_EQ(r.status, 200) << r.body;
    const json page = r.json();
    json out = json::array();
    for (const auto& m : page["items"])
      if (m["headers"].contains("List-Unsubscribe")) out.push_back(m);
    return out;
  }
  /// The e-mails in the outbox whose subject begins with `prefix`.
  std::vector<json> mails(const std::string& prefix) {
    std::vector<json> out;
    for (const auto& m : outbox())
      if (m["subject"].get<std::string>().rfind(prefix, 0) == 0) out.push_back(m);
    return out;
  }
  std::string base_of_log() const { return "/api/v1/facilities/" + facility_ + "/notifications"; }
  json log(const std::string& query = "") {
    auto r = client_->get("/api/v1/facilities/" + facility_ + "/notifications" + query, owner_.access);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["items"];
  }
  /// The reminder jobs waiting for a booking: rule -> when due.
  std::map<std::string, std::string> reminder_jobs(const std::string& booking_id) {
    work();  // the confirmation's event schedules them
    std::map<std::string, std::string> out;
    for (const auto& job : app_->jobs().list("pending", 1000))
      if (job.kind == "notification.reminder" && job.payload["booking_id"] == booking_id)
        out[job.payload["rule"]] = format_rfc3339(job.run_at);
    return out;
  }
  json preferences(const Account& who) {
    return client_->get("/api/v1/me/notification-preferences", who.access).json();
  }

  Account admin_;
};

TEST_P(NotificationHttpTest, ABookingTellsThePlayerInTheAppAndByEmail) {
  const auto booking = book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  work();
  auto in = inbox(player_);
  ASSERT_EQ(in["items"].size(), 1u) << in.dump();
  const auto& n = in["items"][0];
  EXPECT_EQ(n["type"], "booking.confirmed");
  EXPECT_EQ(n["title"], "Booking confirmed");
  EXPECT_NE(n["body"].get<std::string>().find("Court 1"), std::string::npos) << n.dump();
  // The facility's wall clock and zone, not UTC or the reader's.
  EXPECT_NE(n["body"].get<std::string>().find("Wed 25 Nov, 10:00 (America/New_York)"), std::string::npos);
  EXPECT_NE(n["body"].get<std::string>().find("20.00 USD"), std::string::npos);
  EXPECT_EQ(n["data"]["booking_id"], booking);
  EXPECT_EQ(n["read"], false);
  EXPECT_EQ(in["unread_count"], 1);

  auto sent = outbox("player@example.com");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["subject"], "Booking confirmed: Court 1, Wed 25 Nov, 10:00 (America/New_York)");
  EXPECT_EQ(sent[0]["from"], "SlotBase <no-reply@slotbase.localhost>");
  EXPECT_NE(sent[0]["text"].get<std::string>().find("When: Wed 25 Nov, 10:00 (America/New_York) to 11:00"),
            std::string::npos)
      << sent[0]["text"];
  EXPECT_NE(sent[0]["html"].get<std::string>().find("<strong>Court 1</strong>"), std::string::npos);
  EXPECT_EQ(sent[0]["headers"]["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click");
  EXPECT_NE(sent[0]["message"].get<std::string>().find("Content-Type: multipart/alternative"), std::string::npos);

  // The staff's log has both, with how each went.
  std::map<std::string, std::string> status;
  for (const auto& row : log()) status[row["channel"]] = row["status"];
  EXPECT_EQ(status["email"], "sent");
  EXPECT_EQ(status["in_app"], "delivered");
  // Nobody else was told anything.
  EXPECT_TRUE(inbox(owner_)["items"].empty());
}

TEST_P(NotificationHttpTest, OnlyThePlayerReadsTheirNotifications) {
  book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  book("2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z");
  work();
  auto items = inbox(player_)["items"];
  ASSERT_EQ(items.size(), 2u);
  const std::string id = items[0]["id"];
  EXPECT_EQ(client_->post("/api/v1/notifications/" + id + "/read", json::object(), owner_.access).status, 404);
  EXPECT_EQ(client_->post("/api/v1/notifications/ntf_nothing/read", json::object(), player_.access).status, 404);
  EXPECT_EQ(client_->post("/api/v1/notifications/" + id + "/read", json::object()).status, 401);
  auto read = client_->post("/api/v1/notifications/" + id + "/read", json::object(), player_.access);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json()["read"], true);
  EXPECT_EQ(client_->post("/api/v1/notifications/" + id + "/read", json::object(), player_.access).status, 200);
  auto unread = inbox(player_, "&unread=true");
  EXPECT_EQ(unread["unread_count"], 1);
  ASSERT_EQ(unread["items"].size(), 1u);
  EXPECT_NE(unread["items"][0]["id"], id);
  EXPECT_EQ(client_->get("/api/v1/me/notifications?unread=maybe", player_.access).json()["errors"][0]["field"],
            "unread");
  auto all = client_->post("/api/v1/me/notifications/read-all", json::object(), player_.access);
  EXPECT_EQ(all.json()["marked"], 1);
  EXPECT_EQ(inbox(player_)["unread_count"], 0);
  // Pages follow one another, newest first.
  auto first = client_->get("/api/v1/me/notifications?limit=1", player_.access).json();
  ASSERT_FALSE(first["next_cursor"].is_null());
  auto second =
      client_->get("/api/v1/me/notifications?limit=1&cursor=" + first["next_cursor"].get<std::string>(), player_.access)
          .json();
  ASSERT_EQ(second["items"].size(), 1u);
  EXPECT_NE(second["items"][0]["id"], first["items"][0]["id"]);
}

TEST_P(NotificationHttpTest, AReplayOfTheEventLogSendsNothingTwice) {
  book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  work();
  ASSERT_EQ(inbox(player_)["items"].size(), 1u);
  ASSERT_EQ(outbox().size(), 1u);
  const auto last = app_->database().read([](db::Connection& c) { return events::Outbox::last_sequence(c); });
  auto replayed = app_->dispatcher().replay("notification.messages", 1, last);
  ASSERT_TRUE(replayed.ok());
  EXPECT_GT(*replayed, 0);
  work();
  EXPECT_EQ(inbox(player_)["items"].size(), 1u);
  EXPECT_EQ(outbox().size(), 1u);
  EXPECT_EQ(log().size(), 2u);
}

TEST_P(NotificationHttpTest, RemindersComeOnlyWhileStillAhead) {
  // Booked 36 h, 2 h and 10 minutes before they start, with the clock frozen at each booking.
  const auto far = book("2026-11-26T00:00:00Z", "2026-11-26T01:00:00Z");  // 19:00 on the 25th in New York
  EXPECT_EQ(reminder_jobs(far), (std::map<std::string, std::string>{{"24h", "2026-11-25T00:00:00Z"},
                                                                    {"1h", "2026-11-25T23:00:00Z"},
                                                                    {"check_in", "2026-11-25T23:30:00Z"}}));
  at("2026-11-24T14:00:00Z");
  const auto soon = book("2026-11-24T16:00:00Z", "2026-11-24T17:00:00Z");
  EXPECT_EQ(reminder_jobs(soon),
            (std::map<std::string, std::string>{{"1h", "2026-11-24T15:00:00Z"}, {"check_in", "2026-11-24T15:30:00Z"}}));
  at("2026-11-24T15:00:00Z");
  EXPECT_EQ(of_type(player_, "booking.reminder_1h", soon).size(), 1u);
  at("2026-11-24T16:50:00Z");
  const auto now = book("2026-11-24T17:00:00Z", "2026-11-24T18:00:00Z");
  EXPECT_TRUE(reminder_jobs(now).empty());
  for (const char* when :
       {"2026-11-24T17:00:00Z", "2026-11-25T00:00:00Z", "2026-11-25T23:00:00Z", "2026-11-26T00:30:00Z"})
    at(when);
  EXPECT_EQ(of_type(player_, "booking.reminder_24h", far).size(), 1u);
  EXPECT_EQ(of_type(player_, "booking.reminder_1h", far).size(), 1u);
  EXPECT_EQ(of_type(player_, "booking.reminder_24h", soon).size(), 0u);
  EXPECT_EQ(of_type(player_, "booking.reminder_1h", soon).size(), 1u);
  EXPECT_EQ(of_type(player_, "booking.reminder_24h", now).size(), 0u);
  EXPECT_EQ(of_type(player_, "booking.reminder_1h", now).size(), 0u);
  EXPECT_EQ(mails("Tomorrow: ").size(), 1u);
  EXPECT_EQ(mails("In one hour: ").size(), 2u);
  const auto reminder = of_type(player_, "booking.reminder_24h", far)[0];
  EXPECT_EQ(reminder["title"], "Your booking is tomorrow");
  EXPECT_NE(reminder["body"].get<std::string>().find("Wed 25 Nov, 19:00 (America/New_York)"), std::string::npos);
}

TEST_P(NotificationHttpTest, NoReminderGoesOutForACancelledBookingOrForTheOldTimeOfAMovedOne) {
  const std::string court2 = add_court("Court 2");
  ASSERT_EQ(client_
                ->send("PUT", "/api/v1/resources/" + court2 + "/pricing",
                       json::parse(R"({"base":{"amount":2000,"currency":"USD"},"per_minutes":60})"), owner_.access)
                .status,
            200);
  const auto by_player = book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  const auto by_staff = book("2026-11-25T16:00:00Z", "2026-11-25T17:00:00Z");
  const auto by_block = book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z", court2);
  const auto moved = book("2026-11-25T18:00:00Z", "2026-11-25T19:00:00Z");
  patch_policies({{"require_booking_approval", true}});
  const auto rejected = book("2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z");
  patch_policies({{"require_booking_approval", false}});
  for (const auto& id : {by_player, by_staff, by_block, moved, rejected}) EXPECT_EQ(reminder_jobs(id).size(), 3u) << id;
  work();

  ASSERT_EQ(client_->post("/api/v1/bookings/" + by_player + "/cancel", {{"reason", "sick"}}, player_.access).status,
            200);
  ASSERT_EQ(
      client_->post("/api/v1/bookings/" + by_staff + "/cancel", {{"reason", "Court closed"}}, owner_.access).status,
      200);
  auto block = client_->post(
      "/api/v1/resources/" + court2 + "/blocks",
      {{"start", "2026-11-25T15:00:00Z"}, {"end", "2026-11-25T16:00:00Z"}, {"reason", "Resurfacing"}, {"force", true}},
      owner_.access);
  ASSERT_EQ(block.status, 201) << block.body;
  ASSERT_EQ(
      client_->post("/api/v1/bookings/" + rejected + "/reject", {{"reason", "Members only"}}, owner_.access).status,
      200);
  auto move = client_->post("/api/v1/bookings/" + moved + "/reschedule",
                            {{"start", "2026-11-25T20:00:00Z"}, {"end", "2026-11-25T21:00:00Z"}}, player_.access);
  ASSERT_EQ(move.status, 200) << move.body;
  work();

  // Each cancellation told as what it was, once.
  EXPECT_EQ(of_type(player_, "booking.cancelled_by_player", by_player).size(), 1u);
  EXPECT_EQ(of_type(player_, "booking.cancelled_by_facility", by_staff).size(), 1u);
  auto closed = of_type(player_, "booking.cancelled_by_block", by_block);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_NE(closed[0]["body"].get<std::string>().find("Resurfacing"), std::string::npos);
  EXPECT_EQ(of_type(player_, "booking.rejected", rejected).size(), 1u);
  EXPECT_EQ(of_type(player_, "booking.cancelled_by_facility", rejected).size(), 0u);
  auto move_told = of_type(player_, "booking.rescheduled", moved);
  ASSERT_EQ(move_told.size(), 1u);
  EXPECT_NE(move_told[0]["body"].get<std::string>().find("Wed 25 Nov, 13:00 (America/New_York)"), std::string::npos);
  EXPECT_NE(move_told[0]["body"].get<std::string>().find("Wed 25 Nov, 15:00 (America/New_York)"), std::string::npos);
  // The moved booking's reminders for its new time are waiting beside the old ones.
  int waiting = 0;
  for (const auto& job : app_->jobs().list("pending", 1000))
    waiting += job.kind == "notification.reminder" && job.payload["booking_id"] == moved;
  EXPECT_EQ(waiting, 6);

  // Every reminder's time comes, old and new.
  for (const char* when :
       {"2026-11-24T15:00:00Z", "2026-11-24T16:00:00Z", "2026-11-24T17:00:00Z", "2026-11-24T18:00:00Z",
        "2026-11-24T20:00:00Z", "2026-11-25T14:00:00Z", "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z",
        "2026-11-25T17:00:00Z", "2026-11-25T19:00:00Z"})
    at(when);
  for (const auto& id : {by_player, by_staff, by_block, rejected}) {
    EXPECT_TRUE(of_type(player_, "booking.reminder_24h", id).empty()) << id;
    EXPECT_TRUE(of_type(player_, "booking.reminder_1h", id).empty()) << id;
  }
  auto day_before = of_type(player_, "booking.reminder_24h", moved);
  ASSERT_EQ(day_before.size(), 1u);
  EXPECT_NE(day_before[0]["body"].get<std::string>().find("Wed 25 Nov, 15:00 (America/New_York)"), std::string::npos);
  EXPECT_EQ(of_type(player_, "booking.reminder_1h", moved).size(), 1u);
  EXPECT_EQ(mails("Tomorrow: ").size(), 1u);
  EXPECT_EQ(mails("In one hour: ").size(), 1u);
}

TEST_P(NotificationHttpTest, CheckInOpenComesWhenCheckInOpensOnlyForBookingsThatStillStand) {
  // The clock at 12:00 UTC, 07:00 in New York; check-in opens 30 minutes before (the default).
  const auto two_hours = book("2026-11-24T14:00:00Z", "2026-11-24T15:00:00Z");
  const auto cancelled = book("2026-11-24T16:00:00Z", "2026-11-24T17:00:00Z");
  const auto moved = book("2026-11-24T18:00:00Z", "2026-11-24T19:00:00Z");
  EXPECT_EQ(reminder_jobs(two_hours),
            (std::map<std::string, std::string>{{"1h", "2026-11-24T13:00:00Z"}, {"check_in", "2026-11-24T13:30:00Z"}}));
  ASSERT_EQ(client_->post("/api/v1/bookings/" + cancelled + "/cancel", {{"reason", "sick"}}, player_.access).status,
            200);
  auto move = client_->post("/api/v1/bookings/" + moved + "/reschedule",
                            {{"start", "2026-11-24T20:00:00Z"}, {"end", "2026-11-24T21:00:00Z"}}, player_.access);
  ASSERT_EQ(move.status, 200) << move.body;
  work();
  // The new time's beside the old time's, which will find the booking moved.
  std::set<std::string> check_ins;
  for (const auto& job : app_->jobs().list("pending", 1000))
    if (job.kind == "notification.reminder" && job.payload["booking_id"] == moved && job.payload["rule"] == "check_in")
      check_ins.insert(format_rfc3339(job.run_at));
  EXPECT_EQ(check_ins, (std::set<std::string>{"2026-11-24T17:30:00Z", "2026-11-24T19:30:00Z"}));

  // A second job for the same message, as a second scheduler or a restored queue would make.
  app_->database().transact([&](db::Connection& tx) {
    app_->jobs().enqueue(
        tx, "notification.reminder",
        {{"booking_id", two_hours}, {"rule", "check_in"}, {"start", "2026-11-24T14:00:00Z"}, {"before_minutes", 30}},
        *parse_rfc3339("2026-11-24T13:30:00Z"), "a second copy");
  });
  at("2026-11-24T13:29:00Z");
  EXPECT_TRUE(of_type(player_, "booking.check_in_open", two_hours).empty());
  at("2026-11-24T13:30:00Z");
  auto open = of_type(player_, "booking.check_in_open", two_hours);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0]["title"], "Check-in is open");
  EXPECT_NE(open[0]["body"].get<std::string>().find("Court 1"), std::string::npos) << open[0].dump();
  EXPECT_NE(open[0]["body"].get<std::string>().find("Tue 24 Nov, 09:00 (America/New_York)"), std::string::npos)
      << open[0].dump();

  // Booked ten minutes before the start: check-in is open already, nothing to tell.
  at("2026-11-24T14:50:00Z");
  const auto near = book("2026-11-24T15:00:00Z", "2026-11-24T16:00:00Z");
  EXPECT_TRUE(reminder_jobs(near).empty());

  // The cancelled booking's time, the moved one's old and new times, and long after.
  for (const char* when :
       {"2026-11-24T15:30:00Z", "2026-11-24T17:30:00Z", "2026-11-24T19:30:00Z", "2026-11-24T22:00:00Z"})
    at(when);
  EXPECT_EQ(of_type(player_, "booking.check_in_open", two_hours).size(), 1u);
  EXPECT_TRUE(of_type(player_, "booking.check_in_open", cancelled).empty());
  EXPECT_TRUE(of_type(player_, "booking.check_in_open", near).empty());
  auto moved_open = of_type(player_, "booking.check_in_open", moved);
  ASSERT_EQ(moved_open.size(), 1u);
  EXPECT_NE(moved_open[0]["body"].get<std::string>().find("Tue 24 Nov, 15:00 (America/New_York)"), std::string::npos)
      << moved_open[0].dump();
  EXPECT_EQ(of_type(player_, "booking.check_in_open").size(), 2u);
  // No e-mail by default: the staff's log has it as turned off.
  EXPECT_TRUE(mails("Check-in is open").empty());
  int emails = 0;
  for (const auto& row : log("?type=booking.check_in_open&channel=email")) {
    ++emails;
    EXPECT_EQ(row["status"], "suppressed");
  }
  EXPECT_EQ(emails, 2);
}

TEST_P(NotificationHttpTest, TwoWorkersRunningOneReminderSendItOnce) {
  const auto booking = book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  ASSERT_EQ(reminder_jobs(booking).size(), 3u);
  // A second job for the same reminder, as a second scheduler or a restored queue would make.
  app_->database().transact([&](db::Connection& tx) {
    app_->jobs().enqueue(tx, "notification.reminder",
                         {{"booking_id", booking}, {"rule", "24h"}, {"start", "2026-11-25T15:00:00Z"}},
                         *parse_rfc3339("2026-11-24T15:00:00Z"), "a second copy");
  });
  travel_to("2026-11-24T15:00:00Z");
  admin_.access = login(admin_.email);
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i) workers.emplace_back([&] { app_->run_background_once(); });
  for (auto& w : workers) w.join();
  work();
  EXPECT_EQ(of_type(player_, "booking.reminder_24h", booking).size(), 1u);
  EXPECT_EQ(mails("Tomorrow: ").size(), 1u);
}

TEST_P(NotificationHttpTest, TheDayBeforeIsTwentyFourRealHoursAcrossADstChangeInNewYork) {
  at("2026-10-30T12:00:00Z");
  // Sunday 1 November, 10:00 EST: the clocks went back at 02:00 that morning.
  const auto booking = book("2026-11-01T15:00:00Z", "2026-11-01T16:00:00Z");
  EXPECT_EQ(reminder_jobs(booking)["24h"], "2026-10-31T15:00:00Z");  // 11:00 EDT on Saturday
  at("2026-10-31T14:59:00Z");
  EXPECT_TRUE(of_type(player_, "booking.reminder_24h", booking).empty());
  at("2026-10-31T15:00:00Z");
  auto sent = of_type(player_, "booking.reminder_24h", booking);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_NE(sent[0]["body"].get<std::string>().find("Sun 1 Nov, 10:00 (America/New_York)"), std::string::npos)
      << sent[0].dump();
}

TEST_P(NotificationHttpTest, TheDayBeforeIsTwentyFourRealHoursAcrossADstChangeInBerlin) {
  auto r = client_->post(
      "/api/v1/organizations/" +
          client_->get("/api/v1/facilities/" + facility_, owner_.access).json()["organization_id"].get<std::string>() +
          "/facilities",
      {{"name", "Spree Courts"}, {"timezone", "Europe/Berlin"}, {"currency", "EUR"}}, owner_.access);
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string berlin = r.json()["id"];
  json weekly = json::array();
  for (int d = 1; d <= 7; ++d) weekly.push_back({{"weekday", d}, {"open", "07:00"}, {"close", "22:00"}});
  ASSERT_EQ(client_->send("PUT", "/api/v1/facilities/" + berlin + "/hours", {{"weekly", weekly}}, owner_.access).status,
            200);
  ASSERT_EQ(client_
                ->send("PATCH", "/api/v1/facilities/" + berlin, {{"policies", {{"payment_timing", "before_session"}}}},
                       owner_.access)
                .status,
            200);
  auto court = client_->post("/api/v1/facilities/" + berlin + "/resources",
                             {{"name", "Platz 3"}, {"type", "tennis_court"}}, owner_.access);
  ASSERT_EQ(court.status, 201) << court.body;
  ASSERT_EQ(client_
                ->send("PUT", "/api/v1/resources/" + court.json()["id"].get<std::string>() + "/pricing",
                       json::parse(R"({"base":{"amount":1800,"currency":"EUR"},"per_minutes":60})"), owner_.access)
                .status,
            200);
  at("2026-03-27T12:00:00Z");
  // Sunday 29 March, 10:00 CEST: the clocks went forward at 02:00 that morning.
  const auto booking = book("2026-03-29T08:00:00Z", "2026-03-29T09:00:00Z", court.json()["id"]);
  EXPECT_EQ(reminder_jobs(booking)["24h"], "2026-03-28T08:00:00Z");  // 09:00 CET on Saturday
  at("2026-03-28T07:59:00Z");
  EXPECT_TRUE(of_type(player_, "booking.reminder_24h", booking).empty());
  at("2026-03-28T08:00:00Z");
  auto sent = of_type(player_, "booking.reminder_24h", booking);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_NE(sent[0]["body"].get<std::string>().find("Sun 29 Mar, 10:00 (Europe/Berlin)"), std::string::npos)
      << sent[0].dump();
  EXPECT_NE(sent[0]["body"].get<std::string>().find("Platz 3"), std::string::npos);
}

TEST_P(NotificationHttpTest, QuietHoursHoldEmailsUntilMorningButNotCriticalOnes) {
  at("2026-11-25T04:30:00Z");  // 23:30 in New York
  const auto kept = book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  const auto cancelled = book("2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z");
  ASSERT_EQ(
      client_->post("/api/v1/bookings/" + cancelled + "/cancel", {{"reason", "Tournament"}}, owner_.access).status,
      200);
  work();
  at("2026-11-25T04:31:00Z");  // the desk's cancellations are gathered for a minute, in case more follow
  // In the app at once; the confirmations' e-mails wait; the facility's cancellation does not.
  EXPECT_EQ(of_type(player_, "booking.confirmed").size(), 2u);
  EXPECT_TRUE(mails("Booking confirmed").empty());
  ASSERT_EQ(mails("Courts cancelled your booking").size(), 1u) << outbox().dump();
  std::set<std::string> waiting;
  for (const auto& row : log("?status=queued")) {
    waiting.insert(row["data"]["booking_id"]);
    EXPECT_EQ(row["send_after"], "2026-11-25T12:00:00Z");  // 07:00 in New York
  }
  EXPECT_EQ(waiting, (std::set<std::string>{kept, cancelled}));
  at("2026-11-25T11:59:00Z");
  EXPECT_TRUE(mails("Booking confirmed").empty());
  at("2026-11-25T12:00:00Z");
  EXPECT_EQ(mails("Booking confirmed").size(), 2u);
}

TEST_P(NotificationHttpTest, PreferencesTurnAChannelOffAndBadInputNamesTheField) {
  auto p = preferences(player_);
  EXPECT_EQ(p["channels"], json::parse(R"({"email":true,"sms":true,"push":true,"in_app":true})"));
  EXPECT_EQ(p["types"]["booking.confirmed"], json::parse(R"({"email":true,"sms":false,"push":true,"in_app":true})"));
  EXPECT_EQ(p["types"].size(), 20u);
  // Check-in open taps the phone and shows in the app; its e-mail is off until the player wants it.
  EXPECT_EQ(p["types"]["booking.check_in_open"],
            json::parse(R"({"email":false,"sms":false,"push":true,"in_app":true})"));
  EXPECT_EQ(p["quiet_hours"], json::parse(R"({"enabled":true,"start":"22:00","end":"07:00","timezone":null})"));

  auto put = client_->send("PUT", "/api/v1/me/notification-preferences",
                           {{"types", {{"booking.confirmed", {{"email", false}}}}},
                            {"quiet_hours", {{"start", "23:00"}, {"timezone", "Europe/Berlin"}}}},
                           player_.access);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json()["types"]["booking.confirmed"]["email"], false);
  EXPECT_EQ(put.json()["types"]["booking.confirmed"]["in_app"], true);
  EXPECT_EQ(put.json()["quiet_hours"]["start"], "23:00");
  EXPECT_EQ(put.json()["quiet_hours"]["end"], "07:00");
  EXPECT_EQ(preferences(player_), put.json());
  EXPECT_EQ(preferences(owner_)["types"]["booking.confirmed"]["email"], true);  // the owner's own are untouched

  const auto booking = book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  work();
  EXPECT_EQ(of_type(player_, "booking.confirmed", booking).size(), 1u);
  EXPECT_TRUE(outbox().empty());
  auto suppressed = log("?status=suppressed");
  ASSERT_EQ(suppressed.size(), 1u);
  EXPECT_EQ(suppressed[0]["channel"], "email");

  auto bad = [&](const json& body, const std::string& field) {
    auto r = client_->send("PUT", "/api/v1/me/notification-preferences", body, player_.access);
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
    EXPECT_EQ(r.json()["errors"][0]["field"], field) << r.body;
  };
  bad({{"types", {{"booking.nope", {{"email", false}}}}}}, "types.booking.nope");
  bad({{"channels", {{"fax", true}}}}, "channels.fax");
  bad({{"channels", {{"email", "yes"}}}}, "channels.email");
  bad({{"quiet_hours", {{"start", "25:00"}}}}, "quiet_hours.start");
  bad({{"quiet_hours", {{"timezone", "Mars/Olympus"}}}}, "quiet_hours.timezone");
  bad({{"colour", "red"}}, "colour");
  EXPECT_EQ(client_
                ->request("PUT", "/api/v1/me/notification-preferences", "{",
                          {{"Authorization", "Bearer " + player_.access}, {"Content-Type", "application/json"}})
                .status,
            400);
  EXPECT_EQ(client_->get("/api/v1/me/notification-preferences").status, 401);
}

TEST_P(NotificationHttpTest, OneClickUnsubscribeActsOnlyOnPost) {
  book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  work();
  auto sent = outbox();
  ASSERT_EQ(sent.size(), 1u);
  std::string link = sent[0]["headers"]["List-Unsubscribe"];  // <http://127.0.0.1:0/api/v1/unsubscribe?token=...>
  const auto path = link.substr(link.find("/api/v1/unsubscribe"));
  const std::string target = path.substr(0, path.size() - 1);
  EXPECT_NE(sent[0]["text"].get<std::string>().find(target), std::string::npos);

  // A scanner or a link preview following the link changes nothing.
  auto page = client_->get(target);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("Booking confirmations"), std::string::npos);
  EXPECT_NE(page.body.find("method=\"post\""), std::string::npos);
  EXPECT_EQ(preferences(player_)["types"]["booking.confirmed"]["email"], true);

  // RFC 8058's one-click POST.
  const std::map<std::string, std::string> form = {{"Content-Type", "application/x-www-form-urlencoded"}};
  auto done = client_->request("POST", target, "List-Unsubscribe=One-Click", form);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["type"], "booking.confirmed");
  EXPECT_EQ(preferences(player_)["types"]["booking.confirmed"]["email"], false);
  EXPECT_EQ(preferences(player_)["types"]["booking.reminder_24h"]["email"], true);
  EXPECT_EQ(client_->request("POST", target, "List-Unsubscribe=One-Click", form).status, 200);  // again: no change
  auto html = client_->request("POST", target, "", {{"Accept", "text/html"}});
  EXPECT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("You are unsubscribed"), std::string::npos);

  auto forged = client_->request("POST", "/api/v1/unsubscribe?token=" + target.substr(target.find('=') + 1, 10) + ".x",
                                 "List-Unsubscribe=One-Click", form);
  EXPECT_EQ(forged.status, 422);
  EXPECT_EQ(forged.json()["errors"][0]["field"], "token");
  EXPECT_EQ(client_->get("/api/v1/unsubscribe?token=nonsense").status, 404);
  EXPECT_EQ(client_->request("POST", target, "{}", {{"Content-Type", "text/plain"}}).status, 415);

  book("2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z");
  work();
  EXPECT_EQ(outbox().size(), 1u);
  EXPECT_EQ(of_type(player_, "booking.confirmed").size(), 2u);
}

TEST_P(NotificationHttpTest, AWaitlistOfferCarriesItsDeadlineAndItsExpiryIsTold) {
  auto waiting = sign_up("waiting@example.com");
  const auto booking = book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  ASSERT_EQ(client_
                ->post("/api/v1/waitlist",
                       {{"resource_id", court_}, {"start", "2026-11-25T15:00:00Z"}, {"end", "2026-11-25T16:00:00Z"}},
                       waiting.access)
                .status,
            201);
  ASSERT_EQ(client_->post("/api/v1/bookings/" + booking + "/cancel", {{"reason", "sick"}}, player_.access).status, 200);
  work();
  auto offers = of_type(waiting, "waitlist.offer");
  ASSERT_EQ(offers.size(), 1u);
  // Held until 09:00 in New York (waitlist_expiry_hours: 2).
  EXPECT_NE(offers[0]["body"].get<std::string>().find("until Tue 24 Nov, 09:00 (America/New_York)"), std::string::npos)
      << offers[0].dump();
  EXPECT_EQ(offers[0]["data"]["claim_deadline"], "2026-11-24T14:00:00Z");
  auto mail = outbox("waiting@example.com");
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_NE(mail[0]["text"].get<std::string>().find("http://127.0.0.1:0/"), std::string::npos);
  EXPECT_TRUE(of_type(waiting, "waitlist.offer_expired").empty());
  at("2026-11-24T14:00:01Z");
  waiting.access = login(waiting.email);
  EXPECT_EQ(of_type(waiting, "waitlist.offer_expired").size(), 1u);
  EXPECT_EQ(outbox("waiting@example.com").size(), 2u);
}

TEST_P(NotificationHttpTest, StaffReadTheDeliveryLogAndOnlyAdministratorsTheOutbox) {
  book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  work();
  EXPECT_EQ(log().size(), 2u);
  auto mine = log("?status=sent&user_id=" + player_.id);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["recipient"], "player@example.com");
  EXPECT_EQ(mine[0]["attempts"], 1);
  EXPECT_EQ(mine[0]["data"].contains("unsubscribe_url"), false);
  // Each entry names its recipient, the in-app one too (whose "recipient" is a user id).
  for (const auto& entry : log()) {
    EXPECT_EQ(entry["recipient_name"], "Test User") << entry.dump();
    auto one = client_->get(base_of_log() + "/" + entry["id"].get<std::string>(), owner_.access);
    ASSERT_EQ(one.status, 200) << one.body;
    EXPECT_EQ(one.json()["recipient_name"], "Test User");
  }
  EXPECT_TRUE(log("?user_id=usr_nobody").empty());
  auto base = "/api/v1/facilities/" + facility_ + "/notifications";
  EXPECT_EQ(client_->get(base, player_.access).status, 403);
  EXPECT_EQ(client_->get("/api/v1/facilities/fac_nothing/notifications", owner_.access).status, 404);
  auto bad = client_->get(base + "?status=lost", owner_.access);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["errors"][0]["field"], "status");
  EXPECT_EQ(client_->get("/api/v1/admin/outbox", owner_.access).status, 403);
  EXPECT_EQ(client_->get("/api/v1/admin/outbox", player_.access).status, 403);
  EXPECT_EQ(client_->get("/api/v1/admin/outbox").status, 401);
  EXPECT_EQ(outbox("player@example.com").size(), 1u);
  EXPECT_TRUE(outbox("nobody@example.com").empty());
}

TEST_P(NotificationHttpTest, ANoShowAndAnApprovalAreTold) {
  patch_policies({{"require_booking_approval", true}});
  const auto booking = book("2026-11-24T15:00:00Z", "2026-11-24T16:00:00Z");
  work();
  EXPECT_EQ(of_type(player_, "booking.pending_approval", booking).size(), 1u);
  EXPECT_TRUE(of_type(player_, "booking.confirmed", booking).empty());
  ASSERT_EQ(client_->post("/api/v1/bookings/" + booking + "/approve", json::object(), owner_.access).status, 200);
  work();
  EXPECT_EQ(of_type(player_, "booking.approved", booking).size(), 1u);
  at("2026-11-24T15:05:00Z");
  auto marked = client_->post("/api/v1/bookings/" + booking + "/no-show", json::object(), owner_.access);
  ASSERT_EQ(marked.status, 200) << marked.body;
  work();
  auto told = of_type(player_, "booking.no_show", booking);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_NE(told[0]["body"].get<std::string>().find("Tue 24 Nov, 10:00 (America/New_York)"), std::string::npos);
  EXPECT_NE(told[0]["body"].get<std::string>().find("A no-show fee of 20.00 USD applies"), std::string::npos)
      << told[0].dump();
  auto fee = of_type(player_, "payment.fee_charged", booking);
  ASSERT_EQ(fee.size(), 1u);
  EXPECT_NE(fee[0]["body"].get<std::string>().find("charged a no-show fee of 20.00 USD"), std::string::npos)
      << fee[0].dump();
}

SB_INSTANTIATE_BACKENDS(NotificationHttpTest);

/// The facility takes card payments at booking, through the payments sandbox.
class PaymentNotificationTest : public NotificationHttpTest {
 protected:
  void SetUp() override {
    NotificationHttpTest::SetUp();
    if (IsSkipped()) return;
    patch_policies({{"payment_timing", "at_booking"}});
    auto r = client_->post("/api/v1/facilities/" + facility_ + "/payments/connect", json::object(), owner_.access);
    ASSERT_EQ(r.status, 201) << r.body;
    ASSERT_EQ(client_->request("POST", r.json()["onboarding_url"].get<std::string>()).status, 303);
    work();
  }
  HttpResult pay(const std::string& hold_id, const std::string& number) {
    auto intent = client_->post("/api/v1/payment-intents", {{"hold_id", hold_id}}, player_.access);
    EXPECT_EQ(intent.status, 201) << intent.body;
    auto card = client_->post("/sandbox/v1/payment_methods",
                              {{"card", {{"number", number}, {"exp_month", 12}, {"exp_year", 2030}, {"cvc", "123"}}}});
    return client_->post("/api/v1/payment-intents/" + intent.json()["id"].get<std::string>() + "/confirm",
                         {{"payment_method", card.json()["id"]}}, player_.access);
  }
};

TEST_P(PaymentNotificationTest, ThePayerIsToldOfPaymentsFailuresAndRefunds) {
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  EXPECT_EQ(pay(h["id"], "4000000000000002").status, 402);
  auto paid = pay(h["id"], "4242424242424242");
  ASSERT_EQ(paid.status, 200) << paid.body;
  const std::string booking = paid.json()["booking_id"];
  work();
  auto failed = of_type(player_, "payment.failed");
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_NE(failed[0]["body"].get<std::string>().find("try another card"), std::string::npos) << failed[0].dump();
  auto received = of_type(player_, "payment.succeeded", booking);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_NE(received[0]["body"].get<std::string>().find("received 20.00 USD by card for Court 1"), std::string::npos)
      << received[0].dump();
  EXPECT_EQ(of_type(player_, "booking.confirmed", booking).size(), 1u);

  // Cancelled more than 24 h ahead: all of it goes back to the card.
  ASSERT_EQ(client_->post("/api/v1/bookings/" + booking + "/cancel", {{"reason", "rain"}}, player_.access).status, 200);
  work();
  auto cancelled = of_type(player_, "booking.cancelled_by_player", booking);
  ASSERT_EQ(cancelled.size(), 1u);
  EXPECT_NE(cancelled[0]["body"].get<std::string>().find("Refund: 20.00 USD"), std::string::npos)
      << cancelled[0].dump();
  auto refunded = of_type(player_, "payment.refund_completed", booking);
  ASSERT_EQ(refunded.size(), 1u) << inbox(player_).dump();
  EXPECT_NE(refunded[0]["body"].get<std::string>().find("20.00 USD came back to you the way you paid"),
            std::string::npos)
      << refunded[0].dump();
  EXPECT_EQ(mails("Refund: 20.00 USD").size(), 1u);
}

SB_INSTANTIATE_BACKENDS(PaymentNotificationTest);

/// Debian's aiosmtpd as a real mail server (tests/notification/smtp_sink.py), started for the
/// test on a free port; each message it accepts is a JSON file, decoded by Python's own parser.
class SmtpSink {
 public:
  SmtpSink() : dir_(make_temp_dir()) {
    const std::string script = std::string(SLOTBASE_SOURCE_DIR) + "/tests/notification/smtp_sink.py";
    const std::string port_file = dir_ + "/port";
    std::vector<std::string> args = {"/usr/bin/python3", script, dir_, port_file};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, args[0].c_str(), nullptr, nullptr, argv.data(), environ) != 0)
      throw std::runtime_error("cannot start the SMTP sink");
    for (int i = 0; i < 200 && port_ == 0; ++i) {
      std::ifstream in(port_file);
      if (!(in >> port_)) std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    if (port_ == 0) throw std::runtime_error("the SMTP sink did not start");
  }
  ~SmtpSink() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    std::filesystem::remove_all(dir_);
  }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  /// The messages received so far, in order, but the account e-mails (every sign-up's
  /// verification link: the only messages without List-Unsubscribe).
  std::vector<json> received() const {
    std::vector<std::string> names;
    for (const auto& f : std::filesystem::directory_iterator(dir_))
      if (f.path().extension() == ".json") names.push_back(f.path().string());
    std::sort(names.begin(), names.end());
    std::vector<json> out;
    for (const auto& n : names) {
      json m = json::parse(std::ifstream(n));
      if (m["headers"].contains("List-Unsubscribe")) out.push_back(std::move(m));
    }
    return out;
  }

 private:
  std::string dir_;
  pid_t pid_ = 0;
  int port_ = 0;
};

class NotificationSmtpTest : public NotificationHttpTest {
 protected:
  void configure(Config& c) override {
    c.smtp_url = sink_.url();
    c.smtp_from = "Riverside Courts <bookings@riverside.example>";
    c.public_url = "https://book.riverside.example/";
  }
  /// The worker, with the clock moved on a minute at a time so that retries come due.
  void work_for(int minutes) {
    for (int i = 0; i < minutes; ++i) {
      clock_.advance(std::chrono::minutes(1));
      work();
    }
  }
  SmtpSink sink_;
};

TEST_P(NotificationSmtpTest, AnEmailArrivesAtARealMailServerWithOneClickUnsubscribe) {
  book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  work();
  auto got = sink_.received();
  ASSERT_EQ(got.size(), 1u);
  const auto& m = got[0];
  EXPECT_EQ(m["mail_from"], "bookings@riverside.example");
  EXPECT_EQ(m["rcpt_tos"], json::array({"player@example.com"}));
  EXPECT_EQ(m["headers"]["From"], "Riverside Courts <bookings@riverside.example>");
  EXPECT_EQ(m["headers"]["To"], "player@example.com");
  EXPECT_EQ(m["headers"]["Subject"], "Booking confirmed: Court 1, Wed 25 Nov, 10:00 (America/New_York)");
  EXPECT_EQ(m["headers"]["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click");
  const std::string unsubscribe = m["headers"]["List-Unsubscribe"];
  EXPECT_EQ(unsubscribe.rfind("<https://book.riverside.example/api/v1/unsubscribe?token=", 0), 0u) << unsubscribe;
  EXPECT_EQ(m["content_type"], "multipart/alternative");
  const std::string text = m["parts"]["text/plain"], html = m["parts"]["text/html"];
  EXPECT_NE(text.find("When: Wed 25 Nov, 10:00 (America/New_York) to 11:00"), std::string::npos) << text;
  EXPECT_NE(text.find("Price: 20.00 USD"), std::string::npos);
  EXPECT_NE(html.find("<strong>Court 1</strong>"), std::string::npos) << html;
  EXPECT_NE(m["raw"].get<std::string>().find("Content-Transfer-Encoding: quoted-printable"), std::string::npos);
  EXPECT_TRUE(outbox().empty());  // a configured server, not the local outbox
  auto row = log("?status=sent");
  ASSERT_EQ(row.size(), 1u);
  EXPECT_EQ(row[0]["channel"], "email");
}

TEST_P(NotificationSmtpTest, NonAsciiTextArrivesIntact) {
  ASSERT_EQ(
      client_->send("PATCH", "/api/v1/facilities/" + facility_, {{"name", "Café Süd — Courts"}}, owner_.access).status,
      200);
  book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  work();
  auto got = sink_.received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NE(got[0]["parts"]["text/plain"].get<std::string>().find("Where: Café Süd — Courts"), std::string::npos);
  EXPECT_NE(got[0]["parts"]["text/html"].get<std::string>().find("Café Süd — Courts"), std::string::npos);
}

TEST_P(NotificationSmtpTest, ATemporaryRefusalIsTriedAgainAndAPermanentOneIsNot) {
  // Made verified, so that the booking's e-mail is the first their mailbox is offered (a sign-up
  // over HTTP would send a verification link first, and the server defers "busy" twice per address).
  auto verified = [&](const std::string& email) {
    auto r = app_->service<identity::IdentityService>().register_user(
        {email, "a long enough passphrase", "Test User", true}, {});
    EXPECT_TRUE(r.ok());
    return Account{r->user.id.str(), email, r->access_token, r->refresh_token};
  };
  auto busy = verified("busy@example.com");
  auto gone = verified("reject@example.com");
  book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z", "", &busy);
  book("2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z", "", &gone);
  auto email_to = [&](const std::string& address) {
    for (const auto& row : log())
      if (row["channel"] == "email" && row["recipient"] == address) return row;
    return json();
  };
  // Refused for now twice: tried again a minute later, then four minutes after that.
  work();
  EXPECT_EQ(email_to("busy@example.com")["attempts"], 1);
  work_for(2);
  EXPECT_EQ(email_to("busy@example.com")["status"], "queued");
  EXPECT_EQ(email_to("busy@example.com")["attempts"], 2);
  EXPECT_NE(email_to("busy@example.com")["error"].get<std::string>().find("451"), std::string::npos);
  EXPECT_TRUE(sink_.received().empty());
  work_for(2);
  EXPECT_TRUE(sink_.received().empty());
  work_for(6);
  auto got = sink_.received();
  ASSERT_EQ(got.size(), 1u);  // the busy mailbox's, on its third try
  EXPECT_EQ(got[0]["rcpt_tos"], json::array({"busy@example.com"}));
  std::map<std::string, json> by_recipient;
  for (const auto& row : log())
    if (row["channel"] == "email") by_recipient[row["recipient"]] = row;
  EXPECT_EQ(by_recipient["busy@example.com"]["status"], "sent");
  EXPECT_EQ(by_recipient["busy@example.com"]["attempts"], 3);
  EXPECT_EQ(by_recipient["reject@example.com"]["status"], "failed");
  EXPECT_EQ(by_recipient["reject@example.com"]["attempts"], 1);
  EXPECT_NE(by_recipient["reject@example.com"]["error"].get<std::string>().find("550"), std::string::npos)
      << by_recipient["reject@example.com"].dump();
  // Nothing is left to try.
  for (const auto& job : app_->jobs().list("pending", 1000)) EXPECT_NE(job.kind, "notification.send_email");
  EXPECT_EQ(by_recipient["busy@example.com"]["attempt_log"].size(), 3u);
  EXPECT_EQ(by_recipient["busy@example.com"]["undeliverable"], false);

  // The dead letter, with its try; its address refused for good gets no more mail.
  auto dead = log("?status=failed");
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0]["undeliverable"], true);
  ASSERT_EQ(dead[0]["attempt_log"].size(), 1u);
  EXPECT_EQ(dead[0]["attempt_log"][0]["provider"], "smtp");
  EXPECT_EQ(dead[0]["attempt_log"][0]["outcome"], "permanent");
  book("2026-11-25T19:00:00Z", "2026-11-25T20:00:00Z", "", &gone);
  work_for(2);
  EXPECT_EQ(sink_.received().size(), 1u);
  int stopped = 0;
  for (const auto& row : log("?status=suppressed&user_id=" + gone.id))
    stopped += row["channel"] == "email" &&
               row["error"].get<std::string>().find("the address is undeliverable: SMTP 550") == 0;
  EXPECT_EQ(stopped, 1);
}

TEST_P(NotificationSmtpTest, MessagesInARowShareOneConnectionAndARefusalDoesNotSpoilIt) {
  // The sender keeps its connection open: three bookings' e-mails, and a fourth after a
  // recipient was refused (550), go over one SMTP session rather than one each.
  book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  book("2026-11-25T16:00:00Z", "2026-11-25T17:00:00Z");
  book("2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z");
  work();
  auto got = sink_.received();
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[1]["connection"], got[0]["connection"]);
  EXPECT_EQ(got[2]["connection"], got[0]["connection"]);
  auto r = app_->service<identity::IdentityService>().register_user(
      {"reject@example.com", "a long enough passphrase", "Test User", true}, {});
  ASSERT_TRUE(r.ok());
  Account gone{r->user.id.str(), "reject@example.com", r->access_token, r->refresh_token};
  book("2026-11-25T19:00:00Z", "2026-11-25T20:00:00Z", "", &gone);
  work();
  book("2026-11-25T20:00:00Z", "2026-11-25T21:00:00Z");
  work();
  got = sink_.received();
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[3]["rcpt_tos"], json::array({"player@example.com"}));
  int sent = 0;
  for (const auto& row : log("?status=sent")) sent += row["channel"] == "email";
  EXPECT_EQ(sent, 4);
}

SB_INSTANTIATE_BACKENDS(NotificationSmtpTest);

}  // namespace
}  // namespace slotbase::testing
