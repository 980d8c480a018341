#include "platform/db/sqlite_database.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include "platform/core/strings.h"

namespace slotbase::db {
namespace {

ErrorKind kind_of(int extended_code) {
  switch (extended_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return ErrorKind::unique_violation;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return ErrorKind::foreign_key_violation;
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
      return ErrorKind::check_violation;
    default:
      break;
  }
  switch (extended_code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ErrorKind::serialization_failure;
    case SQLITE_CANTOPEN:
      return ErrorKind::connection;
    default:
      return ErrorKind::other;
  }
}

// Before SQLite's first use in the process: no global allocation statistics, whose mutex every
// allocation of every connection would otherwise take.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

int on_wal_commit(void* checkpointer, sqlite3*, const char*, int pages) {
  static_cast<SqliteDatabase::Checkpointer*>(checkpointer)->wal_grew(pages);
  return SQLITE_OK;
}

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, std::mutex* writer, SqliteDatabase::Checkpointer* checkpointer)
      : writer_(writer) {
    int rc =
        sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw DbError(ErrorKind::connection, "cannot open SQLite database " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 10000);
    execute_script(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        "PRAGMA temp_store=MEMORY; PRAGMA journal_size_limit=67108864;");
    // Replaces SQLite's automatic checkpoint, which ran inside whichever commit crossed the
    // threshold, while that commit held the write lock.
    sqlite3_wal_hook(db_, on_wal_commit, checkpointer);
  }

  ~SqliteConnection() override {
    for (auto& [sql, prepared] : cache_) sqlite3_finalize(prepared.stmt);
    sqlite3_close(db_);
  }

  Dialect dialect() const override { return Dialect::sqlite; }

  Rows query(std::string_view sql, const Params& params) override {
    sqlite3_stmt* stmt = prepare(sql, params);
    Rows rows;
    const int columns = sqlite3_column_count(stmt);
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(rc, stmt);
      std::vector<std::optional<std::string>> cells;
      cells.reserve(columns);
      for (int c = 0; c < columns; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
          cells.emplace_back(std::nullopt);
        } else {
          auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          cells.emplace_back(std::string(text, sqlite3_column_bytes(stmt, c)));
        }
      }
      rows.emplace_back(std::move(cells));
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return rows;
  }

  std::int64_t execute(std::string_view sql, const Params& params) override {
    sqlite3_stmt* stmt = prepare(sql, params);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) fail(rc, stmt);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return sqlite3_changes(db_);
  }

  void execute_script(std::string_view sql) override {
    char* err = nullptr;
    std::string text(sql);
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      throw DbError(kind_of(sqlite3_extended_errcode(db_)), msg);
    }
  }

  // SQLite has one writer. Writers of this process queue on a mutex rather than on SQLite's busy
  // handler, which sleeps in growing steps and left most of a busy second idle; BEGIN IMMEDIATE
  // still guards against other processes.
  void begin(bool write) override {
    // Prepared once per connection, like every statement (execute_script would parse each time).
    if (!write) {
      execute("BEGIN", {});
      return;
    }
    writer_->lock();
    holding_ = true;
    try {
      execute("BEGIN IMMEDIATE", {});
    } catch (...) {
      release_writer();
      throw;
    }
  }
  void commit() override {
    execute("COMMIT", {});
    release_writer();
  }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) execute("ROLLBACK", {});
    release_writer();
  }
  bool healthy() override { return sqlite3_get_autocommit(db_) != 0; }

 private:
  /// A prepared statement and, for each placeholder $n, its SQLite parameter index (0 when the
  /// statement does not use $n): SQLite treats "$1" as a named parameter.
  struct Prepared {
    sqlite3_stmt* stmt = nullptr;
    std::vector<int> index_of;
  };

  sqlite3_stmt* prepare(std::string_view sql, const Params& params) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
      Prepared p;
      int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &p.stmt,
                                  nullptr);
      if (rc != SQLITE_OK) {
        throw DbError(kind_of(rc), std::string(sqlite3_errmsg(db_)) + " in: " + std::string(sql));
      }
      for (int index = 1; index <= sqlite3_bind_parameter_count(p.stmt); ++index) {
        const char* name = sqlite3_bind_parameter_name(p.stmt, index);
        if (!name || name[0] != '$') continue;
        const auto n = static_cast<std::size_t>(std::atoi(name + 1));
        if (n == 0) continue;
        if (p.index_of.size() < n) p.index_of.resize(n, 0);
        p.index_of[n - 1] = index;
      }
      it = cache_.emplace(std::string(sql), std::move(p)).first;
    }
    sqlite3_stmt* stmt = it->second.stmt;
    const auto& index_of = it->second.index_of;
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int index = i < index_of.size() ? index_of[i] : 0;
      if (index == 0) continue;
      int rc = std::visit(
          [&](const auto& v) -> int {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>)
              return sqlite3_bind_null(stmt, index);
            else if constexpr (std::is_same_v<T, std::int64_t>)
              return sqlite3_bind_int64(stmt, index, v);
            else if constexpr (std::is_same_v<T, double>)
              return sqlite3_bind_double(stmt, index, v);
            else if constexpr (std::is_same_v<T, bool>)
              return sqlite3_bind_int(stmt, index, v ? 1 : 0);
            else
              return sqlite3_bind_text(stmt, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
          },
          params[i]);
      if (rc != SQLITE_OK) fail(rc, stmt);
    }
    return stmt;
  }

  [[noreturn]] void fail(int rc, sqlite3_stmt* stmt) {
    std::string msg = sqlite3_errmsg(db_);
    int code = sqlite3_extended_errcode(db_);
    if (code == SQLITE_OK) code = rc;
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    throw DbError(kind_of(code), msg);
  }

  void release_writer() {
    if (holding_) {
      holding_ = false;
      writer_->unlock();
    }
  }

  sqlite3* db_ = nullptr;
  std::mutex* writer_;
  bool holding_ = false;
  TextMap<Prepared> cache_;  // looked up without copying the statement's text
};

}  // namespace

SqliteDatabase::Checkpointer::Checkpointer(const std::string& path, std::mutex& writer) : writer_(writer) {
  configure_sqlite_once();
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw DbError(ErrorKind::connection, "cannot open SQLite database " + path + ": " + msg);
  }
  sqlite3_busy_timeout(db_, 1000);
  // Also makes this connection see the log: until it has read the file it knows of no log to copy.
  sqlite3_exec(db_, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
  thread_ = std::thread([this] { run(); });
}

SqliteDatabase::Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  thread_.join();
  sqlite3_close(db_);
}

void SqliteDatabase::Checkpointer::wal_grew(int pages) {
  int copied = copied_.load();
  if (pages < copied) copied = 0;  // the log started over
  if (pages - copied < kPages || due_.exchange(true)) return;
  std::lock_guard lock(mu_);
  cv_.notify_one();
}

void SqliteDatabase::Checkpointer::run() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    // Also every second, so a quiet database's log is folded back soon after its last write.
    cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_ || due_.load(); });
    if (stop_) return;
    lock.unlock();
    // PASSIVE: never waits for readers or writers; a busy or failed pass is simply tried again at
    // the next one. The copy and its two fsyncs run while writers go on appending to the log.
    int log = 0;
    int copied = 0;
    sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
    if (log >= kRestartPages) {
      // Under steady writes the log has grown again by the time a pass ends, and it starts over
      // only when a write begins with all of it copied: now and then, copy the little that is
      // left between two of this process's writes, so that the next write can start it over.
      std::lock_guard writing(writer_);
      sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
    }
    copied_ = copied;
    due_ = false;
    lock.lock();
  }
}

namespace {

// The database holds password hashes and members' personal data: its file and the log files
// beside it are for the owner alone. A new file is created so before SQLite opens it (SQLite
// gives the -wal and -shm files the database file's mode); an existing one is put right.
std::string owner_only(const std::string& path) {
  if (path.empty() || path.starts_with(':') || path.starts_with("file:")) return path;
  if (int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600); fd >= 0) ::close(fd);
  for (const char* suffix : {"", "-wal", "-shm"}) ::chmod((path + suffix).c_str(), 0600);
  return path;
}

}  // namespace

SqliteDatabase::SqliteDatabase(std::string path, int pool_size)
    : path_(owner_only(path)),
      checkpointer_(std::make_unique<Checkpointer>(path_, writer_)),
      pool_(pool_size, [this] { return std::make_unique<SqliteConnection>(path_, &writer_, checkpointer_.get()); }) {
  // Open one connection now so a bad path fails at start-up, not on the first request.
  release(pool_.take());
}

Connection& SqliteDatabase::group_connection() {
  if (!group_connection_) group_connection_ = std::make_unique<SqliteConnection>(path_, &writer_, checkpointer_.get());
  return *group_connection_;
}

}  // namespace slotbase::db
