import { describe, expect, it } from "vitest";
import { formatMoney, fromMinor, minorDigits, toMinor } from "./money";

describe("amounts typed as decimals, sent as minor units", () => {
  it("turns a decimal amount into the currency's minor units, exactly", () => {
    // Each of these is off by one through floating point: 19.99 * 100 is 1998.9999999999998,
    // 8.20 * 100 is 819.9999999999999, 4.56 * 100 is 455.99999999999994.
    expect(toMinor("19.99", "USD")).toBe(1999);
    expect(toMinor("8.20", "USD")).toBe(820);
    expect(toMinor("4.56", "USD")).toBe(456);
    expect(toMinor("0.29", "USD")).toBe(29);
    expect(toMinor("24.50", "USD")).toBe(2450);
    expect(toMinor("19.9", "EUR")).toBe(1990);
    expect(toMinor("30", "GBP")).toBe(3000);
    expect(toMinor("30.", "GBP")).toBe(3000);
    expect(toMinor(" 12.05 ", "USD")).toBe(1205);
    expect(toMinor("0", "USD")).toBe(0);
    expect(toMinor("1.250", "BHD")).toBe(1250);
  });

  it("has no decimals for zero-decimal currencies", () => {
    expect(minorDigits("JPY")).toBe(0);
    expect(minorDigits("KRW")).toBe(0);
    expect(toMinor("1500", "JPY")).toBe(1500);
    expect(toMinor("15000", "KRW")).toBe(15000);
    expect(toMinor("1500.5", "JPY")).toBeNull();
    expect(toMinor("1500.", "JPY")).toBeNull();
  });

  it("refuses what is not an amount", () => {
    for (const bad of ["", " ", "-5", "+5", "12.345", "ten", "1,50", "1.2.3", ".50", "1e3", "0x10", "$5", "5 USD", "Infinity", "NaN"])
      expect(toMinor(bad, "USD"), bad).toBeNull();
    expect(toMinor("99999999999999999999", "USD")).toBeNull();
  });

  it("shows minor units as a decimal amount to type into a form", () => {
    expect(fromMinor(1999, "USD")).toBe("19.99");
    expect(fromMinor(820, "USD")).toBe("8.20");
    expect(fromMinor(2450, "USD")).toBe("24.50");
    expect(fromMinor(5, "USD")).toBe("0.05");
    expect(fromMinor(0, "USD")).toBe("0.00");
    expect(fromMinor(-905, "USD")).toBe("-9.05");
    expect(fromMinor(1500, "JPY")).toBe("1500");
    expect(fromMinor(1250, "BHD")).toBe("1.250");
    for (const amount of ["19.99", "8.20", "4.56", "0.01", "1234.50"]) expect(fromMinor(toMinor(amount, "USD")!, "USD")).toBe(amount);
  });

  it("formats money with the currency's symbol and decimals", () => {
    expect(formatMoney({ amount: 1999, currency: "USD" })).toBe("$19.99");
    expect(formatMoney({ amount: 820, currency: "USD" })).toBe("$8.20");
    expect(formatMoney({ amount: 1500, currency: "JPY" })).toBe("¥1,500");
    expect(formatMoney({ amount: -900, currency: "USD" })).toBe("-$9.00");
  });
});
