#include "holds.h"

#include "booking_repository.h"
#include "platform/core/ids.h"
#include "rules/membership.h"
#include "rules/schedule.h"
#include "rules/settlement.h"

namespace slotbase::booking {
namespace {

using identity::Permission;

}  // namespace

Result<Hold> Holds::create_hold(const HoldRequest& r, const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  // The checks below read facility, roles, membership, hours and prices: one snapshot for all.
  std::optional<db::Database::ReadScope> snapshot(std::in_place, db_);
  const std::pair<Instant, Instant> range{r.start, r.end};
  SB_ASSIGN_OR_RETURN(Place p, places_.place_of(r.resource_id, ctx));
  const auto& policies = p.facility.policies;
  const bool staff = orgs_.can(p.facility, Permission::bookings_manage, ctx);
  std::string user = *ctx.user_id;
  if (r.booked_for_user_id && *r.booked_for_user_id != user) {
    if (!staff) return Error::forbidden("Only staff can hold a slot for someone else.");
    user = *r.booked_for_user_id;
  }
  if (p.resource.status != resource::ResourceStatus::active)
    return Error::rule_violation("resource-inactive", "This resource is not bookable.");
  // The player's own address, proven: staff holding a slot at the desk vouch for the player.
  if (policies.require_verified_email && !staff) {
    auto me = identity_.get_user(identity::UserId{*ctx.user_id});
    if (!me.ok() || !me->email_verified) {
      Error refused = Error::forbidden(
          "This facility takes bookings only from verified e-mail addresses: open the link we sent you, or ask for a "
          "new one.");
      refused.rule = "email-not-verified";
      return refused;
    }
  }
  std::optional<bool> member;  // asked once, for the rule and the price alike
  if (!staff) {
    const auto on_roster = orgs_.roster_status(p.facility.id, identity::UserId{user});
    member = on_roster == organization::RosterStatus::active;
    SB_TRY(rules::check_membership(p.facility.policies.membership, on_roster));
  }
  const Instant now = clock_.now();
  if (!staff) SB_TRY(rules::check_player_slot(policies, p.hours, p.zone, range.first, range.second, now));

  Hold hold{HoldId{new_id("hld")},
            p.facility.id.str(),
            p.resource.id.str(),
            user,
            *ctx.user_id,
            "open_play",
            range.first,
            range.second,
            now + std::chrono::seconds(policies.hold_ttl_seconds),
            HoldStatus::active,
            places_.price_for(p, user, range.first, range.second, member),
            std::nullopt};
  const auto created =
      events_.prepare(HoldCreated{hold.id.str(), hold.resource_id, hold.start, hold.end, hold.expires_at}, hold.id,
                      hold.facility_id, ctx);
  snapshot.reset();
  return ClaimsLedger::write([&] {
    return db_.transact([&](db::Connection& tx) -> Result<Hold> {
      if (policies.max_active_bookings_per_user && !staff &&
          BookingRepository::active_count(tx, user, now) >= *policies.max_active_bookings_per_user)
        return Error::rule_violation("max-active-bookings", "You already have " +
                                                                std::to_string(*policies.max_active_bookings_per_user) +
                                                                " upcoming bookings, the most this facility allows.");
      SB_TRY(ledger_.claim(tx, p, hold.start, hold.end, hold.id, hold.expires_at, ctx,
                           ClaimsLedger::OverlapCheck::constraint));
      BookingRepository::insert_hold(tx, hold, now);
      events_.append(tx, created);
      return hold;
    });
  });
}

Result<void> Holds::release_hold(const HoldId& hold_id, const Context& ctx) {
  auto hold = db_.read([&](db::Connection& c) { return BookingRepository::hold(c, hold_id); });
  if (!hold || !ctx.user_id || (hold->booked_by != *ctx.user_id && hold->user_id != *ctx.user_id))
    return Error::not_found("No such hold.");
  return db_.transact([&](db::Connection& tx) -> Result<void> {
    if (!BookingRepository::finish_hold(tx, hold_id, "released", std::nullopt))
      return Error::conflict("hold-not-active", "This hold was already confirmed, released or expired.");
    ledger_.release(tx, hold_id);
    events_.emit(tx, HoldReleased{hold_id.str(), hold->resource_id, hold->start, hold->end, std::nullopt}, hold_id,
                 hold->facility_id, ctx);
    return Ok{};
  });
}

Booking Holds::booking_of(const Hold& hold, const organization::Policies& policies, bool staff) const {
  Booking b;
  b.id = BookingId{new_id("bkg")};
  b.facility_id = hold.facility_id;
  b.resource_id = hold.resource_id;
  b.user_id = hold.user_id;
  b.created_by = hold.booked_by;
  b.type = hold.type;
  b.start = hold.start;
  b.end = hold.end;
  b.status = BookingStatus::confirmed;
  b.price = hold.price;
  b.approval_status =
      policies.require_booking_approval && !staff ? ApprovalStatus::pending : ApprovalStatus::not_required;
  return b;
}

Result<Booking> Holds::convert_in(db::Connection& tx, const Hold& hold, const Booking& b,
                                  const organization::Policies& policies, const events::PreparedEvent& confirmed) {
  // The hold may have lapsed or been confirmed while the payment ran: only an active, live hold converts.
  if (!BookingRepository::convert_hold(tx, hold.id, b.id, b.created_at)) {
    auto current = BookingRepository::hold(tx, hold.id);
    if (current && current->status == HoldStatus::converted)
      return Error::conflict("hold-already-confirmed", "This hold was already confirmed as a booking.");
    return Error::expired("This hold expired before it was confirmed; hold the slot again.");
  }
  if (hold.offer) BookingRepository::settle_offer(tx, hold.id, "booked");
  ledger_.convert(tx, hold.id, b.id);
  BookingRepository::insert_booking(tx, b, rules::no_show_at(b, policies));
  lifecycle_.schedule_approval(tx, b, policies);
  events_.append(tx, confirmed);
  return b;
}

Result<Booking> Holds::confirm_hold(const HoldId& hold_id, const PaymentChoice& payment, const Context& ctx) {
  std::optional<db::Database::ReadScope> snapshot(std::in_place, db_);
  auto found = db_.read([&](db::Connection& c) { return BookingRepository::hold(c, hold_id); });
  const Hold* hold = found ? &*found : nullptr;
  if (!hold || !ctx.user_id || (hold->booked_by != *ctx.user_id && hold->user_id != *ctx.user_id))
    return Error::not_found("No such hold.");
  if (hold->status == HoldStatus::converted)
    return Error::conflict("hold-already-confirmed", "This hold was already confirmed as a booking.");
  if (hold->status != HoldStatus::active || hold->expires_at <= clock_.now())
    return Error::expired("This hold has expired or was released; hold the slot again.");
  auto config = orgs_.facility_config(organization::FacilityId{hold->facility_id});
  if (!config) return Error::not_found("No such hold.");
  const organization::Facility* facility = &config->facility;
  const auto& policies = facility->policies;
  const bool staff = orgs_.can(*facility, Permission::bookings_manage, ctx);
  Booking b = booking_of(*hold, policies, staff);
  b.payment_method = payment.method;
  snapshot.reset();

  // The payment is settled outside any transaction: a card's charge may take seconds.
  const PaymentGateway::Confirmation paying{hold_id, b.id,    b.facility_id,           b.user_id,
                                            b.price, payment, policies.payment_timing, policies.offline_methods,
                                            staff};
  SB_ASSIGN_OR_RETURN(auto settled, payments_.settle(paying));
  // A card or credit payment books the hold itself, in the transaction that records the money.
  if (settled.booked_as)
    return db_.read([&](db::Connection& c) -> Result<Booking> {
      if (auto booked = BookingRepository::booking(c, *settled.booked_as)) return *booked;
      return Error::internal("the payment booked " + settled.booked_as->str() + ", which cannot be found");
    });
  b.payment_status = settled.payment_status;
  b.created_at = clock_.now();
  const auto confirmed = events_.prepare(confirmed_event(b, hold_id), b.id, b.facility_id, ctx);
  auto result = db_.transact([&](db::Connection& tx) { return convert_in(tx, *hold, b, policies, confirmed); });
  // Paid but not booked: give the money back.
  if (!result.ok()) payments_.undo(paying, settled);
  return result;
}

Result<Booking> Holds::book_paid(db::Connection& tx, const HoldId& hold_id, PaymentMethod method,
                                 PaymentStatus status) {
  auto hold = BookingRepository::hold(tx, hold_id);
  if (!hold) return Error::not_found("No such hold.");
  if (hold->status == HoldStatus::converted && hold->booking_id) {
    if (auto booked = BookingRepository::booking(tx, *hold->booking_id)) return *booked;
  }
  auto config = orgs_.facility_config(organization::FacilityId{hold->facility_id});
  if (!config) return Error::not_found("No such hold.");
  const auto& policies = config->facility.policies;
  // Who pays is the player (staff confirm at the desk, through confirm_hold).
  Booking b = booking_of(*hold, policies, false);
  b.payment_method = method;
  b.payment_status = status;
  b.created_at = clock_.now();
  Context ctx;
  ctx.user_id = hold->booked_by;
  return convert_in(tx, *hold, b, policies, events_.prepare(confirmed_event(b, hold_id), b.id, b.facility_id, ctx));
}

Result<void> Holds::keep_hold(db::Connection& tx, const HoldId& hold_id, Instant until) {
  auto hold = BookingRepository::hold(tx, hold_id);
  if (!hold || !BookingRepository::keep_hold(tx, hold_id, until, clock_.now()))
    return Error::expired("This hold has expired or was released; hold the slot again.");
  // The slot stays held longer: availability documents that expected it free again must go.
  if (until > hold->expires_at)
    events_.emit(tx, HoldExtended{hold_id.str(), hold->resource_id, hold->start, hold->end, until}, hold_id,
                 hold->facility_id, Context{});
  return Ok{};
}

Result<Booking> Holds::staff_booking(const std::string& facility_id, const StaffBookingRequest& r, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto facility,
                      orgs_.facility_for(organization::FacilityId{facility_id}, Permission::bookings_manage, ctx));
  if (!rules::is_booking_type(r.type))
    return Error::invalid("type", "must be one of open_play, lesson, league, tournament, private, block, maintenance");
  const std::pair<Instant, Instant> range{r.start, r.end};
  SB_ASSIGN_OR_RETURN(Place p, places_.place_of(r.resource_id, ctx));
  if (p.facility.id != facility.id) return Error::invalid("resource_id", "is not a resource of this facility");
  const bool for_player = r.type == "open_play" || r.type == "lesson" || r.type == "private";
  Booking b;
  b.id = BookingId{new_id("bkg")};
  b.facility_id = facility.id.str();
  b.resource_id = p.resource.id.str();
  b.user_id = r.user_id.value_or(*ctx.user_id);
  b.created_by = *ctx.user_id;
  b.type = r.type;
  b.start = range.first;
  b.end = range.second;
  b.status = BookingStatus::confirmed;
  b.approval_status = ApprovalStatus::not_required;
  b.price = for_player && r.user_id ? places_.price_for(p, b.user_id, b.start, b.end) : Money{0, facility.currency};
  b.payment_status = b.price.amount == 0 ? PaymentStatus::waived : PaymentStatus::pending;
  b.payment_method = PaymentMethod::none;
  b.note = r.note;
  b.created_at = clock_.now();
  return ClaimsLedger::write([&] {
    return db_.transact([&](db::Connection& tx) -> Result<Booking> {
      SB_TRY(ledger_.claim(tx, p, b.start, b.end, b.id, std::nullopt, ctx, ClaimsLedger::OverlapCheck::constraint));
      BookingRepository::insert_booking(tx, b, rules::no_show_at(b, facility.policies));
      lifecycle_.schedule_approval(tx, b, facility.policies);
      events_.emit(tx, confirmed_event(b, std::nullopt), b.id, b.facility_id, ctx);
      return b;
    });
  });
}

int Holds::expire_lapsed_holds() {
  const Instant now = clock_.now();
  // A read first: most passes find nothing, and need no write transaction to say so.
  if (!db_.read([&](db::Connection& c) { return BookingRepository::any_lapsed_hold(c, now); })) return 0;
  return db_.transact([&](db::Connection& tx) {
    int expired = 0;
    for (const auto& hold : BookingRepository::lapsed_holds(tx, now, 500)) {
      // Claim first, then hold: the order a competing claim takes them in, so the two wait for
      // each other instead of deadlocking; whichever comes second finds the hold gone.
      ledger_.release(tx, hold.id);
      if (!BookingRepository::expire_hold(tx, hold.id, now)) continue;
      events_.emit(tx, HoldExpired{hold.id.str(), hold.resource_id, hold.start, hold.end}, hold.id, hold.facility_id,
                   Context{});
      ++expired;
    }
    return expired;
  });
}

void Holds::expire_hold(const HoldId& hold_id) {
  const Instant now = clock_.now();
  db_.transact([&](db::Connection& tx) {
    auto hold = BookingRepository::hold(tx, hold_id);
    if (!hold || !BookingRepository::expire_hold(tx, hold_id, now)) return;
    ledger_.release(tx, hold_id);
    events_.emit(tx, HoldExpired{hold_id.str(), hold->resource_id, hold->start, hold->end}, hold_id, hold->facility_id,
                 Context{});
  });
}

Result<std::vector<Hold>> Holds::facility_holds(const std::string& facility_id, const LocalDates& dates,
                                                const Context& ctx) {
  SB_ASSIGN_OR_RETURN(Day days, places_.days_of(facility_id, dates, ctx));
  return db_.read([&](db::Connection& c) {
    return BookingRepository::live_holds(c, days.facility_id, days.from, days.to, clock_.now());
  });
}

}  // namespace slotbase::booking
