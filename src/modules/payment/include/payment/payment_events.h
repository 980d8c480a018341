#pragma once

#include <optional>
#include <string>
#include <tuple>

#include "platform/events/typed_event.h"

/// The events the payment module emits (platform/events/typed_event.h says how they are written).
namespace slotbase::payment {

/// Money came in online (a card) or from account credit.
struct PaymentSucceeded {
  static constexpr const char* kType = "payment.succeeded";
  static constexpr int kVersion = 1;
  std::string payment_id;
  std::string user_id;
  std::optional<std::string> booking_id;
  std::optional<std::string> intent_id;
  std::string method;
  std::int64_t amount = 0;
  std::string currency;
  bool operator==(const PaymentSucceeded&) const = default;
};
SB_EVENT_CODEC(PaymentSucceeded, payment_id, user_id, booking_id, intent_id, method, amount, currency)

/// A card was declined or its authentication failed; the player may try again.
struct PaymentFailed {
  static constexpr const char* kType = "payment.failed";
  static constexpr int kVersion = 1;
  std::string intent_id;
  std::string user_id;
  std::string target_id;
  std::optional<std::string> decline_code;
  std::optional<std::string> message;
  bool operator==(const PaymentFailed&) const = default;
};
SB_EVENT_CODEC(PaymentFailed, intent_id, user_id, target_id, decline_code, message)

/// A refund reached its end: completed (the money went back) or failed.
struct PaymentRefunded {
  static constexpr const char* kType = "payment.refunded";
  static constexpr int kVersion = 1;
  std::string refund_id;
  std::string payment_id;
  std::string user_id;
  std::optional<std::string> booking_id;
  std::string destination;
  std::string status;
  std::int64_t amount = 0;
  std::string currency;
  bool operator==(const PaymentRefunded&) const = default;
};
SB_EVENT_CODEC(PaymentRefunded, refund_id, payment_id, user_id, booking_id, destination, status, amount, currency)

/// Staff recorded money taken at the desk.
struct OfflinePaymentRecorded {
  static constexpr const char* kType = "offline_payment.recorded";
  static constexpr int kVersion = 1;
  std::string payment_id;
  std::string user_id;
  std::optional<std::string> booking_id;
  std::string method;
  std::int64_t amount = 0;
  std::string currency;
  bool operator==(const OfflinePaymentRecorded&) const = default;
};
SB_EVENT_CODEC(OfflinePaymentRecorded, payment_id, user_id, booking_id, method, amount, currency)

/// A fee is owed for a no-show or a late cancellation.
struct FeeCharged {
  static constexpr const char* kType = "payment.fee.charged";
  static constexpr int kVersion = 1;
  std::string fee_id;
  std::string user_id;
  std::string booking_id;
  std::string kind;
  std::int64_t amount = 0;
  std::string currency;
  bool operator==(const FeeCharged&) const = default;
};
SB_EVENT_CODEC(FeeCharged, fee_id, user_id, booking_id, kind, amount, currency)

using Events = std::tuple<PaymentSucceeded, PaymentFailed, PaymentRefunded, OfflinePaymentRecorded, FeeCharged>;

}  // namespace slotbase::payment
