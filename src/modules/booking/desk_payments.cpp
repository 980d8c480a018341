#include "desk_payments.h"

#include <algorithm>

namespace slotbase::booking {

Result<PaymentGateway::Settlement> DeskPayments::settle(const Confirmation& c) {
  switch (c.choice.method) {
    case PaymentMethod::none:
      if (c.amount.amount > 0 && c.payment_timing == "at_booking" && !c.by_staff)
        return Error::rule_violation("payment-required", "This facility takes payment when you book.");
      break;
    case PaymentMethod::offline:
      if (c.choice.offline_method && std::find(c.offline_methods.begin(), c.offline_methods.end(),
                                               *c.choice.offline_method) == c.offline_methods.end())
        return Error::invalid("payment.offline_method", "is not accepted at this facility");
      break;
    case PaymentMethod::card:
      return Error::rule_violation("payment-method-unavailable", "Card payments are not available yet.");
    case PaymentMethod::credit:
      return Error::rule_violation("payment-method-unavailable", "Paying with credit is not available.");
  }
  return Settlement{c.amount.amount == 0 ? PaymentStatus::waived : PaymentStatus::pending, std::nullopt, std::nullopt};
}

}  // namespace slotbase::booking
