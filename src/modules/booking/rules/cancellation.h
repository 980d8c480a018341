#pragma once

#include <vector>

#include "organization/organization_types.h"

namespace slotbase::booking::rules {

/// The percent of the price refunded for cancelling with `hours_notice` hours before the start:
/// the first tier (largest notice first, as the facility's policy keeps them) whose
/// min_hours_before the notice reaches; nothing when none does.
int refund_percent(const std::vector<organization::CancellationTier>& tiers, double hours_notice);

}  // namespace slotbase::booking::rules
