#include "booking_service_impl.h"

#include <algorithm>
#include <map>

#include "booking/booking_events.h"
#include "booking_repository.h"
#include "platform/core/ids.h"
#include "platform/events/dispatcher.h"
#include "rules/cancellation.h"
#include "rules/schedule.h"

namespace slotbase::booking {
namespace {

using identity::Permission;
using std::chrono::minutes;

Result<Instant> parse_instant(const std::string& field, const std::string& text) {
  auto t = parse_rfc3339(text);
  if (!t) return Error::invalid(field, "must be an RFC 3339 time with an offset, e.g. 2026-12-01T18:00:00Z");
  if (epoch_seconds(*t) % 60 != 0) return Error::invalid(field, "must be on a whole minute");
  return *t;
}

}  // namespace

const Error BookingServiceImpl::kSlotTaken =
    Error::conflict("slot-unavailable", "That time is already held, booked or blocked.");

Result<std::pair<Instant, Instant>> BookingServiceImpl::parse_range(const std::string& start, const std::string& end) {
  auto s = parse_instant("start", start);
  auto e = parse_instant("end", end);
  std::vector<FieldError> errors;
  if (!s.ok()) errors.push_back(s.error().fields[0]);
  if (!e.ok()) errors.push_back(e.error().fields[0]);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  if (e.value() <= s.value()) return Error::invalid("end", "must be after start");
  if (e.value() - s.value() > std::chrono::hours(24)) return Error::invalid("end", "must be within 24 hours of start");
  return std::pair{s.value(), e.value()};
}

bool BookingServiceImpl::is_type(const std::string& t) {
  return std::any_of(std::begin(kBookingTypes), std::end(kBookingTypes), [&](const char* k) { return t == k; });
}

namespace {

std::int64_t percent_of(std::int64_t amount, int percent) {
  return (amount * percent + 50) / 100;
}

}  // namespace

BookingServiceImpl::BookingServiceImpl(db::Database& db, const Clock& clock, const events::Outbox& outbox,
                                       const events::JobQueue& jobs, organization::OrganizationService& orgs,
                                       resource::ResourceService& resources, PaymentGateway* payments)
    : db_(db), clock_(clock), outbox_(outbox), jobs_(jobs), orgs_(orgs), resources_(resources), payments_(payments) {}

Result<BookingServiceImpl::Place> BookingServiceImpl::place_of(const std::string& resource_id, const Context& ctx) {
  auto r = resources_.find_priced_resource(resource_id);
  if (!r) return Error::invalid("resource_id", "is not a resource");
  auto config = orgs_.facility_config(r->resource.facility_id);
  if (!config || !orgs_.visible(ctx, config->facility)) return Error::invalid("resource_id", "is not a resource");
  const auto& f = config->facility;
  auto zone = Zone::find(f.timezone);
  if (!zone) return Error::internal("facility time zone " + f.timezone + " is unknown");
  return Place{f, std::move(r->resource), *zone, config->hours, std::move(r->pricing)};
}

Result<BookingServiceImpl::Place> BookingServiceImpl::managed_place(const std::string& resource_id,
                                                                    const Context& ctx) {
  auto p = place_of(resource_id, ctx);
  if (!p.ok() && p.error().code == ErrorCode::invalid_argument) return Error::not_found("No such resource.");
  if (p.ok() && !orgs_.can(p->facility, Permission::bookings_manage, ctx))
    return Error::forbidden("You do not have permission to do this at this facility.");
  return p;
}

std::function<Money(Instant, Instant)> BookingServiceImpl::pricer_for(const Place& p, const std::string& user_id,
                                                                      std::optional<bool> known_member) {
  auto pricing = resources_.pricing_from(p.pricing, p.facility.currency);
  const bool member = resources_.has_member_prices(pricing) && !user_id.empty() &&
                      (known_member ? *known_member : orgs_.is_member(p.facility.id, user_id));
  return [this, &p, pricing = std::move(pricing), member](Instant start, Instant end) -> Money {
    resource::PriceContext ctx{p.zone, p.facility.policies.weekend_multiplier, p.facility.policies.holiday_multiplier,
                               [&](LocalDate d) { return rules::window_for(p.hours, p.zone, d).open_holiday; }};
    return {resources_.price(pricing, member, start, end, ctx), p.facility.currency};
  };
}

Money BookingServiceImpl::price_for(const Place& p, const std::string& user_id, Instant start, Instant end,
                                    std::optional<bool> member) {
  return pricer_for(p, user_id, member)(start, end);
}

Result<organization::Facility> BookingServiceImpl::facility_as(const std::string& facility_id,
                                                               identity::Permission permission, const Context& ctx,
                                                               const char* missing) {
  auto facility = orgs_.facility_for(facility_id, permission, ctx);
  if (!facility.ok() && facility.error().code == ErrorCode::not_found) return Error::not_found(missing);
  return facility;
}

Result<void> BookingServiceImpl::claim(db::Connection& tx, const Place& p, Instant start, Instant end,
                                       const std::string& kind, const std::string& owner_id,
                                       std::optional<Instant> expires_at, const Context& ctx, OverlapCheck check) {
  const Instant now = clock_.now();
  const bool by_query = check == OverlapCheck::query || tx.dialect() != db::Dialect::postgres;
  if (by_query) BookingRepository::take_turns_on(tx, p.resource.id);
  // On PostgreSQL the claim of a lapsed hold would still make the exclusion constraint refuse: it
  // ends first. SQLite's overlap query passes over lapsed holds, and the worker ends them.
  if (tx.dialect() == db::Dialect::postgres)
    for (const auto& hold_id : BookingRepository::expire_overlapping_holds(tx, p.resource.id, start, end, now))
      emit(tx, HoldExpired{hold_id, std::nullopt, std::nullopt, std::nullopt}, hold_id, p.facility.id, ctx);
  if (by_query && BookingRepository::overlapping_claim(tx, p.resource.id, start, end, now)) return kSlotTaken;
  BookingRepository::insert_claim(tx, p.facility.id, p.resource.id, start, end, kind, owner_id, expires_at);
  return Ok{};
}

Result<Hold> BookingServiceImpl::create_hold(const HoldRequest& r, const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  // The checks below read facility, roles, membership, hours and prices: one snapshot for all.
  std::optional<db::Database::ReadScope> snapshot(std::in_place, db_);
  SB_ASSIGN_OR_RETURN(auto range, parse_range(r.start, r.end));
  SB_ASSIGN_OR_RETURN(Place p, place_of(r.resource_id, ctx));
  const auto& policies = p.facility.policies;
  const bool staff = orgs_.can(p.facility, Permission::bookings_manage, ctx);
  std::string user = *ctx.user_id;
  if (r.booked_for_user_id && *r.booked_for_user_id != user) {
    if (!staff) return Error::forbidden("Only staff can hold a slot for someone else.");
    user = *r.booked_for_user_id;
  }
  if (p.resource.status != "active")
    return Error::rule_violation("resource-inactive", "This resource is not bookable.");
  std::optional<bool> member;  // asked once, for the rule and the price alike
  if (!staff && !p.facility.settings.allow_non_member_bookings) {
    member = orgs_.is_member(p.facility.id, user);
    if (!*member) return Error::rule_violation("members-only", "Only members can book at this facility.");
  }
  const Instant now = clock_.now();
  if (!staff) SB_TRY(rules::check_player_slot(policies, p.hours, p.zone, range.first, range.second, now));

  Hold hold{new_id("hld"),
            p.facility.id,
            p.resource.id,
            user,
            *ctx.user_id,
            "open_play",
            range.first,
            range.second,
            now + std::chrono::seconds(policies.hold_ttl_seconds),
            "active",
            price_for(p, user, range.first, range.second, member),
            std::nullopt};
  const auto created = prepare(HoldCreated{hold.id, hold.resource_id, hold.start, hold.end, hold.expires_at}, hold.id,
                               hold.facility_id, ctx);
  snapshot.reset();
  try {
    return db_.transact([&](db::Connection& tx) -> Result<Hold> {
      if (policies.max_active_bookings_per_user && !staff &&
          BookingRepository::active_count(tx, user, now) >= *policies.max_active_bookings_per_user)
        return Error::rule_violation("max-active-bookings", "You already have " +
                                                                std::to_string(*policies.max_active_bookings_per_user) +
                                                                " upcoming bookings, the most this facility allows.");
      SB_TRY(claim(tx, p, hold.start, hold.end, "hold", hold.id, hold.expires_at, ctx, OverlapCheck::constraint));
      BookingRepository::insert_hold(tx, hold, now);
      outbox_.append(tx, created);
      return hold;
    });
  } catch (const db::DbError& e) {
    if (e.kind() == db::ErrorKind::exclusion_violation) return kSlotTaken;  // lost a race on PostgreSQL
    throw;
  }
}

Result<void> BookingServiceImpl::release_hold(const std::string& hold_id, const Context& ctx) {
  auto hold = db_.read([&](db::Connection& c) { return BookingRepository::hold(c, hold_id); });
  if (!hold || !ctx.user_id || (hold->booked_by != *ctx.user_id && hold->user_id != *ctx.user_id))
    return Error::not_found("No such hold.");
  return db_.transact([&](db::Connection& tx) -> Result<void> {
    if (!BookingRepository::finish_hold(tx, hold_id, "released", std::nullopt))
      return Error::conflict("hold-not-active", "This hold was already confirmed, released or expired.");
    BookingRepository::release_claim(tx, hold_id);
    emit(tx, HoldReleased{hold_id, hold->resource_id, hold->start, hold->end, std::nullopt}, hold_id, hold->facility_id,
         ctx);
    return Ok{};
  });
}

Result<Booking> BookingServiceImpl::confirm_hold(const std::string& hold_id, const PaymentChoice& payment,
                                                 const Context& ctx) {
  std::optional<db::Database::ReadScope> snapshot(std::in_place, db_);
  auto found = db_.read([&](db::Connection& c) { return BookingRepository::hold(c, hold_id); });
  const Hold* hold = found ? &*found : nullptr;
  if (!hold || !ctx.user_id || (hold->booked_by != *ctx.user_id && hold->user_id != *ctx.user_id))
    return Error::not_found("No such hold.");
  if (hold->status == "converted")
    return Error::conflict("hold-already-confirmed", "This hold was already confirmed as a booking.");
  if (hold->status != "active" || hold->expires_at <= clock_.now())
    return Error::expired("This hold has expired or was released; hold the slot again.");
  auto config = orgs_.facility_config(hold->facility_id);
  if (!config) return Error::not_found("No such hold.");
  const organization::Facility* facility = &config->facility;
  const auto& policies = facility->policies;

  Booking b;
  b.id = new_id("bkg");
  b.facility_id = hold->facility_id;
  b.resource_id = hold->resource_id;
  b.user_id = hold->user_id;
  b.created_by = hold->booked_by;
  b.type = hold->type;
  b.start = hold->start;
  b.end = hold->end;
  b.status = "confirmed";
  b.price = hold->price;
  b.payment_method = payment.method;
  const bool staff = orgs_.can(*facility, Permission::bookings_manage, ctx);
  b.approval_status = policies.require_booking_approval && !staff ? "pending" : "not_required";
  snapshot.reset();

  if (payment.method == "none") {
    if (b.price.amount > 0 && policies.payment_timing == "at_booking" && !staff)
      return Error::rule_violation("payment-required", "This facility takes payment when you book.");
    b.payment_status = b.price.amount == 0 ? "waived" : "pending";
  } else if (payment.method == "offline") {
    if (payment.offline_method && std::find(policies.offline_methods.begin(), policies.offline_methods.end(),
                                            *payment.offline_method) == policies.offline_methods.end())
      return Error::invalid("payment.offline_method", "is not accepted at this facility");
    b.payment_status = b.price.amount == 0 ? "waived" : "pending";
  } else if (payment.method == "card") {
    if (!payments_) return Error::rule_violation("payment-method-unavailable", "Card payments are not available yet.");
    if (b.price.amount == 0) {
      b.payment_status = "waived";
    } else {
      // The charge runs outside any transaction; its key is the hold, so a retry never charges twice.
      SB_ASSIGN_OR_RETURN(
          auto outcome, payments_->charge({"hold:" + hold_id, b.price, b.user_id, "Booking " + b.id, payment.details}));
      if (!outcome.approved)
        return Error::rule_violation("payment-declined", "The payment was declined: " + outcome.decline_reason);
      b.payment_status = "paid";
    }
  } else {
    return Error::rule_violation("payment-method-unavailable", "Paying with " + payment.method + " is not available.");
  }

  const Instant now = clock_.now();
  b.created_at = now;
  const auto confirmed = prepare(confirmed_event(b, hold_id), b.id, b.facility_id, ctx);
  auto result = db_.transact([&](db::Connection& tx) -> Result<Booking> {
    // The hold may have lapsed or been confirmed while the payment ran: only an active, live hold converts.
    if (!BookingRepository::convert_hold(tx, hold_id, b.id, now)) {
      auto current = BookingRepository::hold(tx, hold_id);
      if (current && current->status == "converted")
        return Error::conflict("hold-already-confirmed", "This hold was already confirmed as a booking.");
      return Error::expired("This hold expired before it was confirmed; hold the slot again.");
    }
    if (hold->offer) BookingRepository::settle_offer(tx, hold_id, "booked");
    BookingRepository::convert_claim(tx, hold_id, b.id);
    BookingRepository::insert_booking(tx, b, no_show_at(b, policies));
    schedule_approval(tx, b, policies);
    outbox_.append(tx, confirmed);
    return b;
  });
  if (!result.ok() && b.payment_status == "paid" && payments_) {
    // Paid but not booked: give the money back.
    (void)payments_->refund("hold:" + hold_id, b.price, "refund:hold:" + hold_id);
  }
  return result;
}

Result<Booking> BookingServiceImpl::staff_booking(const std::string& facility_id, const StaffBookingRequest& r,
                                                  const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto facility, orgs_.facility_for(facility_id, Permission::bookings_manage, ctx));
  if (!is_type(r.type))
    return Error::invalid("type", "must be one of open_play, lesson, league, tournament, private, block, maintenance");
  SB_ASSIGN_OR_RETURN(auto range, parse_range(r.start, r.end));
  SB_ASSIGN_OR_RETURN(Place p, place_of(r.resource_id, ctx));
  if (p.facility.id != facility.id) return Error::invalid("resource_id", "is not a resource of this facility");
  const bool for_player = r.type == "open_play" || r.type == "lesson" || r.type == "private";
  Booking b;
  b.id = new_id("bkg");
  b.facility_id = facility.id;
  b.resource_id = p.resource.id;
  b.user_id = r.user_id.value_or(*ctx.user_id);
  b.created_by = *ctx.user_id;
  b.type = r.type;
  b.start = range.first;
  b.end = range.second;
  b.status = "confirmed";
  b.approval_status = "not_required";
  b.price = for_player && r.user_id ? price_for(p, b.user_id, b.start, b.end) : Money{0, facility.currency};
  b.payment_status = b.price.amount == 0 ? "waived" : "pending";
  b.payment_method = "none";
  b.note = r.note;
  b.created_at = clock_.now();
  try {
    return db_.transact([&](db::Connection& tx) -> Result<Booking> {
      SB_TRY(claim(tx, p, b.start, b.end, "booking", b.id, std::nullopt, ctx, OverlapCheck::constraint));
      BookingRepository::insert_booking(tx, b, no_show_at(b, facility.policies));
      schedule_approval(tx, b, facility.policies);
      emit(tx, confirmed_event(b, std::nullopt), b.id, b.facility_id, ctx);
      return b;
    });
  } catch (const db::DbError& e) {
    if (e.kind() == db::ErrorKind::exclusion_violation) return kSlotTaken;
    throw;
  }
}

Result<Booking> BookingServiceImpl::get_booking(const std::string& booking_id, const Context& ctx) {
  auto b = db_.read([&](db::Connection& c) { return BookingRepository::booking(c, booking_id); });
  if (!b || !ctx.user_id) return Error::not_found("No such booking.");
  if (b->user_id == *ctx.user_id || b->created_by == *ctx.user_id) return *b;
  auto f = orgs_.find_facility(b->facility_id);
  if (f && orgs_.can(*f, Permission::facility_view, ctx)) return *b;
  return Error::not_found("No such booking.");
}

Result<std::vector<Booking>> BookingServiceImpl::my_bookings(const BookingFilter& f, const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  Instant after = from_epoch_seconds(-1);  // before any booking: the first page
  std::string after_id;
  if (f.cursor) {
    // Cursor: "<start epoch>:<booking id>" of the last item of the previous page.
    auto colon = f.cursor->find(':');
    try {
      if (colon == std::string::npos) throw std::invalid_argument("cursor");
      after = from_epoch_seconds(std::stoll(f.cursor->substr(0, colon)));
      after_id = f.cursor->substr(colon + 1);
    } catch (const std::exception&) {
      return Error::invalid("cursor", "is not a cursor this API gave out");
    }
  }
  return db_.read([&](db::Connection& c) {
    return BookingRepository::user_bookings(c, *ctx.user_id, f.status, after, after_id, f.limit);
  });
}

Result<BookingServiceImpl::Day> BookingServiceImpl::day_of(const std::string& facility_id, const std::string& date,
                                                           const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto facility, orgs_.facility_for(facility_id, Permission::facility_view, ctx));
  auto day = LocalDate::parse(date);
  if (!day) return Error::invalid("date", "must be a date as YYYY-MM-DD");
  if (day->year < 2000 || day->year > 2999) return Error::invalid("date", "must be a date from 2000 to 2999");
  auto zone = Zone::find(facility.timezone);
  if (!zone) return Error::internal("facility time zone " + facility.timezone + " is unknown");
  return Day{facility.id, zone->at(*day, LocalTime{0}), zone->at(Zone::add_days(*day, 1), LocalTime{0})};
}

Result<std::vector<Booking>> BookingServiceImpl::facility_bookings(const std::string& facility_id,
                                                                   const std::string& date, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(Day day, day_of(facility_id, date, ctx));
  return db_.read(
      [&](db::Connection& c) { return BookingRepository::facility_bookings(c, day.facility_id, day.from, day.to); });
}

Result<std::vector<Block>> BookingServiceImpl::facility_blocks(const std::string& facility_id, const std::string& date,
                                                               const Context& ctx) {
  SB_ASSIGN_OR_RETURN(Day day, day_of(facility_id, date, ctx));
  return db_.read(
      [&](db::Connection& c) { return BookingRepository::facility_blocks(c, day.facility_id, day.from, day.to); });
}

Result<std::pair<Booking, organization::Facility>> BookingServiceImpl::booking_for(const std::string& booking_id,
                                                                                   const Context& ctx) {
  SB_ASSIGN_OR_RETURN(Booking b, get_booking(booking_id, ctx));
  auto facility = orgs_.find_facility(b.facility_id);
  if (!facility) return Error::not_found("No such booking.");
  return std::pair{std::move(b), std::move(*facility)};
}

Refund BookingServiceImpl::settle(Booking& b, int percent, const std::string& reason, const std::string& cancelled_by) {
  Refund refund{{0, b.price.currency}, percent};
  if (b.payment_status == "paid") {
    refund.amount.amount = percent_of(b.price.amount, percent);
    if (refund.amount.amount == b.price.amount && b.price.amount > 0)
      b.payment_status = "refunded";
    else if (refund.amount.amount > 0)
      b.payment_status = "partial";
  }
  b.status = "cancelled";
  b.cancel_reason = reason;
  b.cancelled_by = cancelled_by;
  b.refund_amount = refund.amount.amount;
  return refund;
}

Result<void> BookingServiceImpl::cancel_in(db::Connection& tx, const Booking& b, const Refund& refund, bool by_staff,
                                           const Context& ctx) {
  if (!BookingRepository::cancel_booking(tx, b, clock_.now()))
    return Error::conflict("booking-not-cancellable", "This booking changed meanwhile and cannot be cancelled.");
  BookingRepository::release_claim(tx, b.id);
  emit(tx,
       BookingCancelled{b.id,
                        b.user_id,
                        b.resource_id,
                        b.start,
                        b.end,
                        b.cancel_reason.value_or(""),
                        b.cancelled_by.value_or(""),
                        by_staff,
                        {refund.amount.amount, refund.amount.currency, refund.percent}},
       b.id, b.facility_id, ctx);
  return Ok{};
}

Result<CancelResult> BookingServiceImpl::cancel(const std::string& booking_id, const std::string& reason,
                                                bool full_refund, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto found, booking_for(booking_id, ctx));
  auto& [b, facility] = found;
  const bool staff = orgs_.can(facility, Permission::bookings_manage, ctx);
  const bool owner = b.user_id == *ctx.user_id || b.created_by == *ctx.user_id;
  if (!staff && !owner) return Error::forbidden("Only the player or staff can cancel this booking.");
  if (!staff && full_refund) return Error::invalid("full_refund", "only staff can waive the cancellation policy");
  if (b.status != "confirmed")
    return Error::conflict("booking-not-cancellable", "A booking that is " + b.status + " cannot be cancelled.");
  const double hours_notice = std::chrono::duration<double>(b.start - clock_.now()).count() / 3600.0;
  int percent = rules::refund_percent(facility.policies.cancellation, hours_notice);
  if (b.approval_status == "pending" || full_refund) percent = 100;
  Refund refund = settle(b, percent, reason, *ctx.user_id);
  return db_.transact([&](db::Connection& tx) -> Result<CancelResult> {
    SB_TRY(cancel_in(tx, b, refund, staff && !owner, ctx));
    return CancelResult{b, refund};
  });
}

std::optional<Instant> BookingServiceImpl::no_show_at(const Booking& b, const organization::Policies& policies) {
  if (b.type != "open_play" && b.type != "lesson" && b.type != "private") return std::nullopt;
  return b.start + minutes(policies.no_show_grace_minutes);
}

void BookingServiceImpl::schedule_approval(db::Connection& tx, const Booking& b,
                                           const organization::Policies& policies) const {
  if (b.approval_status == "pending" && policies.auto_approve_after_minutes)
    jobs_.schedule(tx, kAutoApproveJob, {{"booking_id", b.id}},
                   clock_.now() + minutes(*policies.auto_approve_after_minutes), "auto-approve:" + b.id);
}

Result<Booking> BookingServiceImpl::check_in(const std::string& booking_id, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto found, booking_for(booking_id, ctx));
  auto& [b, facility] = found;
  const bool staff = orgs_.can(facility, Permission::bookings_manage, ctx);
  if (b.status != "confirmed")
    return Error::conflict("booking-not-checkable", "A booking that is " + b.status + " cannot be checked in.");
  if (b.approval_status == "pending" || b.approval_status == "rejected")
    return Error::rule_violation("approval-pending", "This booking is waiting for the facility's approval.");
  const Instant now = clock_.now();
  if (!staff) {
    if (b.user_id != *ctx.user_id) return Error::forbidden("Only the player or staff can check in.");
    const Instant opens = b.start - minutes(facility.policies.check_in_opens_minutes_before);
    if (now < opens || now >= b.end)
      return Error::rule_violation("check-in-window",
                                   "Check-in opens " + std::to_string(facility.policies.check_in_opens_minutes_before) +
                                       " minutes before the start and closes at the end.");
  }
  return db_.transact([&](db::Connection& tx) -> Result<Booking> {
    if (!BookingRepository::check_in(tx, b.id, now))
      return Error::conflict("booking-not-checkable", "This booking changed meanwhile.");
    emit(tx, BookingCheckedIn{b.id, b.user_id}, b.id, b.facility_id, ctx);
    b.status = "checked_in";
    return b;
  });
}

Result<Booking> BookingServiceImpl::mark_no_show(const std::string& booking_id, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto found, booking_for(booking_id, ctx));
  auto& [b, facility] = found;
  if (!orgs_.can(facility, Permission::bookings_manage, ctx)) return Error::forbidden("Only staff mark no-shows.");
  const Instant now = clock_.now();
  if (now < b.start)
    return Error::rule_violation("not-started", "A no-show can be marked once the booking has started.");
  if (b.status != "confirmed")
    return Error::conflict("booking-not-confirmed", "A booking that is " + b.status + " cannot be a no-show.");
  const std::int64_t fee = percent_of(b.price.amount, facility.policies.no_show_fee_percent);
  return db_.transact([&](db::Connection& tx) -> Result<Booking> {
    if (!BookingRepository::no_show(tx, b.id, fee, now))
      return Error::conflict("booking-not-confirmed", "This booking changed meanwhile.");
    emit(tx, BookingNoShow{b.id, b.user_id, false, {fee, b.price.currency, facility.policies.no_show_fee_percent}},
         b.id, b.facility_id, ctx);
    b.status = "no_show";
    return b;
  });
}

Result<Booking> BookingServiceImpl::reschedule(const std::string& booking_id, const RescheduleRequest& r,
                                               const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto found, booking_for(booking_id, ctx));
  auto& [b, facility] = found;
  const bool staff = orgs_.can(facility, Permission::bookings_manage, ctx);
  if (!staff && b.user_id != *ctx.user_id && b.created_by != *ctx.user_id)
    return Error::forbidden("Only the player or staff can reschedule this booking.");
  if (b.status != "confirmed")
    return Error::conflict("booking-not-movable", "A booking that is " + b.status + " cannot be rescheduled.");
  SB_ASSIGN_OR_RETURN(auto range, parse_range(r.start, r.end));
  SB_ASSIGN_OR_RETURN(Place p, place_of(r.resource_id.value_or(b.resource_id), ctx));
  if (p.facility.id != b.facility_id) return Error::invalid("resource_id", "is not a resource of this facility");
  if (p.resource.status != "active")
    return Error::rule_violation("resource-inactive", "This resource is not bookable.");
  const Instant now = clock_.now();
  if (!staff) {
    if (b.start <= now) return Error::rule_violation("in-the-past", "A booking that has started cannot be moved.");
    SB_TRY(rules::check_player_slot(facility.policies, p.hours, p.zone, range.first, range.second, now));
  }
  const Booking before = b;
  b.resource_id = p.resource.id;
  b.start = range.first;
  b.end = range.second;
  b.price = price_for(p, b.user_id, b.start, b.end);
  try {
    return db_.transact([&](db::Connection& tx) -> Result<Booking> {
      // Let the old slot go and take the new one in one transaction: a conflict rolls both back.
      BookingRepository::release_claim(tx, b.id);
      SB_TRY(claim(tx, p, b.start, b.end, "booking", b.id, std::nullopt, ctx));
      if (!BookingRepository::move(tx, b, now, no_show_at(b, facility.policies)))
        return Error::conflict("booking-not-movable", "This booking changed meanwhile.");
      schedule_approval(tx, b, facility.policies);
      emit(tx,
           BookingRescheduled{
               b.id, b.resource_id, b.start, b.end, {before.resource_id, before.start, before.end}, b.series_id},
           b.id, b.facility_id, ctx);
      return b;
    });
  } catch (const db::DbError& e) {
    if (e.kind() == db::ErrorKind::exclusion_violation) return kSlotTaken;
    throw;
  }
}

Result<Booking> BookingServiceImpl::approve(const std::string& booking_id, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto found, booking_for(booking_id, ctx));
  auto& [b, facility] = found;
  if (!orgs_.can(facility, Permission::bookings_manage, ctx)) return Error::forbidden("Only staff approve bookings.");
  return db_.transact([&](db::Connection& tx) -> Result<Booking> {
    if (!BookingRepository::set_approval(tx, b.id, "approved", clock_.now()))
      return Error::conflict("approval-not-pending", "This booking is not waiting for approval.");
    emit(tx, BookingApproved{b.id, b.user_id, "approved"}, b.id, b.facility_id, ctx);
    b.approval_status = "approved";
    return b;
  });
}

Result<CancelResult> BookingServiceImpl::reject(const std::string& booking_id, const std::string& reason,
                                                const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto found, booking_for(booking_id, ctx));
  auto& [b, facility] = found;
  if (!orgs_.can(facility, Permission::bookings_manage, ctx)) return Error::forbidden("Only staff reject bookings.");
  if (reason.empty()) return Error::invalid("reason", "is required to reject a booking");
  if (b.approval_status != "pending" || b.status != "confirmed")
    return Error::conflict("approval-not-pending", "This booking is not waiting for approval.");
  Refund refund = settle(b, 100, reason, *ctx.user_id);
  b.approval_status = "rejected";
  return db_.transact([&](db::Connection& tx) -> Result<CancelResult> {
    if (!BookingRepository::set_approval(tx, b.id, "rejected", clock_.now()))
      return Error::conflict("approval-not-pending", "This booking is not waiting for approval.");
    SB_TRY(cancel_in(tx, b, refund, true, ctx));
    emit(tx, BookingRejected{b.id, b.user_id, reason}, b.id, b.facility_id, ctx);
    return CancelResult{b, refund};
  });
}

Result<Block> BookingServiceImpl::create_block(const BlockRequest& r, const Context& ctx) {
  std::optional<db::Database::ReadScope> snapshot(std::in_place, db_);
  SB_ASSIGN_OR_RETURN(Place p, managed_place(r.resource_id, ctx));
  snapshot.reset();
  SB_ASSIGN_OR_RETURN(auto range, parse_range(r.start, r.end));
  if (r.reason.empty()) return Error::invalid("reason", "is required");
  Block block{
      new_id("blk"), p.facility.id, p.resource.id, range.first, range.second, r.reason, *ctx.user_id, {}, {}, {}};
  try {
    return db_.transact([&](db::Connection& tx) -> Result<Block> {
      SB_TRY(place_block(tx, p, block, r.force, ctx));
      return block;
    });
  } catch (const db::DbError& e) {
    if (e.kind() == db::ErrorKind::exclusion_violation) return kSlotTaken;
    throw;
  }
}

Result<void> BookingServiceImpl::place_block(db::Connection& tx, const Place& p, Block& block, bool force,
                                             const Context& ctx) {
  const Instant now = clock_.now();
  BookingRepository::take_turns_on(tx, p.resource.id);
  for (const auto& hold_id :
       BookingRepository::expire_overlapping_holds(tx, p.resource.id, block.start, block.end, now))
    emit(tx, HoldExpired{hold_id, std::nullopt, std::nullopt, std::nullopt}, hold_id, p.facility.id, ctx);
  auto in_the_way = BookingRepository::claims_on(tx, p.resource.id, block.start, block.end, now);
  if (!in_the_way.empty() && !force)
    return Error::conflict("block-overlaps-bookings",
                           std::to_string(in_the_way.size()) +
                               " holds, bookings or blocks are in the way; send \"force\": true to cancel "
                               "the bookings with a full refund.");
  for (const auto& [kind, owner] : in_the_way) {
    if (kind == "block")
      return Error::conflict("block-overlaps-block", "Another block already covers part of this time.");
    if (kind == "hold") {
      BookingRepository::finish_hold(tx, owner, "released", std::nullopt);
      BookingRepository::release_claim(tx, owner);
      emit(tx, HoldReleased{owner, std::nullopt, std::nullopt, std::nullopt, block.reason}, owner, p.facility.id, ctx);
      continue;
    }
    auto b = BookingRepository::booking(tx, owner);
    if (!b) continue;
    Refund refund = settle(*b, 100, "Maintenance: " + block.reason, *ctx.user_id);
    SB_TRY(cancel_in(tx, *b, refund, true, ctx));
    block.cancelled_bookings.push_back(b->id);
  }
  BookingRepository::insert_block(tx, block, now);
  BookingRepository::insert_claim(tx, p.facility.id, p.resource.id, block.start, block.end, "block", block.id,
                                  std::nullopt);
  emit(tx,
       BlockCreated{block.id, block.resource_id, block.start, block.end, block.reason, block.cancelled_bookings,
                    block.series_id},
       block.id, block.facility_id, ctx);
  return Ok{};
}

Result<std::vector<Block>> BookingServiceImpl::list_blocks(const std::string& resource_id, const Context& ctx) {
  auto resource = resources_.find_resource(resource_id);
  if (!resource) return Error::not_found("No such resource.");
  SB_TRY(facility_as(resource->facility_id, Permission::facility_view, ctx, "No such resource."));
  const Instant from = clock_.now() - std::chrono::hours(24 * 30);
  return db_.read([&](db::Connection& c) { return BookingRepository::blocks_of(c, resource_id, from); });
}

Result<void> BookingServiceImpl::remove_block(const std::string& block_id, const Context& ctx) {
  auto block = db_.read([&](db::Connection& c) { return BookingRepository::block(c, block_id); });
  if (!block) return Error::not_found("No such block.");
  SB_TRY(facility_as(block->facility_id, Permission::bookings_manage, ctx, "No such block."));
  return db_.transact([&](db::Connection& tx) -> Result<void> {
    if (!BookingRepository::remove_block(tx, block_id)) return Error::not_found("No such block.");
    BookingRepository::release_claim(tx, block_id);
    emit(tx, BlockRemoved{block_id, block->resource_id, block->start, block->end, block->series_id}, block_id,
         block->facility_id, ctx);
    return Ok{};
  });
}

bool BookingServiceImpl::no_show_in(db::Connection& tx, const Booking& b, int fee_percent) {
  const std::int64_t fee = percent_of(b.price.amount, fee_percent);
  if (!BookingRepository::no_show(tx, b.id, fee, clock_.now())) return false;
  emit(tx, BookingNoShow{b.id, b.user_id, true, {fee, b.price.currency, fee_percent}}, b.id, b.facility_id, Context{});
  return true;
}

bool BookingServiceImpl::complete_in(db::Connection& tx, const Booking& b) {
  if (!BookingRepository::complete(tx, b.id, clock_.now())) return false;
  emit(tx, BookingCompleted{b.id, b.user_id}, b.id, b.facility_id, Context{});
  return true;
}

int BookingServiceImpl::settle_past_bookings() {
  const Instant now = clock_.now();
  // A read first: most passes find nothing due, and need no write transaction to say so.
  if (!db_.read([&](db::Connection& c) { return BookingRepository::any_lifecycle_due(c, now); })) return 0;
  return db_.transact([&](db::Connection& tx) {
    int settled = 0;
    std::map<std::string, int> fee_percent;  // by facility, read once a pass
    // No-shows first: a booking past both its no-show time and its end was never checked in.
    for (const auto& b : BookingRepository::no_shows_due(tx, now, 500)) {
      auto [it, fresh] = fee_percent.try_emplace(b.facility_id, 0);
      if (fresh)
        if (auto f = orgs_.find_facility(b.facility_id)) it->second = f->policies.no_show_fee_percent;
      settled += no_show_in(tx, b, it->second);
    }
    for (const auto& b : BookingRepository::completions_due(tx, now, 500)) settled += complete_in(tx, b);
    return settled;
  });
}

// The jobs of bookings made before the sweeps (migration 0010) still come due.
void BookingServiceImpl::auto_no_show(const std::string& booking_id, Instant expected_start) {
  db_.transact([&](db::Connection& tx) {
    auto b = BookingRepository::booking(tx, booking_id);
    if (!b || b->status != "confirmed" || b->start != expected_start) return;  // checked in, cancelled or moved
    auto facility = orgs_.find_facility(b->facility_id);
    no_show_in(tx, *b, facility ? facility->policies.no_show_fee_percent : 0);
  });
}

void BookingServiceImpl::auto_complete(const std::string& booking_id, Instant expected_end) {
  db_.transact([&](db::Connection& tx) {
    auto b = BookingRepository::booking(tx, booking_id);
    if (!b || b->end != expected_end) return;
    complete_in(tx, *b);
  });
}

void BookingServiceImpl::auto_approve(const std::string& booking_id) {
  db_.transact([&](db::Connection& tx) {
    auto b = BookingRepository::booking(tx, booking_id);
    if (!b || !BookingRepository::set_approval(tx, booking_id, "auto_approved", clock_.now())) return;
    emit(tx, BookingApproved{booking_id, b->user_id, "auto_approved"}, booking_id, b->facility_id, Context{});
  });
}

int BookingServiceImpl::expire_lapsed_holds() {
  const Instant now = clock_.now();
  // A read first: most passes find nothing, and need no write transaction to say so.
  if (!db_.read([&](db::Connection& c) { return BookingRepository::any_lapsed_hold(c, now); })) return 0;
  return db_.transact([&](db::Connection& tx) {
    int expired = 0;
    for (const auto& hold : BookingRepository::lapsed_holds(tx, now, 500)) {
      // Claim first, then hold: the order a competing claim takes them in, so the two wait for
      // each other instead of deadlocking; whichever comes second finds the hold gone.
      BookingRepository::release_claim(tx, hold.id);
      if (!BookingRepository::expire_hold(tx, hold.id, now)) continue;
      emit(tx, HoldExpired{hold.id, hold.resource_id, hold.start, hold.end}, hold.id, hold.facility_id, Context{});
      ++expired;
    }
    return expired;
  });
}

void BookingServiceImpl::expire_hold(const std::string& hold_id) {
  const Instant now = clock_.now();
  db_.transact([&](db::Connection& tx) {
    auto hold = BookingRepository::hold(tx, hold_id);
    if (!hold || !BookingRepository::expire_hold(tx, hold_id, now)) return;
    BookingRepository::release_claim(tx, hold_id);
    emit(tx, HoldExpired{hold_id, hold->resource_id, hold->start, hold->end}, hold_id, hold->facility_id, Context{});
  });
}

Result<Availability> BookingServiceImpl::availability(const std::string& facility_id, const AvailabilityQuery& q,
                                                      const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto facility, orgs_.get_facility(facility_id, ctx));
  const auto& policies = facility.policies;
  std::vector<FieldError> errors;
  auto first_day = LocalDate::parse(q.date);
  if (!first_day) errors.push_back({"date", "must be a date as YYYY-MM-DD"});
  // A year either side of today and more is history or fantasy; it also keeps times in four digits.
  else if (first_day->year < 2000 || first_day->year > 2999)
    errors.push_back({"date", "must be a date from 2000 to 2999"});
  if (q.days < 1 || q.days > 14) errors.push_back({"days", "must be 1 to 14"});
  const int duration = q.duration_minutes.value_or(policies.min_duration_minutes);
  if (duration < policies.min_duration_minutes || duration > policies.max_duration_minutes ||
      duration % policies.slot_step_minutes != 0)
    errors.push_back({"duration", "must be " + std::to_string(policies.min_duration_minutes) + " to " +
                                      std::to_string(policies.max_duration_minutes) + " minutes in steps of " +
                                      std::to_string(policies.slot_step_minutes)});
  if (!errors.empty()) return Error::invalid(std::move(errors));

  auto zone = *Zone::find(facility.timezone);
  std::vector<resource::Resource> resources;
  for (auto& r : resources_.resources_of(facility.id)) {
    if (r.status != "active") continue;
    if (q.resource_id && r.id != *q.resource_id) continue;
    resources.push_back(std::move(r));
  }
  if (q.resource_id && resources.empty()) return Error::invalid("resource_id", "is not an active resource here");

  const Instant now = clock_.now();
  const auto hours = orgs_.hours_of(facility.id);
  std::vector<rules::DayWindow> windows;
  for (int i = 0; i < q.days; ++i) windows.push_back(rules::window_for(hours, zone, Zone::add_days(*first_day, i)));
  const Instant range_start = zone.at(*first_day, LocalTime{0});
  const Instant range_end = zone.at(Zone::add_days(*first_day, q.days), LocalTime{0});
  auto claims = db_.read([&](db::Connection& c) {
    return BookingRepository::facility_claims(c, facility.id, range_start, range_end, now);
  });
  std::map<std::string, std::vector<Claim>> by_resource;
  for (auto& c : claims) by_resource[c.resource_id].push_back(std::move(c));

  const Instant earliest = now + minutes(policies.min_lead_time_minutes);
  const LocalDate last_day = Zone::add_days(zone.date_of(now), policies.booking_window_days);
  Availability out{
      facility.id, facility.timezone, {}, now, zone.at(Zone::add_days(zone.date_of(now), 1), LocalTime{0})};
  for (const auto& c : claims)
    if (c.expires_at && *c.expires_at < out.valid_until) out.valid_until = *c.expires_at;
  const auto pricing_by_resource = resources_.pricing_of_facility(facility.id, facility.currency);
  // Membership changes the price only where some price list has member prices.
  const bool member = ctx.user_id &&
                      std::any_of(pricing_by_resource.begin(), pricing_by_resource.end(),
                                  [this](const auto& entry) { return resources_.has_member_prices(entry.second); }) &&
                      orgs_.is_member(facility.id, *ctx.user_id);
  std::vector<std::vector<Instant>> starts_by_day;
  for (const auto& w : windows)
    starts_by_day.push_back(rules::slot_starts(w, minutes(policies.slot_step_minutes), minutes(duration)));
  // Courts usually share one price list: price each distinct list's slots once per day.
  std::vector<std::pair<resource::Pricing, std::vector<std::vector<std::int64_t>>>> price_memo;
  const resource::Pricing free_pricing{{0, facility.currency}, std::nullopt, 60, {}};
  for (const auto& r : resources) {
    auto found = pricing_by_resource.find(r.id);
    const resource::Pricing& pricing = found != pricing_by_resource.end() ? found->second : free_pricing;
    auto memo = std::find_if(price_memo.begin(), price_memo.end(), [&](const auto& m) { return m.first == pricing; });
    if (memo == price_memo.end())
      memo = price_memo.insert(price_memo.end(), {pricing, std::vector<std::vector<std::int64_t>>(q.days)});
    const auto& taken = by_resource[r.id];
    ResourceSlots rs{r.id, r.name, {}};
    for (int i = 0; i < q.days; ++i) {
      const auto& w = windows[i];
      const bool bookable_day = Zone::add_days(*first_day, i) <= last_day;
      auto& prices = memo->second[i];
      if (prices.empty()) {
        resource::PriceContext pctx{zone, policies.weekend_multiplier, policies.holiday_multiplier,
                                    [&](LocalDate) { return w.open_holiday; }};
        for (Instant start : starts_by_day[i])
          prices.push_back(resources_.price(pricing, member, start, start + minutes(duration), pctx));
      }
      std::size_t slot_index = 0;
      for (Instant start : starts_by_day[i]) {
        const Instant end = start + minutes(duration);
        std::string status = "available";
        int rank = 0;  // blocked beats booked beats held
        for (const auto& c : taken) {
          if (c.start >= end || c.end <= start) continue;
          int k = c.kind == "block" ? 3 : c.kind == "booking" ? 2 : 1;
          if (k > rank) {
            rank = k;
            status = k == 3 ? "blocked" : k == 2 ? "booked" : "held";
          }
        }
        if (rank == 0 && (start <= now || start < earliest || !bookable_day))
          status = "closed";
        else if (rank == 0)  // open until the lead time is reached (one second later) or it starts
          out.valid_until = std::min(
              {out.valid_until, start, start - minutes(policies.min_lead_time_minutes) + std::chrono::seconds(1)});
        rs.slots.push_back({start, end, status, {prices[slot_index++], facility.currency}});
      }
    }
    out.resources.push_back(std::move(rs));
  }
  return out;
}

Result<WaitlistEntry> BookingServiceImpl::join_waitlist(const HoldRequest& r, const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  SB_ASSIGN_OR_RETURN(auto range, parse_range(r.start, r.end));
  SB_ASSIGN_OR_RETURN(Place p, place_of(r.resource_id, ctx));
  const Instant now = clock_.now();
  SB_TRY(rules::check_player_slot(p.facility.policies, p.hours, p.zone, range.first, range.second, now));
  WaitlistEntry e{new_id("wle"), p.facility.id, p.resource.id, *ctx.user_id, range.first,
                  range.second,  "waiting",     std::nullopt,  std::nullopt, now};
  return db_.transact([&](db::Connection& tx) -> Result<WaitlistEntry> {
    if (!BookingRepository::overlapping_claim(tx, e.resource_id, e.start, e.end, now))
      return Error::conflict("slot-available", "That time is free: hold it instead of waiting.");
    if (BookingRepository::has_open_entry(tx, e.user_id, e.resource_id, e.start, e.end))
      return Error::conflict("already-waiting", "You are already on the waitlist for this slot.");
    BookingRepository::insert_entry(tx, e);
    return e;
  });
}

Result<void> BookingServiceImpl::leave_waitlist(const std::string& entry_id, const Context& ctx) {
  auto e = db_.read([&](db::Connection& c) { return BookingRepository::entry(c, entry_id); });
  if (!e || !ctx.user_id || e->user_id != *ctx.user_id) return Error::not_found("No such waitlist entry.");
  return db_.transact([&](db::Connection& tx) -> Result<void> {
    if (!BookingRepository::cancel_entry(tx, entry_id))
      return Error::conflict("waitlist-entry-closed", "This entry was already booked, expired or left.");
    if (e->hold_id && BookingRepository::finish_hold(tx, *e->hold_id, "released", std::nullopt)) {
      BookingRepository::release_claim(tx, *e->hold_id);
      emit(tx, HoldReleased{*e->hold_id, e->resource_id, e->start, e->end, std::nullopt}, *e->hold_id, e->facility_id,
           ctx);
    }
    return Ok{};
  });
}

Result<std::vector<WaitlistEntry>> BookingServiceImpl::my_waitlist(const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  return db_.read([&](db::Connection& c) { return BookingRepository::user_entries(c, *ctx.user_id); });
}

void BookingServiceImpl::offer(db::Connection& tx, const std::string& resource_id, Instant start, Instant end) {
  const Instant now = clock_.now();
  for (const auto& e : BookingRepository::waiting_for(tx, resource_id, start, end, now)) {
    if (BookingRepository::overlapping_claim(tx, e.resource_id, e.start, e.end, now))
      continue;  // not all of it is free
    auto resource = resources_.find_priced_resource(e.resource_id);
    auto config = resource ? orgs_.facility_config(resource->resource.facility_id) : nullptr;
    auto zone = config ? Zone::find(config->facility.timezone) : std::nullopt;
    if (!config || !zone || resource->resource.status != "active") continue;
    const auto* facility = &config->facility;
    const Place p{*facility, resource->resource, *zone, config->hours, resource->pricing};
    const Instant deadline = now + std::chrono::hours(facility->policies.waitlist_expiry_hours);
    Hold hold{new_id("hld"),
              e.facility_id,
              e.resource_id,
              e.user_id,
              e.user_id,
              "open_play",
              e.start,
              e.end,
              deadline,
              "active",
              price_for(p, e.user_id, e.start, e.end),
              std::nullopt,
              true};
    const Context system{e.user_id, "waitlist", ""};
    // Through claim(), like every other claim: lapsed holds in the way go first.
    if (!claim(tx, p, hold.start, hold.end, "hold", hold.id, hold.expires_at, system).ok()) continue;
    BookingRepository::insert_hold(tx, hold, now);
    BookingRepository::notify_entry(tx, e.id, hold.id, deadline);
    emit(tx, HoldCreated{hold.id, hold.resource_id, hold.start, hold.end, hold.expires_at}, hold.id, hold.facility_id,
         system);
    emit(tx,
         WaitlistNotified{e.id, e.user_id, hold.id, hold.resource_id, hold.start, hold.end, hold.expires_at, deadline,
                          hold.price},
         e.id, e.facility_id, system);
  }
}

void BookingServiceImpl::on_slot_event(const events::DomainEvent& e) {
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
      BookingRepository::settle_offer(tx, expired->hold_id, "expired");
      freed = slot_of(*expired);
    } else if (auto released = events::decode_event<HoldReleased>(e)) {
      BookingRepository::settle_offer(tx, released->hold_id, "cancelled");
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

BookingConfirmed BookingServiceImpl::confirmed_event(const Booking& b, std::optional<std::string> hold_id) {
  return BookingConfirmed{b.id,
                          b.user_id,
                          b.facility_id,
                          b.resource_id,
                          b.start,
                          b.end,
                          b.type,
                          b.approval_status,
                          b.payment_status,
                          b.price,
                          std::move(hold_id),
                          b.series_id};
}

}  // namespace slotbase::booking
