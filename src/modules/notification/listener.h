#pragma once

#include <string>
#include <vector>

#include "booking/booking_service.h"
#include "facts.h"
#include "identity/identity_service.h"
#include "notifier.h"
#include "organization/organization_service.h"
#include "platform/db/database.h"
#include "platform/events/domain_event.h"
#include "reminders.h"

namespace slotbase::notification {

/// Hears the booking, payment and join-request events and turns each into the messages it calls for (the
/// catalogue's types), the reminders a confirmed or moved booking gets, and the waitlist offers
/// it must remember. Each event is applied once (events::apply_once); a replay finds every
/// message's unique key taken and sends nothing again. Thread-safe.
class Listener {
 public:
  static constexpr const char* kSubscriber = "notification.messages";

  Listener(db::Database& db, const Clock& clock, booking::BookingService& bookings,
           organization::OrganizationService& orgs, identity::IdentityService& identity, const Facts& facts,
           const Notifier& notifier, const Reminders& reminders)
      : db_(db),
        clock_(clock),
        bookings_(bookings),
        orgs_(orgs),
        identity_(identity),
        facts_(facts),
        notifier_(notifier),
        reminders_(reminders) {}

  /// The event types it hears.
  static std::vector<std::string> event_types();
  void on_event(const events::DomainEvent& e) const;

 private:
  db::Database& db_;
  const Clock& clock_;
  booking::BookingService& bookings_;
  organization::OrganizationService& orgs_;
  identity::IdentityService& identity_;
  const Facts& facts_;
  const Notifier& notifier_;
  const Reminders& reminders_;
};

}  // namespace slotbase::notification
