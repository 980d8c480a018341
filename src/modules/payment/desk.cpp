#include "desk.h"

#include <algorithm>
#include <map>

#include "booking/booking_events.h"
#include "payment/payment_events.h"
#include "platform/core/ids.h"
#include "platform/core/zone.h"
#include "platform/events/dispatcher.h"
#include "rules/ledger.h"

namespace slotbase::payment {
namespace {

using identity::Permission;

/// The most a single amount at the desk may be: ten million in major units of a two-decimal
/// currency; beyond it is a typing error, and it keeps every sum far from overflow.
constexpr std::int64_t kLargestAmount = 1'000'000'000;

Result<std::string> reason_of(const std::string& reason) {
  if (reason.empty() || reason.size() > 500) return Error::invalid("reason", "must be 1 to 500 characters");
  return reason;
}

}  // namespace

Result<organization::Facility> Desk::staff_of(const std::string& facility_id, const std::string& owner_id,
                                              const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  auto facility = orgs_.find_facility(organization::FacilityId{facility_id});
  if (facility && orgs_.can(*facility, Permission::bookings_manage, ctx)) return *facility;
  // Who sees the money (the player whose it is, a coach through the booking's payments) is told
  // it is not theirs to change; to anyone else it does not exist.
  if (facility && (*ctx.user_id == owner_id || orgs_.can(*facility, Permission::facility_view, ctx)))
    return Error::forbidden("Only the facility's staff can do this.");
  return Error::not_found("No such payment.");
}

Result<Payment> Desk::record_booking_payment(const std::string& booking_id, const OfflinePaymentRequest& r,
                                             const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto payable, books_.bookings().payable_booking(booking::BookingId{booking_id}, ctx));
  if (!payable.staff) return Error::forbidden("Only the facility's staff can record a payment.");
  const auto& b = payable.booking;
  auto facility = orgs_.find_facility(organization::FacilityId{b.facility_id});
  const auto& methods = facility->policies.offline_methods;
  std::vector<FieldError> errors;
  if (auto bad = rules::check_amount(r.amount, kLargestAmount)) errors.push_back({"amount", *bad});
  if (r.currency && *r.currency != b.price.currency)
    errors.push_back({"amount.currency", "must be the booking's currency, " + b.price.currency});
  if (std::find(methods.begin(), methods.end(), r.method) == methods.end())
    errors.push_back({"method", "must be one of the facility's offline methods"});
  if (r.reference && r.reference->size() > 200) errors.push_back({"reference", "must be at most 200 characters"});
  if (r.note && r.note->size() > 1000) errors.push_back({"note", "must be at most 1000 characters"});
  if (!errors.empty()) return Error::invalid(std::move(errors));
  if (b.status == booking::BookingStatus::cancelled)
    return Error::conflict("booking-cancelled", "This booking is cancelled; record nothing on it.");
  const Instant now = books_.clock().now();
  return books_.db().transact([&](db::Connection& tx) -> Result<Payment> {
    const auto money = PaymentRepository::booking_money(tx, booking_id);
    const std::int64_t due = b.price.amount - (money.received - money.returned);
    if (r.amount > due)
      return Error::invalid(
          "amount", due > 0 ? "must be at most the " + rules::format_money({due, b.price.currency}) + " still due"
                            : "nothing is due on this booking");
    Payment p;
    p.id = new_id("pay");
    p.facility_id = b.facility_id;
    p.user_id = b.user_id;
    p.booking_id = b.id.str();
    p.kind = PaymentKind::offline;
    p.method = r.method;
    p.amount = {r.amount, b.price.currency};
    p.status = RecordStatus::recorded;
    p.reference = r.reference;
    p.note = r.note;
    p.recorded_by = ctx.user_id;
    p.created_at = now;
    books_.receive(tx, p);
    books_.restate(tx, b.id.str());
    books_.emit(tx, OfflinePaymentRecorded{p.id, p.user_id, p.booking_id, p.method, p.amount.amount, p.amount.currency},
                p.id, p.facility_id, ctx.user_id);
    return p;
  });
}

Result<Payment> Desk::set_record_status(const std::string& payment_id, RecordStatus status, const Context& ctx) {
  auto& db = books_.db();
  auto found = db.read([&](db::Connection& c) { return PaymentRepository::payment(c, payment_id); });
  if (!found) return Error::not_found("No such payment.");
  SB_TRY(staff_of(found->facility_id, found->user_id, ctx));
  if (found->kind != PaymentKind::offline)
    return Error::conflict("not-offline", "Only payments recorded at the desk are verified, disputed or voided.");
  const Instant now = books_.clock().now();
  return db.transact([&](db::Connection& tx) -> Result<Payment> {
    auto p = PaymentRepository::payment(tx, payment_id);
    if (p->status == RecordStatus::voided)
      return Error::conflict("payment-void", "This payment is void; a void payment cannot change. Record a new one.");
    if (p->status == status) return *p;
    if (status == RecordStatus::voided) {
      // What is left of it (refunds aside) comes off what the booking received.
      const std::int64_t left = p->amount.amount - p->refunded;
      if (left > 0)
        PaymentRepository::append(tx,
                                  {p->facility_id, p->user_id, "booking", p->booking_id, p->fee_id, "void",
                                   Money{-left, p->amount.currency}, p->id, std::nullopt, std::nullopt, ctx.user_id},
                                  now);
    }
    PaymentRepository::set_payment_status(tx, payment_id, status, now);
    if (p->booking_id) books_.restate(tx, *p->booking_id);
    return *PaymentRepository::payment(tx, payment_id);
  });
}

Result<std::string> Desk::waive_booking(const std::string& booking_id, const std::string& reason, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto why, reason_of(reason));
  SB_ASSIGN_OR_RETURN(auto payable, books_.bookings().payable_booking(booking::BookingId{booking_id}, ctx));
  if (!payable.staff) return Error::forbidden("Only the facility's staff can waive a payment.");
  const auto& b = payable.booking;
  return books_.db().transact([&](db::Connection& tx) {
    PaymentRepository::append(tx,
                              {b.facility_id, b.user_id, "booking", b.id.str(), std::nullopt, "waived",
                               Money{0, b.price.currency}, std::nullopt, std::nullopt, why, ctx.user_id},
                              books_.clock().now());
    return std::string(str(books_.restate(tx, b.id.str())));
  });
}

Result<BookingMoneyView> Desk::booking_payments(const std::string& booking_id, const Context& ctx) {
  SB_TRY(books_.bookings().payable_booking(booking::BookingId{booking_id}, ctx));
  return books_.db().read([&](db::Connection& c) {
    return BookingMoneyView{PaymentRepository::booking_payments(c, booking_id),
                            PaymentRepository::booking_refunds(c, booking_id),
                            PaymentRepository::booking_fees(c, booking_id)};
  });
}

Result<RefundRecord> Desk::refund(const std::string& payment_id, const RefundRequest& r, const Context& ctx) {
  auto& db = books_.db();
  auto found = db.read([&](db::Connection& c) { return PaymentRepository::payment(c, payment_id); });
  if (!found) return Error::not_found("No such payment.");
  SB_TRY(staff_of(found->facility_id, found->user_id, ctx));
  SB_ASSIGN_OR_RETURN(auto why, reason_of(r.reason));
  if (r.amount) {
    if (auto bad = rules::check_amount(*r.amount, kLargestAmount)) return Error::invalid("amount", *bad);
  }
  return db.transact([&](db::Connection& tx) -> Result<RefundRecord> {
    auto p = PaymentRepository::payment(tx, payment_id);
    if (p->status == RecordStatus::voided)
      return Error::conflict("payment-void", "A void payment has nothing to refund.");
    const std::int64_t left = p->amount.amount - p->refunded;
    if (left <= 0) return Error::conflict("refund-exceeds-payment", "This payment was refunded in full.");
    const std::int64_t amount = r.amount.value_or(left);
    if (amount > left)
      return Error::invalid(
          "amount", "must be at most the " + rules::format_money({left, p->amount.currency}) + " left to refund");
    return books_.give_back(tx, *p, amount, r.destination, "staff", why, ctx.user_id);
  });
}

Result<RefundRecord> Desk::retry_refund(const std::string& refund_id, RefundDestination destination,
                                        const Context& ctx) {
  auto& db = books_.db();
  auto found = db.read([&](db::Connection& c) { return PaymentRepository::refund(c, refund_id); });
  if (!found) return Error::not_found("No such refund.");
  SB_TRY(staff_of(found->facility_id, found->user_id, ctx));
  if (found->status != RefundStatus::failed)
    return Error::conflict("refund-not-failed", "Only a failed refund is tried again.");
  return db.transact([&](db::Connection& tx) -> Result<RefundRecord> {
    auto p = PaymentRepository::payment(tx, found->payment_id);
    SB_ASSIGN_OR_RETURN(
        auto again, books_.give_back(tx, *p, found->amount.amount, destination, "staff", found->reason, ctx.user_id));
    // Once: two clicks on "try again" give back one refund.
    if (!PaymentRepository::mark_retried(tx, found->id, again.id))
      return Error::conflict("refund-retried", "This refund was tried again already.");
    return again;
  });
}

Result<Fee> Desk::waive_fee(const std::string& fee_id, const std::string& reason, const Context& ctx) {
  auto& db = books_.db();
  auto fee = db.read([&](db::Connection& c) { return PaymentRepository::fee(c, fee_id); });
  if (!fee) return Error::not_found("No such fee.");
  SB_TRY(staff_of(fee->facility_id, fee->user_id, ctx));
  SB_ASSIGN_OR_RETURN(auto why, reason_of(reason));
  return db.transact([&](db::Connection& tx) -> Result<Fee> {
    if (!PaymentRepository::set_fee_status(tx, fee_id, FeeStatus::pending, FeeStatus::waived, why,
                                           books_.clock().now()))
      return Error::conflict("fee-not-pending", "Only a fee still owed can be waived.");
    return *PaymentRepository::fee(tx, fee_id);
  });
}

Result<Money> Desk::credit_balance(const std::string& facility_id, const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  auto facility = orgs_.find_facility(organization::FacilityId{facility_id});
  if (!facility || !orgs_.visible(ctx, *facility))
    return Error::invalid("facility_id", "is not a facility you can see");
  const auto balance = books_.db().read(
      [&](db::Connection& c) { return PaymentRepository::credit_balance(c, facility_id, *ctx.user_id); });
  return Money{balance, facility->currency};
}

Result<CreditEntry> Desk::adjust_credit(const std::string& facility_id, const std::string& user_id, std::int64_t amount,
                                        const std::string& reason, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto facility,
                      orgs_.facility_for(organization::FacilityId{facility_id}, Permission::bookings_manage, ctx));
  SB_TRY(identity_.get_user(identity::UserId{user_id}));
  SB_ASSIGN_OR_RETURN(auto why, reason_of(reason));
  if (amount == 0 || amount > kLargestAmount || amount < -kLargestAmount)
    return Error::invalid("amount", "must be a whole number of minor units, not zero, at most " +
                                        std::to_string(kLargestAmount) + " either way");
  return books_.db().transact([&](db::Connection& tx) -> Result<CreditEntry> {
    if (amount < 0 && PaymentRepository::credit_balance(tx, facility_id, user_id) + amount < 0)
      return Error::invalid("amount", "would take the balance below zero");
    books_.credit(tx, facility_id, user_id, Money{amount, facility.currency}, "adjustment", why, ctx.user_id);
    return PaymentRepository::credit_entries(tx, facility_id, user_id).front();
  });
}

Result<std::vector<CreditEntry>> Desk::credit_ledger(const std::string& facility_id, const std::string& user_id,
                                                     const Context& ctx) {
  SB_TRY(orgs_.facility_for(organization::FacilityId{facility_id}, Permission::bookings_manage, ctx));
  SB_TRY(identity_.get_user(identity::UserId{user_id}));
  return books_.db().read(
      [&](db::Connection& c) { return PaymentRepository::credit_entries(c, facility_id, user_id); });
}

Result<std::int64_t> Desk::set_platform_fee(const std::string& facility_id, std::int64_t basis_points,
                                            const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  if (!identity_.check_permission(ctx, Permission::platform_manage, {}))
    return Error::forbidden("Only platform administrators set the platform's fee.");
  SB_TRY(orgs_.get_facility(organization::FacilityId{facility_id}, ctx));
  if (basis_points < 0 || basis_points > 10000) return Error::invalid("percent", "must be between 0 and 100");
  books_.db().transact([&](db::Connection& tx) {
    PaymentRepository::set_platform_fee(tx, facility_id, basis_points, *ctx.user_id, books_.clock().now());
  });
  return basis_points;
}

Result<PaymentHistory> Desk::my_payments(const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  const std::string& me = *ctx.user_id;
  return books_.db().read([&](db::Connection& c) {
    return PaymentHistory{PaymentRepository::user_payments(c, me), PaymentRepository::user_refunds(c, me),
                          PaymentRepository::user_fees(c, me), PaymentRepository::user_credit_entries(c, me)};
  });
}

Result<FacilityPayments> Desk::facility_payments(const std::string& facility_id, const PaymentFilter& f,
                                                 const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto facility,
                      orgs_.facility_for(organization::FacilityId{facility_id}, Permission::bookings_manage, ctx));
  Instant from = Instant{}, to = books_.clock().now() + std::chrono::hours(24 * 366);
  if (f.date) {
    auto day = LocalDate::parse(*f.date);
    auto zone = Zone::find(facility.timezone);
    if (!day || !zone) return Error::invalid("date", "must be a date as YYYY-MM-DD");
    from = zone->at(*day, LocalTime{0});
    to = zone->at(Zone::add_days(*day, 1), LocalTime{0});
  }
  if (f.status && !enum_from<RecordStatus>(*f.status))
    return Error::invalid("status", "must be one of succeeded, recorded, verified, disputed, void");
  std::map<std::string, std::int64_t> given_back;
  auto all = books_.db().read([&](db::Connection& c) {
    auto list = PaymentRepository::facility_payments(c, facility_id, from, to, std::clamp(f.limit, 1, 500));
    // Refunds come after their payments: one query from `from` covers the whole list.
    if (std::any_of(list.begin(), list.end(), [](const Payment& p) { return p.refunded > 0; }))
      given_back = PaymentRepository::refunded_the_way_it_came(c, facility_id, from);
    return list;
  });
  FacilityPayments out;
  std::map<std::string, std::int64_t> takings;
  for (auto& p : all) {
    if (f.method && p.method != *f.method) continue;
    if (f.status && str(p.status) != *f.status) continue;
    // What stays with the facility: refunds to credit keep the money in the till (or the card's
    // payout); refunds the way it came give it back.
    if (p.status != RecordStatus::voided) takings[p.method] += p.amount.amount - given_back[p.id];
    out.items.push_back(std::move(p));
  }
  for (const auto& [method, amount] : takings) out.takings.push_back({method, {amount, facility.currency}});
  return out;
}

void Desk::on_cancelled(const events::DomainEvent& e) {
  auto cancelled = events::decode_event<booking::BookingCancelled>(e);
  if (!cancelled) return;
  auto b = books_.bookings().find_booking(booking::BookingId{cancelled->booking_id});
  if (!b) return;
  auto facility = orgs_.find_facility(organization::FacilityId{b->facility_id});
  const std::string offline_destination = facility ? facility->policies.offline_refund_destination : "credit";
  const int percent = cancelled->refund.percent;
  events::apply_once(books_.db(), "payment.cancellations", e, [&](db::Connection& tx) {
    std::int64_t kept = 0;
    for (const auto& p : PaymentRepository::booking_payments(tx, b->id.str())) {
      if (p.status == RecordStatus::voided || p.status == RecordStatus::disputed || p.fee_id) continue;
      const std::int64_t left = p.amount.amount - p.refunded;
      kept += left;
      // The policy's share of what was paid, not of the list price (a discount stays a discount).
      const std::int64_t share = rules::percent_of(left, percent);
      if (share <= 0) continue;
      const auto destination = p.kind == PaymentKind::offline && offline_destination == "credit"
                                   ? RefundDestination::credit
                                   : RefundDestination::original;
      (void)books_.give_back(tx, p, share, destination, "policy", "Cancelled: " + cancelled->reason, std::nullopt);
    }
    // Nothing paid and a late cancellation by the player: the policy's share is owed as a fee.
    if (kept == 0 && percent < 100 && !cancelled->by_staff && b->price.amount > 0) {
      Fee fee{new_id("fee"),        b->facility_id,
              b->user_id,           b->id.str(),
              FeeKind::late_cancel, {b->price.amount - rules::percent_of(b->price.amount, percent), b->price.currency},
              FeeStatus::pending,   std::nullopt,
              books_.clock().now()};
      charge(tx, fee);
    }
    books_.restate(tx, b->id.str());
  });
}

void Desk::on_no_show(const events::DomainEvent& e) {
  auto no_show = events::decode_event<booking::BookingNoShow>(e);
  if (!no_show || no_show->fee.amount <= 0) return;
  auto b = books_.bookings().find_booking(booking::BookingId{no_show->booking_id});
  if (!b) return;
  events::apply_once(books_.db(), "payment.no_shows", e, [&](db::Connection& tx) {
    const auto money = PaymentRepository::booking_money(tx, b->id.str());
    // What was paid for the slot counts towards the fee.
    const std::int64_t owed = no_show->fee.amount - (money.received - money.returned);
    if (owed <= 0) return;
    charge(tx, Fee{new_id("fee"), b->facility_id, b->user_id, b->id.str(), FeeKind::no_show,
                   Money{owed, no_show->fee.currency}, FeeStatus::pending, std::nullopt, books_.clock().now()});
  });
}

void Desk::charge(db::Connection& tx, const Fee& fee) const {
  if (!PaymentRepository::insert_fee(tx, fee)) return;
  books_.emit(tx,
              FeeCharged{fee.id, fee.user_id, fee.booking_id, std::string(str(fee.kind)), fee.amount.amount,
                         fee.amount.currency},
              fee.id, fee.facility_id, fee.user_id);
  books_.jobs().enqueue(tx, kChargeFeeJob, {{"fee_id", fee.id}}, books_.clock().now(),
                        std::string(kChargeFeeJob) + ":" + fee.id);
}

}  // namespace slotbase::payment
