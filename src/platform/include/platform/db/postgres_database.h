#pragma once

#include <string>

#include "platform/db/database.h"
#include "platform/db/pool.h"

namespace slotbase::db {

/// PostgreSQL through libpq: a pool of connections, each with its own prepared-statement cache.
class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string url, int pool_size);
  Dialect dialect() const override { return Dialect::postgres; }
  PoolStats stats() const override { return pool_.stats(); }
  PooledConnection acquire() override { return PooledConnection(this, pool_.take()); }

 protected:
  void release(std::unique_ptr<Connection> conn) override { pool_.give_back(std::move(conn)); }

 private:
  std::string url_;
  ConnectionPool pool_;
};

}  // namespace slotbase::db
