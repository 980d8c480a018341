import { describe, expect, it } from "vitest";
import { parseExpiry } from "./CardForm";
import { cardError, declineMessage } from "./declines";

describe("what a player is told when a card does not pay", () => {
  it("names the reason where it helps, and what to do", () => {
    expect(declineMessage("insufficient_funds")).toBe("Your card has insufficient funds. Try another card.");
    expect(declineMessage("generic_decline")).toBe("Your card was declined. Try another card, or ask your bank why.");
    expect(declineMessage("authentication_failed")).toContain("did not authenticate");
    expect(declineMessage("expired_card")).toContain("expired");
  });

  it("reads a lost or stolen card, or no reason, as a plain decline", () => {
    for (const code of ["lost_card", "stolen_card", "fraudulent", null, undefined, ""])
      expect(declineMessage(code)).toBe("Your card was declined. Try another card, or ask your bank why.");
  });

  it("points the card form's errors at their field", () => {
    expect(cardError("incorrect_number")?.field).toBe("number");
    expect(cardError("invalid_expiry_month")?.field).toBe("expiry");
    expect(cardError("invalid_expiry_year")?.field).toBe("expiry");
    expect(cardError("invalid_cvc")?.field).toBe("cvc");
    expect(cardError("rate_limit")).toBeUndefined();
  });
});

describe("a card's expiry as typed", () => {
  it("reads MM/YY and its variants", () => {
    expect(parseExpiry("04/29")).toEqual({ month: 4, year: 2029 });
    expect(parseExpiry("4/29")).toEqual({ month: 4, year: 2029 });
    expect(parseExpiry(" 12 / 34 ")).toEqual({ month: 12, year: 2034 });
    expect(parseExpiry("0429")).toEqual({ month: 4, year: 2029 });
    expect(parseExpiry("04/2029")).toEqual({ month: 4, year: 2029 });
  });

  it("refuses what is no month and year", () => {
    for (const bad of ["", "13/29", "00/29", "4/2", "04-29", "April 29", "04/029"]) expect(parseExpiry(bad), bad).toBeNull();
  });
});
