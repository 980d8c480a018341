#pragma once

#include <chrono>
#include <thread>

#include "platform/core/doorbell.h"
#include "platform/db/database.h"
#include "platform/ws/hub.h"

namespace slotbase::ws {

/// Tails the outbox and turns booking events into `availability.changed` pushes to a facility's
/// followers, and `notification.created` into `{"type":"notification","notification":{...}}`
/// pushes to the user's own connections. Every process tails the shared event log itself, so a
/// change made through any instance reaches the clients of every instance. Delivery is
/// live-only: it starts at the end of the log, and a client that reconnects re-reads what it
/// shows.
class LiveFeed {
 public:
  LiveFeed(db::Database& db, Hub& hub);
  ~LiveFeed();
  void start();
  void stop();
  /// Called after a commit that appended events: look now rather than at the next poll.
  void wake();
  /// One pass: publishes what was appended since the last; returns how many messages.
  int poll();

 private:
  static constexpr std::chrono::milliseconds kBatch{20};
  db::Database& db_;
  Hub& hub_;
  std::int64_t last_seq_ = 0;
  Doorbell bell_;
  std::thread thread_;
};

}  // namespace slotbase::ws
