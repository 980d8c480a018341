#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <filesystem>

#include "http/crash_load.h"
#include "platform/media/png.h"

namespace slotbase::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

/// Runs a shell command; returns its exit status.
int shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// A port nothing listens on now (the kernel's choice of a free one), for a server of the test's own.
std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof addr;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size) != 0)
    throw std::runtime_error("no free port");
  ::close(fd);
  return ntohs(addr.sin_port);
}

/// A PostgreSQL 15 cluster of the test's own, in a temporary directory on a port of its own, run
/// as the postgres user like scripts/start-test-services does: stopping it affects no one else.
class PrivatePostgres {
 public:
  explicit PrivatePostgres(std::uint16_t port) : dir_(make_temp_dir()), port_(port) {
    shell("chown postgres:postgres '" + dir_ + "'");
    if (shell("runuser -u postgres -- " + bin("initdb") + " -D '" + dir_ +
              "/data' -U postgres --auth=trust -E UTF8 >'" + dir_ + "/initdb.log' 2>&1") != 0)
      throw std::runtime_error("initdb failed: see " + dir_ + "/initdb.log");
    start();
  }
  ~PrivatePostgres() {
    stop();
    std::filesystem::remove_all(dir_);
  }
  void start() {
    if (shell("runuser -u postgres -- " + bin("pg_ctl") + " -D '" + dir_ + "/data' -l '" + dir_ +
              "/server.log' -w -o \"-p " + std::to_string(port_) + " -k '" + dir_ +
              "' -c listen_addresses=127.0.0.1 -c fsync=off\" start >/dev/null") != 0)
      throw std::runtime_error("PostgreSQL did not start: see " + dir_ + "/server.log");
  }
  /// Stops it the way an administrator's restart does: sessions are cut at once.
  void stop() {
    shell("runuser -u postgres -- " + bin("pg_ctl") + " -D '" + dir_ + "/data' -m fast -w stop >/dev/null 2>&1");
  }
  std::string url() const { return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/postgres"; }

 private:
  static std::string bin(const std::string& name) { return "/usr/lib/postgresql/15/bin/" + name; }
  std::string dir_;
  std::uint16_t port_;
};

/// A Redis of the test's own on a port of its own.
class PrivateRedis {
 public:
  explicit PrivateRedis(std::uint16_t port) : dir_(make_temp_dir()), port_(port) { start(); }
  ~PrivateRedis() {
    stop();
    std::filesystem::remove_all(dir_);
  }
  void start() {
    if (shell("redis-server --port " + std::to_string(port_) +
              " --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --logfile '" + dir_ +
              "/redis.log' --pidfile '" + dir_ + "/redis.pid' >/dev/null") != 0)
      throw std::runtime_error("redis-server did not start");
    for (int i = 0; i < 100 && !answers(); ++i) std::this_thread::sleep_for(milliseconds(100));
    if (!answers()) throw std::runtime_error("redis-server does not answer: see " + dir_ + "/redis.log");
  }
  void stop() { shell("redis-cli -p " + std::to_string(port_) + " shutdown nosave >/dev/null 2>&1"); }
  bool answers() const { return shell("redis-cli -p " + std::to_string(port_) + " ping >/dev/null 2>&1") == 0; }
  /// How many rate-limit buckets Redis holds.
  int buckets() const {
    FILE* p =
        popen(("redis-cli -p " + std::to_string(port_) + " --scan --pattern 'slotbase:rl:*' | wc -l").c_str(), "r");
    int n = -1;
    if (p) {
      if (std::fscanf(p, "%d", &n) != 1) n = -1;
      pclose(p);
    }
    return n;
  }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }

 private:
  std::string dir_;
  std::uint16_t port_;
};

/// Each booking answered 201 before the backup began is in the restored data, confirmed, unless
/// its cancellation was answered before the backup began (cancelled) or came while it ran (either).
void expect_restored(const HttpClient& c, const Club& club, const std::map<std::string, std::string>& bookings,
                     const std::map<std::string, int>& cancelled_before,
                     const std::map<std::string, int>& cancelled_after) {
  int checked = 0;
  for (const auto& [booking, hold] : bookings) {
    std::string status;
    for (const auto& token : club.players) {  // the players' tokens, checked with the restored key
      auto r = c.get("/api/v1/bookings/" + booking, token);
      if (r.status == 200) status = r.json()["status"];
    }
    ASSERT_FALSE(status.empty()) << "booking " << booking << " is not in the restored data";
    if (cancelled_before.contains(booking) && cancelled_before.at(booking) == 200)
      EXPECT_EQ(status, "cancelled") << booking;
    else if (cancelled_after.contains(booking))
      EXPECT_TRUE(status == "confirmed" || status == "cancelled") << booking;
    else
      EXPECT_EQ(status, "confirmed") << booking;
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

class BackupTest : public ::testing::TestWithParam<std::string> {};

TEST_P(BackupTest, ABackupTakenUnderLoadRestoresEveryConfirmedBooking) {
  ScratchDatabase scratch(GetParam());
  SB_REQUIRE_BACKEND(scratch);
  const bool sqlite = GetParam() == "sqlite";
  const std::string data = scratch.dir() + "/data";
  const std::string file = scratch.dir() + "/slotbase.backup";
  auto serve = std::make_unique<ServeProcess>(scratch.url(), data, pick_port(sqlite ? 100 : 101));
  const Club club = set_up_club(HttpClient(serve->port()));
  // The club's logo is kept too.
  const std::string logo_bytes = media::encode_png(3, 3, std::vector<std::uint32_t>(9, 0x2E7D32));
  auto logo = HttpClient(serve->port())
                  .request("PUT", "/api/v1/facilities/" + club.facility + "/logo", logo_bytes,
                           {{"Content-Type", "image/png"}, {"Authorization", "Bearer " + club.owner}});
  ASSERT_EQ(logo.status, 200) << logo.body;
  const std::string logo_url = logo.json()["logo_url"];
  Load load(club, static_cast<unsigned>(std::random_device{}()));
  load.point_at(serve->port());
  load.start();
  std::this_thread::sleep_for(milliseconds(1500));

  // While the clients go on booking.
  const auto before = load.answered();
  const auto cancelled_before = load.cancelled();
  auto made = run_slotbase({"backup", "--data-dir", data, "--database-url", scratch.url(), "--to", file});
  ASSERT_EQ(made.status, 0) << made.output;
  std::this_thread::sleep_for(milliseconds(500));
  load.stop();
  std::cerr << before.size() << " bookings before the backup, " << load.confirmed() << " in all\n";
  ASSERT_GT(before.size(), 5u);
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  // A second backup to the same file is refused without --force.
  auto again = run_slotbase({"backup", "--data-dir", data, "--database-url", scratch.url(), "--to", file});
  EXPECT_EQ(again.status, 2) << again.output;
  // A data directory in use is not restored into.
  auto busy = run_slotbase({"restore", "--data-dir", data, "--database-url", scratch.url(), "--from", file});
  EXPECT_EQ(busy.status, 2) << busy.output;
  EXPECT_NE(busy.output.find("stop it"), std::string::npos) << busy.output;
  serve.reset();
  // Stopped, it is still not overwritten without --force.
  auto full = run_slotbase({"restore", "--data-dir", data, "--database-url", scratch.url(), "--from", file});
  EXPECT_EQ(full.status, 2) << full.output;

  // Into a new data directory (and, for PostgreSQL, a new database).
  ScratchDatabase target(GetParam());
  const std::string fresh = target.dir() + "/data";
  const std::string url = sqlite ? "sqlite:" + fresh + "/slotbase.db" : target.url();
  auto restored = run_slotbase({"restore", "--data-dir", fresh, "--database-url", url, "--from", file});
  ASSERT_EQ(restored.status, 0) << restored.output;
  if (sqlite) {
    ASSERT_EQ(::stat((fresh + "/slotbase.db").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
  }
  ASSERT_EQ(::stat((fresh + "/secrets/jwt.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  ServeProcess served(url, fresh, pick_port(sqlite ? 102 : 103));
  HttpClient c(served.port());
  expect_restored(c, club, before, cancelled_before, load.cancelled());
  EXPECT_EQ(c.get("/api/v1/facilities/" + club.facility).json()["logo_url"], logo_url);
  EXPECT_EQ(c.get(logo_url).body, logo_bytes);
  ASSERT_EQ(::stat((fresh + "/media/" + logo_url.substr(logo_url.rfind('/') + 1)).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  Store store(url);
  EXPECT_EQ(store.count("SELECT COUNT(*) FROM bookings a JOIN bookings b ON a.resource_id = b.resource_id AND "
                        "a.id < b.id AND a.start_at < b.end_at AND b.start_at < a.end_at "
                        "WHERE a.status = 'confirmed' AND b.status = 'confirmed'"),
            0);
  // The restored server books.
  const auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) + std::chrono::days(1);
  auto hold =
      c.post("/api/v1/holds",
             {{"resource_id", club.courts[kCourts]}, {"start", at(day)}, {"end", at(day + std::chrono::hours(1))}},
             club.players[0]);
  EXPECT_EQ(hold.status, 201) << hold.body;
}

SB_INSTANTIATE_BACKENDS(BackupTest);

/// Every answer one client had while PostgreSQL went away and came back.
struct Answers {
  std::mutex mu;
  std::map<int, int> statuses;
  int without_retry_after = 0, not_problem_json = 0, timeouts = 0;
  void add(const HttpResult& r) {
    std::lock_guard lock(mu);
    ++statuses[r.status];
    if (r.status == 503 && r.header("Retry-After").empty()) ++without_retry_after;
    if (r.status >= 400 && r.header("Content-Type") != "application/problem+json") ++not_problem_json;
  }
};

TEST(DatabaseOutage, ClientsGet503WithRetryAfterWhilePostgresIsDownAndTheServerRecoversByItself) {
  if (std::getenv("SLOTBASE_TEST_SKIP_PG") && std::string(std::getenv("SLOTBASE_TEST_SKIP_PG")) == "1")
    GTEST_SKIP() << "PostgreSQL tests skipped on purpose";
  PrivatePostgres pg(free_port());
  const std::string data = make_temp_dir();
  ServeProcess serve(pg.url(), data, pick_port(111));
  const Club club = set_up_club(HttpClient(serve.port()));

  Answers answers;
  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  for (int i = 0; i < 4; ++i) {
    clients.emplace_back([&, i] {
      std::mt19937 random(i);
      const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
      HttpClient c(serve.port(), seconds(15));
      while (!stop) {
        const auto start = today + std::chrono::days(1 + random() % kDays) + std::chrono::hours(random() % 24);
        try {
          if (random() % 2)
            answers.add(c.post("/api/v1/holds",
                               {{"resource_id", club.courts[random() % kCourts]},
                                {"start", at(start)},
                                {"end", at(start + std::chrono::hours(1))}},
                               club.players[i]));
          else
            answers.add(c.get("/api/v1/facilities/" + club.facility + "/availability?date=" + at(start).substr(0, 10),
                              club.players[i]));
        } catch (const std::exception&) {
          std::lock_guard lock(answers.mu);
          ++answers.timeouts;
        }
        std::this_thread::sleep_for(milliseconds(10));
      }
    });
  }
  std::this_thread::sleep_for(milliseconds(800));
  pg.stop();
  // While it is down: 503, problem+json, Retry-After, for reads and writes alike, and soon.
  HttpClient c(serve.port(), seconds(10));
  std::this_thread::sleep_for(milliseconds(500));
  const auto later = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) + std::chrono::days(2);
  for (const auto& r :
       {c.post("/api/v1/holds",
               {{"resource_id", club.courts[0]}, {"start", at(later)}, {"end", at(later + std::chrono::hours(1))}},
               club.players[0]),
        c.get("/api/v1/me", club.players[0]), c.get("/api/v1/bookings", club.players[1])}) {
    EXPECT_EQ(r.status, 503) << r.body;
    EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
    EXPECT_EQ(r.header("Retry-After"), "2");
    EXPECT_EQ(r.json().value("status", 0), 503) << r.body;
  }
  EXPECT_EQ(c.get("/ready").status, 503);
  std::this_thread::sleep_for(milliseconds(1000));
  pg.start();
  // Back by itself: no restart of the server.
  const auto until = SteadyClock::now() + seconds(10);
  int ready = 0;
  while (SteadyClock::now() < until && (ready = c.get("/ready").status) != 200)
    std::this_thread::sleep_for(milliseconds(100));
  EXPECT_EQ(ready, 200);
  std::this_thread::sleep_for(milliseconds(800));
  stop = true;
  for (auto& t : clients) t.join();
  EXPECT_FALSE(serve.exited());

  std::string seen;
  for (const auto& [status, n] : answers.statuses) seen += std::to_string(status) + ": " + std::to_string(n) + "  ";
  std::cerr << seen << "\n";
  EXPECT_GT(answers.statuses[503], 0) << seen;
  for (const auto& [status, n] : answers.statuses) {
    EXPECT_NE(status, 500) << seen;
    EXPECT_TRUE(status < 500 || status == 503) << seen;
  }
  EXPECT_EQ(answers.timeouts, 0);
  EXPECT_EQ(answers.without_retry_after, 0);
  EXPECT_EQ(answers.not_problem_json, 0);
  // Writes work again.
  const auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) + std::chrono::days(1);
  auto hold =
      c.post("/api/v1/holds",
             {{"resource_id", club.courts[kCourts]}, {"start", at(day)}, {"end", at(day + std::chrono::hours(1))}},
             club.players[0]);
  ASSERT_EQ(hold.status, 201) << hold.body;
  auto booking =
      c.post("/api/v1/holds/" + hold.json()["id"].get<std::string>() + "/confirm", json::object(), club.players[0]);
  EXPECT_EQ(booking.status, 201) << booking.body;
  std::filesystem::remove_all(data);
}

class RedisOutage : public ::testing::TestWithParam<std::string> {};

TEST_P(RedisOutage, BookingsAndLimitsGoOnInProcessWhileRedisIsDownAndRedisIsUsedAgainWhenBack) {
  ScratchDatabase scratch(GetParam());
  SB_REQUIRE_BACKEND(scratch);
  const bool sqlite = GetParam() == "sqlite";
  PrivateRedis redis(free_port());
  ServeProcess serve(scratch.url(), scratch.dir() + "/data", pick_port(sqlite ? 122 : 123), {}, "",
                     {"--rate-limit", "default", "--redis-url", redis.url()});
  HttpClient c(serve.port(), seconds(10));
  const Club club = set_up_club(c);
  EXPECT_GT(redis.buckets(), 0);  // the limits are Redis's

  redis.stop();
  ASSERT_FALSE(redis.answers());
  // Bookings go on, correct: one winner for a slot, and the slot shows booked.
  const auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) + std::chrono::days(2);
  const json slot = {{"resource_id", club.courts[0]}, {"start", at(day)}, {"end", at(day + std::chrono::hours(1))}};
  auto hold = c.post("/api/v1/holds", slot, club.players[0]);
  ASSERT_EQ(hold.status, 201) << hold.body;
  EXPECT_EQ(c.post("/api/v1/holds", slot, club.players[1]).status, 409);
  auto booking =
      c.post("/api/v1/holds/" + hold.json()["id"].get<std::string>() + "/confirm", json::object(), club.players[0]);
  ASSERT_EQ(booking.status, 201) << booking.body;
  auto availability = c.get("/api/v1/facilities/" + club.facility + "/availability?date=" + at(day).substr(0, 10));
  ASSERT_EQ(availability.status, 200) << availability.body;
  EXPECT_NE(availability.body.find("\"booked\""), std::string::npos);
  // Limits still hold, in this process: an anonymous caller runs out of its 120 requests.
  int limited = 0;
  std::string retry_after;
  for (int i = 0; i < 150 && limited == 0; ++i) {
    auto r = c.get("/api/v1/facilities/" + club.facility);
    if (r.status == 429) {
      ++limited;
      retry_after = r.header("Retry-After");
    }
  }
  EXPECT_EQ(limited, 1);
  EXPECT_FALSE(retry_after.empty());

  // Back: the limits are Redis's again.
  redis.start();
  ASSERT_TRUE(redis.answers());
  EXPECT_EQ(redis.buckets(), 0);
  const auto until = SteadyClock::now() + seconds(10);
  while (SteadyClock::now() < until && redis.buckets() == 0) {
    c.get("/api/v1/me", club.players[2]);
    std::this_thread::sleep_for(milliseconds(100));
  }
  EXPECT_GT(redis.buckets(), 0);
  EXPECT_FALSE(serve.exited());
}

SB_INSTANTIATE_BACKENDS(RedisOutage);

}  // namespace
}  // namespace slotbase::testing
