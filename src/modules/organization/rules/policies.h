#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "organization/organization_types.h"
#include "platform/core/result.h"

namespace slotbase::organization::rules {

nlohmann::json to_json(const Policies& p);
nlohmann::json to_json(const Settings& s);

/// Reads a JSON object of the policies to change, checking each member; errors name the field as
/// "policies.<member>" (settings: "settings.<member>"). Unknown members are errors.
Result<PoliciesPatch> parse_policies(const nlohmann::json& patch);
Result<SettingsPatch> parse_settings(const nlohmann::json& patch);

/// The policies with `patch` applied: invalid_argument naming the member when the members no
/// longer agree (max_duration_minutes below min_duration_minutes, min_duration_minutes not a
/// multiple of slot_step_minutes).
Result<Policies> apply_policies(const Policies& policies, const PoliciesPatch& patch);
Settings apply_settings(const Settings& settings, const SettingsPatch& patch);

/// Reads stored JSON; members missing from it take their defaults.
Policies policies_from_json(const nlohmann::json& j);
Settings settings_from_json(const nlohmann::json& j);

}  // namespace slotbase::organization::rules
