#pragma once

#include <string>
#include <vector>

#include "booking/booking_types.h"
#include "claims_ledger.h"
#include "event_log.h"
#include "organization/organization_service.h"
#include "places.h"
#include "platform/clock/clock.h"
#include "platform/db/database.h"
#include "platform/events/domain_event.h"
#include "resource/resource_service.h"

namespace slotbase::booking {

/// The waitlist: players queue for a taken slot; when time frees, the first in line whose slot
/// now fits is offered a hold until the facility's claim deadline. Thread-safe.
class Waitlist {
 public:
  Waitlist(db::Database& db, const Clock& clock, organization::OrganizationService& orgs,
           resource::ResourceService& resources, Places& places, ClaimsLedger& ledger, const EventLog& events)
      : db_(db), clock_(clock), orgs_(orgs), resources_(resources), places_(places), ledger_(ledger), events_(events) {}

  Result<WaitlistEntry> join_waitlist(const HoldRequest& r, const Context& ctx);
  Result<void> leave_waitlist(const WaitlistEntryId& entry_id, const Context& ctx);
  Result<std::vector<WaitlistEntry>> my_waitlist(const Context& ctx);

  /// Subscriber: when a slot frees, offers it to the waitlist; settles offers as they are
  /// claimed or lapse. At most once per event.
  void on_slot_event(const events::DomainEvent& e);

 private:
  /// Offers freed time on a resource to the waiting entries it now fits, first come first.
  void offer(db::Connection& tx, const std::string& resource_id, Instant start, Instant end);

  db::Database& db_;
  const Clock& clock_;
  organization::OrganizationService& orgs_;
  resource::ResourceService& resources_;
  Places& places_;
  ClaimsLedger& ledger_;
  const EventLog& events_;
};

}  // namespace slotbase::booking
