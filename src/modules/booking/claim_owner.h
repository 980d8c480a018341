#pragma once

#include <string>
#include <variant>

#include "booking/booking_types.h"

namespace slotbase::booking {

/// What takes a resource's time in resource_claims: a hold, a booking or a block. The claim's
/// kind says which, and its owner_id is the id's text.
using ClaimOwner = std::variant<HoldId, BookingId, BlockId>;

/// The claim's kind for its owner: hold, booking or block.
inline const char* kind_of(const ClaimOwner& owner) {
  if (std::holds_alternative<HoldId>(owner)) return "hold";
  return std::holds_alternative<BookingId>(owner) ? "booking" : "block";
}

/// The owner's id, as its text.
inline const std::string& str_of(const ClaimOwner& owner) {
  return std::visit([](const auto& id) -> const std::string& { return id.str(); }, owner);
}

}  // namespace slotbase::booking
