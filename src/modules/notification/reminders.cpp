#include "reminders.h"

#include "rules/reminders.h"

namespace slotbase::notification {

void Reminders::schedule(db::Connection& tx, const std::string& booking_id, Instant start) const {
  const Instant now = clock_.now();
  for (const auto& rule : rules::reminder_rules()) {
    if (!rules::worth_scheduling(rule, start, now)) continue;
    const std::string key = std::string(kReminderJob) + ":" + booking_id + ":" + std::string(rule.name) + ":" +
                            std::to_string(epoch_seconds(start));
    jobs_.enqueue(tx, kReminderJob, {{"booking_id", booking_id}, {"rule", rule.name}, {"start", format_rfc3339(start)}},
                  rules::reminder_due(rule, start), key);
  }
}

void Reminders::run(const events::Job& job) const {
  const auto* rule = rules::find_reminder(job.payload.at("rule").get<std::string>());
  const auto start = parse_rfc3339(job.payload.at("start").get<std::string>());
  const std::string booking_id = job.payload.at("booking_id");
  if (!rule || !start) return;
  auto b = bookings_.find_booking(booking::BookingId{booking_id});
  // Only a booking that still stands, at the time this reminder was made for.
  if (!b || b->status != booking::BookingStatus::confirmed || b->start != *start) return;
  if (b->approval_status == booking::ApprovalStatus::pending || b->approval_status == booking::ApprovalStatus::rejected)
    return;
  if (!rules::still_timely(*rule, b->start, clock_.now())) return;
  Occasion o;
  o.type = std::string(rule->type);
  o.user_id = b->user_id;
  o.facility_id = b->facility_id;
  o.key = "reminder:" + booking_id + ":" + std::string(rule->name) + ":" + std::to_string(epoch_seconds(*start));
  o.facts = facts_.booking(*b);
  o.data = {{"booking_id", booking_id}};
  auto prepared = notifier_.prepare(o);
  db_.transact([&](db::Connection& tx) { notifier_.write(tx, prepared); });
}

}  // namespace slotbase::notification
