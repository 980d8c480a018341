#include "desk_payments.h"

#include <algorithm>

namespace slotbase::booking {

Result<PaymentGateway::Settlement> DeskPayments::settle(const Confirmation& c) {
  const std::string& method = c.choice.method;
  if (method == "none") {
    if (c.amount.amount > 0 && c.payment_timing == "at_booking" && !c.by_staff)
      return Error::rule_violation("payment-required", "This facility takes payment when you book.");
  } else if (method == "offline") {
    const auto& accepted = c.offline_methods;
    if (c.choice.offline_method &&
        std::find(accepted.begin(), accepted.end(), *c.choice.offline_method) == accepted.end())
      return Error::invalid("payment.offline_method", "is not accepted at this facility");
  } else if (method == "card") {
    return Error::rule_violation("payment-method-unavailable", "Card payments are not available yet.");
  } else {
    return Error::rule_violation("payment-method-unavailable", "Paying with " + method + " is not available.");
  }
  return Settlement{c.amount.amount == 0 ? "waived" : "pending", std::nullopt};
}

}  // namespace slotbase::booking
