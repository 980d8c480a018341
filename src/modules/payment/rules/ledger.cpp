#include "rules/ledger.h"

namespace slotbase::payment::rules {

booking::PaymentStatus payment_status(std::int64_t received, std::int64_t returned, bool waived, std::int64_t price,
                                      bool cancelled) {
  using booking::PaymentStatus;
  const std::int64_t kept = received - returned;
  if (price > 0 && kept >= price) return PaymentStatus::paid;
  if (kept > 0) return PaymentStatus::partial;
  if (returned > 0) return PaymentStatus::refunded;
  if (waived || price == 0 || cancelled) return PaymentStatus::waived;
  return PaymentStatus::pending;
}

std::int64_t percent_of(std::int64_t amount, int percent) {
  if (percent <= 0 || amount <= 0) return 0;
  if (percent >= 100) return amount;
  return amount / 100 * percent + amount % 100 * percent / 100;
}

std::optional<std::string> check_amount(std::int64_t amount, std::int64_t limit) {
  if (amount <= 0) return "must be a positive whole number of minor units";
  if (amount > limit) return "must be at most " + std::to_string(limit);
  return std::nullopt;
}

std::string format_money(const Money& money) {
  return decimal_text(money) + " " + money.currency;
}

std::int64_t platform_fee(std::int64_t amount, std::int64_t basis_points) {
  if (basis_points <= 0 || amount <= 0) return 0;
  return amount / 10000 * basis_points + amount % 10000 * basis_points / 10000;
}

}  // namespace slotbase::payment::rules
