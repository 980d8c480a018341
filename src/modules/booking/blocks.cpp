#include "blocks.h"

#include "booking_repository.h"
#include "platform/core/ids.h"
#include "rules/settlement.h"

namespace slotbase::booking {
namespace {

using identity::Permission;

}  // namespace

Result<Block> Blocks::create_block(const BlockRequest& r, const Context& ctx) {
  std::optional<db::Database::ReadScope> snapshot(std::in_place, db_);
  SB_ASSIGN_OR_RETURN(Place p, places_.managed_place(r.resource_id, ctx));
  snapshot.reset();
  const std::pair<Instant, Instant> range{r.start, r.end};
  if (r.reason.empty()) return Error::invalid("reason", "is required");
  Block block{BlockId{new_id("blk")},
              p.facility.id.str(),
              p.resource.id.str(),
              range.first,
              range.second,
              r.reason,
              *ctx.user_id,
              {},
              {},
              {}};
  return ClaimsLedger::write([&] {
    return db_.transact([&](db::Connection& tx) -> Result<Block> {
      SB_TRY(place_block(tx, p, block, r.force, ctx));
      return block;
    });
  });
}

Result<void> Blocks::place_block(db::Connection& tx, const Place& p, Block& block, bool force, const Context& ctx) {
  auto in_the_way = ledger_.in_the_way(tx, p, block.start, block.end, ctx);
  if (!in_the_way.empty() && !force)
    return Error::conflict("block-overlaps-bookings",
                           std::to_string(in_the_way.size()) +
                               " holds, bookings or blocks are in the way; send \"force\": true to cancel "
                               "the bookings with a full refund.");
  for (const auto& owner : in_the_way) {
    if (std::holds_alternative<BlockId>(owner))
      return Error::conflict("block-overlaps-block", "Another block already covers part of this time.");
    if (const auto* hold_id = std::get_if<HoldId>(&owner)) {
      BookingRepository::finish_hold(tx, *hold_id, "released", std::nullopt);
      ledger_.release(tx, *hold_id);
      events_.emit(tx, HoldReleased{hold_id->str(), std::nullopt, std::nullopt, std::nullopt, block.reason}, *hold_id,
                   p.facility.id.str(), ctx);
      continue;
    }
    auto b = BookingRepository::booking(tx, std::get<BookingId>(owner));
    if (!b) continue;
    Refund refund = rules::settle(*b, 100, "Maintenance: " + block.reason, *ctx.user_id);
    SB_TRY(lifecycle_.cancel_in(tx, *b, refund, CancelCause::block, ctx));
    block.cancelled_bookings.push_back(b->id);
  }
  BookingRepository::insert_block(tx, block, clock_.now());
  ledger_.claim_for_block(tx, p, block.start, block.end, block.id);
  events_.emit(tx,
               BlockCreated{block.id.str(), block.resource_id, block.start, block.end, block.reason,
                            strs(block.cancelled_bookings), opt_str(block.series_id)},
               block.id, block.facility_id, ctx);
  return Ok{};
}

Result<std::vector<Block>> Blocks::list_blocks(const std::string& resource_id, const Context& ctx) {
  auto resource = resources_.find_resource(resource::ResourceId{resource_id});
  if (!resource) return Error::not_found("No such resource.");
  SB_TRY(places_.facility_as(resource->facility_id.str(), Permission::facility_view, ctx, "No such resource."));
  const Instant from = clock_.now() - std::chrono::hours(24 * 30);
  return db_.read([&](db::Connection& c) { return BookingRepository::blocks_of(c, resource_id, from); });
}

Result<std::vector<Block>> Blocks::facility_blocks(const std::string& facility_id, const LocalDates& dates,
                                                   const Context& ctx) {
  SB_ASSIGN_OR_RETURN(Day day, places_.days_of(facility_id, dates, ctx));
  return db_.read(
      [&](db::Connection& c) { return BookingRepository::facility_blocks(c, day.facility_id, day.from, day.to); });
}

Result<void> Blocks::remove_block(const BlockId& block_id, const Context& ctx) {
  auto block = db_.read([&](db::Connection& c) { return BookingRepository::block(c, block_id); });
  if (!block) return Error::not_found("No such block.");
  SB_TRY(places_.facility_as(block->facility_id, Permission::bookings_manage, ctx, "No such block."));
  return db_.transact([&](db::Connection& tx) -> Result<void> {
    if (!BookingRepository::remove_block(tx, block_id)) return Error::not_found("No such block.");
    ledger_.release(tx, block_id);
    events_.emit(tx,
                 BlockRemoved{block_id.str(), block->resource_id, block->start, block->end, opt_str(block->series_id)},
                 block_id, block->facility_id, ctx);
    return Ok{};
  });
}

}  // namespace slotbase::booking
