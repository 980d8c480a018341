#include "dispatch.h"

#include "notification_repository.h"

namespace slotbase::notification {

std::string send_job_kind(Channel channel) {
  return channel == Channel::sms ? kSendSmsJob : kSendEmailJob;
}

bool queue_send(db::Connection& tx, const events::JobQueue& jobs, const Notification& n, const Limits& limits,
                Instant now) {
  if (!n.critical && limits.hourly_cap > 0) {
    const auto hour = from_epoch_seconds(epoch_seconds(now) / 3600 * 3600);
    if (NotificationRepository::take_rate(tx, n.user_id, n.channel, hour) > limits.hourly_cap) {
      NotificationRepository::set_status(tx, n.id, DeliveryStatus::suppressed,
                                         "over the cap of " + std::to_string(limits.hourly_cap) +
                                             " messages an hour on " + str(n.channel) + " for this user",
                                         now);
      return false;
    }
  }
  const std::string kind = send_job_kind(n.channel);
  jobs.enqueue(tx, kind, {{"notification_id", n.id.str()}}, std::max(n.send_after, now), kind + ":" + n.id.str(),
               kEmailAttempts);
  return true;
}

void release_fallback(db::Connection& tx, const events::JobQueue& jobs, const Notification& sms, Instant now) {
  if (!sms.data.contains("fallback_id") || !sms.data["fallback_id"].is_string()) return;
  auto email = NotificationRepository::find(tx, NotificationId{sms.data["fallback_id"].get<std::string>()});
  if (!email || email->status != DeliveryStatus::suppressed || !email->data.value("fallback", false)) return;
  NotificationRepository::set_status(tx, email->id, DeliveryStatus::queued, std::nullopt, now);
  email->status = DeliveryStatus::queued;
  email->send_after = now;
  // The text was counted against the cap; its replacement is the same message, not one more.
  const std::string kind = send_job_kind(Channel::email);
  jobs.enqueue(tx, kind, {{"notification_id", email->id.str()}}, now, kind + ":" + email->id.str(), kEmailAttempts);
}

}  // namespace slotbase::notification
