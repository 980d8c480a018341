#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace slotbase {

/// An amount in minor units (cents) of an ISO 4217 currency. Never a float.
struct Money {
  std::int64_t amount = 0;
  std::string currency;
  bool operator==(const Money&) const = default;
};

/// How many decimals a currency's minor unit has (ISO 4217): 0 for JPY, 3 for KWD, else 2.
int minor_digits(std::string_view currency);
/// The amount as a decimal number with the currency's decimals and a point: "25.00", "-0.50",
/// "1500" (JPY), without the currency; for files that other programs read.
std::string decimal_text(const Money& m);

}  // namespace slotbase
