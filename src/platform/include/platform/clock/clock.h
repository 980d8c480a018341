#pragma once

#include <atomic>
#include <chrono>

#include "platform/core/time.h"

namespace slotbase {

/// The one source of "now". Services take a Clock& in their constructor; tests pass a FakeClock.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override;
};

/// A clock tests move by hand. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Instant start) : now_(epoch_seconds(start)) {}
  Instant now() const override { return from_epoch_seconds(now_.load()); }
  void set(Instant t) { now_.store(epoch_seconds(t)); }
  void advance(std::chrono::seconds d) { now_.fetch_add(d.count()); }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace slotbase
