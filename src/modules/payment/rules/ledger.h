#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "booking/booking_types.h"
#include "platform/core/money.h"

namespace slotbase::payment::rules {

/// A booking's payment status from what its ledger says: money received and returned, whether
/// staff waived it, its price and whether it was cancelled. Paid once what stays covers the price;
/// partial for less; refunded when all that came in went back; waived when staff waived it, it is
/// free, or it was cancelled with nothing paid (it owes nothing; a fee is owed on its own); else
/// pending.
booking::PaymentStatus payment_status(std::int64_t received, std::int64_t returned, bool waived, std::int64_t price,
                                      bool cancelled = false);

/// `percent` of `amount`, rounded down to the minor unit (a refund never exceeds its share).
std::int64_t percent_of(std::int64_t amount, int percent);

/// An amount of money a client sent: a positive integer of minor units no larger than `limit`.
/// The error message for its field, or nullopt when it is fine.
std::optional<std::string> check_amount(std::int64_t amount, std::int64_t limit);

/// An amount for people to read in messages: "9.00 USD", "1500 JPY".
std::string format_money(const Money& money);

/// The platform's fee on `amount` at `basis_points` (1/100 of a percent), rounded down.
std::int64_t platform_fee(std::int64_t amount, std::int64_t basis_points);

}  // namespace slotbase::payment::rules
