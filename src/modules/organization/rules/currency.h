#pragma once

#include <optional>
#include <string_view>

namespace slotbase::organization::rules {

/// The number of minor-unit digits of an active ISO 4217 currency (2 for USD, 0 for JPY, 3 for
/// KWD), or nullopt for a code that is not one.
std::optional<int> currency_minor_digits(std::string_view code);

}  // namespace slotbase::organization::rules
