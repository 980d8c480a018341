#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "platform/db/database.h"

namespace slotbase::db {

/// The connection pool both backends share: up to `size` connections, opened lazily.
class ConnectionPool {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;
  ConnectionPool(int size, Factory factory) : size_(size), factory_(std::move(factory)) {}

  std::unique_ptr<Connection> take();
  void give_back(std::unique_ptr<Connection> conn);
  PoolStats stats() const;

 private:
  const int size_;
  Factory factory_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;
  int in_use_ = 0;
  std::int64_t waits_ = 0;
};

}  // namespace slotbase::db
