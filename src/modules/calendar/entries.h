#pragma once

#include "booking/booking_service.h"
#include "platform/clock/clock.h"
#include "platform/core/context.h"
#include "platform/db/database.h"
#include "platform/events/domain_event.h"

namespace slotbase::calendar {

/// The calendar's own record of each booking (calendar_entries), kept from the booking events:
/// where and when it is, whether it stands, and how many times it changed. Never reads booking's
/// tables. Thread-safe.
class Entries {
 public:
  /// The events it keeps up with.
  static const std::vector<std::string>& event_types();

  Entries(db::Database& db, booking::BookingService& bookings) : db_(db), bookings_(bookings) {}

  /// Applies one booking event, once (events::apply_once): a confirmed booking is added (tentative
  /// while it awaits approval); a reschedule, a cancellation or an approval changes it and raises
  /// its sequence.
  void apply(const events::DomainEvent& e);
  /// A run of them in one transaction, all or nothing (events::EventDispatcher::BatchHandler).
  void apply_all(const std::vector<events::DomainEvent>& batch);

  /// Adds the caller's bookings that start from `since` on and have no entry yet (those booked
  /// before this module listened), as BookingService::my_bookings gives them.
  void add_existing(const Context& ctx, Instant since);

 private:
  /// Writes what `e` calls for as part of `tx`, unless it was applied before.
  static void apply_in(db::Connection& tx, const events::DomainEvent& e);

  db::Database& db_;
  booking::BookingService& bookings_;
};

}  // namespace slotbase::calendar
