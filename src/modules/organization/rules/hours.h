#pragma once

#include <nlohmann/json.hpp>

#include "organization/organization_types.h"
#include "platform/core/result.h"

namespace slotbase::organization::rules {

/// Reads and checks the contract's hours document ({weekly: [...], holidays: [...]}): weekdays 1-7
/// at most once each, "HH:MM" times with open before close, holiday dates once each, and open and
/// close on holidays that are not closed. Errors name the field ("weekly[2].close").
Result<OperatingHours> parse_hours(const nlohmann::json& doc);
nlohmann::json to_json(const OperatingHours& hours);

}  // namespace slotbase::organization::rules
