#include "settlement.h"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <vector>

namespace slotbase::booking::rules {
namespace {

Result<Instant> parse_instant(const std::string& field, const std::string& text) {
  auto t = parse_rfc3339(text);
  if (!t) return Error::invalid(field, "must be an RFC 3339 time with an offset, e.g. 2026-12-01T18:00:00Z");
  if (epoch_seconds(*t) % 60 != 0) return Error::invalid(field, "must be on a whole minute");
  return *t;
}

}  // namespace

std::int64_t percent_of(std::int64_t amount, int percent) {
  return (amount * percent + 50) / 100;
}

Refund settle(Booking& b, int percent, const std::string& reason, const std::string& cancelled_by) {
  Refund refund{{0, b.price.currency}, percent};
  if (b.payment_status == PaymentStatus::paid) {
    refund.amount.amount = percent_of(b.price.amount, percent);
    if (refund.amount.amount == b.price.amount && b.price.amount > 0)
      b.payment_status = PaymentStatus::refunded;
    else if (refund.amount.amount > 0)
      b.payment_status = PaymentStatus::partial;
  }
  b.status = BookingStatus::cancelled;
  b.cancel_reason = reason;
  b.cancelled_by = cancelled_by;
  b.refund_amount = refund.amount.amount;
  return refund;
}

std::optional<Instant> no_show_at(const Booking& b, const organization::Policies& policies) {
  if (b.type != "open_play" && b.type != "lesson" && b.type != "private") return std::nullopt;
  return b.start + std::chrono::minutes(policies.no_show_grace_minutes);
}

Result<std::pair<Instant, Instant>> parse_range(const std::string& start, const std::string& end) {
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

bool is_booking_type(const std::string& t) {
  return std::any_of(std::begin(kBookingTypes), std::end(kBookingTypes), [&](const char* k) { return t == k; });
}

}  // namespace slotbase::booking::rules
