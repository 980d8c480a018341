#include "cancellation.h"

namespace slotbase::booking::rules {

int refund_percent(const std::vector<organization::CancellationTier>& tiers, double hours_notice) {
  for (const auto& t : tiers) {
    if (hours_notice >= t.min_hours_before) return t.refund_percent;
  }
  return 0;
}

}  // namespace slotbase::booking::rules
