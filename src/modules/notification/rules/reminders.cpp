#include "rules/reminders.h"

#include "catalogue.h"

namespace slotbase::notification::rules {

const std::vector<ReminderRule>& reminder_rules() {
  static const std::vector<ReminderRule> rules = {{"24h", types::kReminder24h, std::chrono::hours(24)},
                                                  {"1h", types::kReminder1h, std::chrono::hours(1)}};
  return rules;
}

const ReminderRule* find_reminder(std::string_view name) {
  for (const auto& r : reminder_rules())
    if (r.name == name) return &r;
  return nullptr;
}

std::optional<ReminderRule> check_in_open(std::chrono::minutes opens_before) {
  if (opens_before <= std::chrono::minutes(0)) return std::nullopt;
  return ReminderRule{kCheckInRule, types::kCheckInOpen, opens_before};
}

std::vector<ReminderRule> booking_reminders(std::chrono::minutes check_in_opens_before) {
  std::vector<ReminderRule> out = reminder_rules();
  if (auto check_in = check_in_open(check_in_opens_before)) out.push_back(*check_in);
  return out;
}

Instant reminder_due(const ReminderRule& rule, Instant start) {
  return start - rule.before;
}

bool worth_scheduling(const ReminderRule& rule, Instant start, Instant now) {
  return reminder_due(rule, start) > now;
}

bool still_timely(const ReminderRule& rule, Instant start, Instant now) {
  return now < start - rule.before / 2;
}

}  // namespace slotbase::notification::rules
