import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { aFacility, fakeNetwork, Reply } from "../../shared/api/testing";
import type { Booking, CreditEntry, Fee, Payment, Refund } from "../../shared/api/types";
import { BookingPayments } from "./BookingPayments";

const booking = (changes: Partial<Booking> = {}): Booking =>
  ({
    id: "bkg_1",
    facility_id: "fac_1",
    resource_id: "r1",
    user_id: "usr_1",
    start: "2026-12-01T15:00:00Z",
    end: "2026-12-01T16:00:00Z",
    status: "confirmed",
    type: "open_play",
    price: { amount: 2000, currency: "USD" },
    payment_status: "pending",
    approval_status: "not_required",
    ...changes,
  }) as Booking;

const cash = (changes: Partial<Payment> = {}): Payment => ({
  id: "pay_1",
  facility_id: "fac_1",
  user_id: "usr_1",
  booking_id: "bkg_1",
  fee_id: null,
  intent_id: null,
  kind: "offline",
  method: "cash",
  amount: { amount: 1999, currency: "USD" },
  refunded: { amount: 0, currency: "USD" },
  status: "recorded",
  reference: null,
  note: null,
  platform_fee: { amount: 0, currency: "USD" },
  recorded_by: "usr_desk",
  created_at: "2026-11-30T15:00:00Z",
  ...changes,
});

/// The answer of GET /bookings/{id}/payments: the booking's payments, their refunds and its fees.
const money = (items: Payment[], fees: Fee[] = [], refunds: Refund[] = []) => ({ items, refunds, fees, next_cursor: null });

const lateCancel = (changes: Partial<Fee> = {}): Fee => ({
  id: "fee_1",
  facility_id: "fac_1",
  user_id: "usr_1",
  booking_id: "bkg_1",
  kind: "late_cancel",
  amount: { amount: 2000, currency: "USD" },
  status: "pending",
  waive_reason: null,
  created_at: "2026-12-01T14:30:00Z",
  ...changes,
});

const refund = (changes: Partial<Refund> = {}): Refund => ({
  id: "ref_1",
  payment_id: "pay_1",
  facility_id: "fac_1",
  user_id: "usr_1",
  booking_id: "bkg_1",
  amount: { amount: 2000, currency: "USD" },
  destination: "original",
  status: "pending",
  source: "staff",
  reason: "Rain",
  failure_reason: null,
  retried_as: null,
  created_at: "2026-12-01T16:00:00Z",
  ...changes,
});

const facility = aFacility({ policies: { ...aFacility().policies, offline_methods: ["cash", "venmo"] } });

describe("BookingPayments", () => {
  afterEach(cleanup);

  it("records a payment typed as a decimal in exact minor units, with the facility's methods", async () => {
    let payments: Payment[] = [];
    const { api, requests } = fakeNetwork({
      "GET /api/v1/bookings/bkg_1/payments": () => money(payments),
      "POST /api/v1/bookings/bkg_1/payments": () => {
        payments = [cash({ method: "venmo", reference: "V-77" })];
        return new Reply(201, payments[0]);
      },
    });
    const onChanged = vi.fn();
    render(<BookingPayments api={api} booking={booking()} facility={facility} what="10:00 on Court 1" onChanged={onChanged} />);
    const region = screen.getByRole("region", { name: "Payments of 10:00 on Court 1" });
    expect(await within(region).findByText("No payments yet.")).toBeTruthy();
    expect(region.textContent).toContain("Payment pending · price $20.00 · paid $0.00 · due $20.00");

    fireEvent.click(within(region).getByRole("button", { name: "Record payment" }));
    const form = within(region).getByRole("form", { name: "Record payment" });
    expect((within(form).getByLabelText("Amount (USD)") as HTMLInputElement).value).toBe("20.00");
    expect(within(form).getAllByRole("option").map((o) => o.textContent)).toEqual(["Cash", "Venmo"]);

    fireEvent.change(within(form).getByLabelText("Amount (USD)"), { target: { value: "19.999" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save payment" }));
    expect(within(form).getByLabelText("Amount (USD)").getAttribute("aria-invalid")).toBe("true");
    expect(requests.filter((r) => r.method === "POST")).toEqual([]);

    fireEvent.change(within(form).getByLabelText("Amount (USD)"), { target: { value: "19.99" } });
    fireEvent.change(within(form).getByLabelText("Method"), { target: { value: "venmo" } });
    fireEvent.change(within(form).getByLabelText("Reference (optional)"), { target: { value: " V-77 " } });
    fireEvent.click(within(form).getByRole("button", { name: "Save payment" }));

    await waitFor(() => expect(onChanged).toHaveBeenCalledWith("Venmo payment of $19.99 recorded."));
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({ amount: 1999, method: "venmo", reference: "V-77" });
    expect(within(region).getByRole("row", { name: /Venmo/ }).textContent).toContain("$19.99");
  });

  it("verifies, disputes or voids a desk payment, and void is final", async () => {
    let payment = cash();
    const { api, requests } = fakeNetwork({
      "GET /api/v1/bookings/bkg_1/payments": () => money([payment]),
      "POST /api/v1/payments/pay_1/verify": () => (payment = cash({ status: "verified" })),
      "POST /api/v1/payments/pay_1/void": () => (payment = cash({ status: "void" })),
    });
    const onChanged = vi.fn();
    render(<BookingPayments api={api} booking={booking({ payment_status: "partial" })} facility={facility} what="10:00 on Court 1" onChanged={onChanged} />);
    const row = await screen.findByRole("row", { name: /Cash/ });
    expect(within(row).getAllByRole("button").map((b) => b.textContent)).toEqual(["Verify", "Dispute", "Void", "Refund"]);
    fireEvent.click(within(row).getByRole("button", { name: "Verify" }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith("The payment is verified."));
    expect(within(screen.getByRole("row", { name: /Cash/ })).getAllByRole("button").map((b) => b.textContent)).toEqual(["Dispute", "Void", "Refund"]);
    fireEvent.click(within(screen.getByRole("row", { name: /Cash/ })).getByRole("button", { name: "Void" }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith("The payment is void; its amount no longer counts as paid."));
    expect(within(screen.getByRole("row", { name: /Cash/ })).queryAllByRole("button")).toEqual([]);
    expect(requests.filter((r) => r.method === "POST").map((r) => r.path)).toEqual(["/api/v1/payments/pay_1/verify", "/api/v1/payments/pay_1/void"]);
  });

  it("refunds part of a payment to account credit, with a reason, never more than is left", async () => {
    const { api, requests } = fakeNetwork({
      "GET /api/v1/bookings/bkg_1/payments": () => money([cash({ amount: { amount: 2000, currency: "USD" }, refunded: { amount: 500, currency: "USD" } })]),
      "POST /api/v1/payments/pay_1/refunds": () => new Reply(201, refund({ amount: { amount: 820, currency: "USD" }, destination: "credit", status: "completed" })),
    });
    const onChanged = vi.fn();
    render(<BookingPayments api={api} booking={booking({ payment_status: "partial" })} facility={facility} what="10:00 on Court 1" onChanged={onChanged} />);
    fireEvent.click(within(await screen.findByRole("row", { name: /Cash/ })).getByRole("button", { name: "Refund" }));
    const form = screen.getByRole("form", { name: "Refund cash payment of $20.00" });
    const amount = within(form).getByLabelText("Amount (USD)") as HTMLInputElement;
    expect(amount.value).toBe("15.00");
    expect((within(form).getByLabelText("Refund to") as HTMLSelectElement).value).toBe("credit");

    fireEvent.change(amount, { target: { value: "15.01" } });
    fireEvent.click(within(form).getByRole("button", { name: "Refund" }));
    expect(screen.getByText("At most $15.00 is left to refund.")).toBeTruthy();
    expect(within(form).getByLabelText("Reason").getAttribute("aria-invalid")).toBe("true");

    fireEvent.change(amount, { target: { value: "8.20" } });
    fireEvent.change(within(form).getByLabelText("Reason"), { target: { value: "Rain" } });
    fireEvent.click(within(form).getByRole("button", { name: "Refund" }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith("Refund of $8.20 to account credit."));
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({ amount: 820, destination: "credit", reason: "Rain" });
  });

  it("waives what the booking owes, with a reason; the server's refusal is shown", async () => {
    let refuse = true;
    const { api, requests } = fakeNetwork({
      "GET /api/v1/bookings/bkg_1/payments": () => money([]),
      "POST /api/v1/bookings/bkg_1/payment-status": () =>
        refuse ? new Reply(403, { type: "x", title: "Forbidden", status: 403, detail: "Only the facility's staff can waive a payment." }) : { payment_status: "waived" },
    });
    const onChanged = vi.fn();
    render(<BookingPayments api={api} booking={booking()} facility={facility} what="10:00 on Court 1" onChanged={onChanged} />);
    await screen.findByText("No payments yet.");
    fireEvent.click(screen.getByRole("button", { name: "Waive payment" }));
    const form = screen.getByRole("form", { name: "Waive payment" });
    fireEvent.click(within(form).getByRole("button", { name: "Waive" }));
    expect(within(form).getByLabelText("Reason for waiving").getAttribute("aria-invalid")).toBe("true");
    fireEvent.change(within(form).getByLabelText("Reason for waiving"), { target: { value: "Club event" } });
    fireEvent.click(within(form).getByRole("button", { name: "Waive" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Only the facility's staff can waive a payment.");
    refuse = false;
    fireEvent.click(within(form).getByRole("button", { name: "Waive" }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith("The payment is waived."));
    expect(requests.filter((r) => r.method === "POST").map((r) => r.body)).toEqual([
      { status: "waived", reason: "Club event" },
      { status: "waived", reason: "Club event" },
    ]);
  });

  it("takes amounts without decimals in a zero-decimal currency", async () => {
    const { api, requests } = fakeNetwork({
      "GET /api/v1/bookings/bkg_1/payments": () => money([]),
      "POST /api/v1/bookings/bkg_1/payments": () => new Reply(201, cash({ amount: { amount: 1500, currency: "JPY" } })),
    });
    const onChanged = vi.fn();
    const yen = booking({ price: { amount: 3000, currency: "JPY" } });
    render(<BookingPayments api={api} booking={yen} facility={facility} what="10:00 on Court 1" onChanged={onChanged} />);
    await screen.findByText("No payments yet.");
    expect(screen.getByRole("region").textContent).toContain("price ¥3,000");
    fireEvent.click(screen.getByRole("button", { name: "Record payment" }));
    const amount = screen.getByLabelText("Amount (JPY)") as HTMLInputElement;
    expect(amount.value).toBe("3000");
    fireEvent.change(amount, { target: { value: "1500.50" } });
    fireEvent.click(screen.getByRole("button", { name: "Save payment" }));
    expect(screen.getByText("Enter an amount like 1999.")).toBeTruthy();
    fireEvent.change(amount, { target: { value: "1500" } });
    fireEvent.click(screen.getByRole("button", { name: "Save payment" }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith("Cash payment of ¥1,500 recorded."));
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({ amount: 1500, method: "cash" });
  });

  it("shows the server's word on an amount next to the amount", async () => {
    const { api } = fakeNetwork({
      "GET /api/v1/bookings/bkg_1/payments": () => money([cash({ amount: { amount: 1100, currency: "USD" } })]),
      "POST /api/v1/bookings/bkg_1/payments": () =>
        new Reply(422, { type: "x", title: "Invalid", status: 422, detail: "Validation failed.", errors: [{ field: "amount", message: "must be at most the 9.00 USD still due" }] }),
    });
    render(<BookingPayments api={api} booking={booking({ payment_status: "partial" })} facility={facility} what="10:00 on Court 1" onChanged={vi.fn()} />);
    await screen.findByRole("row", { name: /Cash/ });
    // Someone else recorded a payment meanwhile: the form still offers the $9.00 it knew of.
    fireEvent.click(screen.getByRole("button", { name: "Record payment" }));
    fireEvent.click(screen.getByRole("button", { name: "Save payment" }));
    const amount = screen.getByLabelText("Amount (USD)");
    await waitFor(() => expect(amount.getAttribute("aria-invalid")).toBe("true"));
    expect(document.getElementById(amount.getAttribute("aria-describedby")!)?.textContent).toBe("must be at most the 9.00 USD still due");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("lists a cancelled booking's late cancellation fee, owing nothing of the price, and waives the fee with a reason", async () => {
    let fee = lateCancel();
    const { api, requests } = fakeNetwork({
      "GET /api/v1/bookings/bkg_1/payments": () => money([], [fee]),
      "POST /api/v1/fees/fee_1/waive": (r) => (fee = lateCancel({ status: "waived", waive_reason: (r.body as { reason: string }).reason })),
    });
    const onChanged = vi.fn();
    render(<BookingPayments api={api} booking={booking({ status: "cancelled" })} facility={facility} what="10:00 on Court 1" onChanged={onChanged} />);
    const region = screen.getByRole("region", { name: "Payments of 10:00 on Court 1" });
    const row = await within(region).findByRole("row", { name: /Late cancellation fee/ });
    expect(row.textContent).toContain("$20.00");
    expect(row.textContent).toContain("owed");
    expect(region.textContent).toContain("Payment pending · price $20.00 · paid $0.00");
    expect(region.textContent).not.toContain("due");
    expect(within(region).queryByRole("button", { name: "Record payment" })).toBeNull();
    expect(within(region).queryByRole("button", { name: "Waive payment" })).toBeNull();

    fireEvent.click(within(row).getByRole("button", { name: "Waive fee" }));
    const form = within(region).getByRole("form", { name: "Waive late cancellation fee of $20.00" });
    fireEvent.click(within(form).getByRole("button", { name: "Waive fee" }));
    expect(within(form).getByLabelText("Reason for waiving the fee").getAttribute("aria-invalid")).toBe("true");
    expect(requests.filter((r) => r.method === "POST")).toEqual([]);
    fireEvent.change(within(form).getByLabelText("Reason for waiving the fee"), { target: { value: " Family emergency " } });
    fireEvent.click(within(form).getByRole("button", { name: "Waive fee" }));

    await waitFor(() => expect(onChanged).toHaveBeenCalledWith("The late cancellation fee of $20.00 is waived."));
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({ reason: "Family emergency" });
    const waived = within(region).getByRole("row", { name: /Late cancellation fee/ });
    expect(waived.textContent).toContain("waived");
    expect(waived.textContent).toContain("Family emergency");
    expect(within(waived).queryByRole("button")).toBeNull();
  });

  it("lists the booking's refunds, and tries a failed one again or gives it as credit, once", async () => {
    const card = cash({ kind: "card", method: "card", status: "succeeded", amount: { amount: 2000, currency: "USD" }, recorded_by: null });
    // The server's refunds of the booking, as they change.
    let refunds: Refund[] = [];
    const { api, requests } = fakeNetwork({
      "GET /api/v1/bookings/bkg_1/payments": () => money([card], [], refunds),
      "POST /api/v1/payments/pay_1/refunds": () => {
        const made =
          refunds.length === 0
            ? refund({ amount: { amount: 1500, currency: "USD" } })
            : refund({ id: "ref_2", amount: { amount: 500, currency: "USD" }, status: "failed", failure_reason: "The card was closed." });
        refunds = [...refunds, made];
        return new Reply(201, made);
      },
      "POST /api/v1/refunds/ref_2/retry": () => {
        const again = refund({ id: "ref_3", amount: { amount: 500, currency: "USD" }, destination: "credit", status: "completed" });
        refunds = [...refunds.map((r) => (r.id === "ref_2" ? { ...r, retried_as: "ref_3" } : r)), again];
        return new Reply(201, again);
      },
    });
    const onChanged = vi.fn();
    render(<BookingPayments api={api} booking={booking({ payment_status: "paid" })} facility={facility} what="10:00 on Court 1" onChanged={onChanged} />);
    const refundSome = async (amount: string) => {
      fireEvent.click(within(await screen.findByRole("row", { name: /Card/ })).getByRole("button", { name: "Refund" }));
      const form = screen.getByRole("form", { name: "Refund card payment of $20.00" });
      expect((within(form).getByLabelText("Refund to") as HTMLSelectElement).value).toBe("original");
      fireEvent.change(within(form).getByLabelText("Amount (USD)"), { target: { value: amount } });
      fireEvent.change(within(form).getByLabelText("Reason"), { target: { value: "Rain" } });
      fireEvent.click(within(form).getByRole("button", { name: "Refund" }));
    };
    await refundSome("15.00");
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith("Refund of $15.00 to the card."));
    await refundSome("5.00");
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith("Refund of $5.00 to the card."));
    const list = await screen.findByRole("list", { name: "Refunds" });
    await waitFor(() =>
      expect(within(list).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
        "$15.00 to the card · pending",
        "$5.00 to the card · failed · The card was closed.Try again to the cardGive as account credit",
      ]),
    );
    fireEvent.click(within(list).getByRole("button", { name: "Give as account credit" }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith("Refund of $5.00 given as account credit."));
    expect(requests.find((r) => r.path === "/api/v1/refunds/ref_2/retry")?.body).toEqual({ destination: "credit" });
    await waitFor(() =>
      expect(within(screen.getByRole("list", { name: "Refunds" })).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
        "$15.00 to the card · pending",
        "$5.00 to the card · failed · The card was closed. · tried again",
        "$5.00 to account credit · completed",
      ]),
    );
  });

  it("shows the player's credit and adjusts it, with a reason, never below zero", async () => {
    const entry = (amount: number, reason: string): CreditEntry => ({
      id: `led_${amount}`,
      facility_id: "fac_1",
      user_id: booking().user_id,
      amount: { amount, currency: "USD" },
      kind: "adjustment",
      reason,
      created_by: "usr_staff",
      created_at: "2026-12-01T15:00:00Z",
    });
    let ledger: CreditEntry[] = [entry(1000, "Rain")];
    const ledgerPath = `/api/v1/facilities/fac_1/members/${booking().user_id}/credit`;
    const { api, requests } = fakeNetwork({
      "GET /api/v1/bookings/bkg_1/payments": () => money([]),
      [`GET ${ledgerPath}/ledger`]: () => ({ items: ledger, next_cursor: null }),
      [`POST ${ledgerPath}`]: () => {
        ledger = [entry(-250, "Overpaid"), ...ledger];
        return new Reply(201, ledger[0]);
      },
    });
    const onChanged = vi.fn();
    render(<BookingPayments api={api} booking={booking()} facility={{ ...facility, id: "fac_1" }} what="10:00 on Court 1" onChanged={onChanged} />);
    const credit = await screen.findByRole("region", { name: "Player's credit" });
    await waitFor(() => expect(credit.textContent).toContain("Balance $10.00"));
    fireEvent.click(within(credit).getByRole("button", { name: "Adjust credit" }));
    const form = within(credit).getByRole("form", { name: "Adjust credit" });
    fireEvent.change(within(form).getByLabelText("Change"), { target: { value: "remove" } });
    fireEvent.change(within(form).getByLabelText("Amount (USD)"), { target: { value: "12.00" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save credit change" }));
    expect(within(form).getByLabelText("Amount (USD)").getAttribute("aria-invalid")).toBe("true");
    expect(within(form).getByLabelText("Reason").getAttribute("aria-invalid")).toBe("true");
    fireEvent.change(within(form).getByLabelText("Amount (USD)"), { target: { value: "2.50" } });
    fireEvent.change(within(form).getByLabelText("Reason"), { target: { value: "Overpaid" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save credit change" }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith("$2.50 taken off the player's credit."));
    expect(requests.find((r) => r.method === "POST" && r.path === ledgerPath)?.body).toEqual({ amount: -250, reason: "Overpaid" });
    await waitFor(() => expect(credit.textContent).toContain("Balance $7.50"));
  });
});
