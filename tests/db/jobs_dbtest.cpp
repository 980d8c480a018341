#include <mutex>
#include <set>
#include <thread>

#include "db/db_fixture.h"
#include "platform/events/jobs.h"

namespace slotbase::testing {
namespace {

class JobsTest : public DbTest {
 protected:
  std::string enqueue(events::JobQueue& q, const std::string& kind, Instant at,
                      std::optional<std::string> dedupe = std::nullopt, std::optional<int> max = std::nullopt) {
    return db_->transact([&](db::Connection& c) { return q.enqueue(c, kind, {{"x", 1}}, at, dedupe, max); });
  }
};

TEST_P(JobsTest, RunsAJobOnlyWhenItIsDue) {
  events::JobQueue q(*db_, clock_);
  int ran = 0;
  q.handle("remind", [&](const events::Job& j) {
    EXPECT_EQ(j.payload["x"], 1);
    ++ran;
  });
  enqueue(q, "remind", clock_.now() + std::chrono::minutes(5));
  EXPECT_EQ(q.run_due(), 0);
  clock_.advance(std::chrono::minutes(5));
  EXPECT_EQ(q.run_due(), 1);
  EXPECT_EQ(ran, 1);
  EXPECT_EQ(q.run_due(), 0);
  EXPECT_EQ(q.list("done", 10).size(), 1u);
}

TEST_P(JobsTest, RetriesWithExponentialBackoffThenDies) {
  events::JobQueue q(*db_, clock_, {std::chrono::seconds(2), std::chrono::seconds(3600), std::chrono::seconds(300), 8});
  int ran = 0;
  q.handle("flaky", [&](const events::Job&) {
    ++ran;
    throw std::runtime_error("provider down");
  });
  enqueue(q, "flaky", clock_.now(), std::nullopt, 3);
  EXPECT_EQ(q.run_due(), 1);  // attempt 1 fails: next in 2 s
  clock_.advance(std::chrono::seconds(1));
  EXPECT_EQ(q.run_due(), 0);
  clock_.advance(std::chrono::seconds(1));
  EXPECT_EQ(q.run_due(), 1);  // attempt 2 fails: next in 4 s
  clock_.advance(std::chrono::seconds(3));
  EXPECT_EQ(q.run_due(), 0);
  clock_.advance(std::chrono::seconds(1));
  EXPECT_EQ(q.run_due(), 1);  // attempt 3 fails: dead
  clock_.advance(std::chrono::hours(2));
  EXPECT_EQ(q.run_due(), 0);
  EXPECT_EQ(ran, 3);
  auto dead = q.list("dead", 10);
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].last_error, "provider down");
  EXPECT_EQ(q.dead(), 1);
}

TEST_P(JobsTest, ADedupeKeyAddsTheJobOnce) {
  events::JobQueue q(*db_, clock_);
  auto a = enqueue(q, "expire-hold", clock_.now(), "hold:h1");
  auto b = enqueue(q, "expire-hold", clock_.now(), "hold:h1");
  EXPECT_EQ(a, b);
  EXPECT_EQ(q.depth(), 1);
}

TEST_P(JobsTest, TwoWorkersNeverRunTheSameJob) {
  events::JobQueue producer(*db_, clock_);
  for (int i = 0; i < 60; ++i) enqueue(producer, "work", clock_.now());
  std::mutex mu;
  std::multiset<std::string> ran;
  auto worker = [&] {
    events::JobQueue q(*db_, clock_);
    q.handle("work", [&](const events::Job& j) {
      std::lock_guard lock(mu);
      ran.insert(j.id);
    });
    while (q.run_due(5) > 0) {
    }
  };
  std::thread a(worker), b(worker);
  a.join();
  b.join();
  EXPECT_EQ(ran.size(), 60u);
  for (const auto& id : ran) EXPECT_EQ(ran.count(id), 1u) << id;
}

TEST_P(JobsTest, AJobOfAKindNobodyHandlesIsRetriedNotLost) {
  events::JobQueue q(*db_, clock_);
  enqueue(q, "unknown", clock_.now());
  EXPECT_EQ(q.run_due(), 1);
  auto pending = q.list("pending", 10);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].attempts, 1);
}

TEST_P(JobsTest, DueJobsRunEarliestFirstHoweverManyWaitFurtherAhead) {
  events::JobQueue q(*db_, clock_);
  std::vector<int> ran;
  q.handle("check", [&](const events::Job& j) { ran.push_back(j.payload["n"]); });
  db_->transact([&](db::Connection& c) {
    for (int i = 0; i < 300; ++i)
      q.schedule(c, "check", {{"n", 1000 + i}}, clock_.now() + std::chrono::hours(24 + i),
                 "later:" + std::to_string(i));
    q.schedule(c, "check", {{"n", 2}}, clock_.now() - std::chrono::minutes(1), "due:2");
    q.schedule(c, "check", {{"n", 1}}, clock_.now() - std::chrono::minutes(2), "due:1");
    q.schedule(c, "check", {{"n", 3}}, clock_.now(), "due:3");
    q.schedule(c, "check", {{"n", 99}}, clock_.now(), "due:3");  // the same key: not added
  });
  EXPECT_EQ(q.run_due(2), 2);
  EXPECT_EQ(ran, (std::vector<int>{1, 2}));
  EXPECT_EQ(q.run_due(), 1);
  EXPECT_EQ(ran, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(q.run_due(), 0);
  EXPECT_EQ(q.depth(), 300);
}

TEST_P(JobsTest, AJobWhoseWorkerStoppedIsTakenAgainOnceItsLockLapses) {
  events::JobQueue q(*db_, clock_);
  int ran = 0;
  q.handle("remind", [&](const events::Job&) { ++ran; });
  auto id = enqueue(q, "remind", clock_.now());
  // A worker claimed it and was never heard of again.
  db_->transact([&](db::Connection& c) {
    c.execute("UPDATE jobs SET status = 'running', locked_by = 'gone', locked_until = $2 WHERE id = $1",
              {id, epoch_seconds(clock_.now() + std::chrono::minutes(5))});
  });
  EXPECT_EQ(q.run_due(), 0);
  clock_.advance(std::chrono::minutes(6));
  EXPECT_EQ(q.run_due(), 1);
  EXPECT_EQ(ran, 1);
  EXPECT_EQ(q.list("done", 10).size(), 1u);
}

SB_INSTANTIATE_BACKENDS(JobsTest);

}  // namespace
}  // namespace slotbase::testing
