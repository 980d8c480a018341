import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { aFacility, fakeNetwork, page } from "../../shared/api/testing";
import { MyPayments } from "./MyPayments";

const usd = (amount: number) => ({ amount, currency: "USD" });
const at = "2026-11-30T15:00:00Z";

describe("MyPayments", () => {
  afterEach(cleanup);

  it("lists payments, refunds, fees, the credit at each facility and saved cards", async () => {
    const { api } = fakeNetwork({
      "GET /api/v1/me/payments": () => ({
        payments: [
          { id: "pay_1", facility_id: "fac_1", user_id: "u", booking_id: "b1", fee_id: null, intent_id: null, kind: "offline", method: "cash", amount: usd(2000), refunded: usd(1000), status: "verified", reference: null, note: null, platform_fee: usd(0), recorded_by: "d", created_at: at },
          { id: "pay_2", facility_id: "fac_1", user_id: "u", booking_id: "b2", fee_id: null, intent_id: "pit_1", kind: "card", method: "card", amount: usd(1000), refunded: usd(0), status: "succeeded", reference: "ch_1", note: null, platform_fee: usd(0), recorded_by: null, created_at: at },
        ],
        refunds: [
          { id: "ref_1", payment_id: "pay_1", facility_id: "fac_1", user_id: "u", booking_id: "b1", amount: usd(1000), destination: "credit", status: "completed", source: "staff", reason: "Lights out", failure_reason: null, created_at: at },
        ],
        fees: [
          { id: "fee_1", facility_id: "fac_1", user_id: "u", booking_id: "b3", kind: "no_show", amount: usd(2000), status: "pending", waive_reason: null, created_at: at },
          { id: "fee_2", facility_id: "fac_1", user_id: "u", booking_id: "b4", kind: "late_cancel", amount: usd(1000), status: "waived", waive_reason: "First time", created_at: at },
        ],
        credit: [{ id: "cr_1", facility_id: "fac_1", user_id: "u", amount: usd(1000), kind: "refund", reason: "Lights out", created_by: "d", created_at: at }],
      }),
      "GET /api/v1/me/cards": () => page([{ id: "pm_1", brand: "visa", last4: "4242", exp_month: 4, exp_year: 2031 }]),
      "GET /api/v1/facilities/fac_1": () => aFacility(),
      "GET /api/v1/me/credit": (r) => {
        expect(r.query.get("facility_id")).toBe("fac_1");
        return { balance: usd(250) };
      },
    });
    render(<MyPayments api={api} />);

    expect((await screen.findByRole("list", { name: "Account credit" })).textContent).toBe("Riverside $2.50");
    const paid = within(screen.getByRole("list", { name: "Payments" })).getAllByRole("listitem");
    expect(paid.map((li) => li.textContent)).toEqual([
      "Mon, Nov 30, 10:00 · Riverside · Cash verified $20.00 ($10.00 refunded)",
      "Mon, Nov 30, 10:00 · Riverside · Card paid $10.00",
    ]);
    expect(screen.getByRole("list", { name: "Refunds" }).textContent).toBe("Mon, Nov 30, 10:00 · Riverside · to account credit · Lights out completed $10.00");
    const fees = within(screen.getByRole("list", { name: "Fees" })).getAllByRole("listitem");
    expect(fees.map((li) => li.textContent)).toEqual([
      "Mon, Nov 30, 10:00 · Riverside · No-show fee owed $20.00",
      "Mon, Nov 30, 10:00 · Riverside · Late cancellation fee · First time waived $10.00",
    ]);
    expect(screen.getByRole("list", { name: "Saved cards" }).textContent).toBe("VISA ending in 4242 expires 04/2031");
  });

  it("says when there is nothing yet", async () => {
    const { api } = fakeNetwork({
      "GET /api/v1/me/payments": () => ({ payments: [], refunds: [], fees: [], credit: [] }),
      "GET /api/v1/me/cards": () => page([]),
    });
    render(<MyPayments api={api} />);
    expect(await screen.findByText("No payments yet.")).toBeTruthy();
    expect(screen.getByText("You have no account credit.")).toBeTruthy();
    expect(screen.queryByRole("list", { name: "Saved cards" })).toBeNull();
  });
});
