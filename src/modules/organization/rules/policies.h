#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "organization/organization_types.h"
#include "platform/core/result.h"

namespace slotbase::organization::rules {

nlohmann::json to_json(const Policies& p);
nlohmann::json to_json(const Settings& s);

/// Applies the members of `patch` to `policies`, checking each; errors name the field as
/// "policies.<member>". Unknown members are errors. Nothing changes unless all are good.
Result<Policies> apply_policies(const Policies& policies, const nlohmann::json& patch);
Result<Settings> apply_settings(const Settings& settings, const nlohmann::json& patch);

/// Reads stored JSON; members missing from it take their defaults.
Policies policies_from_json(const nlohmann::json& j);
Settings settings_from_json(const nlohmann::json& j);

}  // namespace slotbase::organization::rules
