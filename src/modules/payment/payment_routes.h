#pragma once

#include "payment/payment_service.h"
#include "platform/http/router.h"
#include "sandbox_provider.h"

namespace slotbase::payment {

/// The payment routes of the contract ("Payments (online)", "Payments (offline), refunds, fees,
/// credit"), and the sandbox's own pages when it is the provider (`sandbox` may be null).
void register_payment_routes(http::Router& router, PaymentService& payments, SandboxProvider* sandbox);

}  // namespace slotbase::payment
