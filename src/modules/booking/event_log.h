#pragma once

#include <optional>
#include <string>

#include "booking/booking_events.h"
#include "booking/booking_types.h"
#include "platform/core/context.h"
#include "platform/db/database.h"
#include "platform/events/outbox.h"

namespace slotbase::booking {

/// The booking module's way into the outbox: each event is one of booking_events.h, appended in
/// the transaction that makes it true.
class EventLog {
 public:
  explicit EventLog(const events::Outbox& outbox) : outbox_(outbox) {}

  /// Appends `event` about `aggregate_id` (a hold, booking, block, entry or series) to `tx`.
  template <class E, class Tag>
  void emit(db::Connection& tx, const E& event, const Id<Tag>& aggregate_id, const std::string& facility_id,
            const Context& ctx) const {
    outbox_.append(tx, prepare(event, aggregate_id, facility_id, ctx));
  }
  /// An event to append once the transaction that needs it runs: made before it, for the hot
  /// paths whose events do not depend on what the transaction reads.
  template <class E, class Tag>
  events::PreparedEvent prepare(const E& event, const Id<Tag>& aggregate_id, const std::string& facility_id,
                                const Context& ctx) const {
    return outbox_.prepare(
        events::new_event(event, "booking", aggregate_id.str(), facility_id, ctx.user_id, ctx.correlation_id));
  }
  /// Appends an event made by prepare; by copy, as a grouped write may run its transaction twice.
  void append(db::Connection& tx, const events::PreparedEvent& event) const { outbox_.append(tx, event); }

 private:
  const events::Outbox& outbox_;
};

/// booking.confirmed for `b`, which came from `hold_id` if it has one.
inline BookingConfirmed confirmed_event(const Booking& b, const std::optional<HoldId>& hold_id) {
  return BookingConfirmed{b.id.str(),
                          b.user_id,
                          b.facility_id,
                          b.resource_id,
                          b.start,
                          b.end,
                          b.type,
                          str(b.approval_status),
                          str(b.payment_status),
                          b.price,
                          opt_str(hold_id),
                          opt_str(b.series_id)};
}

}  // namespace slotbase::booking
