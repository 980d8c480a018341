#include "online.h"

#include <map>

#include <nlohmann/json.hpp>

#include "booking/booking_events.h"
#include "payment/payment_events.h"
#include "platform/core/crash_point.h"
#include "platform/core/ids.h"
#include "platform/log/log.h"
#include "rules/ledger.h"
#include "rules/webhook_signature.h"

namespace slotbase::payment {
namespace {

using booking::PaymentMethod;
using booking::PaymentStatus;
using identity::Permission;

/// Our status for the provider's: a decline leaves Stripe's intent waiting for another payment
/// method, which the contract calls failed (the player may try another card).
IntentStatus status_from(const ProviderIntent& pi) {
  if (pi.status == "succeeded") return IntentStatus::succeeded;
  if (pi.status == "requires_action") return IntentStatus::requires_action;
  if (pi.status == "processing" || pi.status == "requires_capture") return IntentStatus::processing;
  if (pi.status == "canceled") return IntentStatus::canceled;
  if (pi.error_code) return IntentStatus::failed;
  return IntentStatus::requires_payment_method;
}

Error provider_failure(const ProviderError& e) {
  if (e.type == "card_error") return Error::card_declined(e.decline_code.value_or(e.code), e.message);
  if (e.http_status == 0 || e.http_status >= 500 || e.http_status == 429)
    return Error::unavailable("The payment provider cannot be reached; try again in a moment.");
  if (e.code == "payment_intent_unexpected_state" || e.code == "idempotency_key_in_use")
    return Error::conflict("payment-state", e.message);
  if (e.code == "resource_missing") return Error::invalid("payment_method", e.message);
  return Error::invalid("payment", e.message);
}

}  // namespace

Result<std::string> Online::connect(const std::string& facility_id, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto facility,
                      orgs_.facility_for(organization::FacilityId{facility_id}, Permission::facility_manage, ctx));
  auto& db = books_.db();
  auto account = db.read([&](db::Connection& c) { return PaymentRepository::account(c, facility_id); });
  if (!account) {
    // The facility's id keys the account: two owners connecting at once make one.
    auto created = provider_.create_account(
        facility.settings.contact_email.empty() ? facility_id + "@facilities.invalid" : facility.settings.contact_email,
        "account:" + facility_id);
    if (!created.ok()) return provider_failure(*created.error);
    StoredAccount stored{facility_id,
                         provider_.name(),
                         created.value->id,
                         created.value->charges_enabled,
                         created.value->payouts_enabled,
                         created.value->details_submitted};
    db.transact([&](db::Connection& tx) {
      if (!PaymentRepository::account(tx, facility_id))
        PaymentRepository::insert_account(tx, stored, books_.clock().now());
    });
    account = db.read([&](db::Connection& c) { return PaymentRepository::account(c, facility_id); });
  }
  auto link = provider_.account_link(account->account_id, "/admin/?payments=refresh", "/admin/?payments=connected");
  if (!link.ok()) return provider_failure(*link.error);
  return *link.value;
}

Result<AccountState> Online::account(const std::string& facility_id, const Context& ctx) {
  // Whether a facility takes cards is for its players to know too (the app offers the card step).
  SB_TRY(orgs_.get_facility(organization::FacilityId{facility_id}, ctx));
  auto account = books_.db().read([&](db::Connection& c) { return PaymentRepository::account(c, facility_id); });
  AccountState state;
  state.provider = provider_.name();
  state.publishable_key = provider_.publishable_key();
  state.platform_fee_basis_points =
      books_.db().read([&](db::Connection& c) { return PaymentRepository::platform_fee_basis_points(c, facility_id); });
  if (!account) return state;
  state.charges_enabled = account->charges_enabled;
  state.payouts_enabled = account->payouts_enabled;
  state.status = account->charges_enabled && account->payouts_enabled ? AccountStatus::active
                 : account->details_submitted                         ? AccountStatus::restricted
                                                                      : AccountStatus::pending;
  return state;
}

Result<PaymentIntent> Online::create_for_hold(const std::string& hold_id, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto payable, books_.bookings().payable_hold(booking::HoldId{hold_id}, ctx));
  const booking::Hold& hold = payable.hold;
  const Instant now = books_.clock().now();
  if (hold.status == booking::HoldStatus::converted)
    return Error::conflict("hold-already-confirmed", "This hold was already confirmed as a booking.");
  if (hold.status != booking::HoldStatus::active || hold.expires_at <= now)
    return Error::expired("This hold has expired or was released; hold the slot again.");
  if (hold.price.amount <= 0) return Error::rule_violation("nothing-to-pay", "This slot is free: confirm the hold.");
  auto& db = books_.db();
  auto [account, balance] = db.read([&](db::Connection& c) {
    return std::pair{PaymentRepository::account(c, hold.facility_id),
                     PaymentRepository::credit_balance(c, hold.facility_id, hold.user_id)};
  });
  if (!account || !account->charges_enabled)
    return Error::rule_violation("payments-not-connected", "This facility does not take card payments yet.");
  // Credit pays first; the card pays the rest.
  const std::int64_t credit = std::min(std::max<std::int64_t>(balance, 0), hold.price.amount);
  if (credit == hold.price.amount)
    return Error::rule_violation("credit-covers-price",
                                 "Your account credit covers this booking: confirm it with payment method credit.");
  PaymentIntent intent;
  intent.id = new_id("pit");
  intent.facility_id = hold.facility_id;
  intent.user_id = hold.user_id;
  intent.target_kind = "hold";
  intent.target_id = hold.id.str();
  intent.amount = {hold.price.amount - credit, hold.price.currency};
  intent.credit_amount = credit;
  intent.provider = provider_.name();
  intent.outcome = "open";
  intent.created_at = now;
  intent.expires_at = now + kPaymentWindow;
  return start(std::move(intent), *account, std::nullopt, std::nullopt, false);
}

Result<PaymentIntent> Online::start(PaymentIntent intent, const StoredAccount& account,
                                    const std::optional<std::string>& customer, const std::optional<std::string>& card,
                                    bool off_session) {
  auto& db = books_.db();
  const std::int64_t fee = rules::platform_fee(intent.amount.amount, db.read([&](db::Connection& c) {
    return PaymentRepository::platform_fee_basis_points(c, account.facility_id);
  }));
  // Ours first: one intent in progress per target and amount (a unique index), so five clicks
  // on "pay" and a retry after a timeout all find the same one.
  // The hold waits for the payment (at most kPaymentWindow from now), in the same transaction: no
  // intent is left for a hold that ended.
  auto find_or_insert = [&] {
    return db.transact([&](db::Connection& tx) -> Result<PaymentIntent> {
      auto open = PaymentRepository::open_intent(tx, intent.target_kind, intent.target_id, intent.amount.amount);
      if (!open) PaymentRepository::insert_intent(tx, intent, fee);
      const PaymentIntent& mine = open ? *open : intent;
      if (mine.target_kind == "hold")
        SB_TRY(books_.bookings().keep_hold(books_.unit(tx), booking::HoldId{mine.target_id}, mine.expires_at));
      return mine;
    });
  };
  auto found = [&] {
    try {
      return find_or_insert();
    } catch (const db::DbError& e) {
      // A concurrent click inserted it between our look and our insert: theirs is ours.
      if (e.kind() != db::ErrorKind::unique_violation) throw;
      return find_or_insert();
    }
  }();
  if (!found.ok()) return found.error();
  PaymentIntent mine = std::move(found).value();
  if (mine.provider_intent_id) return mine;
  IntentRequest request;
  request.amount = mine.amount;
  // Made of our intent's id and the amount: never of a missing id, and new when the amount is.
  request.idempotency_key = "intent:" + mine.id + ":" + std::to_string(mine.amount.amount);
  request.destination_account = account.account_id;
  request.application_fee = fee;
  request.customer = customer;
  request.payment_method = card;
  request.confirm = card.has_value();
  request.off_session = off_session;
  request.description = "SlotBase " + mine.target_kind + " " + mine.target_id;
  request.metadata = {{"slotbase_intent", mine.id},
                      {"facility_id", mine.facility_id},
                      {"target", mine.target_kind + ":" + mine.target_id}};
  auto created = provider_.create_intent(request);
  const ProviderIntent* pi = created.ok() ? &*created.value : created.error->intent ? &*created.error->intent : nullptr;
  if (!pi) return provider_failure(*created.error);
  db.transact([&](db::Connection& tx) {
    PaymentRepository::set_provider_intent(tx, mine.id, pi->id, pi->client_secret, books_.clock().now());
  });
  SB_ASSIGN_OR_RETURN(auto applied, apply(*pi));
  if (!created.ok()) return provider_failure(*created.error);
  return applied;
}

Result<PaymentIntent> Online::confirm(const std::string& intent_id, const std::string& payment_method, bool save_card,
                                      const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto intent, get(intent_id, ctx));
  if (intent.status == IntentStatus::succeeded) return intent;  // a repeat of a confirm that went through
  if (intent.status == IntentStatus::canceled)
    return Error::conflict("payment-canceled", "This payment was canceled; start again from the slot.");
  if (intent.expires_at <= books_.clock().now())
    return Error::expired("This payment's time ran out with its hold; hold the slot again.");
  if (payment_method.empty() || payment_method.size() > 255)
    return Error::invalid("payment_method", "must be the id of a payment method made at the provider");
  if (save_card) {
    if (auto customer = customer_of(intent.user_id, true)) {
      auto attached = provider_.attach_payment_method(payment_method, *customer);
      if (!attached.ok() && attached.error->http_status == 404) return provider_failure(*attached.error);
    }
  }
  auto confirmed = provider_.confirm_intent(*intent.provider_intent_id, payment_method, "/?payment_intent=" + intent.id,
                                            "confirm:" + intent.id + ":" + payment_method);
  // The money has moved at the provider and nothing of it is in our books yet: the crash tests
  // cut the power here; the provider's webhook (or reconciliation) settles it after a restart.
  if (confirmed.ok()) crash_point("payment.after_provider_success");
  if (confirmed.ok()) return apply(*confirmed.value);
  // A decline comes with the intent as it now is: record why before answering.
  if (confirmed.error->intent) SB_TRY(apply(*confirmed.error->intent));
  return provider_failure(*confirmed.error);
}

Result<PaymentIntent> Online::get(const std::string& intent_id, const Context& ctx) {
  auto intent = books_.db().read([&](db::Connection& c) { return PaymentRepository::intent(c, intent_id); });
  if (!intent || !ctx.user_id || intent->user_id != *ctx.user_id) return Error::not_found("No such payment intent.");
  if (!intent->provider_intent_id) return Error::unavailable("This payment is still being set up; try again.");
  return *intent;
}

namespace {

/// `mine` moved to the provider's state `pi` (not yet written).
PaymentIntent moved(PaymentIntent mine, const ProviderIntent& pi) {
  mine.status = status_from(pi);
  mine.next_action_url = pi.next_action_url;
  mine.error_code = pi.error_code;
  mine.decline_code = pi.decline_code;
  mine.error_message = pi.error_message;
  return mine;
}

bool same_state(const PaymentIntent& a, const PaymentIntent& b) {
  return a.status == b.status && a.error_code == b.error_code && a.decline_code == b.decline_code &&
         a.next_action_url == b.next_action_url;
}

}  // namespace

Result<PaymentIntent> Online::apply(const ProviderIntent& pi) {
  auto& db = books_.db();
  const Instant now = books_.clock().now();
  // Most news is no news (a repeated webhook, a fresh intent): a read says so without a write.
  auto seen =
      db.read([&](db::Connection& c) { return PaymentRepository::intent_by_provider(c, provider_.name(), pi.id); });
  if (!seen) return Error::not_found("No such payment intent.");
  if (seen->status == IntentStatus::succeeded || same_state(moved(*seen, pi), *seen)) return *seen;
  return db.transact([&](db::Connection& tx) -> Result<PaymentIntent> {
    auto mine = PaymentRepository::intent_by_provider(tx, provider_.name(), pi.id);
    if (!mine) return Error::not_found("No such payment intent.");
    if (mine->status == IntentStatus::succeeded) return *mine;  // paid never goes back
    PaymentIntent next = moved(*mine, pi);
    if (next.status != IntentStatus::succeeded) {
      if (same_state(next, *mine)) return *mine;
      PaymentRepository::update_intent(tx, next, now);
      if (next.status == IntentStatus::failed)
        books_.emit(tx, PaymentFailed{next.id, next.user_id, next.target_id, next.decline_code, next.error_message},
                    next.id, next.facility_id, next.user_id);
      if (next.status == IntentStatus::canceled) {
        PaymentRepository::settle_intent(tx, next.id, "abandoned", std::nullopt, now);
        next.outcome = "abandoned";
      }
      return next;
    }
    // Money came in: this transaction records it and settles what it paid for, or nothing.
    if (!PaymentRepository::update_intent(tx, next, now)) return *PaymentRepository::intent(tx, next.id);
    Payment card;
    card.id = new_id("pay");
    card.facility_id = next.facility_id;
    card.user_id = next.user_id;
    card.intent_id = next.id;
    card.kind = PaymentKind::card;
    card.method = "card";
    card.amount = next.amount;
    card.status = RecordStatus::succeeded;
    card.reference = pi.latest_charge;
    // The fee agreed when the intent was made (the provider's application fee), not today's rate.
    card.platform_fee = PaymentRepository::intent_platform_fee(tx, next.id);
    card.created_at = now;
    if (next.target_kind == "fee") {
      card.fee_id = next.target_id;
      if (auto fee = PaymentRepository::fee(tx, next.target_id)) card.booking_id = fee->booking_id;
      PaymentRepository::set_fee_status(tx, next.target_id, FeeStatus::pending, FeeStatus::paid, std::nullopt, now);
      books_.receive(tx, card);
      PaymentRepository::settle_intent(tx, next.id, "settled", std::nullopt, now);
    } else if (next.target_kind == "booking") {
      // What a booking owed, charged before or after its session.
      card.booking_id = next.target_id;
      books_.receive(tx, card);
      books_.restate(tx, next.target_id);
      PaymentRepository::settle_intent(tx, next.id, "settled", next.target_id, now);
      next.booking_id = next.target_id;
      next.outcome = "settled";
    } else {
      // The credit the intent counted on must still be there; the hold must still be live.
      const bool credit_there =
          next.credit_amount == 0 ||
          PaymentRepository::credit_balance(tx, next.facility_id, next.user_id) >= next.credit_amount;
      auto booked = credit_there ? books_.bookings().book_paid_hold(books_.unit(tx), booking::HoldId{next.target_id},
                                                                    PaymentMethod::card, PaymentStatus::paid)
                                 : Result<booking::Booking>(Error::conflict("credit-spent", "The credit was spent."));
      if (booked.ok()) {
        card.booking_id = booked->id.str();
        books_.receive(tx, card);
        if (next.credit_amount > 0) {
          Payment credit = card;
          credit.id = new_id("pay");
          credit.intent_id = std::nullopt;
          credit.kind = PaymentKind::credit;
          credit.method = "credit";
          credit.amount = {next.credit_amount, next.amount.currency};
          credit.reference = std::nullopt;
          credit.platform_fee = 0;
          books_.receive(tx, credit);
        }
        books_.restate(tx, booked->id.str());
        PaymentRepository::settle_intent(tx, next.id, "settled", booked->id.str(), now);
        next.booking_id = booked->id.str();
        next.outcome = "settled";
      } else {
        // Paid too late (the hold lapsed and its time may be someone else's): all of it goes back.
        books_.receive(tx, card);
        SB_TRY(books_.give_back(tx, card, card.amount.amount, RefundDestination::original, "late_payment",
                                "The hold ended before the payment arrived.", std::nullopt));
        PaymentRepository::settle_intent(tx, next.id, "refunded", std::nullopt, now);
        next.outcome = "refunded";
        log::warn("payment arrived after its hold ended; refunding",
                  {{"intent_id", next.id}, {"hold_id", next.target_id}});
      }
    }
    books_.emit(tx,
                PaymentSucceeded{card.id, card.user_id, card.booking_id, card.intent_id, card.method,
                                 card.amount.amount, card.amount.currency},
                card.id, card.facility_id, card.user_id);
    return next;
  });
}

void Online::apply_refund(const ProviderRefund& r) {
  auto& db = books_.db();
  const Instant now = books_.clock().now();
  db.transact([&](db::Connection& tx) {
    auto mine = PaymentRepository::refund_by_provider(tx, r.id);
    if (!mine) {
      // Made in the provider's dashboard: into our books as a completed refund of its payment.
      auto intent = PaymentRepository::intent_by_provider(tx, provider_.name(), r.payment_intent);
      auto paid = intent ? PaymentRepository::payment_of_intent(tx, intent->id) : std::nullopt;
      if (!paid || r.status != "succeeded") return;
      auto given = books_.give_back(tx, *paid, r.amount.amount, RefundDestination::original, "provider",
                                    "Refunded at the payment provider.", std::nullopt, /*sent=*/true);
      if (!given.ok()) {
        log::warn("a refund at the provider exceeds what our books say was paid", {{"refund", r.id}});
        return;
      }
      PaymentRepository::move_refund(tx, given->id, RefundStatus::completed, RefundStatus::completed, r.id,
                                     std::nullopt, now);
      return;
    }
    if (r.status == "succeeded") {
      for (RefundStatus from : {RefundStatus::pending, RefundStatus::processing})
        if (PaymentRepository::move_refund(tx, mine->id, from, RefundStatus::completed, r.id, std::nullopt, now))
          books_.emit(tx,
                      PaymentRefunded{mine->id, mine->payment_id, mine->user_id, mine->booking_id, "original",
                                      "completed", mine->amount.amount, mine->amount.currency},
                      mine->id, mine->facility_id, mine->user_id);
    } else if (r.status == "failed" || r.status == "canceled") {
      for (RefundStatus from : {RefundStatus::pending, RefundStatus::processing})
        if (PaymentRepository::move_refund(tx, mine->id, from, RefundStatus::failed, r.id, r.failure_reason, now))
          books_.undo_refund(tx, *mine, r.failure_reason.value_or("The refund failed at the provider."));
    }
  });
}

Result<void> Online::receive_webhook(const std::string& provider, const std::string& payload,
                                     const std::string& signature) {
  if (provider != provider_.name()) return Error::not_found("This payment provider is not configured here.");
  const auto check = rules::verify_webhook(signature, payload, webhook_secret_, epoch_seconds(books_.clock().now()));
  if (check != rules::SignatureCheck::ok)
    return Error::malformed(check == rules::SignatureCheck::too_old ? "The webhook's signature is too old."
                                                                    : "The webhook's signature does not match.");
  auto event = nlohmann::json::parse(payload, nullptr, false);
  if (event.is_discarded() || !event.is_object() || !event.contains("id") || !event.contains("type") ||
      !event["id"].is_string() || !event["type"].is_string())
    return Error::malformed("The webhook is not an event.");
  const std::string id = event["id"];
  const std::string type = event["type"];
  std::string object_id;
  const auto data = event.find("data");
  if (data != event.end() && data->is_object() && data->contains("object") && (*data)["object"].is_object() &&
      (*data)["object"].contains("id") && (*data)["object"]["id"].is_string())
    object_id = (*data)["object"]["id"];
  auto& db = books_.db();
  if (db.read([&](db::Connection& c) {
        return c.query_one("SELECT 1 FROM webhook_events WHERE provider = $1 AND event_id = $2", {provider, id})
            .has_value();
      }))
    return Ok{};
  // The object's state is asked of the provider: a late or out-of-order event then applies
  // the latest state, never an old one. An object the provider does not know (404) is news for
  // no one here: the event is taken, not asked for again. Any other failure is 503, so the
  // provider delivers it again.
  auto unreachable = [](const ProviderError& e) -> Result<void> {
    if (e.http_status == 404) return Ok{};
    return Error::unavailable("The payment provider cannot be reached.");
  };
  if (type.rfind("payment_intent.", 0) == 0) {
    auto pi = provider_.retrieve_intent(object_id);
    if (!pi.ok()) {
      SB_TRY(unreachable(*pi.error));
    } else if (auto applied = apply(*pi.value); !applied.ok() && applied.error().code != ErrorCode::not_found) {
      return applied.error();
    }
  } else if (type.rfind("refund.", 0) == 0) {
    auto refund = provider_.retrieve_refund(object_id);
    if (!refund.ok())
      SB_TRY(unreachable(*refund.error));
    else
      apply_refund(*refund.value);
  } else if (type == "account.updated") {
    auto account = provider_.retrieve_account(object_id);
    if (!account.ok())
      SB_TRY(unreachable(*account.error));
    else
      db.transact([&](db::Connection& tx) {
        PaymentRepository::update_account(tx, account.value->id, account.value->charges_enabled,
                                          account.value->payouts_enabled, account.value->details_submitted,
                                          books_.clock().now());
      });
  }
  db.transact(
      [&](db::Connection& tx) { PaymentRepository::record_event(tx, provider, id, type, books_.clock().now()); });
  return Ok{};
}

Result<std::vector<SavedCard>> Online::saved_cards(const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  auto customer = customer_of(*ctx.user_id, false);
  if (!customer) return std::vector<SavedCard>{};
  auto cards = provider_.list_cards(*customer);
  if (!cards.ok()) return provider_failure(*cards.error);
  return *cards.value;
}

std::optional<std::string> Online::customer_of(const std::string& user_id, bool create) {
  auto& db = books_.db();
  auto known = db.read([&](db::Connection& c) { return PaymentRepository::customer(c, user_id, provider_.name()); });
  if (known || !create) return known;
  auto made = provider_.create_customer(user_id + "@customers.slotbase.invalid", "customer:" + user_id);
  if (!made.ok()) return std::nullopt;
  db.transact(
      [&](db::Connection& tx) { PaymentRepository::insert_customer(tx, user_id, provider_.name(), *made.value); });
  return db.read([&](db::Connection& c) { return PaymentRepository::customer(c, user_id, provider_.name()); });
}

Result<Online::Settlement> Online::settle(const Confirmation& c) {
  switch (c.choice.method) {
    case PaymentMethod::none:
    case PaymentMethod::offline:
      break;
    case PaymentMethod::credit:
      return pay_with_credit(c);
    case PaymentMethod::card: {
      if (!c.choice.payment_method)
        return Error::invalid("payment.payment_method", "is required to pay by card (a payment method's id)");
      Context ctx;
      ctx.user_id = c.user_id;
      SB_ASSIGN_OR_RETURN(auto intent, create_for_hold(c.hold_id.str(), ctx));
      SB_ASSIGN_OR_RETURN(intent, confirm(intent.id, *c.choice.payment_method, false, ctx));
      if (intent.status == IntentStatus::requires_action)
        return Error::rule_violation("authentication-required",
                                     "The card needs authentication: pay through payment intent " + intent.id + ".");
      if (!intent.booking_id)
        return Error::unavailable("The payment is still processing; its booking appears when it succeeds.");
      return Settlement{PaymentStatus::paid, intent.id, booking::BookingId{*intent.booking_id}};
    }
  }
  return settle_without_money(c);
}

Result<Online::Settlement> Online::pay_with_credit(const Confirmation& c) {
  if (c.amount.amount <= 0) return Settlement{PaymentStatus::waived, std::nullopt, std::nullopt};
  const Instant now = books_.clock().now();
  return books_.db().transact([&](db::Connection& tx) -> Result<Settlement> {
    if (PaymentRepository::credit_balance(tx, c.facility_id, c.user_id) < c.amount.amount)
      return Error::rule_violation("insufficient-credit",
                                   "Your account credit does not cover this booking; pay the rest by card.");
    SB_ASSIGN_OR_RETURN(auto booked, books_.bookings().book_paid_hold(books_.unit(tx), c.hold_id, PaymentMethod::credit,
                                                                      PaymentStatus::paid));
    Payment credit;
    credit.id = new_id("pay");
    credit.facility_id = c.facility_id;
    credit.user_id = c.user_id;
    credit.booking_id = booked.id.str();
    credit.kind = PaymentKind::credit;
    credit.method = "credit";
    credit.amount = c.amount;
    credit.status = RecordStatus::succeeded;
    credit.created_at = now;
    books_.receive(tx, credit);
    books_.restate(tx, booked.id.str());
    books_.emit(tx,
                PaymentSucceeded{credit.id, credit.user_id, credit.booking_id, std::nullopt, "credit",
                                 credit.amount.amount, credit.amount.currency},
                credit.id, credit.facility_id, credit.user_id);
    return Settlement{PaymentStatus::paid, credit.id, booked.id};
  });
}

void Online::send_refund(const std::string& refund_id) {
  auto& db = books_.db();
  auto [refund, intent] = db.read([&](db::Connection& c) {
    auto r = PaymentRepository::refund(c, refund_id);
    auto p = r ? PaymentRepository::payment(c, r->payment_id) : std::nullopt;
    auto i = p && p->intent_id ? PaymentRepository::intent(c, *p->intent_id) : std::nullopt;
    return std::pair{r, i};
  });
  if (!refund || refund->status != RefundStatus::pending) return;  // sent before, or not ours to send
  if (!intent || !intent->provider_intent_id) {
    db.transact([&](db::Connection& tx) {
      if (PaymentRepository::move_refund(tx, refund_id, RefundStatus::pending, RefundStatus::failed, std::nullopt,
                                         "No card payment to refund.", books_.clock().now()))
        books_.undo_refund(tx, *refund, "No card payment to refund.");
    });
    return;
  }
  ProviderRefundRequest request;
  request.payment_intent = *intent->provider_intent_id;
  request.amount = refund->amount.amount;
  request.idempotency_key = "refund:" + refund->id;
  request.reason = "requested_by_customer";
  request.metadata = {{"slotbase_refund", refund->id}};
  auto sent = provider_.create_refund(request);
  if (!sent.ok()) {
    const auto& e = *sent.error;
    if (e.http_status == 0 || e.http_status >= 500 || e.http_status == 429)
      throw std::runtime_error("payment provider unavailable for refund " + refund_id + ": " + e.message);
    db.transact([&](db::Connection& tx) {
      if (PaymentRepository::move_refund(tx, refund_id, RefundStatus::pending, RefundStatus::failed, std::nullopt,
                                         e.message, books_.clock().now()))
        books_.undo_refund(tx, *refund, e.message);
    });
    return;
  }
  db.transact([&](db::Connection& tx) {
    PaymentRepository::move_refund(tx, refund_id, RefundStatus::pending, RefundStatus::processing, sent.value->id,
                                   std::nullopt, books_.clock().now());
  });
  apply_refund(*sent.value);
}

void Online::charge_fee(const std::string& fee_id) {
  auto fee = books_.db().read([&](db::Connection& c) { return PaymentRepository::fee(c, fee_id); });
  if (!fee || fee->status != FeeStatus::pending) return;
  charge_saved_card("fee", fee->id, fee->facility_id, fee->user_id, fee->amount);
}

void Online::on_confirmed(const events::DomainEvent& e) {
  on_confirmed_all({e});
}

void Online::on_confirmed_all(const std::vector<events::DomainEvent>& batch) {
  // Only bookings that owe money under a timing that charges the saved card later get a job.
  std::map<std::string, std::optional<std::string>> timing_of;  // facility -> its payment timing
  struct Due {
    std::string booking_id;
    Instant at;
  };
  std::vector<Due> due;
  const Instant now = books_.clock().now();
  for (const auto& e : batch) {
    auto confirmed = events::decode_event<booking::BookingConfirmed>(e);
    if (!confirmed || confirmed->payment_status != "pending" || confirmed->price.amount <= 0) continue;
    auto [known, fresh] = timing_of.try_emplace(confirmed->facility_id);
    if (fresh)
      if (auto facility = orgs_.find_facility(organization::FacilityId{confirmed->facility_id}))
        known->second = facility->policies.payment_timing;
    const auto& timing = known->second;
    if (timing == "before_session")
      due.push_back({confirmed->booking_id, std::max(now, confirmed->start - std::chrono::hours(24))});
    else if (timing == "after_session")
      due.push_back({confirmed->booking_id, std::max(now, confirmed->end)});
  }
  if (due.empty()) return;
  books_.db().transact([&](db::Connection& tx) {
    for (const auto& d : due)
      books_.jobs().enqueue(tx, kChargeBookingJob, {{"booking_id", d.booking_id}}, d.at,
                            std::string(kChargeBookingJob) + ":" + d.booking_id);
  });
}

void Online::charge_booking(const std::string& booking_id) {
  auto b = books_.bookings().find_booking(booking::BookingId{booking_id});
  if (!b || b->status == booking::BookingStatus::cancelled || b->status == booking::BookingStatus::no_show) return;
  const auto money =
      books_.db().read([&](db::Connection& c) { return PaymentRepository::booking_money(c, booking_id); });
  const std::int64_t owed = b->price.amount - (money.received - money.returned);
  if (owed <= 0 || money.waived) return;
  charge_saved_card("booking", b->id.str(), b->facility_id, b->user_id, Money{owed, b->price.currency});
}

void Online::charge_saved_card(const std::string& target_kind, const std::string& target_id,
                               const std::string& facility_id, const std::string& user_id, const Money& amount) {
  auto& db = books_.db();
  auto customer = customer_of(user_id, false);
  if (!customer) return;  // no saved card: it waits for the desk (or the account's invoice)
  auto cards = provider_.list_cards(*customer);
  if (!cards.ok()) throw std::runtime_error("payment provider unavailable to charge " + target_id);
  if (cards.value->empty()) return;
  auto account = db.read([&](db::Connection& c) { return PaymentRepository::account(c, facility_id); });
  if (!account || !account->charges_enabled) return;
  PaymentIntent intent;
  intent.id = new_id("pit");
  intent.facility_id = facility_id;
  intent.user_id = user_id;
  intent.target_kind = target_kind;
  intent.target_id = target_id;
  intent.amount = amount;
  intent.provider = provider_.name();
  intent.outcome = "open";
  intent.created_at = books_.clock().now();
  intent.expires_at = intent.created_at + kPaymentWindow;
  auto charged = start(std::move(intent), *account, customer, cards.value->front().id, true);
  if (!charged.ok() && charged.error().code == ErrorCode::unavailable) throw std::runtime_error(charged.error().detail);
}

Result<Reconciliation> Online::reconciliation(const std::string& facility_id, const Context& ctx) {
  SB_TRY(orgs_.facility_for(organization::FacilityId{facility_id}, Permission::facility_manage, ctx));
  const Instant since = books_.clock().now() - std::chrono::days(30);
  auto listed = provider_.list_intents(std::chrono::time_point_cast<std::chrono::seconds>(since), 1000);
  if (!listed.ok()) return provider_failure(*listed.error);
  Reconciliation report;
  auto& db = books_.db();
  db.read([&](db::Connection& c) {
    for (const auto& pi : *listed.value) {
      if (pi.status != "succeeded") continue;
      auto meta = pi.metadata.find("facility_id");
      if (meta == pi.metadata.end() || meta->second != facility_id) continue;
      auto mine = PaymentRepository::intent_by_provider(c, provider_.name(), pi.id);
      if (mine && PaymentRepository::payment_of_intent(c, mine->id)) continue;
      auto ours = pi.metadata.find("slotbase_intent");
      report.unrecorded_payments.push_back(
          {pi.id, pi.amount, pi.status,
           ours == pi.metadata.end() ? std::nullopt : std::optional<std::string>(ours->second)});
    }
  });
  for (const auto& b : books_.bookings().paid_bookings(facility_id, since)) {
    const auto money = db.read([&](db::Connection& c) { return PaymentRepository::booking_money(c, b.id.str()); });
    if (money.received - money.returned <= 0)
      report.paid_bookings_without_payment.push_back({b.id.str(), b.price, money.received - money.returned});
  }
  return report;
}

int Online::reconcile() {
  auto& db = books_.db();
  const Instant now = books_.clock().now();
  auto due = db.read([&](db::Connection& c) { return PaymentRepository::unsettled_intents(c, now, 50); });
  int settled = 0;
  for (const auto& intent : due) {
    if (!intent.provider_intent_id) {
      // The provider never heard of it (a crash before the call): nothing was charged.
      db.transact(
          [&](db::Connection& tx) { PaymentRepository::settle_intent(tx, intent.id, "abandoned", std::nullopt, now); });
      ++settled;
      continue;
    }
    auto pi = provider_.retrieve_intent(*intent.provider_intent_id);
    if (!pi.ok()) continue;  // asked again on the next pass
    if (pi.value->status != "succeeded" && pi.value->status != "canceled") {
      // Its time is up: cancel it, so a late authentication cannot charge.
      auto canceled = provider_.cancel_intent(pi.value->id, "cancel:" + intent.id);
      if (canceled.ok())
        pi = canceled;
      else if (auto again = provider_.retrieve_intent(pi.value->id); again.ok())
        pi = again;  // it succeeded meanwhile
    }
    if (apply(*pi.value).ok()) ++settled;
  }
  return settled;
}

}  // namespace slotbase::payment
