#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "db/db_fixture.h"
#include "platform/db/query_as.h"
#include "platform/db/unit_of_work.h"
#include "platform/http/pipeline.h"
#include "platform/ratelimit/rate_limiter.h"

namespace slotbase::testing {
namespace {

class DatabaseTest : public DbTest {};

TEST_P(DatabaseTest, MigratingTwiceAppliesNothingTheSecondTime) {
  EXPECT_TRUE(db::migrate(*db_).empty());
}

TEST_P(DatabaseTest, ReadyWhenTheDatabaseAnswers) {
  EXPECT_TRUE(db_->ping());
}

TEST_P(DatabaseTest, BoundParametersRoundTripEveryType) {
  auto row = db_->read([](db::Connection& c) {
    return c.query_one("SELECT $1, $2, $3, $4", {std::int64_t{-42}, std::string("it's \"quoted\""), true, nullptr});
  });
  ASSERT_TRUE(row);
  EXPECT_EQ(row->i64(0), -42);
  EXPECT_EQ(row->text(1), "it's \"quoted\"");
  EXPECT_TRUE(row->boolean(2));
  EXPECT_TRUE(row->is_null(3));
}

TEST_P(DatabaseTest, ErrorResultRollsBackTheWholeTransaction) {
  auto r = db_->transact([](db::Connection& c) -> Result<void> {
    c.execute("INSERT INTO organizations (id, name, created_by, created_at, updated_at) VALUES ('o1', 'A', 'u', 1, 1)");
    return Error::conflict("test", "changed my mind");
  });
  EXPECT_FALSE(r.ok());
  auto count = db_->read([](db::Connection& c) { return c.query_one("SELECT COUNT(*) FROM organizations")->i64(0); });
  EXPECT_EQ(count, 0);
}

TEST_P(DatabaseTest, WhatIsWrittenInAUnitOfWorkCommitsOrRollsBackWithItsTransaction) {
  auto insert = [](std::string id) {
    return [id](db::Connection& c) -> Result<void> {
      c.execute("INSERT INTO organizations (id, name, created_by, created_at, updated_at) VALUES ($1, 'A', 'u', 1, 1)",
                {id});
      return Ok{};
    };
  };
  auto count = [&] {
    return db_->read([](db::Connection& c) { return c.query_one("SELECT COUNT(*) FROM organizations")->i64(0); });
  };
  auto undone = db_->transact([&](db::Connection& c) -> Result<void> {
    SB_TRY(insert("o1")(c));
    SB_TRY(db::UnitOfWork::of(*db_, c).join(*db_, insert("o2")));
    return Error::conflict("test", "changed my mind");
  });
  EXPECT_FALSE(undone.ok());
  EXPECT_EQ(count(), 0);

  auto elsewhere = db::open_database(scratch_->url(), 1);
  auto done = db_->transact([&](db::Connection& c) -> Result<void> {
    SB_TRY(insert("o1")(c));
    const auto work = db::UnitOfWork::of(*db_, c);
    EXPECT_THROW((void)work.join(*elsewhere, insert("o3")), std::logic_error);
    return work.join(*db_, insert("o2"));
  });
  EXPECT_TRUE(done.ok());
  EXPECT_EQ(count(), 2);
}

TEST_P(DatabaseTest, ReadsInAScopeShareOneConnectionAndWritesStillCommit) {
  const db::Connection *first = nullptr, *nested = nullptr, *second = nullptr;
  {
    db::Database::ReadScope scope(*db_);
    db_->read([&](db::Connection& c) { first = &c; });
    {
      db::Database::ReadScope inner(*db_);
      db_->read([&](db::Connection& c) { nested = &c; });
    }
    db_->read([&](db::Connection& c) { second = &c; });
  }
  db_->transact([&](db::Connection& c) {
    c.execute("INSERT INTO organizations (id, name, created_by, created_at, updated_at) VALUES ('o1', 'A', 'u', 1, 1)");
  });
  EXPECT_EQ(first, nested);
  EXPECT_EQ(first, second);
  auto count = db_->read([](db::Connection& c) { return c.query_one("SELECT COUNT(*) FROM organizations")->i64(0); });
  EXPECT_EQ(count, 1);
  // Out of the scope every read is its own transaction again, on whichever connection is free.
  db::Database::ReadScope later(*db_);
  EXPECT_EQ(db_->read([](db::Connection& c) { return c.query_one("SELECT COUNT(*) FROM organizations")->i64(0); }), 1);
}

// The pipeline lends a request's session check snapshot to the handler's first reads.
TEST_P(DatabaseTest, ASnapshotLentUntilAWriteEndsBeforeTheWriteSoTheRequestReadsItsOwnWrite) {
  auto organizations = [&] {
    return db_->read([](db::Connection& c) { return c.query_one("SELECT COUNT(*) FROM organizations")->i64(0); });
  };
  db::Database::ReadScope lent(*db_, db::Database::ReadScope::Lifetime::until_write);
  EXPECT_EQ(organizations(), 0);
  EXPECT_EQ(db_->stats().in_use, 1);
  db_->transact([&](db::Connection& c) {
    c.execute("INSERT INTO organizations (id, name, created_by, created_at, updated_at) VALUES ('o1', 'A', 'u', 1, 1)");
  });
  EXPECT_EQ(db_->stats().in_use, 0);  // the snapshot ended and its connection went back
  EXPECT_EQ(organizations(), 1);
}

TEST_P(DatabaseTest, AScopeOpenedInsideALentSnapshotSharesItAndEndsIt) {
  const db::Connection *lent_connection = nullptr, *inner_connection = nullptr;
  db::Database::ReadScope lent(*db_, db::Database::ReadScope::Lifetime::until_write);
  db_->read([&](db::Connection& c) { lent_connection = &c; });
  {
    db::Database::ReadScope inner(*db_);
    db_->read([&](db::Connection& c) { inner_connection = &c; });
    EXPECT_EQ(db_->stats().in_use, 1);
  }
  EXPECT_EQ(lent_connection, inner_connection);
  EXPECT_EQ(db_->stats().in_use, 0);
  // Reads after it run in transactions of their own again.
  EXPECT_EQ(db_->read([](db::Connection& c) { return c.query_one("SELECT COUNT(*) FROM organizations")->i64(0); }), 0);
}

// The HTTP pipeline lends a signed-in write's session check snapshot to its handler. A read
// (GET) gets none: what it caches under a version it reads must not describe an older state.
TEST_P(DatabaseTest, ThePipelineLendsTheSessionChecksSnapshotToWritesOnly) {
  struct AnyToken final : http::Authenticator {
    Result<http::Principal> authenticate(const std::string&) override {
      return http::Principal{"usr_1", "ses_1", nullptr};
    }
  } auth;
  bool lent_to_get = true, lent_to_post = false;
  auto noting_into = [this](bool& lent) {
    return [this, &lent](http::Request&) {
      lent = db::Database::ReadScope::current(db_.get()) != nullptr;
      return http::Response::no_content();
    };
  };
  http::Router router;
  router.add({"GET", "/thing", noting_into(lent_to_get), http::Auth::required, http::RateClass::normal, "a read"});
  router.add({"POST", "/thing", noting_into(lent_to_post), http::Auth::required, http::RateClass::normal, "a write"});
  ratelimit::UnlimitedRateLimiter limiter;
  http::IdempotencyStore idempotency(*db_, clock_);
  http::Metrics metrics;
  http::PipelineOptions options;
  options.database = db_.get();
  http::Pipeline pipeline(router, auth, limiter, idempotency, metrics, options);
  for (const char* method : {"GET", "POST"}) {
    http::Request request;
    request.method = method;
    request.path = request.target = "/thing";
    request.headers["Authorization"] = "Bearer any";
    EXPECT_EQ(pipeline.handle(request).status, 204) << method;
  }
  EXPECT_FALSE(lent_to_get);
  EXPECT_TRUE(lent_to_post);
  EXPECT_EQ(db_->stats().in_use, 0);
}

namespace {
constexpr std::string_view kInsertOrg =
    "INSERT INTO organizations (id, name, created_by, created_at, updated_at) VALUES ($1, $2, 'u', 1, 1)";

std::vector<std::string> organization_names(db::Database& db) {
  std::vector<std::string> out;
  db.read([&](db::Connection& c) {
    for (const auto& r : c.query("SELECT name FROM organizations ORDER BY id")) out.push_back(r.text(0));
  });
  return out;
}

std::string first_text(const db::Row& r) {
  return r.text(0);
}
}  // namespace

TEST_P(DatabaseTest, QueryAsMapsEveryRowInTheOrderTheQueryGivesThem) {
  db_->transact([](db::Connection& c) {
    c.execute(kInsertOrg, {std::string("o1"), std::string("Riverside")});
    c.execute(kInsertOrg, {std::string("o2"), std::string("Albany")});
    c.execute(kInsertOrg, {std::string("o3"), std::string("Marsh")});
  });
  auto [mapped, none] = db_->read([](db::Connection& c) {
    return std::pair{db::query_as(c, "SELECT name, id FROM organizations WHERE id <> $1 ORDER BY name",
                                  {std::string("o3")}, [](const db::Row& r) { return r.text(1) + ":" + r.text(0); }),
                     db::query_as(c, "SELECT name FROM organizations WHERE id = $1", {std::string("o9")}, first_text)};
  });
  EXPECT_EQ(mapped, (std::vector<std::string>{"o2:Albany", "o1:Riverside"}));
  EXPECT_TRUE(none.empty());
}

TEST_P(DatabaseTest, QueryOneAsMapsTheFirstRowOrGivesNothing) {
  db_->transact([](db::Connection& c) {
    c.execute(kInsertOrg, {std::string("o1"), std::string("Riverside")});
    c.execute(kInsertOrg, {std::string("o2"), std::string("Albany")});
  });
  db_->read([](db::Connection& c) {
    EXPECT_EQ(db::query_one_as(c, "SELECT name FROM organizations ORDER BY name", {}, first_text), "Albany");
    EXPECT_EQ(db::query_one_as(c, "SELECT name FROM organizations WHERE id = $1", {std::string("o9")}, first_text),
              std::nullopt);
    // A row of NULLs is still a row: the mapper decides what NULL means.
    auto null_row = db::query_one_as(c, "SELECT $1", {nullptr}, [](const db::Row& r) { return r.opt_text(0); });
    ASSERT_TRUE(null_row.has_value());
    EXPECT_EQ(*null_row, std::nullopt);
  });
}

// Writes that wait for the next statement (PostgreSQL sends them in its round trip) still run in
// the order they were written, and what reads after them sees them.
TEST_P(DatabaseTest, WaitingWritesRunInOrderBeforeTheNextStatement) {
  auto seen = db_->transact([](db::Connection& c) {
    c.execute_later(kInsertOrg, {std::string("o1"), std::string("first")});
    c.execute_later("UPDATE organizations SET name = $2 WHERE id = $1", {std::string("o1"), std::string("second")});
    return c.query_one("SELECT name FROM organizations WHERE id = 'o1'")->text(0);
  });
  EXPECT_EQ(seen, "second");
  EXPECT_EQ(organization_names(*db_), std::vector<std::string>{"second"});
}

TEST_P(DatabaseTest, AWaitingWriteThatFailsFailsItsWholeTransaction) {
  try {
    db_->transact([](db::Connection& c) {
      c.execute(kInsertOrg, {std::string("o1"), std::string("A")});
      c.execute_later(kInsertOrg, {std::string("o2"), std::string("B")});
      c.execute_later(kInsertOrg, {std::string("o1"), std::string("again")});  // the same id
    });
    FAIL() << "the duplicate was not refused";
  } catch (const db::DbError& e) {
    EXPECT_EQ(e.kind(), db::ErrorKind::unique_violation);
  }
  EXPECT_TRUE(organization_names(*db_).empty());
  // The connection is fit for the next transaction.
  db_->transact([](db::Connection& c) { c.execute_later(kInsertOrg, {std::string("o3"), std::string("C")}); });
  EXPECT_EQ(organization_names(*db_), std::vector<std::string>{"C"});
}

TEST_P(DatabaseTest, CommitStatementsRunLastAndNeverOnRollback) {
  auto r = db_->transact([](db::Connection& c) -> Result<void> {
    c.execute_at_commit(kInsertOrg, {std::string("o1"), std::string("A")});
    return Error::conflict("test", "changed my mind");
  });
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(organization_names(*db_).empty());

  auto before_commit = db_->transact([](db::Connection& c) {
    c.execute_at_commit(kInsertOrg, {std::string("o2"), std::string("at commit")});
    c.execute_later(kInsertOrg, {std::string("o1"), std::string("later")});
    return c.query_one("SELECT COUNT(*) FROM organizations")->i64(0);
  });
  // On SQLite the commit statement ran at once; on PostgreSQL it waited for the COMMIT.
  EXPECT_EQ(before_commit, db_->dialect() == db::Dialect::sqlite ? 2 : 1);
  EXPECT_EQ(organization_names(*db_), (std::vector<std::string>{"later", "at commit"}));
}

TEST_P(DatabaseTest, RollingBackToASavepointUndoesWhatWasWrittenAfterIt) {
  db_->transact([](db::Connection& c) {
    c.execute_later(kInsertOrg, {std::string("o1"), std::string("kept")});
    c.savepoint("trial");
    c.execute_later(kInsertOrg, {std::string("o2"), std::string("undone")});
    c.execute_at_commit(kInsertOrg, {std::string("o3"), std::string("undone too")});
    c.rollback_to_savepoint("trial");
    c.release_savepoint("trial");
    c.execute_at_commit(kInsertOrg, {std::string("o4"), std::string("after")});
  });
  EXPECT_EQ(organization_names(*db_), (std::vector<std::string>{"kept", "after"}));
}

TEST_P(DatabaseTest, ExceptionRollsBackAndPropagates) {
  EXPECT_THROW(db_->transact([](db::Connection& c) {
    c.execute("INSERT INTO organizations (id, name, created_by, created_at, updated_at) VALUES ('o1', 'A', 'u', 1, 1)");
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  auto count = db_->read([](db::Connection& c) { return c.query_one("SELECT COUNT(*) FROM organizations")->i64(0); });
  EXPECT_EQ(count, 0);
}

TEST_P(DatabaseTest, UniqueViolationsAreTranslatedTheSameOnBothBackends) {
  auto insert = [&] {
    db_->transact([](db::Connection& c) {
      c.execute(
          "INSERT INTO organizations (id, name, created_by, created_at, updated_at) VALUES ('o1', 'A', 'u', 1, 1)");
    });
  };
  insert();
  try {
    insert();
    FAIL() << "expected a unique violation";
  } catch (const db::DbError& e) {
    EXPECT_EQ(e.kind(), db::ErrorKind::unique_violation);
  }
}

TEST_P(DatabaseTest, AfterCommitRunsOnlyOnCommit) {
  int ran = 0;
  db_->transact([&](db::Connection& c) { c.after_commit([&] { ++ran; }); });
  EXPECT_EQ(ran, 1);
  auto r = db_->transact([&](db::Connection& c) -> Result<void> {
    c.after_commit([&] { ++ran; });
    return Error::internal("no");
  });
  EXPECT_EQ(ran, 1);
}

TEST_P(DatabaseTest, ConcurrentWritersAllCommit) {
  // Many threads incrementing through read-modify-write transactions: none is lost.
  db_->transact([](db::Connection& c) {
    c.execute("INSERT INTO event_subscriptions (subscriber, last_seq) VALUES ('counter', 0)");
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        db_->transact([](db::Connection& c) {
          if (c.dialect() == db::Dialect::postgres)
            c.query("SELECT last_seq FROM event_subscriptions WHERE subscriber = 'counter' FOR UPDATE");
          auto v = c.query_one("SELECT last_seq FROM event_subscriptions WHERE subscriber = 'counter'")->i64(0);
          c.execute("UPDATE event_subscriptions SET last_seq = $1 WHERE subscriber = 'counter'", {v + 1});
        });
      }
    });
  }
  for (auto& t : threads) t.join();
  auto v = db_->read([](db::Connection& c) {
    return c.query_one("SELECT last_seq FROM event_subscriptions WHERE subscriber = 'counter'")->i64(0);
  });
  EXPECT_EQ(v, 80);
}

TEST_P(DatabaseTest, WritesCommitWhileEveryPooledConnectionIsTakenByReaders) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "SQLite's group writer has a connection of its own";
  // Requests that read fill the pool; writes from other threads must not wait for them.
  std::vector<db::PooledConnection> taken;
  for (int i = 0; i < 8; ++i) taken.push_back(db_->acquire());
  std::vector<std::thread> writers;
  std::atomic<int> committed{0};
  for (int t = 0; t < 4; ++t)
    writers.emplace_back([&, t] {
      db_->transact([&](db::Connection& c) {
        c.execute("INSERT INTO event_subscriptions (subscriber, last_seq) VALUES ($1, 0)", {"w" + std::to_string(t)});
      });
      ++committed;
    });
  for (int i = 0; i < 500 && committed < 4; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  const int while_taken = committed;
  taken.clear();  // lets writers that wait for a connection finish
  for (auto& w : writers) w.join();
  EXPECT_EQ(while_taken, 4);
  auto written = db_->read([](db::Connection& c) {
    return c.query_one("SELECT COUNT(*) FROM event_subscriptions WHERE subscriber LIKE 'w%'")->i64(0);
  });
  EXPECT_EQ(written, 4);
}

TEST_P(DatabaseTest, ConcurrentWritesThatFailUndoOnlyThemselves) {
  // On SQLite concurrent writes share one transaction (group commit): a write that returns an
  // error, throws or breaks a constraint must still roll back alone, and each caller must get its
  // own outcome and run its own after-commit work.
  auto insert = [](db::Connection& c, const std::string& id) {
    c.execute("INSERT INTO organizations (id, name, created_by, created_at, updated_at) VALUES ($1, 'A', 'u', 1, 1)",
              {id});
  };
  db_->transact([&](db::Connection& c) { insert(c, "taken"); });
  constexpr int kThreads = 16, kRounds = 20;
  std::atomic<int> committed{0}, refused{0}, thrown{0}, duplicates{0}, foreign_after_commit{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const auto me = std::this_thread::get_id();
      for (int i = 0; i < kRounds; ++i) {
        const std::string id = "o" + std::to_string(t) + "-" + std::to_string(i);
        try {
          auto r = db_->transact([&](db::Connection& c) -> Result<void> {
            insert(c, id);
            c.after_commit([&, me] {
              if (std::this_thread::get_id() != me) ++foreign_after_commit;
              ++committed;
            });
            if (t % 4 == 1) return Error::conflict("test", "changed my mind");
            if (t % 4 == 2) throw std::runtime_error("boom");
            if (t % 4 == 3) insert(c, "taken");
            return Ok{};
          });
          if (!r.ok()) ++refused;
        } catch (const db::DbError& e) {
          if (e.kind() == db::ErrorKind::unique_violation) ++duplicates;
        } catch (const std::runtime_error&) {
          ++thrown;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  constexpr int kEach = kThreads / 4 * kRounds;
  EXPECT_EQ(committed, kEach);
  EXPECT_EQ(refused, kEach);
  EXPECT_EQ(thrown, kEach);
  EXPECT_EQ(duplicates, kEach);
  EXPECT_EQ(foreign_after_commit, 0);
  auto kept = db_->read(
      [](db::Connection& c) { return c.query("SELECT id FROM organizations WHERE id <> 'taken' ORDER BY id"); });
  ASSERT_EQ(kept.size(), static_cast<std::size_t>(kEach));
  for (const auto& row : kept) {
    const int t = std::stoi(row.text(0).substr(1));
    EXPECT_EQ(t % 4, 0) << row.text(0) << " should have been rolled back";
  }
}

TEST_P(DatabaseTest, TheWriteAheadLogIsFoldedBackIntoTheDatabaseFile) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "SQLite's write-ahead log";
  // Checkpoints run on their own thread rather than inside a commit: they must still run, or
  // the data would stay in the log and the database file would never grow.
  const std::string path = scratch_->url().substr(std::string("sqlite:").size());
  const auto before = std::filesystem::file_size(path);
  const std::string big(16 * 1024, 'x');
  for (int i = 0; i < 100; ++i) {
    db_->transact([&](db::Connection& c) {
      c.execute("INSERT INTO organizations (id, name, created_by, created_at, updated_at) VALUES ($1, $2, 'u', 1, 1)",
                {"o" + std::to_string(i), big});
    });
  }
  for (int i = 0; i < 50 && std::filesystem::file_size(path) < before + 100 * big.size(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_GE(std::filesystem::file_size(path), before + 100 * big.size());
}

// The log's checkpoint sequence number (bytes 12-15 of its header, big-endian), which SQLite
// raises each time the log starts over.
std::uint32_t log_restarts(const std::string& wal) {
  std::ifstream in(wal, std::ios::binary);
  unsigned char header[16] = {};
  in.read(reinterpret_cast<char*>(header), sizeof header);
  return (std::uint32_t{header[12]} << 24) | (std::uint32_t{header[13]} << 16) | (std::uint32_t{header[14]} << 8) |
         header[15];
}

TEST_P(DatabaseTest, TheWriteAheadLogStartsOverUnderSteadyWrites) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "SQLite's write-ahead log";
  // Checkpoints copy the log while writers go on appending, so under steady writes a pass never
  // reaches the log's end; unless the rest is copied between two writes now and then, the log
  // cannot start over and grows with everything written.
  const std::string wal = scratch_->url().substr(std::string("sqlite:").size()) + "-wal";
  const auto before = log_restarts(wal);
  const std::string big(16 * 1024, 'x');
  constexpr int kThreads = 4;
  constexpr int kEach = 1500;  // about 96 MB in all, about 160 MB of log: five times its restart size
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        db_->transact([&](db::Connection& c) {
          c.execute(
              "INSERT INTO organizations (id, name, created_by, created_at, updated_at) VALUES ($1, $2, 'u', 1, 1)",
              {"o" + std::to_string(t) + "-" + std::to_string(i), big});
        });
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_GT(log_restarts(wal), before) << "the log never started over while the writes went on";
  auto count = db_->read([](db::Connection& c) { return c.query_one("SELECT COUNT(*) FROM organizations")->i64(0); });
  EXPECT_EQ(count, kThreads * kEach);
}

SB_INSTANTIATE_BACKENDS(DatabaseTest);

}  // namespace
}  // namespace slotbase::testing
