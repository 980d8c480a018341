#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "booking/booking_types.h"
#include "platform/core/money.h"
#include "platform/core/result.h"

namespace slotbase::booking {

/// How a booking made from a hold is paid: the switch over the payment methods, declared here
/// because booking needs it and implemented by the module that takes money (the payment module
/// provides one in the ServiceRegistry; without it the booking module's own DeskPayments takes
/// no cards). Calls may block until a provider answers; they run outside any transaction.
class PaymentGateway {
 public:
  /// What is being paid for, and how the player chose to pay.
  struct Confirmation {
    HoldId hold_id;        // the hold becoming a booking: a retry of one hold never charges twice
    BookingId booking_id;  // the booking it becomes
    std::string facility_id;
    std::string user_id;  // who plays, and pays
    Money amount;         // the hold's price, as the server computed it
    PaymentChoice choice;
    // The facility's rules: its payment timing (at_booking, before_session, after_session,
    // monthly, offline, none) and the offline methods it accepts; staff may confirm unpaid.
    std::string payment_timing;
    std::vector<std::string> offline_methods;
    bool by_staff = false;
  };
  /// The booking's payment_status (waived, pending, paid) and, for a payment taken, its
  /// reference at the provider.
  struct Settlement {
    PaymentStatus payment_status = PaymentStatus::pending;
    std::optional<std::string> reference;
    // A payment that booked the hold itself, in the transaction that recorded the money (a card
    // or credit payment): the booking it became; nothing is left for confirm to write.
    std::optional<BookingId> booked_as;
    bool operator==(const Settlement&) const = default;
  };

  virtual ~PaymentGateway() = default;
  /// What booking decides where no money moves now (method none or offline): refused when the
  /// facility takes payment at booking and nothing is offered, or an offline method it does not
  /// accept; else waived when free, pending otherwise. Every gateway settles these the same way.
  static Result<Settlement> settle_without_money(const Confirmation& c) {
    if (c.choice.method == PaymentMethod::none && c.amount.amount > 0 && c.payment_timing == "at_booking" &&
        !c.by_staff)
      return Error::rule_violation("payment-required", "This facility takes payment when you book.");
    if (c.choice.method == PaymentMethod::offline && c.choice.offline_method &&
        std::find(c.offline_methods.begin(), c.offline_methods.end(), *c.choice.offline_method) ==
            c.offline_methods.end())
      return Error::invalid("payment.offline_method", "is not accepted at this facility");
    return Settlement{c.amount.amount == 0 ? PaymentStatus::waived : PaymentStatus::pending, std::nullopt,
                      std::nullopt};
  }
  /// Settles the payment of a confirmation before its booking is written: rule_violation
  /// "payment-required" (nothing offered where the facility takes payment on booking),
  /// "payment-declined" (the card was declined; the hold stays as it was) or
  /// "payment-method-unavailable"; invalid_argument "payment.offline_method" for a method the
  /// facility does not accept; unavailable when the provider cannot be reached.
  virtual Result<Settlement> settle(const Confirmation& confirmation) = 0;
  /// Gives back what settle took when the booking could not be written after all (the hold
  /// lapsed or was confirmed by a concurrent request meanwhile). Idempotent per hold.
  virtual void undo(const Confirmation& confirmation, const Settlement& settlement) = 0;
};

}  // namespace slotbase::booking
