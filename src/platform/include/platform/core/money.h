#pragma once

#include <cstdint>
#include <string>

namespace slotbase {

/// An amount in minor units (cents) of an ISO 4217 currency. Never a float.
struct Money {
  std::int64_t amount = 0;
  std::string currency;
  bool operator==(const Money&) const = default;
};

}  // namespace slotbase
