#include "reminders.h"

#include "rules/reminders.h"

namespace slotbase::notification {

std::chrono::minutes Reminders::check_in_lead(const std::string& facility_id) const {
  auto facility = orgs_.find_facility(organization::FacilityId{facility_id});
  return std::chrono::minutes(facility ? facility->policies.check_in_opens_minutes_before
                                       : organization::Policies{}.check_in_opens_minutes_before);
}

void Reminders::schedule(db::Connection& tx, const std::string& booking_id, Instant start,
                         std::chrono::minutes check_in_lead) const {
  const Instant now = clock_.now();
  for (const auto& rule : rules::booking_reminders(check_in_lead)) {
    if (!rules::worth_scheduling(rule, start, now)) continue;
    const std::string key = std::string(kReminderJob) + ":" + booking_id + ":" + std::string(rule.name) + ":" +
                            std::to_string(epoch_seconds(start));
    nlohmann::json payload = {{"booking_id", booking_id}, {"rule", rule.name}, {"start", format_rfc3339(start)}};
    if (rule.name == rules::kCheckInRule)
      payload["before_minutes"] = std::chrono::duration_cast<std::chrono::minutes>(rule.before).count();
    jobs_.enqueue(tx, kReminderJob, payload, rules::reminder_due(rule, start), key);
  }
}

void Reminders::run(const events::Job& job) const {
  const std::string name = job.payload.at("rule").get<std::string>();
  std::optional<rules::ReminderRule> rule;
  if (name == rules::kCheckInRule)
    rule = rules::check_in_open(std::chrono::minutes(job.payload.value("before_minutes", 0)));
  else if (const auto* fixed = rules::find_reminder(name))
    rule = *fixed;
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
