#include "desk_payments.h"

namespace slotbase::booking {

Result<PaymentGateway::Settlement> DeskPayments::settle(const Confirmation& c) {
  switch (c.choice.method) {
    case PaymentMethod::card:
      return Error::rule_violation("payment-method-unavailable", "Card payments are not available yet.");
    case PaymentMethod::credit:
      return Error::rule_violation("payment-method-unavailable", "Paying with credit is not available.");
    case PaymentMethod::none:
    case PaymentMethod::offline:
      break;
  }
  return settle_without_money(c);
}

}  // namespace slotbase::booking
