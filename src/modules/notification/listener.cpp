#include "listener.h"

#include <functional>

#include "booking/booking_events.h"
#include "catalogue.h"
#include "notification_repository.h"
#include "organization/organization_events.h"
#include "payment/payment_events.h"
#include "platform/events/dispatcher.h"

namespace slotbase::notification {
namespace {

using namespace booking;  // the events' names read better unqualified here
using nlohmann::json;

}  // namespace

std::vector<std::string> Listener::event_types() {
  return {BookingConfirmed::kType,
          BookingApproved::kType,
          BookingRejected::kType,
          BookingCancelled::kType,
          BookingRescheduled::kType,
          BookingNoShow::kType,
          WaitlistNotified::kType,
          HoldExpired::kType,
          payment::PaymentSucceeded::kType,
          payment::PaymentFailed::kType,
          payment::PaymentRefunded::kType,
          payment::FeeCharged::kType,
          organization::JoinRequested::kType,
          organization::JoinRequestDecided::kType};
}

void Listener::on_event(const events::DomainEvent& e) const {
  auto p = plan(e);
  if (!p) return;
  db_.transact([&](db::Connection& tx) { apply(tx, *p); });
}

void Listener::on_events(const std::vector<events::DomainEvent>& batch) const {
  std::vector<Planned> pending;
  auto flush = [&] {
    if (pending.empty()) return;
    db_.transact([&](db::Connection& tx) {
      for (const auto& p : pending) apply(tx, p);
    });
    pending.clear();
  };
  for (const auto& e : batch) {
    // An expired hold is told only if it was a waitlist offer, which an earlier event of the run
    // may have recorded: what came before is written first.
    if (e.type == HoldExpired::kType) flush();
    if (auto p = plan(e)) pending.push_back(std::move(*p));
  }
  flush();
}

void Listener::apply(db::Connection& tx, const Planned& p) const {
  if (!events::mark_processed(tx, kSubscriber, p.event_id, p.at)) return;
  notifier_.write(tx, p.prepared);
  if (p.also) p.also(tx);
}

std::optional<Listener::Planned> Listener::plan(const events::DomainEvent& e) const {
  std::vector<Occasion> occasions;
  std::function<void(db::Connection&)> also;  // what else the event calls for, in the same transaction
  auto occasion = [&](std::string_view type, const std::string& user_id, std::optional<std::string> facility_id) {
    Occasion o;
    o.type = std::string(type);
    o.user_id = user_id;
    o.facility_id = std::move(facility_id);
    o.key = e.id;
    o.event_id = e.id;
    return o;
  };
  const auto facility = e.metadata.facility_id;
  // The booking as it stands, for events that do not carry its slot or its player.
  auto booking_of = [&](const std::string& id) { return bookings_.find_booking(BookingId{id}); };
  auto add_booking = [&](Occasion& o, const std::optional<std::string>& booking_id) {
    if (!booking_id) return;
    o.data["booking_id"] = *booking_id;
    if (auto b = booking_of(*booking_id)) o.facts.update(facts_.booking(*b));
  };

  if (auto c = events::decode_event<BookingConfirmed>(e)) {
    // Blocks and maintenance are staff's own; an occurrence of a series is told with its series.
    if (c->type == "block" || c->type == "maintenance") return std::nullopt;
    if (!c->series_id) {
      auto o = occasion(c->approval_status == "pending" ? types::kBookingPendingApproval : types::kBookingConfirmed,
                        c->user_id, c->facility_id);
      o.facts = facts_.slot(c->facility_id, c->resource_id, c->start, c->end);
      if (c->price.amount > 0) o.facts["price"] = facts_.money(c->price);
      o.data = {{"booking_id", c->booking_id}};
      occasions.push_back(std::move(o));
    }
    also = [this, id = c->booking_id, start = c->start, lead = reminders_.check_in_lead(c->facility_id)](
               db::Connection& tx) { reminders_.schedule(tx, id, start, lead); };
  } else if (auto a = events::decode_event<BookingApproved>(e)) {
    auto o = occasion(types::kBookingApproved, a->user_id, facility);
    add_booking(o, a->booking_id);
    o.facts["automatic"] = a->approval_status == "auto_approved";
    occasions.push_back(std::move(o));
    if (auto b = booking_of(a->booking_id))
      also = [this, id = a->booking_id, start = b->start, lead = reminders_.check_in_lead(b->facility_id)](
                 db::Connection& tx) { reminders_.schedule(tx, id, start, lead); };
  } else if (auto r = events::decode_event<BookingRejected>(e)) {
    auto o = occasion(types::kBookingRejected, r->user_id, facility);
    add_booking(o, r->booking_id);
    o.facts["reason"] = r->reason;
    if (auto b = booking_of(r->booking_id); b && b->refund_amount.value_or(0) > 0)
      o.facts["refund"] = facts_.money({*b->refund_amount, b->price.currency});
    occasions.push_back(std::move(o));
  } else if (auto x = events::decode_event<BookingCancelled>(e)) {
    const auto cause = x->cause ? enum_from<CancelCause>(*x->cause)
                                : std::optional(x->by_staff ? CancelCause::staff : CancelCause::player);
    // A rejection is told by booking.rejected, which follows.
    if (!cause || *cause == CancelCause::rejection) return std::nullopt;
    const std::string_view type = *cause == CancelCause::block   ? types::kCancelledByBlock
                                  : *cause == CancelCause::staff ? types::kCancelledByFacility
                                                                 : types::kCancelledByPlayer;
    auto o = occasion(type, x->user_id, facility);
    o.facts = facts_.slot(facility.value_or(""), x->resource_id, x->start, x->end);
    if (!x->reason.empty()) o.facts["reason"] = x->reason;
    if (x->refund.amount > 0) o.facts["refund"] = facts_.money({x->refund.amount, x->refund.currency});
    o.data = {{"booking_id", x->booking_id}};
    occasions.push_back(std::move(o));
  } else if (auto m = events::decode_event<BookingRescheduled>(e)) {
    auto b = booking_of(m->booking_id);
    if (!b) return std::nullopt;
    auto o = occasion(types::kBookingRescheduled, b->user_id, b->facility_id);
    o.facts = facts_.slot(b->facility_id, m->resource_id, m->start, m->end);
    o.facts["was_when"] = facts_.when(b->facility_id, m->from.start);
    if (m->from.resource_id != m->resource_id) o.facts["was_resource"] = facts_.resource_name(m->from.resource_id);
    o.data = {{"booking_id", m->booking_id}};
    occasions.push_back(std::move(o));
    also = [this, id = m->booking_id, start = m->start, lead = reminders_.check_in_lead(b->facility_id)](
               db::Connection& tx) { reminders_.schedule(tx, id, start, lead); };
  } else if (auto n = events::decode_event<BookingNoShow>(e)) {
    auto o = occasion(types::kNoShow, n->user_id, facility);
    add_booking(o, n->booking_id);
    if (n->fee.amount > 0) o.facts["fee"] = facts_.money({n->fee.amount, n->fee.currency});
    occasions.push_back(std::move(o));
  } else if (auto w = events::decode_event<WaitlistNotified>(e)) {
    if (!facility) return std::nullopt;
    auto o = occasion(types::kWaitlistOffer, w->user_id, facility);
    o.facts = facts_.slot(*facility, w->resource_id, w->start, w->end);
    o.facts["deadline"] = facts_.when(*facility, w->claim_deadline);
    o.facts["link"] = notifier_.links().app();
    if (w->price.amount > 0) o.facts["price"] = facts_.money(w->price);
    o.data = {
        {"hold_id", w->hold_id}, {"entry_id", w->entry_id}, {"claim_deadline", format_rfc3339(w->claim_deadline)}};
    occasions.push_back(std::move(o));
    also = [this, offer = StoredOffer{w->hold_id, w->entry_id, w->user_id, *facility, w->resource_id, w->start, w->end,
                                      w->claim_deadline}](db::Connection& tx) {
      NotificationRepository::insert_offer(tx, offer, clock_.now());
    };
  } else if (auto h = events::decode_event<HoldExpired>(e)) {
    // Most holds are not offers: one read tells.
    auto offer = db_.read([&](db::Connection& c) { return NotificationRepository::offer(c, h->hold_id); });
    if (!offer) return std::nullopt;
    auto o = occasion(types::kWaitlistOfferExpired, offer->user_id, offer->facility_id);
    o.facts = facts_.slot(offer->facility_id, offer->resource_id, offer->start, offer->end);
    o.data = {{"hold_id", offer->hold_id}, {"entry_id", offer->entry_id}};
    occasions.push_back(std::move(o));
  } else if (auto s = events::decode_event<payment::PaymentSucceeded>(e)) {
    auto o = occasion(types::kPaymentSucceeded, s->user_id, facility);
    add_booking(o, s->booking_id);
    o.facts["amount"] = facts_.money({s->amount, s->currency});
    o.facts["card"] = s->method == "card";
    o.facts["credit"] = s->method == "credit";
    o.data["payment_id"] = s->payment_id;
    occasions.push_back(std::move(o));
  } else if (auto f = events::decode_event<payment::PaymentFailed>(e)) {
    auto o = occasion(types::kPaymentFailed, f->user_id, facility);
    if (f->message) o.facts["message"] = *f->message;
    o.data = {{"intent_id", f->intent_id}};
    occasions.push_back(std::move(o));
  } else if (auto rf = events::decode_event<payment::PaymentRefunded>(e)) {
    if (rf->status != "completed") return std::nullopt;
    auto o = occasion(types::kRefundCompleted, rf->user_id, facility);
    add_booking(o, rf->booking_id);
    o.facts["amount"] = facts_.money({rf->amount, rf->currency});
    o.facts["to_credit"] = rf->destination == "credit";
    o.data["refund_id"] = rf->refund_id;
    occasions.push_back(std::move(o));
  } else if (auto fee = events::decode_event<payment::FeeCharged>(e)) {
    auto o = occasion(types::kFeeCharged, fee->user_id, facility);
    add_booking(o, fee->booking_id);
    o.facts["amount"] = facts_.money({fee->amount, fee->currency});
    o.facts["no_show"] = fee->kind == "no_show";
    o.facts["late_cancel"] = fee->kind != "no_show";
    o.data["fee_id"] = fee->fee_id;
    occasions.push_back(std::move(o));
  } else if (auto jr = events::decode_event<organization::JoinRequested>(e)) {
    // To everyone who may answer it; the player's name and address as they stand.
    auto player = identity_.get_user(identity::UserId{jr->user_id});
    for (const auto& manager : orgs_.player_managers(organization::FacilityId{jr->facility_id})) {
      auto o = occasion(types::kJoinRequestReceived, manager.str(), jr->facility_id);
      o.facts["player"] = player.ok() ? player->name : "";
      o.facts["player_email"] = player.ok() ? player->email : "";
      if (jr->message) o.facts["message"] = *jr->message;
      o.facts["link"] = notifier_.links().app() + "admin/players";
      o.data = {{"join_request_id", jr->join_request_id}};
      occasions.push_back(std::move(o));
    }
  } else if (auto jd = events::decode_event<organization::JoinRequestDecided>(e)) {
    auto o = occasion(types::kJoinRequestDecided, jd->user_id, jd->facility_id);
    o.facts["approved"] = jd->status == "approved";
    o.facts["rejected"] = jd->status != "approved";
    if (jd->reason) o.facts["reason"] = *jd->reason;
    o.facts["link"] = notifier_.links().app();
    o.data = {{"join_request_id", jd->join_request_id}, {"status", jd->status}};
    occasions.push_back(std::move(o));
  }
  if (occasions.empty() && !also) return std::nullopt;

  Planned planned{e.id, e.timestamp, {}, std::move(also)};
  for (const auto& o : occasions)
    for (auto& p : notifier_.prepare(o)) planned.prepared.push_back(std::move(p));
  return planned;
}

}  // namespace slotbase::notification
