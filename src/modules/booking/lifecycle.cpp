#include "lifecycle.h"

#include <map>
#include "booking_repository.h"
#include "rules/cancellation.h"
#include "rules/schedule.h"
#include "rules/settlement.h"

namespace slotbase::booking {
namespace {

using identity::Permission;
using std::chrono::minutes;

}  // namespace

Result<Booking> Lifecycle::get_booking(const BookingId& booking_id, const Context& ctx) {
  auto b = db_.read([&](db::Connection& c) { return BookingRepository::booking(c, booking_id); });
  if (!b || !ctx.user_id) return Error::not_found("No such booking.");
  if (b->user_id == *ctx.user_id || b->created_by == *ctx.user_id) return *b;
  auto f = orgs_.find_facility(organization::FacilityId{b->facility_id});
  if (f && orgs_.can(*f, Permission::facility_view, ctx)) return *b;
  return Error::not_found("No such booking.");
}

std::optional<Booking> Lifecycle::find_booking(const BookingId& booking_id) {
  return db_.read([&](db::Connection& c) { return BookingRepository::booking(c, booking_id); });
}

Result<std::vector<Booking>> Lifecycle::my_bookings(const BookingFilter& f, const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  Instant after = from_epoch_seconds(-1);  // before any booking: the first page
  BookingId after_id;
  if (f.cursor) {
    // Cursor: "<start epoch>:<booking id>" of the last item of the previous page.
    auto colon = f.cursor->find(':');
    try {
      if (colon == std::string::npos) throw std::invalid_argument("cursor");
      after = from_epoch_seconds(std::stoll(f.cursor->substr(0, colon)));
      after_id = BookingId{f.cursor->substr(colon + 1)};
    } catch (const std::exception&) {
      return Error::invalid("cursor", "is not a cursor this API gave out");
    }
  }
  return db_.read([&](db::Connection& c) {
    return BookingRepository::user_bookings(c, *ctx.user_id, f.status, after, after_id, f.limit);
  });
}

Result<std::pair<Booking, organization::Facility>> Lifecycle::booking_for(const BookingId& booking_id,
                                                                          const Context& ctx) {
  SB_ASSIGN_OR_RETURN(Booking b, get_booking(booking_id, ctx));
  auto facility = orgs_.find_facility(organization::FacilityId{b.facility_id});
  if (!facility) return Error::not_found("No such booking.");
  return std::pair{std::move(b), std::move(*facility)};
}

Result<void> Lifecycle::cancel_in(db::Connection& tx, const Booking& b, const Refund& refund, CancelCause cause,
                                  const Context& ctx) {
  if (!BookingRepository::cancel_booking(tx, b, clock_.now()))
    return Error::conflict("booking-not-cancellable", "This booking changed meanwhile and cannot be cancelled.");
  ledger_.release(tx, b.id);
  events_.emit(tx,
               BookingCancelled{b.id.str(),
                                b.user_id,
                                b.resource_id,
                                b.start,
                                b.end,
                                b.cancel_reason.value_or(""),
                                b.cancelled_by.value_or(""),
                                cause != CancelCause::player,
                                {refund.amount.amount, refund.amount.currency, refund.percent},
                                std::string(to_string(cause))},
               b.id, b.facility_id, ctx);
  return Ok{};
}

Result<CancelResult> Lifecycle::cancel(const BookingId& booking_id, const std::string& reason, bool full_refund,
                                       const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto found, booking_for(booking_id, ctx));
  auto& [b, facility] = found;
  const bool staff = orgs_.can(facility, Permission::bookings_manage, ctx);
  const bool owner = b.user_id == *ctx.user_id || b.created_by == *ctx.user_id;
  if (!staff && !owner) return Error::forbidden("Only the player or staff can cancel this booking.");
  if (!staff && full_refund) return Error::invalid("full_refund", "only staff can waive the cancellation policy");
  if (b.status != BookingStatus::confirmed)
    return Error::conflict("booking-not-cancellable", "A booking that is " + str(b.status) + " cannot be cancelled.");
  const double hours_notice = std::chrono::duration<double>(b.start - clock_.now()).count() / 3600.0;
  int percent = rules::refund_percent(facility.policies.cancellation, hours_notice);
  if (b.approval_status == ApprovalStatus::pending || full_refund) percent = 100;
  Refund refund = rules::settle(b, percent, reason, *ctx.user_id);
  return db_.transact([&](db::Connection& tx) -> Result<CancelResult> {
    SB_TRY(cancel_in(tx, b, refund, staff && !owner ? CancelCause::staff : CancelCause::player, ctx));
    return CancelResult{b, refund};
  });
}

void Lifecycle::schedule_approval(db::Connection& tx, const Booking& b, const organization::Policies& policies) const {
  if (b.approval_status == ApprovalStatus::pending && policies.auto_approve_after_minutes)
    jobs_.schedule(tx, kAutoApproveJob, {{"booking_id", b.id.str()}},
                   clock_.now() + minutes(*policies.auto_approve_after_minutes), "auto-approve:" + b.id.str());
}

Result<Booking> Lifecycle::check_in(const BookingId& booking_id, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto found, booking_for(booking_id, ctx));
  auto& [b, facility] = found;
  const bool staff = orgs_.can(facility, Permission::bookings_manage, ctx);
  if (b.status != BookingStatus::confirmed)
    return Error::conflict("booking-not-checkable", "A booking that is " + str(b.status) + " cannot be checked in.");
  if (b.approval_status == ApprovalStatus::pending || b.approval_status == ApprovalStatus::rejected)
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
    events_.emit(tx, BookingCheckedIn{b.id.str(), b.user_id}, b.id, b.facility_id, ctx);
    b.status = BookingStatus::checked_in;
    return b;
  });
}

Result<Booking> Lifecycle::mark_no_show(const BookingId& booking_id, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto found, booking_for(booking_id, ctx));
  auto& [b, facility] = found;
  if (!orgs_.can(facility, Permission::bookings_manage, ctx)) return Error::forbidden("Only staff mark no-shows.");
  const Instant now = clock_.now();
  if (now < b.start)
    return Error::rule_violation("not-started", "A no-show can be marked once the booking has started.");
  if (b.status != BookingStatus::confirmed)
    return Error::conflict("booking-not-confirmed", "A booking that is " + str(b.status) + " cannot be a no-show.");
  const std::int64_t fee = rules::percent_of(b.price.amount, facility.policies.no_show_fee_percent);
  return db_.transact([&](db::Connection& tx) -> Result<Booking> {
    if (!BookingRepository::no_show(tx, b.id, fee, now))
      return Error::conflict("booking-not-confirmed", "This booking changed meanwhile.");
    events_.emit(
        tx, BookingNoShow{b.id.str(), b.user_id, false, {fee, b.price.currency, facility.policies.no_show_fee_percent}},
        b.id, b.facility_id, ctx);
    b.status = BookingStatus::no_show;
    return b;
  });
}

Result<Booking> Lifecycle::reschedule(const BookingId& booking_id, const RescheduleRequest& r, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto found, booking_for(booking_id, ctx));
  auto& [b, facility] = found;
  const bool staff = orgs_.can(facility, Permission::bookings_manage, ctx);
  if (!staff && b.user_id != *ctx.user_id && b.created_by != *ctx.user_id)
    return Error::forbidden("Only the player or staff can reschedule this booking.");
  if (b.status != BookingStatus::confirmed)
    return Error::conflict("booking-not-movable", "A booking that is " + str(b.status) + " cannot be rescheduled.");
  const std::pair<Instant, Instant> range{r.start, r.end};
  SB_ASSIGN_OR_RETURN(Place p, places_.place_of(r.resource_id.value_or(b.resource_id), ctx));
  if (p.facility.id.str() != b.facility_id) return Error::invalid("resource_id", "is not a resource of this facility");
  if (p.resource.status != resource::ResourceStatus::active)
    return Error::rule_violation("resource-inactive", "This resource is not bookable.");
  const Instant now = clock_.now();
  if (!staff) {
    if (b.start <= now) return Error::rule_violation("in-the-past", "A booking that has started cannot be moved.");
    SB_TRY(rules::check_player_slot(facility.policies, p.hours, p.zone, range.first, range.second, now));
  }
  const Booking before = b;
  b.resource_id = p.resource.id.str();
  b.start = range.first;
  b.end = range.second;
  b.price = places_.price_for(p, b.user_id, b.start, b.end);
  return ClaimsLedger::write([&] {
    return db_.transact([&](db::Connection& tx) -> Result<Booking> {
      // Let the old slot go and take the new one in one transaction: a conflict rolls both back.
      ledger_.release(tx, b.id);
      SB_TRY(ledger_.claim(tx, p, b.start, b.end, b.id, std::nullopt, ctx));
      if (!BookingRepository::move(tx, b, now, rules::no_show_at(b, facility.policies)))
        return Error::conflict("booking-not-movable", "This booking changed meanwhile.");
      schedule_approval(tx, b, facility.policies);
      events_.emit(tx,
                   BookingRescheduled{b.id.str(),
                                      b.resource_id,
                                      b.start,
                                      b.end,
                                      {before.resource_id, before.start, before.end},
                                      opt_str(b.series_id)},
                   b.id, b.facility_id, ctx);
      return b;
    });
  });
}

Result<Booking> Lifecycle::approve(const BookingId& booking_id, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto found, booking_for(booking_id, ctx));
  auto& [b, facility] = found;
  if (!orgs_.can(facility, Permission::bookings_manage, ctx)) return Error::forbidden("Only staff approve bookings.");
  return db_.transact([&](db::Connection& tx) -> Result<Booking> {
    if (!BookingRepository::set_approval(tx, b.id, "approved", clock_.now()))
      return Error::conflict("approval-not-pending", "This booking is not waiting for approval.");
    events_.emit(tx, BookingApproved{b.id.str(), b.user_id, "approved"}, b.id, b.facility_id, ctx);
    b.approval_status = ApprovalStatus::approved;
    return b;
  });
}

Result<CancelResult> Lifecycle::reject(const BookingId& booking_id, const std::string& reason, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto found, booking_for(booking_id, ctx));
  auto& [b, facility] = found;
  if (!orgs_.can(facility, Permission::bookings_manage, ctx)) return Error::forbidden("Only staff reject bookings.");
  if (reason.empty()) return Error::invalid("reason", "is required to reject a booking");
  if (b.approval_status != ApprovalStatus::pending || b.status != BookingStatus::confirmed)
    return Error::conflict("approval-not-pending", "This booking is not waiting for approval.");
  Refund refund = rules::settle(b, 100, reason, *ctx.user_id);
  b.approval_status = ApprovalStatus::rejected;
  return db_.transact([&](db::Connection& tx) -> Result<CancelResult> {
    if (!BookingRepository::set_approval(tx, b.id, "rejected", clock_.now()))
      return Error::conflict("approval-not-pending", "This booking is not waiting for approval.");
    SB_TRY(cancel_in(tx, b, refund, CancelCause::rejection, ctx));
    events_.emit(tx, BookingRejected{b.id.str(), b.user_id, reason}, b.id, b.facility_id, ctx);
    return CancelResult{b, refund};
  });
}

bool Lifecycle::no_show_in(db::Connection& tx, const Booking& b, int fee_percent) {
  const std::int64_t fee = rules::percent_of(b.price.amount, fee_percent);
  if (!BookingRepository::no_show(tx, b.id, fee, clock_.now())) return false;
  events_.emit(tx, BookingNoShow{b.id.str(), b.user_id, true, {fee, b.price.currency, fee_percent}}, b.id,
               b.facility_id, Context{});
  return true;
}

bool Lifecycle::complete_in(db::Connection& tx, const Booking& b) {
  if (!BookingRepository::complete(tx, b.id, clock_.now())) return false;
  events_.emit(tx, BookingCompleted{b.id.str(), b.user_id}, b.id, b.facility_id, Context{});
  return true;
}

int Lifecycle::settle_past_bookings() {
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
        if (auto f = orgs_.find_facility(organization::FacilityId{b.facility_id}))
          it->second = f->policies.no_show_fee_percent;
      settled += no_show_in(tx, b, it->second);
    }
    for (const auto& b : BookingRepository::completions_due(tx, now, 500)) settled += complete_in(tx, b);
    return settled;
  });
}

// The jobs of bookings made before the sweeps (migration 0010) still come due.
void Lifecycle::auto_no_show(const BookingId& booking_id, Instant expected_start) {
  db_.transact([&](db::Connection& tx) {
    auto b = BookingRepository::booking(tx, booking_id);
    if (!b || b->status != BookingStatus::confirmed || b->start != expected_start)
      return;  // checked in, cancelled or moved
    auto facility = orgs_.find_facility(organization::FacilityId{b->facility_id});
    no_show_in(tx, *b, facility ? facility->policies.no_show_fee_percent : 0);
  });
}

void Lifecycle::auto_complete(const BookingId& booking_id, Instant expected_end) {
  db_.transact([&](db::Connection& tx) {
    auto b = BookingRepository::booking(tx, booking_id);
    if (!b || b->end != expected_end) return;
    complete_in(tx, *b);
  });
}

void Lifecycle::auto_approve(const BookingId& booking_id) {
  db_.transact([&](db::Connection& tx) {
    auto b = BookingRepository::booking(tx, booking_id);
    if (!b || !BookingRepository::set_approval(tx, booking_id, "auto_approved", clock_.now())) return;
    events_.emit(tx, BookingApproved{booking_id.str(), b->user_id, "auto_approved"}, booking_id, b->facility_id,
                 Context{});
  });
}

}  // namespace slotbase::booking
