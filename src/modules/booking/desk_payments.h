#pragma once

#include "booking/payment_gateway.h"
#include "platform/module/module.h"

namespace slotbase::booking {

/// The booking module's own PaymentGateway, for when no module that takes money is configured:
/// bookings are free, paid at the desk (an offline method the facility accepts) or left pending;
/// cards are refused as unavailable, and nothing is ever charged. Stateless, thread-safe.
class DeskPayments final : public PaymentGateway {
 public:
  Result<Settlement> settle(const Confirmation& c) override;
  void undo(const Confirmation&, const Settlement&) override {}
};

/// The gateway booking settles through: the one a later module (payments) provides in the
/// registry, found at the first payment (modules after booking are built by then), else the
/// desk's. The registry outlives every module.
class LateGateway final : public PaymentGateway {
 public:
  explicit LateGateway(const ServiceRegistry& services) : services_(services) {}
  Result<Settlement> settle(const Confirmation& c) override { return gateway().settle(c); }
  void undo(const Confirmation& c, const Settlement& s) override { gateway().undo(c, s); }

 private:
  PaymentGateway& gateway() {
    PaymentGateway* found = services_.find<PaymentGateway>();
    return found ? *found : desk_;
  }
  const ServiceRegistry& services_;
  DeskPayments desk_;
};

}  // namespace slotbase::booking
