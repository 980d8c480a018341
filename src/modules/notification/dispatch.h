#pragma once

#include <chrono>
#include <string>

#include "notification/notification_types.h"
#include "platform/db/database.h"
#include "platform/events/jobs.h"

namespace slotbase::notification {

/// The jobs that send one message: {"notification_id"}.
inline constexpr const char* kSendEmailJob = "notification.send_email";
inline constexpr const char* kSendSmsJob = "notification.send_sms";
/// An e-mail or a text refused for now is tried this many times in all (delivery.h says when).
inline constexpr int kEmailAttempts = 6;

/// How many messages a user gets at most, and how bursts are gathered.
struct Limits {
  /// Non-critical messages per user, channel and clock hour; past it they are suppressed. 0: no cap.
  int hourly_cap = 10;
  /// Batched types wait this long for others of their kind (delivery to the end of the window).
  std::chrono::seconds batch_window{60};
};

/// The sending job's kind for a channel (e-mail or SMS).
std::string send_job_kind(Channel channel);

/// Queues a queued e-mail or SMS for sending at its `send_after`, first counting it against the
/// user's hourly cap on its channel when it is not critical: over the cap it is suppressed
/// instead, with the reason. Whether it was queued. In the caller's transaction.
bool queue_send(db::Connection& tx, const events::JobQueue& jobs, const Notification& n, const Limits& limits,
                Instant now);

/// A text message that failed for good: the e-mail kept behind as its fallback (the type's
/// sms_replaces_email) goes after all. In the caller's transaction.
void release_fallback(db::Connection& tx, const events::JobQueue& jobs, const Notification& sms, Instant now);

}  // namespace slotbase::notification
