#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "platform/core/result.h"

namespace slotbase::db {

enum class Dialect { sqlite, postgres };

/// What went wrong in the database, the same for both backends (SQLite result codes and
/// PostgreSQL SQLSTATEs are translated once, in each backend).
enum class ErrorKind {
  unique_violation,       // 23505 / SQLITE_CONSTRAINT_UNIQUE, PRIMARYKEY
  exclusion_violation,    // 23P01 (overlapping ranges)
  foreign_key_violation,  // 23503 / SQLITE_CONSTRAINT_FOREIGNKEY
  check_violation,        // 23514 / SQLITE_CONSTRAINT_CHECK, NOTNULL
  serialization_failure,  // 40001, 40P01 / SQLITE_BUSY, SQLITE_LOCKED: safe to retry
  connection,             // the server went away or could not be reached
  other,
};

class DbError : public std::runtime_error {
 public:
  DbError(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

/// A bound parameter. SQL uses PostgreSQL-style placeholders `$1..$n` on both backends.
using Param = std::variant<std::nullptr_t, std::int64_t, double, std::string, bool>;
using Params = std::vector<Param>;

template <class T>
Param opt(const std::optional<T>& v) {
  if (!v) return nullptr;
  return Param{*v};
}

/// One result row. Cells are kept as text (NULL as nullopt) and converted on access.
class Row {
 public:
  explicit Row(std::vector<std::optional<std::string>> cells) : cells_(std::move(cells)) {}
  std::size_t size() const { return cells_.size(); }
  bool is_null(std::size_t i) const { return !cells_.at(i).has_value(); }
  const std::string& text(std::size_t i) const;
  std::optional<std::string> opt_text(std::size_t i) const { return cells_.at(i); }
  std::int64_t i64(std::size_t i) const;
  std::optional<std::int64_t> opt_i64(std::size_t i) const;
  double f64(std::size_t i) const;
  bool boolean(std::size_t i) const;

 private:
  std::vector<std::optional<std::string>> cells_;
};

using Rows = std::vector<Row>;

/// One database session. Not thread-safe: it belongs to one thread between acquire and release.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  /// Runs one statement with bound parameters and returns its rows (empty for non-queries).
  virtual Rows query(std::string_view sql, const Params& params = {}) = 0;
  /// Runs one statement and returns the number of rows it changed.
  virtual std::int64_t execute(std::string_view sql, const Params& params = {}) = 0;
  /// Runs several statements without parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;
  /// Runs a write whose answer nobody waits for, in order with the transaction's other
  /// statements. PostgreSQL sends it with the next statement that needs an answer, or with the
  /// COMMIT, in one round trip; SQLite runs it at once. A failure it meets is thrown from that
  /// later statement (or the commit) instead. Outside a transaction it runs at once.
  virtual void execute_later(std::string_view sql, Params params) { execute(sql, params); }
  /// Runs `sql` at the end of the current transaction, just before it commits, and never if it
  /// rolls back. PostgreSQL sends it in one round trip with the COMMIT, so a lock it takes is
  /// held for no client round trip; SQLite runs it at once. Outside a transaction it runs at once.
  virtual void execute_at_commit(std::string_view sql, Params params) { execute(sql, params); }
  /// Savepoints inside a transaction: rolling back to one undoes what was written after it,
  /// waiting writes included (they run at once while a savepoint is open).
  virtual void savepoint(std::string_view name) { execute("SAVEPOINT " + std::string(name)); }
  virtual void rollback_to_savepoint(std::string_view name) { execute("ROLLBACK TO SAVEPOINT " + std::string(name)); }
  virtual void release_savepoint(std::string_view name) { execute("RELEASE SAVEPOINT " + std::string(name)); }
  virtual void begin(bool write) = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  virtual bool healthy() = 0;

  std::optional<Row> query_one(std::string_view sql, const Params& params = {}) {
    auto rows = query(sql, params);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
  }

  /// Work to run after the current transaction commits (never on rollback), e.g. waking the
  /// event dispatcher.
  void after_commit(std::function<void()> fn) { after_commit_.push_back(std::move(fn)); }
  std::vector<std::function<void()>> take_after_commit() { return std::exchange(after_commit_, {}); }
  void clear_after_commit() { after_commit_.clear(); }

 private:
  std::vector<std::function<void()>> after_commit_;
};

struct PoolStats {
  int size = 0;
  int in_use = 0;
  std::int64_t waits = 0;  // acquisitions that had to wait for a free connection
};

class Database;

/// A connection borrowed from the pool; returned when this goes out of scope.
class PooledConnection {
 public:
  PooledConnection(Database* db, std::unique_ptr<Connection> conn) : db_(db), conn_(std::move(conn)) {}
  PooledConnection(PooledConnection&&) = default;
  PooledConnection& operator=(PooledConnection&&) = delete;
  ~PooledConnection();
  Connection* operator->() const { return conn_.get(); }
  Connection& operator*() const { return *conn_; }

 private:
  Database* db_;
  std::unique_ptr<Connection> conn_;
};

/// A pool of connections to one database. Thread-safe.
class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  virtual PoolStats stats() const = 0;
  /// Borrows a connection, waiting for one to be free.
  virtual PooledConnection acquire() = 0;
  /// True when the database answers a trivial query.
  bool ping();

  /// Runs `fn(Connection&)` in one transaction. The transaction commits when fn returns normally
  /// (and, if fn returns a Result, only when it is ok); it rolls back on an error Result or an
  /// exception. Serialization failures and SQLite busy errors are retried a few times, so fn
  /// must not have effects outside the database (use Connection::after_commit for those).
  /// `write` takes SQLite's write lock at BEGIN (BEGIN IMMEDIATE), avoiding upgrade deadlocks.
  /// Where the database has one writer (SQLite), concurrent writes from several threads share one
  /// transaction and one commit (group commit): fn then runs on the database's writer thread, and
  /// its failure undoes only its own work.
  template <class F>
  auto transact(F&& fn, bool write = true) -> decltype(fn(std::declval<Connection&>()));

  /// Runs `fn` in a read-only transaction, or in the ReadScope open on this thread if any.
  template <class F>
  auto read(F&& fn) {
    if (ReadScope* scope = ReadScope::current(this)) return fn(scope->connection());
    return transact(std::forward<F>(fn), false);
  }

  /// One connection for every `read` this thread makes on the database while the scope lives,
  /// and on SQLite one read transaction: a request that checks facility, roles, hours and prices
  /// before it writes starts one transaction instead of one per lookup (each start reloads the
  /// page cache after any write). PostgreSQL reads run outside transactions, each statement with
  /// its own snapshot as under READ COMMITTED anyway. Writes (`transact`) still take their own connection, so close
  /// the scope before writing: its reads may not see what was written later. Scopes nest.
  ///
  /// A scope opened `until_write` (the HTTP pipeline opens one for a write request's session check)
  /// lends its snapshot to the reads that follow and ends early: before this thread's next write
  /// (`transact`), so that what the request reads afterwards includes its own writes, or with
  /// the first scope opened directly inside it.
  class ReadScope {
   public:
    enum class Lifetime { scope, until_write };
    explicit ReadScope(Database& db, Lifetime lifetime = Lifetime::scope);
    ~ReadScope();
    ReadScope(const ReadScope&) = delete;
    ReadScope& operator=(const ReadScope&) = delete;
    Connection& connection() { return conn_ ? **conn_ : current(db_)->connection(); }
    /// The innermost scope open on this thread for `db`, if any.
    static ReadScope* current(const Database* db);
    /// Ends the snapshot of the innermost scope on this thread for `db` if it was opened
    /// `until_write` and no scope is open inside it.
    static void end_lent(const Database* db) noexcept;

   private:
    void end() noexcept;

    Database* db_;
    std::optional<PooledConnection> conn_;  // none when an outer scope on this database serves
    ReadScope* outer_;
    bool until_write_;
    ReadScope* lent_ = nullptr;  // the until_write scope this one took over, ended with it
  };

 protected:
  friend class PooledConnection;
  virtual void release(std::unique_ptr<Connection> conn) = 0;
  /// True where writes queue for a single writer anyway, so committing them together is free.
  virtual bool groups_writes() const { return false; }
  /// The connection the group writer writes on, used by that thread alone; only databases that
  /// group writes have one.
  virtual Connection& group_connection() { throw DbError(ErrorKind::other, "this database does not group writes"); }
  /// Rolls back whatever is open on `conn` and drops its after-commit work, quietly.
  static void abandon(Connection& conn) noexcept;

 private:
  /// A write waiting for, or done by, a group commit.
  struct GroupedWrite {
    const std::function<bool(Connection&)>* body = nullptr;  // returns whether to keep what it wrote
    std::exception_ptr error;
    std::vector<std::function<void()>> after_commit;
    bool done = false;
    std::condition_variable wake;  // done
  };
  /// Queues body for the group writer and waits for its batch's commit: body runs on that thread,
  /// in a write transaction shared with the writes other threads queued meanwhile. Returns the
  /// body's after-commit work (empty when it chose to roll back); rethrows its exception.
  std::vector<std::function<void()>> write_grouped(const std::function<bool(Connection&)>& body);
  /// The group writer: one thread, started with the first grouped write, that takes what is
  /// queued as one batch once the last batch has committed, so the single writer never waits for
  /// a thread to wake and lead (and, under concurrent writes, once a few more have come).
  void run_group_writer();
  /// One transaction for the batch; should a write fail or refuse, the batch runs again with a
  /// savepoint per write. Every outcome, failures included, is left in the batch's writes.
  void commit_group(const std::vector<GroupedWrite*>& batch) noexcept;

  /// While writes come concurrently, the group writer waits up to kGatherWait for kGatherWrites
  /// of them before it starts a batch.
  static constexpr std::size_t kGatherWrites = 10;
  static constexpr std::chrono::microseconds kGatherWait{300};

  std::mutex group_mu_;
  std::condition_variable group_wake_;  // a write was queued to an idle writer, kGatherWrites are queued, or stop
  std::vector<GroupedWrite*> group_queue_;
  bool group_stop_ = false;
  std::thread group_writer_;

 protected:
  /// Ends the group writer once the writes queued have committed. A database that groups writes
  /// calls it first thing in its destructor, while its connections are still there.
  void stop_grouped_writes();
};

/// Opens a database from a URL: "sqlite:PATH" or "postgresql://...". `pool_size` connections.
std::unique_ptr<Database> open_database(const std::string& url, int pool_size);

template <class F>
auto Database::transact(F&& fn, bool write) -> decltype(fn(std::declval<Connection&>())) {
  using R = decltype(fn(std::declval<Connection&>()));
  if (write) ReadScope::end_lent(this);
  if (write && groups_writes()) {
    std::optional<std::conditional_t<std::is_void_v<R>, bool, R>> result;
    const std::function<bool(Connection&)> body = [&](Connection& c) {
      if constexpr (std::is_void_v<R>) {
        fn(c);
        return true;
      } else {
        result.emplace(fn(c));
        if constexpr (is_result_v<R>) return result->ok();
        return true;
      }
    };
    for (auto& f : write_grouped(body)) f();
    if constexpr (!std::is_void_v<R>) {
      return std::move(*result);
    } else {
      return;
    }
  }
  constexpr int kAttempts = 5;
  for (int attempt = 1;; ++attempt) {
    auto conn = acquire();
    conn->clear_after_commit();
    try {
      conn->begin(write);
      if constexpr (std::is_void_v<R>) {
        fn(*conn);
        conn->commit();
        for (auto& f : conn->take_after_commit()) f();
        return;
      } else {
        R result = fn(*conn);
        bool keep = true;
        if constexpr (is_result_v<R>) keep = result.ok();
        if (keep) {
          conn->commit();
          for (auto& f : conn->take_after_commit()) f();
        } else {
          conn->rollback();
          conn->clear_after_commit();
        }
        return result;
      }
    } catch (const DbError& e) {
      abandon(*conn);
      if (e.kind() == ErrorKind::serialization_failure && attempt < kAttempts) continue;
      throw;
    } catch (...) {
      abandon(*conn);
      throw;
    }
  }
}

}  // namespace slotbase::db
