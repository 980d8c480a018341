#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

namespace slotbase::db {

/// One read shared by the callers that ask for it at the same time. A caller always waits for a
/// read that begins after it asked, so it sees everything committed before it asked; the callers
/// that come while one read is on its way share the next. Where a read costs a round trip to a
/// database server, a busy second so makes a few such reads instead of one for every request.
/// Thread-safe.
template <class T>
class SharedRead {
 public:
  explicit SharedRead(std::function<T()> read) : read_(std::move(read)) {}

  T get() {
    std::unique_lock lock(mu_);
    if (!waiting_) waiting_ = std::make_shared<Batch>();
    const auto mine = waiting_;
    while (!mine->done) {
      if (running_) {
        wake_.wait(lock);
        continue;
      }
      // No read is on its way: this caller makes the one its batch waits for.
      running_ = true;
      waiting_.reset();
      lock.unlock();
      try {
        mine->value.emplace(read_());
      } catch (...) {
        mine->error = std::current_exception();
      }
      lock.lock();
      mine->done = true;
      running_ = false;
      wake_.notify_all();  // this batch's callers, and the next batch's, one of which reads next
    }
    if (mine->error) std::rethrow_exception(mine->error);
    return *mine->value;
  }

 private:
  struct Batch {
    bool done = false;
    std::optional<T> value;
    std::exception_ptr error;
  };

  std::function<T()> read_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool running_ = false;
  std::shared_ptr<Batch> waiting_;  // the callers the next read will serve
};

}  // namespace slotbase::db
