#pragma once

#include "booking/payment_gateway.h"

namespace slotbase::booking {

/// The booking module's own PaymentGateway, for when no module that takes money is configured:
/// bookings are free, paid at the desk (an offline method the facility accepts) or left pending;
/// cards are refused as unavailable, and nothing is ever charged. Stateless, thread-safe.
class DeskPayments final : public PaymentGateway {
 public:
  Result<Settlement> settle(const Confirmation& c) override;
  void undo(const Confirmation&, const Settlement&) override {}
};

}  // namespace slotbase::booking
