#include "waitlist.h"

#include "booking_repository.h"
#include "platform/core/ids.h"
#include "platform/events/dispatcher.h"
#include "rules/schedule.h"
#include "rules/settlement.h"

namespace slotbase::booking {
Result<WaitlistEntry> Waitlist::join_waitlist(const HoldRequest& r, const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  const std::pair<Instant, Instant> range{r.start, r.end};
  SB_ASSIGN_OR_RETURN(Place p, places_.place_of(r.resource_id, ctx));
  const Instant now = clock_.now();
  SB_TRY(rules::check_player_slot(p.facility.policies, p.hours, p.zone, range.first, range.second, now));
  WaitlistEntry e{
      WaitlistEntryId{new_id("wle")}, p.facility.id.str(), p.resource.id.str(), *ctx.user_id, range.first, range.second,
      WaitlistStatus::waiting,        std::nullopt,        std::nullopt,        now};
  return db_.transact([&](db::Connection& tx) -> Result<WaitlistEntry> {
    if (!BookingRepository::overlapping_claim(tx, e.resource_id, e.start, e.end, now))
      return Error::conflict("slot-available", "That time is free: hold it instead of waiting.");
    if (BookingRepository::has_open_entry(tx, e.user_id, e.resource_id, e.start, e.end))
      return Error::conflict("already-waiting", "You are already on the waitlist for this slot.");
    BookingRepository::insert_entry(tx, e);
    return e;
  });
}

Result<void> Waitlist::leave_waitlist(const WaitlistEntryId& entry_id, const Context& ctx) {
  auto e = db_.read([&](db::Connection& c) { return BookingRepository::entry(c, entry_id); });
  if (!e || !ctx.user_id || e->user_id != *ctx.user_id) return Error::not_found("No such waitlist entry.");
  return db_.transact([&](db::Connection& tx) -> Result<void> {
    if (!BookingRepository::cancel_entry(tx, entry_id))
      return Error::conflict("waitlist-entry-closed", "This entry was already booked, expired or left.");
    if (e->hold_id && BookingRepository::finish_hold(tx, *e->hold_id, "released", std::nullopt)) {
      ledger_.release(tx, *e->hold_id);
      events_.emit(tx, HoldReleased{e->hold_id->str(), e->resource_id, e->start, e->end, std::nullopt}, *e->hold_id,
                   e->facility_id, ctx);
    }
    return Ok{};
  });
}

Result<std::vector<WaitlistEntry>> Waitlist::my_waitlist(const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  return db_.read([&](db::Connection& c) { return BookingRepository::user_entries(c, *ctx.user_id); });
}

void Waitlist::offer(db::Connection& tx, const std::string& resource_id, Instant start, Instant end) {
  const Instant now = clock_.now();
  for (const auto& e : BookingRepository::waiting_for(tx, resource_id, start, end, now)) {
    if (BookingRepository::overlapping_claim(tx, e.resource_id, e.start, e.end, now))
      continue;  // not all of it is free
    auto resource = resources_.find_priced_resource(resource::ResourceId{e.resource_id});
    auto config = resource ? orgs_.facility_config(resource->resource.facility_id) : nullptr;
    auto zone = config ? Zone::find(config->facility.timezone) : std::nullopt;
    if (!config || !zone || resource->resource.status != resource::ResourceStatus::active) continue;
    const auto* facility = &config->facility;
    const Place p{*facility, resource->resource, *zone, config->hours, resource->pricing_in(facility->currency)};
    const Instant deadline = now + std::chrono::hours(facility->policies.waitlist_expiry_hours);
    Hold hold{HoldId{new_id("hld")},
              e.facility_id,
              e.resource_id,
              e.user_id,
              e.user_id,
              "open_play",
              e.start,
              e.end,
              deadline,
              HoldStatus::active,
              places_.price_for(p, e.user_id, e.start, e.end),
              std::nullopt,
              true};
    const Context system{e.user_id, "waitlist", ""};
    // Through ledger_.claim(), like every other claim: lapsed holds in the way go first.
    if (!ledger_.claim(tx, p, hold.start, hold.end, hold.id, hold.expires_at, system).ok()) continue;
    BookingRepository::insert_hold(tx, hold, now);
    BookingRepository::notify_entry(tx, e.id, hold.id, deadline);
    events_.emit(tx, HoldCreated{hold.id.str(), hold.resource_id, hold.start, hold.end, hold.expires_at}, hold.id,
                 hold.facility_id, system);
    events_.emit(tx,
                 WaitlistNotified{e.id.str(), e.user_id, hold.id.str(), hold.resource_id, hold.start, hold.end,
                                  hold.expires_at, deadline, hold.price},
                 e.id, e.facility_id, system);
  }
}

void Waitlist::on_slot_event(const events::DomainEvent& e) {
  // The module subscribes to the events that free time or settle an offer (register.cpp); a
  // confirmation settles its offer in its own transaction.
  events::apply_once(db_, "booking.waitlist", e, [&](db::Connection& tx) {
    // The time this event gave back, if any.
    std::optional<SlotPart> freed;
    auto slot_of = [](const auto& x) -> std::optional<SlotPart> {
      if (!x.resource_id || !x.start || !x.end) return std::nullopt;
      return SlotPart{*x.resource_id, *x.start, *x.end};
    };
    if (auto expired = events::decode_event<HoldExpired>(e)) {
      BookingRepository::settle_offer(tx, HoldId{expired->hold_id}, "expired");
      freed = slot_of(*expired);
    } else if (auto released = events::decode_event<HoldReleased>(e)) {
      BookingRepository::settle_offer(tx, HoldId{released->hold_id}, "cancelled");
      freed = slot_of(*released);
    } else if (auto cancelled = events::decode_event<BookingCancelled>(e)) {
      freed = SlotPart{cancelled->resource_id, cancelled->start, cancelled->end};
    } else if (auto removed = events::decode_event<BlockRemoved>(e)) {
      freed = SlotPart{removed->resource_id, removed->start, removed->end};
    } else if (auto moved = events::decode_event<BookingRescheduled>(e)) {
      freed = moved->from;
    }
    if (freed) offer(tx, freed->resource_id, freed->start, freed->end);
  });
}

}  // namespace slotbase::booking
