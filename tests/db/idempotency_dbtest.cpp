#include "db/db_fixture.h"
#include "platform/http/idempotency.h"

namespace slotbase::testing {
namespace {

class IdempotencyTest : public DbTest {};

TEST_P(IdempotencyTest, ReplaysTheFirstResponseForTheSameRequest) {
  http::IdempotencyStore store(*db_, clock_);
  EXPECT_EQ(store.begin("user:u1", "k1", "hash-a").outcome, http::IdempotencyStore::Outcome::proceed);
  EXPECT_EQ(store.begin("user:u1", "k1", "hash-a").outcome, http::IdempotencyStore::Outcome::in_progress);
  store.complete("user:u1", "k1", http::Response::json(201, {{"id", "org_1"}}));
  auto again = store.begin("user:u1", "k1", "hash-a");
  ASSERT_EQ(again.outcome, http::IdempotencyStore::Outcome::replay);
  EXPECT_EQ(again.replay.status, 201);
  EXPECT_EQ(nlohmann::json::parse(again.replay.body)["id"], "org_1");
  EXPECT_EQ(again.replay.headers["Content-Type"], "application/json");
}

TEST_P(IdempotencyTest, SameKeyWithAnotherBodyIsAMismatch) {
  http::IdempotencyStore store(*db_, clock_);
  store.begin("user:u1", "k1", "hash-a");
  store.complete("user:u1", "k1", http::Response::no_content());
  EXPECT_EQ(store.begin("user:u1", "k1", "hash-b").outcome, http::IdempotencyStore::Outcome::mismatch);
}

TEST_P(IdempotencyTest, KeysBelongToTheirCaller) {
  http::IdempotencyStore store(*db_, clock_);
  store.begin("user:u1", "k1", "hash-a");
  EXPECT_EQ(store.begin("user:u2", "k1", "hash-a").outcome, http::IdempotencyStore::Outcome::proceed);
}

TEST_P(IdempotencyTest, AnAbandonedOrExpiredKeyRunsAgain) {
  http::IdempotencyStore store(*db_, clock_);
  store.begin("user:u1", "k1", "hash-a");
  store.abandon("user:u1", "k1");
  EXPECT_EQ(store.begin("user:u1", "k1", "hash-a").outcome, http::IdempotencyStore::Outcome::proceed);
  store.complete("user:u1", "k1", http::Response::no_content());
  clock_.advance(std::chrono::hours(25));
  EXPECT_EQ(store.begin("user:u1", "k1", "hash-b").outcome, http::IdempotencyStore::Outcome::proceed);
}

TEST_P(IdempotencyTest, AStuckRequestReleasesItsKeyAfterFiveMinutes) {
  http::IdempotencyStore store(*db_, clock_);
  store.begin("user:u1", "k1", "hash-a");
  clock_.advance(std::chrono::minutes(4));
  EXPECT_EQ(store.begin("user:u1", "k1", "hash-a").outcome, http::IdempotencyStore::Outcome::in_progress);
  clock_.advance(std::chrono::minutes(2));
  EXPECT_EQ(store.begin("user:u1", "k1", "hash-a").outcome, http::IdempotencyStore::Outcome::proceed);
}

SB_INSTANTIATE_BACKENDS(IdempotencyTest);

}  // namespace
}  // namespace slotbase::testing
