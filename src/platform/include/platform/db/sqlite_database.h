#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "platform/db/database.h"
#include "platform/db/pool.h"

struct sqlite3;

namespace slotbase::db {

/// SQLite in WAL mode. Readers run concurrently; writers serialise on BEGIN IMMEDIATE, waiting
/// up to the busy timeout for the lock.
class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, int pool_size);
  ~SqliteDatabase() override { stop_grouped_writes(); }
  Dialect dialect() const override { return Dialect::sqlite; }
  PoolStats stats() const override { return pool_.stats(); }
  PooledConnection acquire() override { return PooledConnection(this, pool_.take()); }

 protected:
  void release(std::unique_ptr<Connection> conn) override { pool_.give_back(std::move(conn)); }
  bool groups_writes() const override { return true; }
  Connection& group_connection() override;

 public:
  /// Copies the write-ahead log back into the database file on its own connection and thread,
  /// once kPages have been appended since the last copy (and every second), so that no request
  /// waits for the copy and its fsyncs. Writers go on meanwhile; once the log is kRestartPages
  /// long, what is left of it is copied under the process's write lock, so the log can start
  /// over instead of growing.
  class Checkpointer {
   public:
    static constexpr int kPages = 1000;  // SQLite's own default threshold
    static constexpr int kRestartPages = 8 * kPages;
    Checkpointer(const std::string& path, std::mutex& writer);
    ~Checkpointer();
    /// Called after each commit with the log's size in pages.
    void wal_grew(int pages);

   private:
    void run();
    std::mutex& writer_;  // the process's write lock, held while copying
    sqlite3* db_ = nullptr;
    std::thread thread_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::atomic<bool> due_{false};
    std::atomic<int> copied_{0};  // log pages copied by the last pass
    bool stop_ = false;
  };

 private:
  std::string path_;
  std::mutex writer_;                           // one writing transaction at a time in this process
  std::unique_ptr<Checkpointer> checkpointer_;  // outlives the pool's connections, which call it
  ConnectionPool pool_;
  // The group writer's, opened on its first batch. The pool's connections only read, so between
  // two batches nothing else has written, and its page cache stays valid: a pooled connection
  // would reload every page it touches whenever another connection had written last.
  std::unique_ptr<Connection> group_connection_;
};

}  // namespace slotbase::db
