#include "platform/db/pool.h"

namespace slotbase::db {

std::unique_ptr<Connection> ConnectionPool::take() {
  std::unique_lock lock(mu_);
  if (idle_.empty() && open_ >= size_) {
    ++waits_;
    cv_.wait(lock, [&] { return !idle_.empty() || open_ < size_; });
  }
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    ++in_use_;
    return conn;
  }
  ++open_;
  ++in_use_;
  lock.unlock();
  try {
    return factory_();
  } catch (...) {
    std::lock_guard relock(mu_);
    --open_;
    --in_use_;
    cv_.notify_one();
    throw;
  }
}

void ConnectionPool::give_back(std::unique_ptr<Connection> conn) {
  bool keep = conn->healthy();
  std::lock_guard lock(mu_);
  --in_use_;
  if (keep) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;  // a broken connection is dropped; the next take opens a fresh one
  }
  cv_.notify_one();
}

PoolStats ConnectionPool::stats() const {
  std::lock_guard lock(mu_);
  return {size_, in_use_, waits_};
}

}  // namespace slotbase::db
