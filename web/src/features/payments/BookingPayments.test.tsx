import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { aFacility, fakeNetwork, page, Reply } from "../../shared/api/testing";
import type { Booking, Payment } from "../../shared/api/types";
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

const facility = aFacility({ policies: { ...aFacility().policies, offline_methods: ["cash", "venmo"] } });

describe("BookingPayments", () => {
  afterEach(cleanup);

  it("records a payment typed as a decimal in exact minor units, with the facility's methods", async () => {
    let payments: Payment[] = [];
    const { api, requests } = fakeNetwork({
      "GET /api/v1/bookings/bkg_1/payments": () => page(payments),
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
      "GET /api/v1/bookings/bkg_1/payments": () => page([payment]),
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
      "GET /api/v1/bookings/bkg_1/payments": () => page([cash({ amount: { amount: 2000, currency: "USD" }, refunded: { amount: 500, currency: "USD" } })]),
      "POST /api/v1/payments/pay_1/refunds": () => new Reply(201, { id: "ref_1" }),
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
      "GET /api/v1/bookings/bkg_1/payments": () => page([]),
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
      "GET /api/v1/bookings/bkg_1/payments": () => page([]),
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
});
