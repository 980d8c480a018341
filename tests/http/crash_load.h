#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <set>

#include "http/serve_process.h"
#include "platform/core/time.h"
#include "platform/db/database.h"

namespace slotbase::testing {

using SteadyClock = std::chrono::steady_clock;

constexpr int kClients = 6;
constexpr int kCourts = 12;          // the clients' courts; one more is kept for holds left to lapse
constexpr int kDays = 12;            // within the default booking window of 14 days
constexpr int kHoldTtlSeconds = 30;  // the shortest a facility may set

inline std::string at(std::chrono::system_clock::time_point t) {
  return format_rfc3339(std::chrono::time_point_cast<std::chrono::seconds>(t));
}

/// One club on a real `slotbase serve`: an owner, a facility open all day with free courts whose
/// holds last 30 seconds, and a player per client.
struct Club {
  std::string owner, facility;
  std::vector<std::string> courts, players;
};

inline Club set_up_club(const HttpClient& c) {
  Club club;
  auto register_user = [&](const std::string& email) {
    auto r =
        c.post("/api/v1/auth/register", {{"email", email}, {"password", "a long enough passphrase"}, {"name", email}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["access_token"].get<std::string>();
  };
  club.owner = register_user("owner@example.com");
  auto org = c.post("/api/v1/organizations", {{"name", "Riverside"}}, club.owner).json()["id"].get<std::string>();
  club.facility = c.post("/api/v1/organizations/" + org + "/facilities",
                         {{"name", "Courts"}, {"timezone", "UTC"}, {"currency", "USD"}}, club.owner)
                      .json()["id"]
                      .get<std::string>();
  nlohmann::json weekly = nlohmann::json::array();
  for (int d = 1; d <= 7; ++d) weekly.push_back({{"weekday", d}, {"open", "00:00"}, {"close", "24:00"}});
  EXPECT_EQ(c.send("PUT", "/api/v1/facilities/" + club.facility + "/hours", {{"weekly", weekly}}, club.owner).status,
            200);
  EXPECT_EQ(c.send("PATCH", "/api/v1/facilities/" + club.facility,
                   {{"policies", {{"hold_ttl_seconds", kHoldTtlSeconds}}}}, club.owner)
                .status,
            200);
  for (int i = 0; i <= kCourts; ++i)
    club.courts.push_back(c.post("/api/v1/facilities/" + club.facility + "/resources",
                                 {{"name", "Court " + std::to_string(i + 1)}, {"type", "tennis_court"}}, club.owner)
                              .json()["id"]
                              .get<std::string>());
  for (int i = 0; i < kClients + 1; ++i)
    club.players.push_back(register_user("p" + std::to_string(i) + "@example.com"));
  return club;
}

/// Clients that hold and confirm slots as fast as they are answered, against whichever server
/// is up, remembering what each confirmation was answered.
class Load {
 public:
  Load(const Club& club, unsigned seed) : club_(club), seed_(seed) {}
  ~Load() { stop(); }

  void start() {
    for (int i = 0; i < kClients; ++i) threads_.emplace_back([this, i] { run(i); });
  }
  void stop() {
    stop_ = true;
    for (auto& t : threads_) t.join();
    threads_.clear();
  }
  /// The port clients send to; 0 while no server is up.
  void point_at(std::uint16_t port) { port_ = port; }

  int confirmed() const { return static_cast<int>(answered_.size()); }
  /// Booking id -> hold id, for every confirmation answered 201.
  std::map<std::string, std::string> answered() const {
    std::lock_guard lock(mu_);
    return answered_;
  }
  /// Holds whose confirmation was sent but never answered (the server died first).
  std::set<std::string> unanswered() const {
    std::lock_guard lock(mu_);
    std::set<std::string> out;
    for (const auto& [hold, client] : unanswered_) out.insert(hold);
    return out;
  }
  std::map<std::string, int> unanswered_client() const {
    std::lock_guard lock(mu_);
    return unanswered_;
  }
  /// Sends each confirmation that was cut off again, with its Idempotency-Key; returns each hold's
  /// answer and whether it was the first answer replayed.
  std::map<std::string, std::pair<int, bool>> retry_unanswered(std::uint16_t port) const {
    std::map<std::string, std::pair<int, bool>> out;
    HttpClient c(port, std::chrono::seconds(20));
    for (const auto& [hold, client] : unanswered_client()) {
      auto r = c.post("/api/v1/holds/" + hold + "/confirm", nlohmann::json::object(), club_.players[client],
                      {{"Idempotency-Key", "confirm-" + hold}});
      out[hold] = {r.status, r.header("Idempotent-Replayed") == "true"};
    }
    return out;
  }
  /// Bookings whose cancellation was sent, and its answer (0: none came).
  std::map<std::string, int> cancelled() const {
    std::lock_guard lock(mu_);
    return cancelled_;
  }
  /// Holds whose confirmation was answered with anything else, and how.
  std::map<std::string, int> refused() const {
    std::lock_guard lock(mu_);
    return refused_;
  }

 private:
  void run(int client) {
    std::mt19937 random(seed_ + client);
    const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    const std::string& token = club_.players[client];
    std::vector<std::string> mine;  // its bookings not cancelled
    while (!stop_) {
      const std::uint16_t port = port_;
      if (port == 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        continue;
      }
      HttpClient c(port, std::chrono::seconds(20));
      // Any half hour of the next days: a booking overlaps those that start in the half hour before
      // or after it.
      const auto start = today + std::chrono::days(1 + random() % kDays) + std::chrono::minutes(30 * (random() % 46));
      HttpResult hold;
      try {
        hold = c.post("/api/v1/holds",
                      {{"resource_id", club_.courts[random() % kCourts]},
                       {"start", at(start)},
                       {"end", at(start + std::chrono::hours(1))}},
                      token);
      } catch (const std::exception&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        continue;  // not answered: if it was made, it lapses
      }
      if (hold.status != 201) continue;
      const std::string hold_id = hold.json()["id"];
      HttpResult booking;
      try {
        booking = c.post("/api/v1/holds/" + hold_id + "/confirm", nlohmann::json::object(), token,
                         {{"Idempotency-Key", "confirm-" + hold_id}});
      } catch (const std::exception&) {
        std::lock_guard lock(mu_);
        unanswered_[hold_id] = client;
        continue;
      }
      {
        std::lock_guard lock(mu_);
        if (booking.status != 201) {
          refused_[hold_id] = booking.status;
          continue;
        }
        answered_[booking.json()["id"].get<std::string>()] = hold_id;
      }
      mine.push_back(booking.json()["id"].get<std::string>());
      // A steady load rather than the most the machine can take: the slowest subscriber
      // (notifications, a few hundred events a second) keeps up with it.
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      // Every other time, one of its bookings is cancelled: slots free up, so the load goes on
      // writing however long it runs, and cancellations are cut off too.
      if (random() % 2 == 0) {
        const auto pick = mine.begin() + static_cast<std::ptrdiff_t>(random() % mine.size());
        const std::string id = *pick;
        mine.erase(pick);
        try {
          auto r = c.post("/api/v1/bookings/" + id + "/cancel", nlohmann::json::object(), token);
          std::lock_guard lock(mu_);
          cancelled_[id] = r.status;
        } catch (const std::exception&) {
          std::lock_guard lock(mu_);
          cancelled_[id] = 0;
        }
      }
    }
  }

  const Club& club_;
  const unsigned seed_;
  std::atomic<std::uint16_t> port_{0};
  std::atomic<bool> stop_{false};
  std::vector<std::thread> threads_;
  mutable std::mutex mu_;
  std::map<std::string, std::string> answered_;
  std::map<std::string, int> unanswered_;  // hold -> client
  std::map<std::string, int> refused_;
  std::map<std::string, int> cancelled_;
};

/// The database the servers use, read directly by the test.
class Store {
 public:
  explicit Store(const std::string& url) : db_(db::open_database(url, 1)) {}

  db::Rows query(const std::string& sql, const db::Params& params = {}) {
    return db_->read([&](db::Connection& c) { return c.query(sql, params); });
  }
  std::int64_t count(const std::string& sql, const db::Params& params = {}) { return query(sql, params).at(0).i64(0); }

  /// Whether every subscriber has taken every event and no job is overdue or stuck.
  std::string backlog(std::int64_t now) {
    std::string out;
    for (const auto& r :
         query("SELECT subscriber, last_seq, COALESCE(lease_owner, ''), lease_until FROM event_subscriptions "
               "WHERE last_seq < (SELECT COALESCE(MAX(seq), 0) FROM outbox)"))
      out += "subscriber " + r.text(0) + " at " + r.text(1) + " (lease " + r.text(2) + " until " + r.text(3) + "); ";
    for (const auto& r :
         query("SELECT id, kind, status, run_at, COALESCE(locked_by, '') FROM jobs WHERE (status = 'pending' AND "
               "run_at <= $1 AND attempts = 0) OR status = 'running'",
               {now - 1}))
      out += "job " + r.text(1) + " " + r.text(2) + " due " + r.text(3) + " locked by " + r.text(4) + "; ";
    return out;
  }

  /// Waits until nothing is behind; returns what still is after `limit`.
  std::string settle(std::chrono::milliseconds limit) {
    const auto until = SteadyClock::now() + limit;
    std::string left;
    do {
      left = backlog(epoch_seconds(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())));
      if (left.empty()) return left;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    } while (SteadyClock::now() < until);
    return left;
  }

 private:
  std::unique_ptr<db::Database> db_;
};

}  // namespace slotbase::testing
