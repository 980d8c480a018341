#pragma once

#include <optional>
#include <string>
#include <vector>

#include "claim_owner.h"
#include "event_log.h"
#include "places.h"
#include "platform/clock/clock.h"
#include "platform/core/result.h"
#include "platform/db/database.h"

namespace slotbase::booking {

/// Which time of which resource is taken, by a hold, a booking or a block: the one owner of the
/// guarantee that no time is given twice. Every claim goes through here, in the transaction of
/// the write that needs it; the database backs it up (PostgreSQL's exclusion constraint,
/// SQLite's single writer). Thread-safe.
class ClaimsLedger {
 public:
  /// The conflict for time that is held, booked or blocked already.
  static const Error kSlotTaken;

  /// Who finds a claim in the way: a query before the insert, or (where the database has one)
  /// the overlap constraint at the insert, which fails the whole transaction.
  enum class OverlapCheck { query, constraint };

  ClaimsLedger(const Clock& clock, const EventLog& events) : clock_(clock), events_(events) {}

  /// Claims [start, end) of the place's resource for `owner` (a hold or a booking) in `tx`:
  /// lapsed holds in the way are let go; any other claim is kSlotTaken. With
  /// OverlapCheck::constraint, on PostgreSQL the constraint alone refuses the claim (see
  /// write): for a transaction that claims once and does nothing a failure would wrongly undo,
  /// it saves the query. Claimers of one resource queue either way (an advisory lock sent
  /// with the first statement), so overlapping inserts never deadlock at the constraint.
  Result<void> claim(db::Connection& tx, const Place& p, Instant start, Instant end, const ClaimOwner& owner,
                     std::optional<Instant> expires_at, const Context& ctx, OverlapCheck check = OverlapCheck::query);
  /// Makes way for a block of [start, end): queues behind other claimers of the resource, lets
  /// lapsed holds go, and returns the owner of every live claim in the way.
  std::vector<ClaimOwner> in_the_way(db::Connection& tx, const Place& p, Instant start, Instant end,
                                     const Context& ctx);
  /// Claims [start, end) for a block whose way in_the_way cleared.
  void claim_for_block(db::Connection& tx, const Place& p, Instant start, Instant end, const BlockId& block_id);
  /// The hold's claim becomes its booking's.
  void convert(db::Connection& tx, const HoldId& hold_id, const BookingId& booking_id);
  /// Gives back the time `owner` claimed.
  void release(db::Connection& tx, const ClaimOwner& owner);

  /// Runs `write` (a db::Database::transact call that claims): the overlap constraint's refusal
  /// (a concurrent claim won the race) becomes kSlotTaken; every other error is rethrown.
  template <class Write>
  static auto write(Write&& write) -> decltype(write()) {
    try {
      return write();
    } catch (const db::DbError& e) {
      if (e.kind() == db::ErrorKind::exclusion_violation) return kSlotTaken;
      throw;
    }
  }

 private:
  const Clock& clock_;
  const EventLog& events_;
};

}  // namespace slotbase::booking
