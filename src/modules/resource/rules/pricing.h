#pragma once

#include <nlohmann/json.hpp>

#include "platform/core/result.h"
#include "platform/core/zone.h"
#include "resource/resource_types.h"

namespace slotbase::resource::rules {

/// The price of [start, end): every minute costs its rate (the first rule covering that local
/// minute and weekday, else the base; the member rate for members) divided by per_minutes, times
/// the day's multiplier (a holiday's, else a weekend's); the sum is rounded once, half up, to a
/// minor unit. Works across midnight and DST changes (minutes are real minutes; rules read the
/// wall clock).
std::int64_t price(const Pricing& pricing, bool member, Instant start, Instant end, const PriceContext& ctx);

/// Whether members pay other prices than everyone else here; if not, nobody need ask who is one.
bool has_member_prices(const Pricing& pricing);

/// Reads and checks the contract's pricing document; errors name the field ("rules[0].from").
/// Every amount must carry the same currency, which becomes `base.currency`.
Result<Pricing> parse_pricing(const nlohmann::json& doc);
nlohmann::json to_json(const Pricing& p);

}  // namespace slotbase::resource::rules
