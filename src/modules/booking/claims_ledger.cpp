#include "claims_ledger.h"

#include "booking_repository.h"

namespace slotbase::booking {

const Error ClaimsLedger::kSlotTaken =
    Error::conflict("slot-unavailable", "That time is already held, booked or blocked.");

Result<void> ClaimsLedger::claim(db::Connection& tx, const Place& p, Instant start, Instant end,
                                 const ClaimOwner& owner, std::optional<Instant> expires_at, const Context& ctx,
                                 OverlapCheck check) {
  const Instant now = clock_.now();
  const bool by_query = check == OverlapCheck::query || tx.dialect() != db::Dialect::postgres;
  // Claimers of one resource queue even where the constraint decides: two transactions inserting
  // overlapping rows at once each wait at the constraint for the other, a deadlock PostgreSQL
  // breaks only after its deadlock_timeout. Queued, the second meets the first's committed row.
  BookingRepository::take_turns_on(tx, p.resource.id.str());
  // On PostgreSQL the claim of a lapsed hold would still make the exclusion constraint refuse: it
  // ends first. SQLite's overlap query passes over lapsed holds, and the worker ends them.
  if (tx.dialect() == db::Dialect::postgres)
    for (const auto& hold_id : BookingRepository::expire_overlapping_holds(tx, p.resource.id.str(), start, end, now))
      events_.emit(tx, HoldExpired{hold_id.str(), std::nullopt, std::nullopt, std::nullopt}, hold_id,
                   p.facility.id.str(), ctx);
  if (by_query && BookingRepository::overlapping_claim(tx, p.resource.id.str(), start, end, now)) return kSlotTaken;
  BookingRepository::insert_claim(tx, p.facility.id.str(), p.resource.id.str(), start, end, owner, expires_at);
  return Ok{};
}

std::vector<ClaimOwner> ClaimsLedger::in_the_way(db::Connection& tx, const Place& p, Instant start, Instant end,
                                                 const Context& ctx) {
  const Instant now = clock_.now();
  BookingRepository::take_turns_on(tx, p.resource.id.str());
  for (const auto& hold_id : BookingRepository::expire_overlapping_holds(tx, p.resource.id.str(), start, end, now))
    events_.emit(tx, HoldExpired{hold_id.str(), std::nullopt, std::nullopt, std::nullopt}, hold_id, p.facility.id.str(),
                 ctx);
  return BookingRepository::claims_on(tx, p.resource.id.str(), start, end, now);
}

void ClaimsLedger::claim_for_block(db::Connection& tx, const Place& p, Instant start, Instant end,
                                   const BlockId& block_id) {
  BookingRepository::insert_claim(tx, p.facility.id.str(), p.resource.id.str(), start, end, block_id, std::nullopt);
}

void ClaimsLedger::convert(db::Connection& tx, const HoldId& hold_id, const BookingId& booking_id) {
  BookingRepository::convert_claim(tx, hold_id, booking_id);
}

void ClaimsLedger::release(db::Connection& tx, const ClaimOwner& owner) {
  BookingRepository::release_claim(tx, owner);
}

}  // namespace slotbase::booking
