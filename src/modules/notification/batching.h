#pragma once

#include "dispatch.h"
#include "notification/notification_types.h"
#include "platform/clock/clock.h"
#include "platform/db/database.h"
#include "platform/events/jobs.h"
#include "templates.h"

namespace slotbase::notification {

/// The job that sends what a batch gathered: {"batch_key"}.
inline constexpr const char* kFlushBatchJob = "notification.flush_batch";

/// What identifies a batch: one person, one facility, one type, one channel.
std::string batch_key_of(const Notification& n);

/// Holds a queued e-mail or SMS of a batched type (its batch_key set) and queues the job that
/// gathers its batch at the end of the current window: one job per message, so that a message
/// written just as another's job runs is still gathered, by its own. In the caller's transaction.
void hold_for_batch(db::Connection& tx, const events::JobQueue& jobs, const Notification& n, const Limits& limits,
                    Instant now);

/// Gathers a batch: the messages held under its key, claimed so that two runs never both send
/// them. One alone goes as it is; several go as one message rendered from
/// `<type>.batch.<channel>.mustache` ("10 bookings cancelled") in the place of the oldest, and the
/// others are recorded suppressed, naming it. Then it is queued like any message (the cap
/// counts it once). A run that finds nothing held does nothing. Thread-safe.
class Batcher {
 public:
  Batcher(db::Database& db, const Clock& clock, const events::JobQueue& jobs, const Templates& templates, Limits limits)
      : db_(db), clock_(clock), jobs_(jobs), templates_(templates), limits_(limits) {}

  void flush(const events::Job& job) const;

 private:
  db::Database& db_;
  const Clock& clock_;
  const events::JobQueue& jobs_;
  const Templates& templates_;
  Limits limits_;
};

}  // namespace slotbase::notification
