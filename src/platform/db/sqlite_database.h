#pragma once

#include <mutex>
#include <string>

#include "platform/db/database.h"
#include "platform/db/pool.h"

namespace slotbase::db {

/// SQLite in WAL mode. Readers run concurrently; writers serialise on BEGIN IMMEDIATE, waiting
/// up to the busy timeout for the lock.
class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, int pool_size);
  Dialect dialect() const override { return Dialect::sqlite; }
  PoolStats stats() const override { return pool_.stats(); }
  PooledConnection acquire() override { return PooledConnection(this, pool_.take()); }

 protected:
  void release(std::unique_ptr<Connection> conn) override { pool_.give_back(std::move(conn)); }

 private:
  std::string path_;
  std::mutex writer_;  // one writing transaction at a time in this process
  ConnectionPool pool_;
};

}  // namespace slotbase::db
