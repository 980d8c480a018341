#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace slotbase {

/// Wakes a background loop that works in passes: any thread rings, the loop waits between passes
/// for a ring or a timeout, and passes start at least a minimum time apart so that under load one
/// pass takes what many rings announced. A ring signals the loop only while it waits for one:
/// rings during a pass, or while it waits out the minimum time, cost a flag and no wake-up.
/// Thread-safe.
class Doorbell {
 public:
  using Clock = std::chrono::steady_clock;

  void ring() {
    std::lock_guard lock(mu_);
    rung_ = true;
    if (listening_) {
      listening_ = false;
      cv_.notify_one();
    }
  }

  /// Ends the loop: wait() returns false from now on.
  void stop() {
    std::lock_guard lock(mu_);
    stopped_ = true;
    cv_.notify_all();
  }

  /// Called after a pass that started at `started`: waits for a ring (or one heard during the
  /// pass) or `timeout`, then until `started + min_gap`. False once stopped.
  bool wait(Clock::duration timeout, Clock::time_point started, Clock::duration min_gap) {
    std::unique_lock lock(mu_);
    listening_ = true;
    cv_.wait_for(lock, timeout, [this] { return rung_ || stopped_; });
    listening_ = false;
    cv_.wait_until(lock, started + min_gap, [this] { return stopped_; });
    // What rang until now is seen by the pass about to start.
    rung_ = false;
    return !stopped_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool rung_ = false;
  bool listening_ = false;
  bool stopped_ = false;
};

}  // namespace slotbase
