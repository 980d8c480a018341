#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "platform/core/money.h"
#include "platform/core/result.h"

namespace slotbase::booking {

/// What the booking module needs from card payments; the payment module implements it. Calls
/// block until the provider answers.
class PaymentGateway {
 public:
  struct Charge {
    std::string idempotency_key;  // the same key never charges twice
    Money amount;
    std::string user_id;
    std::string description;
    nlohmann::json details;  // the client's payment details, e.g. a card token
  };
  struct Outcome {
    bool approved = false;
    std::string reference;       // the provider's payment id
    std::string decline_reason;  // when not approved
  };

  virtual ~PaymentGateway() = default;
  /// unavailable when the provider cannot be reached; a decline is an Outcome, not an error.
  virtual Result<Outcome> charge(const Charge& charge) = 0;
  virtual Result<void> refund(const std::string& reference, Money amount, const std::string& idempotency_key) = 0;
};

}  // namespace slotbase::booking
