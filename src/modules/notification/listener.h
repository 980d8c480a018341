#pragma once

#include <functional>
#include <optional>
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
  /// A run of events, in order, applied in one transaction (each once): under load the messages
  /// of hundreds of bookings cost one commit. All or nothing (events::EventDispatcher::BatchHandler).
  void on_events(const std::vector<events::DomainEvent>& batch) const;

 private:
  /// What an event calls for, read and rendered before any write: the messages, and what else it
  /// writes in the same transaction (reminders, a waitlist offer).
  struct Planned {
    std::string event_id;
    Instant at;
    std::vector<Prepared> prepared;
    std::function<void(db::Connection&)> also;
  };
  std::optional<Planned> plan(const events::DomainEvent& e) const;
  void apply(db::Connection& tx, const Planned& p) const;

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
