#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/clock/clock.h"
#include "platform/db/database.h"

namespace slotbase::events {

struct Job {
  std::string id;
  std::string kind;
  nlohmann::json payload;
  Instant run_at;
  int attempts = 0;
  int max_attempts = 0;
  std::string status;  // pending | running | done | dead
  std::optional<std::string> last_error;
};

/// Durable delayed and retried work (hold expiry, reminders, webhook retries...). Jobs are rows;
/// a worker claims due ones (on PostgreSQL with FOR UPDATE SKIP LOCKED, so several workers share
/// the table), runs the handler for its kind, and on failure retries with exponential backoff
/// until `max_attempts`, after which the job is `dead`. Handlers must be idempotent: a worker that
/// dies mid-job leaves it to be claimed again when its lock lapses, or at once by a worker on the
/// same machine that sees the process gone. Thread-safe.
class JobQueue {
 public:
  using Handler = std::function<void(const Job&)>;

  struct Options {
    std::chrono::seconds base_backoff{2};
    std::chrono::seconds max_backoff{3600};
    std::chrono::seconds lock_for{300};
    int default_max_attempts = 8;
  };

  JobQueue(db::Database& db, const Clock& clock, Options options);
  JobQueue(db::Database& db, const Clock& clock) : JobQueue(db, clock, Options{}) {}

  /// Adds a job in the caller's transaction. With a `dedupe_key`, a second job of the same key is
  /// not added and the first one's id is returned.
  std::string enqueue(db::Connection& tx, const std::string& kind, const nlohmann::json& payload, Instant run_at,
                      std::optional<std::string> dedupe_key = std::nullopt,
                      std::optional<int> max_attempts = std::nullopt) const;

  /// Adds a job in the caller's transaction without waiting for the database's answer (see
  /// Connection::execute_later); with a `dedupe_key` already taken, the first job stays alone.
  void schedule(db::Connection& tx, const std::string& kind, const nlohmann::json& payload, Instant run_at,
                const std::string& dedupe_key) const;

  void handle(std::string kind, Handler handler);

  /// Claims and runs up to `limit` due jobs; returns how many ran (succeeded or not).
  int run_due(int limit = 50);

  std::vector<Job> list(std::optional<std::string> status, int limit);
  /// Jobs waiting to run (pending and due or not) and jobs given up on.
  std::int64_t depth();
  std::int64_t dead();

 private:
  /// At most once a second: makes the jobs that a gone process of this machine had claimed
  /// due at once (see owner_is_gone).
  void release_gone_workers();

  db::Database& db_;
  const Clock& clock_;
  Options options_;
  std::string worker_;
  mutable std::mutex mu_;
  std::map<std::string, Handler> handlers_;
  std::chrono::steady_clock::time_point next_gone_check_;  // guarded by mu_
};

}  // namespace slotbase::events
