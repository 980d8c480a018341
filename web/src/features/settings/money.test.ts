import { describe, expect, it } from "vitest";
import { fromMinor, toMinor } from "./money";

describe("amounts in minor units", () => {
  it("turns a decimal amount into the currency's minor units, exactly", () => {
    expect(toMinor("24.50", "USD")).toBe(2450);
    expect(toMinor("0.29", "USD")).toBe(29);
    expect(toMinor("19.9", "EUR")).toBe(1990);
    expect(toMinor("30", "GBP")).toBe(3000);
    expect(toMinor("1500", "JPY")).toBe(1500);
    expect(toMinor("1.250", "BHD")).toBe(1250);
  });

  it("refuses what is not an amount", () => {
    expect(toMinor("", "USD")).toBeNull();
    expect(toMinor("-5", "USD")).toBeNull();
    expect(toMinor("12.345", "USD")).toBeNull();
    expect(toMinor("10.5", "JPY")).toBeNull();
    expect(toMinor("ten", "USD")).toBeNull();
  });

  it("shows minor units as a decimal amount", () => {
    expect(fromMinor(2450, "USD")).toBe("24.50");
    expect(fromMinor(5, "USD")).toBe("0.05");
    expect(fromMinor(1500, "JPY")).toBe("1500");
  });
});
