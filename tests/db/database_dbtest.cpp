#include <atomic>
#include <thread>

#include "db/db_fixture.h"

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

SB_INSTANTIATE_BACKENDS(DatabaseTest);

}  // namespace
}  // namespace slotbase::testing
