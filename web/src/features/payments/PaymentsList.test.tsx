import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { aFacility, fakeNetwork, page } from "../../shared/api/testing";
import { PaymentsList } from "./PaymentsList";

describe("PaymentsList", () => {
  afterEach(cleanup);

  it("lists the day's payments with the takings per method, and filters by method, status and date", async () => {
    const usd = (amount: number) => ({ amount, currency: "USD" });
    const { api, requests } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/members": () => page([{ user_id: "usr_1", email: "pat@example.com", name: "Pat Player", status: "active", since: null }]),
      "GET /api/v1/facilities/fac_1/payments/reconciliation": () => ({ unrecorded_payments: [], paid_bookings_without_payment: [] }),
      "GET /api/v1/facilities/fac_1/payments": () => ({
        items: [
          { id: "pay_1", facility_id: "fac_1", user_id: "usr_1", booking_id: "b1", fee_id: null, intent_id: null, kind: "offline", method: "cash", amount: usd(2000), refunded: usd(500), status: "recorded", reference: "Till 2", note: null, platform_fee: usd(0), recorded_by: "d", created_at: "2026-11-30T15:00:00Z" },
        ],
        takings: [
          { method: "card", amount: usd(4000) },
          { method: "cash", amount: usd(1500) },
        ],
        next_cursor: null,
      }),
    });
    render(<PaymentsList api={api} facility={aFacility()} />);
    const takings = await screen.findByRole("table", { name: /^Takings on / });
    expect(within(takings).getAllByRole("row").map((r) => r.textContent)).toEqual([
      "MethodTaken, less refunds",
      "Card$40.00",
      "Cash$15.00",
      "Total$55.00",
    ]);
    await waitFor(() => expect(within(screen.getByRole("table", { name: "Payments" })).getByRole("row", { name: /Pat Player/ }).textContent).toContain("$5.00 refunded"));

    fireEvent.change(screen.getByLabelText("Method"), { target: { value: "cash" } });
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "recorded" } });
    fireEvent.change(screen.getByLabelText("Date"), { target: { value: "2026-11-30" } });
    await waitFor(() => {
      const last = requests.filter((r) => r.path === "/api/v1/facilities/fac_1/payments").at(-1)!;
      expect(Object.fromEntries(last.query)).toEqual({ method: "cash", status: "recorded", date: "2026-11-30" });
    });
    const first = requests.find((r) => r.path === "/api/v1/facilities/fac_1/payments")!;
    expect([...first.query.keys()]).toEqual(["date"]);
    // The owner's reconciliation, below: nothing amiss.
    const books = screen.getByRole("region", { name: "Reconciliation" });
    expect(within(books).getByText(/^Books agree/)).toBeTruthy();
  });
});
