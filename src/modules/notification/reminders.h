#pragma once

#include <chrono>
#include <string>

#include "booking/booking_service.h"
#include "facts.h"
#include "notifier.h"
#include "organization/organization_service.h"
#include "platform/clock/clock.h"
#include "platform/db/database.h"
#include "platform/events/jobs.h"

namespace slotbase::notification {

/// The job that reminds of one booking: {"booking_id", "rule", "start"}, and for check-in open
/// "before_minutes", the lead it was scheduled with.
inline constexpr const char* kReminderJob = "notification.reminder";

/// Reminders before a booking (rules/reminders.h): 24 h, 1 h, and check-in open at the facility's
/// `check_in_opens_minutes_before` as it stands when the booking is confirmed or moved. As
/// durable jobs, scheduled when a booking is confirmed, approved or moved, one job per booking, rule and start time (a
/// job's dedupe key), so a move schedules the new time's and leaves the old time's to find it stale. The job asks
/// booking how the booking stands when it runs and sends nothing for one cancelled (by any
/// path), no longer at that time, awaiting or refused approval, or too near its start; what it
/// sends is once per booking, rule, start and channel (the notifications' unique key), however
/// many workers run it. Thread-safe.
class Reminders {
 public:
  Reminders(db::Database& db, const Clock& clock, const events::JobQueue& jobs, booking::BookingService& bookings,
            organization::OrganizationService& orgs, const Facts& facts, const Notifier& notifier)
      : db_(db), clock_(clock), jobs_(jobs), bookings_(bookings), orgs_(orgs), facts_(facts), notifier_(notifier) {}

  /// How long before the start check-in opens at the facility (its policy now; the default if it
  /// is gone). Read before the transaction that schedules.
  std::chrono::minutes check_in_lead(const std::string& facility_id) const;
  /// In the caller's transaction: the reminders whose time has not passed.
  void schedule(db::Connection& tx, const std::string& booking_id, Instant start,
                std::chrono::minutes check_in_lead) const;
  /// The job's handler.
  void run(const events::Job& job) const;

 private:
  db::Database& db_;
  const Clock& clock_;
  const events::JobQueue& jobs_;
  booking::BookingService& bookings_;
  organization::OrganizationService& orgs_;
  const Facts& facts_;
  const Notifier& notifier_;
};

}  // namespace slotbase::notification
