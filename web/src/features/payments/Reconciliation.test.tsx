import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { aFacility, fakeNetwork, Reply } from "../../shared/api/testing";
import { Reconciliation } from "./Reconciliation";

describe("Reconciliation", () => {
  afterEach(cleanup);
  const usd = (amount: number) => ({ amount, currency: "USD" });

  it("lists card payments with no record here and paid bookings with no money", async () => {
    const { api } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/payments/reconciliation": () => ({
        unrecorded_payments: [{ provider_intent_id: "pi_9", amount: usd(2400), status: "succeeded", intent_id: "pit_9" }],
        paid_bookings_without_payment: [{ booking_id: "bkg_7", price: usd(3000), received: usd(0) }],
      }),
    });
    render(<Reconciliation api={api} facility={aFacility()} />);
    const unrecorded = await screen.findByRole("table", { name: "Card payments at the provider with no record here" });
    expect(within(unrecorded).getAllByRole("row")[1].textContent).toBe("pi_9$24.00succeededpit_9");
    const unpaid = screen.getByRole("table", { name: "Bookings marked paid with no payment" });
    expect(within(unpaid).getAllByRole("row")[1].textContent).toBe("bkg_7$30.00$0.00");
    expect(screen.queryByText(/^Books agree/)).toBeNull();
  });

  it("is not shown to staff who may not see it", async () => {
    const { api, requests } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/payments/reconciliation": () =>
        new Reply(403, { type: "x", title: "Forbidden", status: 403, detail: "Only the owner or a manager can do this." }),
    });
    const { container } = render(<Reconciliation api={api} facility={aFacility()} />);
    await waitFor(() => expect(requests).toHaveLength(1));
    await waitFor(() => expect(container.textContent).toBe(""));
  });
});
