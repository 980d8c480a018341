#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "organization/organization_types.h"
#include "platform/core/result.h"

namespace slotbase::organization::rules {

/// Reads the contract's address: null (none), or an object of street, city, state, zip and
/// country, each a string of at most 200 characters. The error names the first bad member
/// ("address.city").
Result<std::optional<Address>> parse_address(const nlohmann::json& j);
/// Null, or an object of the parts the address has.
nlohmann::json to_json(const std::optional<Address>& a);

}  // namespace slotbase::organization::rules
