#include "platform/db/database.h"

#include <charconv>

#include "platform/db/postgres_database.h"
#include "platform/db/sqlite_database.h"

namespace slotbase::db {

const std::string& Row::text(std::size_t i) const {
  const auto& c = cells_.at(i);
  if (!c) throw DbError(ErrorKind::other, "column " + std::to_string(i) + " is NULL");
  return *c;
}

std::int64_t Row::i64(std::size_t i) const {
  const auto& s = text(i);
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size())
    throw DbError(ErrorKind::other, "column " + std::to_string(i) + " is not an integer: " + s);
  return v;
}

std::optional<std::int64_t> Row::opt_i64(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return i64(i);
}

double Row::f64(std::size_t i) const {
  return std::stod(text(i));
}

bool Row::boolean(std::size_t i) const {
  const auto& s = text(i);
  return s == "1" || s == "t" || s == "true";
}

PooledConnection::~PooledConnection() {
  if (conn_) db_->release(std::move(conn_));
}

namespace {
thread_local Database::ReadScope* innermost_scope = nullptr;
}  // namespace

Database::ReadScope::ReadScope(Database& db, Lifetime lifetime)
    : db_(&db), outer_(innermost_scope), until_write_(lifetime == Lifetime::until_write) {
  if (outer_ && outer_->db_ == &db && outer_->until_write_ && outer_->conn_) {
    lent_ = outer_;  // its snapshot is this scope's, and ends with it
  } else if (!current(&db)) {
    conn_.emplace(db.acquire());
    (*conn_)->begin(false);
  }
  innermost_scope = this;
}

Database::ReadScope::~ReadScope() {
  innermost_scope = outer_;
  if (lent_) lent_->end();
  end();
}

void Database::ReadScope::end() noexcept {
  if (!conn_) return;
  try {
    (*conn_)->rollback();  // nothing was written: ending the snapshot is all
  } catch (...) {
  }
  conn_.reset();  // back to the pool
}

void Database::ReadScope::end_lent(const Database* db) noexcept {
  ReadScope* s = innermost_scope;
  if (s && s->db_ == db && s->until_write_) s->end();
}

Database::ReadScope* Database::ReadScope::current(const Database* db) {
  for (ReadScope* s = innermost_scope; s; s = s->outer_)
    if (s->db_ == db && s->conn_) return s;
  return nullptr;
}

std::vector<std::function<void()>> Database::write_grouped(const std::function<bool(Connection&)>& body) {
  GroupedWrite mine;
  mine.body = &body;
  std::unique_lock lock(group_mu_);
  if (!group_writer_.joinable()) group_writer_ = std::thread([this] { run_group_writer(); });
  group_queue_.push_back(&mine);
  if (group_queue_.size() == 1 || group_queue_.size() == kGatherWrites) group_wake_.notify_one();
  mine.wake.wait(lock, [&] { return mine.done; });
  if (mine.error) std::rethrow_exception(mine.error);
  return std::move(mine.after_commit);
}

void Database::run_group_writer() {
  std::unique_lock lock(group_mu_);
  std::size_t last_batch = 0;
  for (;;) {
    group_wake_.wait(lock, [&] { return group_stop_ || !group_queue_.empty(); });
    if (group_queue_.empty()) return;  // stopping, with nothing left to write
    // While writes come from several threads at once, each batch waits a moment for more: the
    // pages that writes share (the tables' last pages, the event log's) are then written once
    // for more of them. Once writes come one at a time (a batch of one), none is held back.
    if (last_batch > 1 && group_queue_.size() < kGatherWrites)
      group_wake_.wait_for(lock, kGatherWait, [&] { return group_stop_ || group_queue_.size() >= kGatherWrites; });
    auto batch = std::exchange(group_queue_, {});
    last_batch = batch.size();
    lock.unlock();
    commit_group(batch);
    lock.lock();
    for (auto* w : batch) {
      w->done = true;
      w->wake.notify_one();
    }
  }
}

void Database::stop_grouped_writes() {
  {
    std::lock_guard lock(group_mu_);
    group_stop_ = true;
  }
  group_wake_.notify_one();
  if (group_writer_.joinable()) group_writer_.join();
}

void Database::abandon(Connection& conn) noexcept {
  try {
    conn.rollback();
  } catch (...) {
  }
  conn.clear_after_commit();
}

void Database::commit_group(const std::vector<GroupedWrite*>& batch) noexcept {
  constexpr int kAttempts = 5;
  // Inside a handler: the whole batch fails with the exception being handled.
  auto fail_all = [&] {
    for (auto* w : batch) {
      w->after_commit.clear();
      if (!w->error) w->error = std::current_exception();
    }
  };
  // Most writes succeed, so the batch first runs as one plain transaction. Once a write fails or
  // refuses, the batch is undone and run again with each write in a savepoint of its own, so
  // that one write's failure undoes only its own work. A savepoint costs two statements and a
  // copy of every page the write changes.
  bool isolate = false;
  for (int attempt = 1;; ++attempt) {
    try {
      Connection& conn = group_connection();
      try {
        conn.begin(true);
        bool refused = false;
        for (auto* w : batch) {
          w->error = nullptr;
          w->after_commit.clear();
          conn.clear_after_commit();
          if (isolate) conn.savepoint("grouped_write");
          bool keep = false;
          try {
            keep = (*w->body)(conn);
          } catch (...) {
            w->error = std::current_exception();
          }
          if (keep && !w->error) {
            if (isolate) conn.release_savepoint("grouped_write");
            w->after_commit = conn.take_after_commit();
          } else if (isolate) {
            // Undoes this write alone. Should its failure have ended the whole transaction, this
            // throws and the batch is retried or failed below.
            conn.rollback_to_savepoint("grouped_write");
            conn.release_savepoint("grouped_write");
            conn.clear_after_commit();
          } else {
            refused = true;
            break;
          }
        }
        if (refused) {
          abandon(conn);
          // A write alone has its outcome: nothing else was in its transaction.
          if (batch.size() == 1) return;
          isolate = true;
          continue;
        }
        conn.commit();
        return;
      } catch (...) {
        abandon(conn);
        throw;
      }
    } catch (const DbError& e) {
      if (e.kind() == ErrorKind::serialization_failure && attempt < kAttempts) continue;
      fail_all();
      return;
    } catch (...) {
      fail_all();  // no connection, or it failed outside any statement
      return;
    }
  }
}

bool Database::ping() {
  try {
    auto conn = acquire();
    auto row = conn->query_one("SELECT 1");
    return row && row->i64(0) == 1;
  } catch (const std::exception&) {
    return false;
  }
}

std::unique_ptr<Database> open_database(const std::string& url, int pool_size) {
  if (url.rfind("sqlite:", 0) == 0) return std::make_unique<SqliteDatabase>(url.substr(7), pool_size);
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
    return std::make_unique<PostgresDatabase>(url, pool_size);
  throw std::invalid_argument("database URL must start with sqlite: or postgresql://");
}

}  // namespace slotbase::db
