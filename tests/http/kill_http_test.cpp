#include "http/crash_load.h"

namespace slotbase::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr int kKills = 10;

/// What must hold after any number of crashes, checked against the database.
void check_invariants(Store& store, const Load& load, const std::vector<std::string>& abandoned_holds) {
  const auto answered = load.answered();
  const auto unanswered = load.unanswered();
  const auto refused = load.refused();
  for (const auto& [hold, status] : refused) EXPECT_LT(status, 500) << "confirming " << hold << " answered " << status;

  // Every booking answered 201 exists and is confirmed; every other booking is one whose
  // confirmation was cut off (its answer never came), never one answered otherwise.
  std::map<std::string, std::string> bookings;  // id -> status
  for (const auto& r : store.query("SELECT id, status FROM bookings")) bookings[r.text(0)] = r.text(1);
  const auto cancelled = load.cancelled();
  int cancellations = 0;
  for (const auto& [booking, hold] : answered) {
    ASSERT_TRUE(bookings.contains(booking)) << "booking " << booking << " was answered 201 and is lost";
    const auto cancel = cancelled.find(booking);
    if (cancel == cancelled.end()) {
      EXPECT_EQ(bookings[booking], "confirmed") << booking;
    } else if (cancel->second == 200) {
      EXPECT_EQ(bookings[booking], "cancelled") << booking;
      ++cancellations;
    } else {
      EXPECT_EQ(cancel->second, 0) << "cancelling " << booking;  // cut off: either is right
      EXPECT_TRUE(bookings[booking] == "confirmed" || bookings[booking] == "cancelled") << booking;
    }
  }
  EXPECT_GT(cancellations, 0);
  std::set<std::string> answered_ids;
  for (const auto& [booking, hold] : answered) answered_ids.insert(booking);
  int cut_off = 0;
  for (const auto& r : store.query(
           "SELECT h.id, h.booking_id FROM holds h WHERE h.status = 'converted' AND h.booking_id IS NOT NULL")) {
    const std::string hold = r.text(0), booking = r.text(1);
    if (answered_ids.contains(booking)) continue;
    EXPECT_TRUE(unanswered.contains(hold)) << "booking " << booking << " exists, but its confirmation was answered "
                                           << (refused.contains(hold) ? refused.at(hold) : 0);
    ++cut_off;
  }
  EXPECT_EQ(static_cast<std::size_t>(cut_off) + answered.size(), bookings.size());

  // No slot is booked twice.
  EXPECT_EQ(store.count("SELECT COUNT(*) FROM bookings a JOIN bookings b ON a.resource_id = b.resource_id AND "
                        "a.id < b.id AND a.start_at < b.end_at AND b.start_at < a.end_at "
                        "WHERE a.status = 'confirmed' AND b.status = 'confirmed'"),
            0);

  // Each booking's confirmation reached each of its subscribers exactly once: one calendar
  // entry, one "booking confirmed" notification, and each subscriber recorded the event once.
  for (const auto& r :
       store.query("SELECT o.event_id, o.aggregate_id, "
                   "(SELECT COUNT(*) FROM calendar_entries e WHERE e.booking_id = o.aggregate_id), "
                   "(SELECT COUNT(*) FROM notifications n WHERE n.event_id = o.event_id AND n.channel = 'in_app'), "
                   "(SELECT COUNT(*) FROM processed_events p WHERE p.event_id = o.event_id) "
                   "FROM outbox o WHERE o.type = 'booking.confirmed'")) {
    EXPECT_EQ(r.i64(2), 1) << "calendar entries of booking " << r.text(1);
    if (r.i64(3) != 1) {
      std::string rows;
      for (const auto& n : store.query(
               "SELECT id, channel, status, COALESCE(event_id, ''), dedupe_key, user_id FROM notifications WHERE "
               "dedupe_key LIKE $1 OR CAST(data AS TEXT) LIKE $2",
               {r.text(0) + "%", "%" + r.text(1) + "%"}))
        rows +=
            n.text(0) + " " + n.text(1) + " " + n.text(2) + " " + n.text(3) + " " + n.text(4) + " " + n.text(5) + "; ";
      ADD_FAILURE() << r.i64(3) << " in-app notifications of booking " << r.text(1) << ": " << rows;
    }
    if (r.i64(4) != 3) {  // calendar.entries, notification.messages, organization.roster
      std::string applied;
      for (const auto& p : store.query("SELECT subscriber FROM processed_events WHERE event_id = $1", {r.text(0)}))
        applied += p.text(0) + " ";
      ADD_FAILURE() << "booking.confirmed " << r.text(0) << " applied by " << applied;
    }
  }
  // Nothing was given up on.
  for (const auto& r : store.query("SELECT subscriber, seq, error FROM dead_events"))
    ADD_FAILURE() << "event " << r.text(1) << " given up for " << r.text(0) << ": " << r.text(2);
  // And each cancellation: the calendar entry says so, and each subscriber that applies events
  // once applied it.
  for (const auto& r : store.query(
           "SELECT o.event_id, o.aggregate_id, "
           "(SELECT COUNT(*) FROM calendar_entries e WHERE e.booking_id = o.aggregate_id AND e.status = 'cancelled'), "
           "(SELECT COUNT(*) FROM processed_events p WHERE p.event_id = o.event_id AND p.subscriber IN "
           "('calendar.entries', 'notification.messages', 'payment.cancellations', 'booking.waitlist')) "
           "FROM outbox o WHERE o.type = 'booking.cancelled'")) {
    EXPECT_EQ(r.i64(2), 1) << "calendar entry of cancelled booking " << r.text(1);
    EXPECT_EQ(r.i64(3), 4) << "subscribers that applied " << r.text(0);
  }
  EXPECT_EQ(store.count("SELECT COUNT(*) FROM outbox WHERE type = 'booking.cancelled'"),
            store.count("SELECT COUNT(*) FROM bookings WHERE status = 'cancelled'"));
  EXPECT_EQ(store.count("SELECT COUNT(*) FROM outbox WHERE type = 'booking.confirmed'"),
            static_cast<std::int64_t>(bookings.size()));
  // The holds left to lapse lapsed, though they were due while no server ran.
  for (const auto& hold : abandoned_holds)
    EXPECT_EQ(store.query("SELECT status FROM holds WHERE id = $1", {hold}).at(0).text(0), "expired") << hold;
  EXPECT_EQ(store.count("SELECT COUNT(*) FROM holds h WHERE h.status = 'expired' AND NOT EXISTS "
                        "(SELECT 1 FROM outbox o WHERE o.type = 'booking.hold.expired' AND o.aggregate_id = h.id)"),
            0);
}

/// Holds a player takes and never confirms: their expiry jobs come due 30 seconds later.
std::vector<std::string> abandon_holds(const HttpClient& c, const Club& club) {
  std::vector<std::string> holds;
  const auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) + std::chrono::hours(36);
  for (int i = 0; i < 3; ++i) {
    const auto start = day + std::chrono::hours(2 * i);
    auto r = c.post(
        "/api/v1/holds",
        {{"resource_id", club.courts[kCourts]}, {"start", at(start)}, {"end", at(start + std::chrono::hours(1))}},
        club.players[kClients]);
    EXPECT_EQ(r.status, 201) << r.body;
    holds.push_back(r.json().value("id", ""));
  }
  return holds;
}

class KillTest : public ::testing::TestWithParam<std::string> {
 protected:
  unsigned seed() {
    const unsigned s = static_cast<unsigned>(std::random_device{}());
    std::cerr << "seed " << s << "\n";
    return s;
  }
};

TEST_P(KillTest, ServeKilledTenTimesUnderLoadLosesNothing) {
  ScratchDatabase scratch(GetParam());
  SB_REQUIRE_BACKEND(scratch);
  const std::string data = scratch.dir() + "/data";
  const int salt = GetParam() == "sqlite" ? 40 : 60;
  auto serve = std::make_unique<ServeProcess>(scratch.url(), data, pick_port(salt));
  const Club club = set_up_club(HttpClient(serve->port()));
  const auto abandoned = abandon_holds(HttpClient(serve->port()), club);
  const auto abandoned_due = SteadyClock::now() + seconds(kHoldTtlSeconds + 1);
  bool outage_over_due = false;

  std::mt19937 random(seed());
  Load load(club, random());
  load.point_at(serve->port());
  load.start();
  int kills = 0;
  for (int i = 0; i < kKills; ++i) {
    std::this_thread::sleep_for(milliseconds(300 + random() % 1200));
    serve->kill_hard();
    ASSERT_EQ(serve->signal(), SIGKILL);
    load.point_at(0);
    ++kills;
    // One outage spans the moment the abandoned holds come due.
    if (!outage_over_due && (i == kKills - 1 || SteadyClock::now() + seconds(3) > abandoned_due)) {
      std::this_thread::sleep_until(abandoned_due);
      outage_over_due = true;
    }
    serve.reset();
    serve = std::make_unique<ServeProcess>(scratch.url(), data, pick_port(salt + 1 + i));
    load.point_at(serve->port());
  }
  std::this_thread::sleep_for(milliseconds(500));
  load.stop();
  std::cerr << kills << " kills, " << load.confirmed() << " bookings confirmed, " << load.unanswered().size()
            << " confirmations cut off\n";
  EXPECT_GT(load.confirmed(), kKills);

  Store store(scratch.url());
  EXPECT_EQ(store.settle(seconds(30)), "");
  check_invariants(store, load, abandoned);

  // A booking whose confirmation was never answered is one the operator's check reports (its
  // request was cut off), or one whose answer was kept: a retry with its key replays it.
  auto check = run_slotbase({"check", "--data-dir", data, "--database-url", scratch.url()});
  // The bookings made before the retries: a confirmation cut off before it reached the server
  // leaves its hold held, and the retry then makes the booking afresh (201, not a replay).
  const auto converted = store.query("SELECT id, booking_id FROM holds WHERE status = 'converted'");
  const auto retried = load.retry_unanswered(serve->port());
  for (const auto& r : converted) {
    const std::string hold = r.text(0);
    if (!load.unanswered().contains(hold)) continue;
    const bool reported = check.output.find("\"confirm-" + hold + "\"") != std::string::npos;
    const bool replayed = retried.at(hold) == std::pair<int, bool>{201, true};
    EXPECT_TRUE(reported || replayed) << "booking " << r.text(1) << " was made, its answer lost, and nothing says so\n"
                                      << check.output;
  }
  // Each retry is answered: the booking (replayed or made now), the hold already confirmed, or the
  // hold lapsed; never a server error.
  for (const auto& [hold, answer] : retried) {
    const auto booked = store.query("SELECT booking_id FROM holds WHERE id = $1 AND status = 'converted'", {hold});
    if (answer.first == 201 || answer.first == 409)
      EXPECT_EQ(booked.size(), 1u) << hold << " answered " << answer.first;
    else
      EXPECT_EQ(answer.first, 410) << hold;
  }
  // Once each cut-off request was retried, the check finds nothing wrong.
  EXPECT_EQ(store.settle(seconds(30)), "");
  check = run_slotbase({"check", "--data-dir", data, "--database-url", scratch.url()});
  EXPECT_EQ(check.status, 0) << check.output;
  EXPECT_NE(check.output.find("no problems found"), std::string::npos) << check.output;
}

TEST_P(KillTest, WorkerKilledTenTimesUnderLoadLosesNothing) {
  ScratchDatabase scratch(GetParam());
  SB_REQUIRE_BACKEND(scratch);
  const std::string data = scratch.dir() + "/data";
  ServeProcess serve(scratch.url(), data, pick_port(GetParam() == "sqlite" ? 80 : 81));
  const Club club = set_up_club(HttpClient(serve.port()));
  const auto abandoned = abandon_holds(HttpClient(serve.port()), club);

  std::mt19937 random(seed());
  Load load(club, random());
  load.point_at(serve.port());
  load.start();
  auto worker = std::make_unique<WorkerProcess>(scratch.url(), data);
  for (int i = 0; i < kKills; ++i) {
    std::this_thread::sleep_for(milliseconds(300 + random() % 1200));
    worker->kill_hard();
    ASSERT_EQ(worker->signal(), SIGKILL);
    worker = std::make_unique<WorkerProcess>(scratch.url(), data);
  }
  load.stop();
  std::cerr << kKills << " worker kills, " << load.confirmed() << " bookings confirmed\n";
  EXPECT_GT(load.confirmed(), kKills);
  EXPECT_TRUE(load.unanswered().empty());
  // The last worker is killed too: what it had claimed is taken over by the server's own worker.
  worker->kill_hard();

  Store store(scratch.url());
  EXPECT_EQ(store.settle(seconds(30)), "");
  // The abandoned holds come due half a minute after they were taken.
  const auto until = SteadyClock::now() + seconds(kHoldTtlSeconds + 10);
  while (SteadyClock::now() < until &&
         store.count("SELECT COUNT(*) FROM holds WHERE id = $1 AND status = 'expired'", {abandoned.back()}) == 0)
    std::this_thread::sleep_for(milliseconds(200));
  EXPECT_EQ(store.settle(seconds(30)), "");
  check_invariants(store, load, abandoned);
}

SB_INSTANTIATE_BACKENDS(KillTest);

}  // namespace
}  // namespace slotbase::testing
