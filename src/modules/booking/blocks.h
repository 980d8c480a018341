#pragma once

#include <string>
#include <vector>

#include "booking/booking_types.h"
#include "claims_ledger.h"
#include "event_log.h"
#include "lifecycle.h"
#include "places.h"
#include "platform/clock/clock.h"
#include "platform/db/database.h"
#include "resource/resource_service.h"

namespace slotbase::booking {

/// Blocks: staff take a resource out of use (maintenance, events). Thread-safe.
class Blocks {
 public:
  Blocks(db::Database& db, const Clock& clock, resource::ResourceService& resources, Places& places,
         ClaimsLedger& ledger, Lifecycle& lifecycle, const EventLog& events)
      : db_(db),
        clock_(clock),
        resources_(resources),
        places_(places),
        ledger_(ledger),
        lifecycle_(lifecycle),
        events_(events) {}

  Result<Block> create_block(const BlockRequest& r, const Context& ctx);
  Result<std::vector<Block>> list_blocks(const std::string& resource_id, const Context& ctx);
  Result<std::vector<Block>> facility_blocks(const std::string& facility_id, const LocalDates& dates,
                                             const Context& ctx);
  Result<void> remove_block(const BlockId& block_id, const Context& ctx);

  /// Puts `block` on its resource in `tx`: lapsed and live holds are let go; bookings in the way
  /// are a conflict unless `force`, which cancels them with a full refund (listed in the block).
  Result<void> place_block(db::Connection& tx, const Place& p, Block& block, bool force, const Context& ctx);

 private:
  db::Database& db_;
  const Clock& clock_;
  resource::ResourceService& resources_;
  Places& places_;
  ClaimsLedger& ledger_;
  Lifecycle& lifecycle_;
  const EventLog& events_;
};

}  // namespace slotbase::booking
