#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "db/db_fixture.h"
#include "platform/events/dispatcher.h"
#include "platform/events/jobs.h"
#include "platform/events/outbox.h"

namespace slotbase::testing {
namespace {

class EventsTest : public DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    if (IsSkipped()) return;
    outbox_ = std::make_unique<events::Outbox>(clock_);
    dispatcher_ = std::make_unique<events::EventDispatcher>(
        *db_, clock_, events::EventDispatcher::Options{3, std::chrono::seconds(10), 100, std::chrono::seconds(30)});
  }
  void emit(const std::string& type, const std::string& aggregate, int n) {
    db_->transact([&](db::Connection& c) {
      outbox_->append(c, {type, "test", aggregate, {{"n", n}}, std::nullopt, std::nullopt, "", 1});
    });
  }
  std::unique_ptr<events::Outbox> outbox_;
  std::unique_ptr<events::EventDispatcher> dispatcher_;
};

TEST_P(EventsTest, DeliversCommittedEventsInOrderWithTheirFields) {
  std::vector<int> seen;
  events::DomainEvent first;
  dispatcher_->subscribe("test", {"thing.*"}, [&](const events::DomainEvent& e) {
    if (seen.empty()) first = e;
    seen.push_back(e.payload["n"]);
  });
  db_->transact([&](db::Connection& c) {
    outbox_->append(c, {"thing.made", "test", "a1", {{"n", 1}}, "usr_1", "fac_1", "req-1", 1});
  });
  emit("thing.changed", "a1", 2);
  emit("other.event", "a1", 99);
  emit("thing.changed", "a1", 3);
  EXPECT_EQ(dispatcher_->run_once(), 3);
  EXPECT_EQ(seen, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(first.type, "thing.made");
  EXPECT_EQ(first.source, "test");
  EXPECT_EQ(first.correlation_id, "req-1");
  EXPECT_EQ(first.metadata.user_id, "usr_1");
  EXPECT_EQ(first.metadata.facility_id, "fac_1");
  EXPECT_EQ(first.metadata.version, 1);
  EXPECT_EQ(first.id.size(), 36u);
  EXPECT_EQ(dispatcher_->run_once(), 0);
  EXPECT_EQ(dispatcher_->lag(), 0);
}

TEST_P(EventsTest, ARolledBackTransactionEmitsNothing) {
  int seen = 0;
  dispatcher_->subscribe("test", {}, [&](const events::DomainEvent&) { ++seen; });
  auto r = db_->transact([&](db::Connection& c) -> Result<void> {
    outbox_->append(c, {"thing.made", "test", "a1", nlohmann::json::object(), std::nullopt, std::nullopt, "", 1});
    return Error::conflict("test", "no");
  });
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(dispatcher_->run_once(), 0);
  EXPECT_EQ(seen, 0);
}

TEST_P(EventsTest, AnEventPreparedBeforeItsTransactionIsLoggedWholeOnceItCommits) {
  // Prepared outside the transaction, as the booking paths do; the transaction may run more than
  // once (a grouped write is run again when another write of its batch refuses).
  std::vector<events::DomainEvent> seen;
  dispatcher_->subscribe("test", {}, [&](const events::DomainEvent& e) { seen.push_back(e); });
  const auto prepared = outbox_->prepare({"thing.made", "test", "a1", {{"n", 7}}, "usr_1", "fac_1", "req-1", 1});
  auto first = db_->transact([&](db::Connection& c) -> Result<void> {
    outbox_->append(c, prepared);
    return Error::conflict("test", "not this time");
  });
  EXPECT_FALSE(first.ok());
  db_->transact([&](db::Connection& c) { outbox_->append(c, prepared); });
  EXPECT_EQ(dispatcher_->run_once(), 1);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].type, "thing.made");
  EXPECT_EQ(seen[0].aggregate_id, "a1");
  EXPECT_EQ(seen[0].payload, (nlohmann::json{{"n", 7}}));
  EXPECT_EQ(seen[0].correlation_id, "req-1");
  EXPECT_EQ(seen[0].metadata.facility_id, "fac_1");
}

TEST_P(EventsTest, AFailingHandlerIsRetriedAfterBackoffWithoutSkippingAhead) {
  int calls = 0;
  std::vector<int> delivered;
  dispatcher_->subscribe("flaky", {}, [&](const events::DomainEvent& e) {
    if (++calls == 1) throw std::runtime_error("temporarily down");
    delivered.push_back(e.payload["n"]);
  });
  emit("thing.made", "a1", 1);
  emit("thing.made", "a1", 2);
  EXPECT_EQ(dispatcher_->run_once(), 0);
  EXPECT_EQ(dispatcher_->run_once(), 0);  // still backing off: nothing, and not event 2 either
  clock_.advance(std::chrono::seconds(11));
  EXPECT_EQ(dispatcher_->run_once(), 2);
  EXPECT_EQ(delivered, (std::vector<int>{1, 2}));
}

TEST_P(EventsTest, APoisonEventIsDeadLetteredAndTheRestDelivered) {
  std::vector<int> delivered;
  dispatcher_->subscribe("picky", {}, [&](const events::DomainEvent& e) {
    if (e.payload["n"] == 1) throw std::runtime_error("cannot handle 1");
    delivered.push_back(e.payload["n"]);
  });
  emit("thing.made", "a1", 1);
  emit("thing.made", "a2", 2);
  for (int i = 0; i < 5; ++i) {
    dispatcher_->run_once();
    clock_.advance(std::chrono::seconds(100));
  }
  EXPECT_EQ(delivered, std::vector<int>{2});
  auto dead =
      db_->read([](db::Connection& c) { return c.query_one("SELECT subscriber, error, attempts FROM dead_events"); });
  ASSERT_TRUE(dead);
  EXPECT_EQ(dead->text(0), "picky");
  EXPECT_EQ(dead->text(1), "cannot handle 1");
  EXPECT_EQ(dead->i64(2), 3);
}

TEST_P(EventsTest, ARedeliveredEventIsNotAppliedTwice) {
  int applied = 0;
  auto handler = [&](const events::DomainEvent& e) {
    events::apply_once(*db_, "counter", e, [&](db::Connection&) { ++applied; });
  };
  dispatcher_->subscribe("counter", {}, handler);
  emit("thing.made", "a1", 1);
  dispatcher_->run_once();
  EXPECT_EQ(applied, 1);
  // Deliver the same event again, as after a crash between handling and advancing the cursor.
  auto events = db_->read([](db::Connection& c) { return events::Outbox::read(c, 1, INT64_MAX, 10); });
  ASSERT_EQ(events.size(), 1u);
  handler(events[0]);
  EXPECT_EQ(applied, 1);
}

TEST_P(EventsTest, ReplayRedeliversARangeToOneSubscriber) {
  std::vector<int> seen;
  dispatcher_->subscribe("projection", {}, [&](const events::DomainEvent& e) {
    events::apply_once(*db_, "projection", e, [&](db::Connection&) { seen.push_back(e.payload["n"]); });
  });
  emit("thing.made", "a1", 1);
  emit("thing.made", "a1", 2);
  emit("thing.made", "a1", 3);
  dispatcher_->run_once();
  ASSERT_EQ(seen.size(), 3u);
  auto first = db_->read([](db::Connection& c) { return c.query_one("SELECT MIN(seq) FROM outbox")->i64(0); });
  auto n = dispatcher_->replay("projection", first + 1, first + 2);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n.value(), 2);
  EXPECT_EQ(seen, (std::vector<int>{1, 2, 3, 2, 3}));
  EXPECT_FALSE(dispatcher_->replay("nobody", 1, 2).ok());
}

TEST_P(EventsTest, AnIdlePassWritesNothing) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "counts commits with SQLite's data_version";
  // The worker passes several times a second: with nothing to deliver and no job due it must not
  // take the write lock, whose commits would also throw away every connection's page cache.
  int delivered = 0;
  dispatcher_->subscribe("test", {"thing.*"}, [&](const events::DomainEvent&) { ++delivered; });
  events::JobQueue jobs(*db_, clock_);
  emit("thing.made", "a1", 1);
  EXPECT_EQ(dispatcher_->run_once(), 1);
  auto watcher = db_->acquire();  // sees commits made through any other connection
  auto version = [&] { return watcher->query_one("PRAGMA data_version")->i64(0); };
  const auto before = version();
  EXPECT_EQ(dispatcher_->run_once(), 0);
  EXPECT_EQ(jobs.run_due(), 0);
  EXPECT_EQ(version(), before);
  emit("thing.changed", "a1", 2);
  EXPECT_NE(version(), before);
  EXPECT_EQ(dispatcher_->run_once(), 1);
  EXPECT_EQ(delivered, 2);
}

TEST_P(EventsTest, ANewSubscriberStartsAtTheEndOfTheLog) {
  emit("thing.made", "a1", 1);
  int seen = 0;
  dispatcher_->subscribe("late", {}, [&](const events::DomainEvent&) { ++seen; });
  emit("thing.made", "a1", 2);
  dispatcher_->run_once();
  EXPECT_EQ(seen, 1);
}

TEST_P(EventsTest, ABatchHandlerTakesARunOfEventsAtOnceInOrder) {
  std::vector<std::vector<int>> calls;
  dispatcher_->subscribe(
      "projection", {"thing.*"}, [&](const events::DomainEvent& e) { calls.push_back({e.payload["n"]}); },
      [&](const std::vector<events::DomainEvent>& run) {
        std::vector<int> ns;
        for (const auto& e : run) ns.push_back(e.payload["n"]);
        calls.push_back(ns);
      });
  emit("thing.made", "a1", 1);
  emit("other.event", "a1", 99);
  emit("thing.changed", "a1", 2);
  emit("thing.changed", "a2", 3);
  EXPECT_EQ(dispatcher_->run_once(), 3);
  EXPECT_EQ(calls, (std::vector<std::vector<int>>{{1, 2, 3}}));
  EXPECT_EQ(dispatcher_->lag(), 0);
}

TEST_P(EventsTest, AFailingBatchIsDeliveredAgainOneByOneSoOnlyThePoisonWaits) {
  // The batch applies all or nothing; when it throws, the events go one at a time, and the one
  // that fails meets the retries and the dead-letter list alone.
  std::vector<int> applied;
  auto one = [&](const events::DomainEvent& e) {
    if (e.payload["n"] == 2) throw std::runtime_error("cannot handle 2");
    applied.push_back(e.payload["n"]);
  };
  int batches = 0;
  dispatcher_->subscribe("picky", {}, one, [&](const std::vector<events::DomainEvent>& run) {
    ++batches;
    for (const auto& e : run)
      if (e.payload["n"] == 2) throw std::runtime_error("cannot handle 2");
    for (const auto& e : run) applied.push_back(e.payload["n"]);
  });
  emit("thing.made", "a1", 1);
  emit("thing.made", "a2", 2);
  emit("thing.made", "a3", 3);
  EXPECT_EQ(dispatcher_->run_once(), 1);
  EXPECT_EQ(applied, std::vector<int>{1});  // 2 backs off; 3 waits behind it, in order
  for (int i = 0; i < 4; ++i) {
    clock_.advance(std::chrono::seconds(100));
    dispatcher_->run_once();
  }
  EXPECT_EQ(applied, (std::vector<int>{1, 3}));
  EXPECT_EQ(batches, 1);  // after a failure the retries go one by one
  auto dead = db_->read([](db::Connection& c) { return c.query_one("SELECT error FROM dead_events"); });
  ASSERT_TRUE(dead);
  EXPECT_EQ(dead->text(0), "cannot handle 2");
}

TEST_P(EventsTest, ParallelSubscribersEachGetEveryEventOnceInOrder) {
  events::EventDispatcher parallel(
      *db_, clock_, events::EventDispatcher::Options{3, std::chrono::seconds(10), 7, std::chrono::seconds(30), true});
  std::mutex mu;
  std::map<std::string, std::vector<int>> seen;
  for (std::string name : {"a", "b", "c"})
    parallel.subscribe(name, {}, [&, name](const events::DomainEvent& e) {
      std::lock_guard lock(mu);
      seen[name].push_back(e.payload["n"]);
    });
  std::vector<int> expected;
  for (int i = 1; i <= 30; ++i) {
    emit("thing.made", "a" + std::to_string(i % 4), i);
    expected.push_back(i);
  }
  EXPECT_EQ(parallel.run_once(), 90);
  for (std::string name : {"a", "b", "c"}) EXPECT_EQ(seen[name], expected) << name;
  EXPECT_EQ(parallel.lag(), 0);
  EXPECT_EQ(parallel.run_once(), 0);
}

SB_INSTANTIATE_BACKENDS(EventsTest);

}  // namespace
}  // namespace slotbase::testing

namespace slotbase::testing {
namespace {

class SharedDispatchTest : public DbTest {};

// Two processes' dispatchers on one database: each event reaches the subscriber once, in order.
TEST_P(SharedDispatchTest, TwoDispatchersDeliverEachEventOnce) {
  events::Outbox outbox(clock_);
  std::mutex mu;
  std::vector<int> seen;
  auto handler = [&](const events::DomainEvent& e) {
    std::lock_guard lock(mu);
    seen.push_back(e.payload["n"]);
  };
  events::EventDispatcher a(*db_, clock_), b(*db_, clock_);
  a.subscribe("projection", {}, handler);
  b.subscribe("projection", {}, handler);
  constexpr int kEvents = 200;
  std::thread producer([&] {
    for (int i = 0; i < kEvents; ++i) {
      db_->transact([&](db::Connection& c) {
        outbox.append(c, {"thing.made", "test", "a1", {{"n", i}}, std::nullopt, std::nullopt, "", 1});
      });
    }
  });
  std::atomic<bool> done{false};
  auto run = [&](events::EventDispatcher& d) {
    while (!done) d.run_once();
  };
  std::thread ta([&] { run(a); }), tb([&] { run(b); });
  producer.join();
  for (int i = 0; i < 500; ++i) {
    {
      std::lock_guard lock(mu);
      if (static_cast<int>(seen.size()) >= kEvents) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  done = true;
  ta.join();
  tb.join();
  ASSERT_EQ(static_cast<int>(seen.size()), kEvents);
  for (int i = 0; i < kEvents; ++i) EXPECT_EQ(seen[i], i);
}

SB_INSTANTIATE_BACKENDS(SharedDispatchTest);

}  // namespace
}  // namespace slotbase::testing
