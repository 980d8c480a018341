#include "books.h"

#include "payment/payment_events.h"
#include "platform/core/ids.h"
#include "rules/ledger.h"

namespace slotbase::payment {

void Books::receive(db::Connection& tx, const Payment& p) const {
  const Instant now = clock_.now();
  PaymentRepository::insert_payment(tx, p);
  const bool fee = p.fee_id.has_value();
  PaymentRepository::append(tx,
                            {p.facility_id, p.user_id, fee ? "fee" : "booking", p.booking_id, p.fee_id, "payment",
                             p.amount, p.id, std::nullopt, p.note, p.recorded_by},
                            now);
  if (p.kind == PaymentKind::credit)
    PaymentRepository::append(
        tx,
        {p.facility_id, p.user_id, "credit", p.booking_id, p.fee_id, "spend",
         Money{-p.amount.amount, p.amount.currency}, p.id, std::nullopt, std::nullopt, p.recorded_by},
        now);
}

Result<RefundRecord> Books::give_back(db::Connection& tx, const Payment& p, std::int64_t amount,
                                      RefundDestination destination, const std::string& source,
                                      const std::string& reason, const std::optional<std::string>& by,
                                      bool sent) const {
  const Instant now = clock_.now();
  if (!PaymentRepository::add_refunded(tx, p.id, amount, now))
    return Error::conflict("refund-exceeds-payment", "That is more than is left of this payment to refund.");
  // What came from credit goes back to credit: it is the only way it came.
  if (p.kind == PaymentKind::credit) destination = RefundDestination::credit;
  RefundRecord r;
  r.id = new_id("ref");
  r.payment_id = p.id;
  r.facility_id = p.facility_id;
  r.user_id = p.user_id;
  r.booking_id = p.booking_id;
  r.amount = {amount, p.amount.currency};
  r.destination = destination;
  r.source = source;
  r.reason = reason;
  r.created_at = now;
  const bool to_card = p.kind == PaymentKind::card && destination == RefundDestination::original;
  r.status = to_card && !sent ? RefundStatus::pending : RefundStatus::completed;
  PaymentRepository::insert_refund(tx, r, by);
  PaymentRepository::append(tx,
                            {p.facility_id, p.user_id, p.fee_id ? "fee" : "booking", p.booking_id, p.fee_id, "refund",
                             Money{-amount, p.amount.currency}, p.id, r.id, reason, by},
                            now);
  if (destination == RefundDestination::credit)
    credit(tx, p.facility_id, p.user_id, r.amount, "refund", reason, by, r.id);
  if (r.status == RefundStatus::pending)
    jobs_.enqueue(tx, kSendRefundJob, {{"refund_id", r.id}}, now, std::string(kSendRefundJob) + ":" + r.id);
  else
    emit(tx,
         PaymentRefunded{r.id, p.id, p.user_id, p.booking_id, std::string(str(destination)), "completed", amount,
                         p.amount.currency},
         r.id, p.facility_id, p.user_id);
  if (p.booking_id) restate(tx, *p.booking_id);
  return r;
}

void Books::undo_refund(db::Connection& tx, const RefundRecord& r, const std::string& why) const {
  const Instant now = clock_.now();
  PaymentRepository::add_refunded(tx, r.payment_id, -r.amount.amount, now);
  PaymentRepository::append(tx,
                            {r.facility_id, r.user_id, "booking", r.booking_id, std::nullopt, "refund_failed", r.amount,
                             r.payment_id, r.id, why, std::nullopt},
                            now);
  emit(tx,
       PaymentRefunded{r.id, r.payment_id, r.user_id, r.booking_id, std::string(str(r.destination)), "failed",
                       r.amount.amount, r.amount.currency},
       r.id, r.facility_id, r.user_id);
  if (r.booking_id) restate(tx, *r.booking_id);
}

void Books::credit(db::Connection& tx, const std::string& facility_id, const std::string& user_id, const Money& amount,
                   const std::string& kind, const std::optional<std::string>& reason,
                   const std::optional<std::string>& by, const std::optional<std::string>& refund_id) const {
  PaymentRepository::append(
      tx,
      {facility_id, user_id, "credit", std::nullopt, std::nullopt, kind, amount, std::nullopt, refund_id, reason, by},
      clock_.now());
}

booking::PaymentStatus Books::restate(db::Connection& tx, const std::string& booking_id) const {
  auto b = bookings_.booking_in(unit(tx), booking::BookingId{booking_id});
  if (!b) return booking::PaymentStatus::pending;
  const BookingMoney money = PaymentRepository::booking_money(tx, booking_id);
  const auto status = rules::payment_status(money.received, money.returned, money.waived, b->price.amount,
                                            b->status == booking::BookingStatus::cancelled);
  bookings_.set_payment_status(unit(tx), b->id, status);
  return status;
}

}  // namespace slotbase::payment
