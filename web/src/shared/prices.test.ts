import { describe, expect, it } from "vitest";
import { aFacility } from "./api/testing";
import type { Pricing } from "./api/types";
import { explainPrice, multiplierWords, priceSetting, weekdaysWords } from "./prices";

const usd = (amount: number) => ({ amount, currency: "USD" });
// The demo club's price list: $24 an hour, members $18; weekday evenings $36, members $28.
const pricing: Pricing = {
  base: usd(2400),
  member_base: usd(1800),
  per_minutes: 60,
  rules: [{ name: "Weekday evenings", weekdays: [1, 2, 3, 4, 5], from: "17:00", to: "21:00", price: usd(3600), member_price: usd(2800) }],
};
const policies = { ...aFacility().policies, weekend_multiplier: 1.25, holiday_multiplier: 1.5 };
// New Year's Eve 2026 (a Thursday) is open with modified hours.
const setting = priceSetting("America/New_York", policies, [
  { date: "2026-12-31", name: "New Year's Eve", closed: false, open: "08:00", close: "16:00" },
  { date: "2026-12-25", name: "Christmas Day", closed: true },
]);
// Local New York times in December (UTC-5).
const slot = (start: string, end: string, amount: number) => ({ start: `${start}-05:00`, end: `${end}-05:00`, price: usd(amount) });

describe("explainPrice", () => {
  it("has nothing to explain at the court's base price", () => {
    expect(explainPrice(pricing, setting, slot("2026-12-01T10:00:00", "2026-12-01T11:00:00", 2400))).toEqual([]);
  });

  it("names the peak rule, with its days, hours and rate", () => {
    const why = explainPrice(pricing, setting, slot("2026-12-01T18:00:00", "2026-12-01T19:00:00", 3600));
    expect(why).toEqual([
      {
        kind: "peak",
        short: "peak time",
        text: "Weekday evenings (peak time, Mon–Fri 17:00–21:00): $36.00 an hour instead of $24.00.",
      },
    ]);
  });

  it("explains a slot that is partly in peak time by the exact sum the server makes", () => {
    // 16:30-17:30: half an hour at $24, half at $36.
    const why = explainPrice(pricing, setting, slot("2026-12-01T16:30:00", "2026-12-01T17:30:00", 3000));
    expect(why?.map((r) => r.kind)).toEqual(["peak"]);
  });

  it("says a member pays the member price, and what others pay", () => {
    const why = explainPrice(pricing, setting, slot("2026-12-01T18:00:00", "2026-12-01T19:00:00", 2800));
    expect(why?.map((r) => r.short)).toEqual(["peak time", "member price"]);
    expect(why?.[0].text).toBe("Weekday evenings (peak time, Mon–Fri 17:00–21:00): $28.00 an hour instead of $18.00.");
    expect(why?.[1].text).toBe("Member price: $28.00 for this slot; non-members pay $36.00.");
    expect(explainPrice(pricing, setting, slot("2026-12-01T10:00:00", "2026-12-01T11:00:00", 1800))?.map((r) => r.kind)).toEqual(["member"]);
  });

  it("explains the weekend and the holiday multipliers", () => {
    // Saturday 5 December: $24 x 1.25.
    const weekend = explainPrice(pricing, setting, slot("2026-12-05T10:00:00", "2026-12-05T11:00:00", 3000));
    expect(weekend).toEqual([
      { kind: "weekend", short: "weekend rate", text: "Weekend rate: prices × 1.25 (25% more) on Saturdays and Sundays." },
    ]);
    // New Year's Eve: $24 x 1.5.
    const holiday = explainPrice(pricing, setting, slot("2026-12-31T10:00:00", "2026-12-31T11:00:00", 3600));
    expect(holiday).toEqual([
      { kind: "holiday", short: "holiday rate", text: "Holiday rate (New Year's Eve): prices × 1.5 (50% more)." },
    ]);
  });

  it("calls a cheaper rule off-peak and works in the list's own unit of time", () => {
    const perHalfHour: Pricing = {
      base: usd(1000),
      per_minutes: 30,
      rules: [{ name: "", weekdays: [1, 2, 3, 4, 5], from: "07:00", to: "09:00", price: usd(500) }],
    };
    const why = explainPrice(perHalfHour, setting, slot("2026-12-01T07:00:00", "2026-12-01T08:00:00", 1000));
    expect(why).toEqual([{ kind: "off-peak", short: "off-peak time", text: "Off-peak time, Mon–Fri 07:00–09:00: $5.00 per 30 minutes instead of $10.00." }]);
  });

  it("says nothing rather than guess where the price list does not account for the price", () => {
    expect(explainPrice(pricing, setting, slot("2026-12-01T10:00:00", "2026-12-01T11:00:00", 9900))).toBeUndefined();
    expect(explainPrice(null, setting, slot("2026-12-01T10:00:00", "2026-12-01T11:00:00", 9900))).toBeUndefined();
  });
});

describe("price words", () => {
  it("names weekdays as runs", () => {
    expect(weekdaysWords([5, 4, 3, 2, 1])).toBe("Mon–Fri");
    expect(weekdaysWords([6, 7])).toBe("Sat, Sun");
    expect(weekdaysWords([1, 3, 5])).toBe("Mon, Wed, Fri");
    expect(weekdaysWords([1, 2, 3, 4, 5, 6, 7])).toBe("every day");
  });
  it("says what a multiplier does", () => {
    expect(multiplierWords(1.25)).toBe("× 1.25 (25% more)");
    expect(multiplierWords(0.8)).toBe("× 0.8 (20% less)");
  });
});
