import { describe, expect, it } from "vitest";
import { refundPercent } from "./refund";

describe("refundPercent", () => {
  const tiers = [
    { min_hours_before: 2, refund_percent: 50 },
    { min_hours_before: 24, refund_percent: 100 },
    { min_hours_before: 0, refund_percent: 0 },
  ];
  it("takes the tier for the notice given", () => {
    expect(refundPercent(tiers, 30)).toBe(100);
    expect(refundPercent(tiers, 24)).toBe(100);
    expect(refundPercent(tiers, 5)).toBe(50);
    expect(refundPercent(tiers, 1)).toBe(0);
  });
});
