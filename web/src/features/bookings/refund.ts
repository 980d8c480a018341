import type { CancellationTier } from "../../shared/api/types";

/// The refund percent the policy gives for cancelling `hoursBefore` hours ahead.
export function refundPercent(tiers: CancellationTier[], hoursBefore: number): number {
  const sorted = [...tiers].sort((a, b) => b.min_hours_before - a.min_hours_before);
  for (const t of sorted) if (hoursBefore >= t.min_hours_before) return t.refund_percent;
  return 0;
}
