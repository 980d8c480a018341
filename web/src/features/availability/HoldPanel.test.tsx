import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Api } from "../../shared/api/client";
import { fakeNetwork, Reply } from "../../shared/api/testing";
import type { PaymentIntent } from "../../shared/api/types";
import { HoldPanel } from "./HoldPanel";

const hold = {
  id: "hld_1",
  resource_id: "r1",
  start: "2026-12-01T23:00:00Z",
  end: "2026-12-02T00:00:00Z",
  expires_at: "2026-11-24T12:05:00Z",
  price: { amount: 3000, currency: "USD" },
};

describe("HoldPanel", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-24T12:00:00Z"));
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it("counts down to the hold's expiry and says when it lapsed", () => {
    const onGone = vi.fn();
    render(<HoldPanel api={new Api()} hold={hold} facilityId="fac_1" courtName="Court 1" timeZone="America/New_York" onConfirmed={vi.fn()} onGone={onGone} />);
    expect(screen.getByRole("timer").textContent).toBe("5:00");
    expect(screen.getByText(/Court 1, Tue, Dec 1, 18:00/)).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(61_000);
    });
    expect(screen.getByRole("timer").textContent).toBe("3:59");
    act(() => {
      vi.advanceTimersByTime(240_000);
    });
    expect(onGone).toHaveBeenCalledWith(expect.stringContaining("expired"));
  });

  it("says why the price is what it is, where it is not the court's base price", () => {
    const reasons = [
      { kind: "peak" as const, short: "peak time", text: "Weekday evenings (peak time, Mon–Fri 17:00–21:00): $36.00 an hour instead of $24.00." },
      { kind: "weekend" as const, short: "weekend rate", text: "Weekend rate: prices × 1.25 (25% more) on Saturdays and Sundays." },
    ];
    render(
      <HoldPanel api={new Api()} hold={hold} facilityId="fac_1" courtName="Court 1" timeZone="America/New_York" priceReasons={reasons} onConfirmed={vi.fn()} onGone={vi.fn()} />,
    );
    expect(screen.getByText("Price:").textContent).toBe("Price: $30.00");
    expect(screen.getByText(/^Why this price:/).textContent).toBe("Why this price: peak time, weekend rate");
    const why = screen.getByRole("list", { name: "Why this price" });
    expect(within(why).getAllByRole("listitem").map((li) => li.textContent)).toEqual(reasons.map((r) => r.text));
    cleanup();
    render(<HoldPanel api={new Api()} hold={hold} facilityId="fac_1" courtName="Court 1" timeZone="America/New_York" onConfirmed={vi.fn()} onGone={vi.fn()} />);
    expect(screen.queryByText(/^Why this price/)).toBeNull();
  });

  it("shows why a confirmation failed", async () => {
    vi.useRealTimers();
    const fetcher = (async () =>
      new Response(JSON.stringify({ status: 410, detail: "This hold has expired or was released; hold the slot again." }), { status: 410 })) as unknown as typeof fetch;
    const onConfirmed = vi.fn();
    render(<HoldPanel api={new Api("", fetcher)} hold={{ ...hold, expires_at: new Date(Date.now() + 60_000).toISOString() }} facilityId="fac_1" courtName="Court 1" timeZone="America/New_York" onConfirmed={onConfirmed} onGone={vi.fn()} />);
    fireEvent.click(screen.getByRole("button", { name: "Confirm booking" }));
    expect((await screen.findByRole("alert")).textContent).toContain("hold the slot again");
    expect(onConfirmed).not.toHaveBeenCalled();
  });
});

describe("HoldPanel repeating weekly", () => {
  afterEach(() => cleanup());
  const live = () => ({ ...hold, expires_at: new Date(Date.now() + 120_000).toISOString() });

  it("offers no series where the facility does not let players book them", () => {
    render(<HoldPanel api={new Api()} hold={live()} facilityId="fac_1" courtName="Court 1" timeZone="America/New_York" onConfirmed={vi.fn()} onGone={vi.fn()} />);
    expect(screen.queryByRole("checkbox", { name: /Repeat weekly/ })).toBeNull();
    expect(screen.getByRole("button", { name: "Confirm booking" })).toBeTruthy();
  });

  it("lets the hold go, books the series on the slot's weekday and shows what could not be booked", async () => {
    const series = {
      id: "rec_1",
      kind: "booking",
      resource_id: "r1",
      rrule: "FREQ=WEEKLY;BYDAY=TU",
      status: "active",
      until: "2026-12-15",
      booked_through: "2026-12-15",
      occurrences: [
        { ...aBooking("b1", "2026-12-01T23:00:00Z", "2026-12-02T00:00:00Z") },
        { ...aBooking("b3", "2026-12-15T23:00:00Z", "2026-12-16T00:00:00Z") },
      ],
      conflicts: [
        { date: "2026-12-08", start: "2026-12-08T23:00:00Z", end: "2026-12-09T00:00:00Z", rule: "slot-unavailable", detail: "That time is already held, booked or blocked." },
      ],
    };
    const { api, requests } = fakeNetwork({
      "DELETE /api/v1/holds/hld_1": () => new Reply(204),
      "POST /api/v1/recurring-bookings": () => new Reply(201, series),
    });
    const onSeriesBooked = vi.fn();
    const onConfirmed = vi.fn();
    render(
      <HoldPanel api={api} hold={live()} facilityId="fac_1" courtName="Court 1" timeZone="America/New_York" repeat={{ horizonDays: 90 }} onConfirmed={onConfirmed} onSeriesBooked={onSeriesBooked} onGone={vi.fn()} />,
    );
    // 23:00Z on Dec 1 is 18:00 on Tuesday in New York.
    fireEvent.click(screen.getByRole("checkbox", { name: "Repeat weekly on Tuesdays" }));
    const until = screen.getByLabelText("Repeat weekly until");
    expect(until.getAttribute("min")).toBe("2026-12-08");
    fireEvent.change(until, { target: { value: "2026-12-15" } });
    fireEvent.click(screen.getByRole("button", { name: "Book the weekly series" }));

    expect(await screen.findByRole("heading", { name: "Weekly series booked" })).toBeTruthy();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(["DELETE /api/v1/holds/hld_1", "POST /api/v1/recurring-bookings"]);
    expect(requests[1].body).toEqual({ resource_id: "r1", start: hold.start, end: hold.end, rrule: "FREQ=WEEKLY;BYDAY=TU", until: "2026-12-15" });
    expect(within(screen.getByRole("list", { name: "Occurrences booked" })).getAllByRole("listitem")).toHaveLength(2);
    expect(screen.getByRole("list", { name: "Conflicts" }).textContent).toContain("Tue, Dec 8, 18:00: That time is already held");
    expect(screen.getByRole("status").textContent).toBe("2 occurrences booked, 1 date could not be booked.");
    expect(onConfirmed).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Done" }));
    expect(onSeriesBooked).toHaveBeenCalledWith(series);
  });

  it("asks for a last date after the first before letting the hold go", () => {
    const { api, requests } = fakeNetwork({});
    render(<HoldPanel api={api} hold={live()} facilityId="fac_1" courtName="Court 1" timeZone="America/New_York" repeat={{ horizonDays: 90 }} onConfirmed={vi.fn()} onGone={vi.fn()} />);
    fireEvent.click(screen.getByRole("checkbox", { name: "Repeat weekly on Tuesdays" }));
    fireEvent.click(screen.getByRole("button", { name: "Book the weekly series" }));
    expect(screen.getByRole("alert").textContent).toContain("a Tuesday after the first");
    expect(requests).toEqual([]);
  });
});

function aBooking(id: string, start: string, end: string) {
  return {
    id,
    facility_id: "fac_1",
    resource_id: "r1",
    user_id: "usr_1",
    series_id: "rec_1",
    start,
    end,
    status: "confirmed",
    type: "open_play",
    price: { amount: 3000, currency: "USD" },
    payment_status: "pending",
    approval_status: "not_required",
  };
}

describe("HoldPanel where the facility takes payment when players book", () => {
  const live = () => ({ ...hold, expires_at: new Date(Date.now() + 120_000).toISOString() });
  const intent = (changes: Record<string, unknown> = {}) => ({
    id: "pit_1",
    status: "requires_payment_method",
    amount: 2100,
    currency: "USD",
    credit_amount: 900,
    client_secret: "pi_1_secret",
    provider: "sandbox",
    next_action: null,
    hold_id: "hld_1",
    fee_id: null,
    booking_id: null,
    decline_code: null,
    error_message: null,
    outcome: "open",
    expires_at: new Date(Date.now() + 900_000).toISOString(),
    created_at: new Date().toISOString(),
    ...changes,
  });
  const booked = { ...aBooking("bkg_1", hold.start, hold.end), series_id: null, payment_status: "paid" };
  const provider: { card: unknown }[] = [];
  const account = (charges = true) => ({ status: charges ? "active" : "not_connected", charges_enabled: charges, payouts_enabled: charges, provider: "sandbox" });
  const credit = (amount: number) => ({ balance: { amount, currency: "USD" } });
  /// The facility's account and the player's credit, as the panel asks for them on opening.
  const facility = (balance = 900, charges = true) => ({
    "GET /api/v1/facilities/fac_1/payments/account": () => account(charges),
    "GET /api/v1/me/credit": () => credit(balance),
  });

  beforeEach(() => {
    provider.length = 0;
    // The provider's card form posts to the sandbox, not through SlotBase's API client.
    vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
      expect(url).toBe("/sandbox/v1/payment_methods");
      const body = JSON.parse(String(init.body));
      provider.push(body);
      if (body.card.number === "4242424242424241")
        return new Response(JSON.stringify({ error: { type: "card_error", code: "incorrect_number", message: "Your card number is incorrect." } }), { status: 402 });
      return new Response(JSON.stringify({ id: `pm_${body.card.number.slice(-4)}`, object: "payment_method", type: "card", card: { brand: "visa", last4: body.card.number.slice(-4), exp_month: 12, exp_year: 2034 } }), { status: 200 });
    });
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  const fillCard = (number: string) => {
    fireEvent.change(screen.getByLabelText("Card number"), { target: { value: number } });
    fireEvent.change(screen.getByLabelText("Expiry (MM/YY)"), { target: { value: "12/34" } });
    fireEvent.change(screen.getByLabelText("Security code (CVC)"), { target: { value: "123" } });
  };
  const declined = (code: string, detail: string) =>
    new Reply(402, { type: "https://slotbase.dev/problems/card-declined", title: "Payment declined", status: 402, detail, code: "card-declined", decline_code: code });
  const panel = (api: Api, more: Partial<Parameters<typeof HoldPanel>[0]> = {}) =>
    render(<HoldPanel api={api} hold={live()} facilityId="fac_1" courtName="Court 1" timeZone="America/New_York" payAtBooking onConfirmed={vi.fn()} onGone={vi.fn()} {...more} />);

  it("shows the price less the credit without starting a payment, then starts it and pays by card on Pay", async () => {
    const { api, requests } = fakeNetwork({
      ...facility(900),
      "POST /api/v1/payment-intents": () => new Reply(201, intent()),
      "POST /api/v1/payment-intents/pit_1/confirm": () => intent({ status: "succeeded", booking_id: "bkg_1", outcome: "settled" }),
      "GET /api/v1/bookings/bkg_1": () => booked,
    });
    const onConfirmed = vi.fn();
    panel(api, { onConfirmed });

    const items = within(await screen.findByRole("list", { name: "Price breakdown" })).getAllByRole("listitem");
    expect(items.map((li) => li.textContent)).toEqual(["Price $30.00", "Account credit applied -$9.00", "To pay now $21.00"]);
    expect(screen.queryByRole("button", { name: "Confirm booking" })).toBeNull();
    // Opening the panel starts no payment: the hold keeps its own time.
    expect(requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual(["GET /api/v1/facilities/fac_1/payments/account", "GET /api/v1/me/credit"]);
    expect(Object.fromEntries(requests.find((r) => r.path === "/api/v1/me/credit")!.query)).toEqual({ facility_id: "fac_1" });
    expect(screen.getByRole("timer").textContent).toMatch(/^[12]:\d\d$/);

    fillCard("4242 4242 4242 4242");
    fireEvent.click(screen.getByRole("checkbox", { name: "Save this card for later payments" }));
    fireEvent.click(screen.getByRole("button", { name: "Pay $21.00" }));

    await waitFor(() => expect(onConfirmed).toHaveBeenCalledWith(booked));
    expect(provider).toEqual([{ type: "card", card: { number: "4242424242424242", exp_month: 12, exp_year: 2034, cvc: "123" } }]);
    const paying = requests.slice(2);
    expect(paying.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /api/v1/payment-intents",
      "POST /api/v1/payment-intents/pit_1/confirm",
      "GET /api/v1/bookings/bkg_1",
    ]);
    expect(paying[0].body).toEqual({ hold_id: "hld_1" });
    expect(paying[1].body).toEqual({ payment_method: "pm_4242", save_card: true });
    // The card's number never reaches SlotBase's API.
    expect(JSON.stringify(requests)).not.toContain("4242424242424242");
  });

  it("keeps the hold to the payment's deadline once Pay started it", async () => {
    const { api } = fakeNetwork({
      ...facility(0),
      "POST /api/v1/payment-intents": () => new Reply(201, intent({ amount: 3000, credit_amount: 0 })),
      "POST /api/v1/payment-intents/pit_1/confirm": () => declined("generic_decline", "Your card was declined."),
      "GET /api/v1/payment-intents/pit_1": () => intent({ amount: 3000, credit_amount: 0, status: "failed", decline_code: "generic_decline" }),
    });
    panel(api);
    await screen.findByRole("form", { name: "Card details" });
    expect(screen.getByRole("timer").textContent).toMatch(/^[12]:\d\d$/);
    fillCard("4000000000000002");
    fireEvent.click(screen.getByRole("button", { name: "Pay $30.00" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Your card was declined. Try another card, or ask your bank why.");
    await waitFor(() => expect(screen.getByRole("timer").textContent).toMatch(/^1[45]:\d\d$/));
  });

  it("says why a card was declined, keeps the hold, and pays the same payment with the next card", async () => {
    let tries = 0;
    const { api, requests } = fakeNetwork({
      ...facility(900),
      "POST /api/v1/payment-intents": () => new Reply(201, intent()),
      "POST /api/v1/payment-intents/pit_1/confirm": () =>
        ++tries === 1 ? declined("insufficient_funds", "Your card has insufficient funds.") : intent({ status: "succeeded", booking_id: "bkg_1" }),
      "GET /api/v1/payment-intents/pit_1": () => intent({ status: "failed", decline_code: "insufficient_funds" }),
      "GET /api/v1/bookings/bkg_1": () => booked,
    });
    const onConfirmed = vi.fn();
    panel(api, { onConfirmed });
    await screen.findByRole("form", { name: "Card details" });

    fillCard("4000000000009995");
    fireEvent.click(screen.getByRole("button", { name: "Pay $21.00" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Your card has insufficient funds. Try another card.");
    expect(onConfirmed).not.toHaveBeenCalled();

    // A number the provider refuses: the form points at it, and the decline is no longer said.
    fillCard("4242424242424241");
    fireEvent.click(screen.getByRole("button", { name: "Pay $21.00" }));
    await waitFor(() => expect(screen.getByLabelText("Card number").getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getAllByRole("alert").map((a) => a.textContent)).toEqual(["Your card number is incorrect. Check it and try again."]);

    fillCard("4242424242424242");
    fireEvent.click(screen.getByRole("button", { name: "Pay $21.00" }));
    await waitFor(() => expect(onConfirmed).toHaveBeenCalledWith(booked));
    // One payment for the hold, paid twice: no new one after the decline.
    expect(requests.filter((r) => r.method === "POST" && r.path === "/api/v1/payment-intents")).toHaveLength(1);
    expect(requests.filter((r) => r.path === "/api/v1/payment-intents/pit_1/confirm")).toHaveLength(2);
  });

  it("charges nothing when the credit changed since the panel opened, and says what is left to pay", async () => {
    const { api, requests } = fakeNetwork({
      ...facility(900),
      "POST /api/v1/payment-intents": () => new Reply(201, intent({ amount: 2500, credit_amount: 500 })),
      "POST /api/v1/payment-intents/pit_1/confirm": () => intent({ status: "succeeded", booking_id: "bkg_1" }),
      "GET /api/v1/bookings/bkg_1": () => booked,
    });
    const onConfirmed = vi.fn();
    panel(api, { onConfirmed });
    await screen.findByRole("form", { name: "Card details" });
    fillCard("4242424242424242");
    fireEvent.click(screen.getByRole("button", { name: "Pay $21.00" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Your account credit changed: $25.00 is left to pay. Check the amount and press Pay again.",
    );
    const items = within(screen.getByRole("list", { name: "Price breakdown" })).getAllByRole("listitem");
    expect(items.map((li) => li.textContent)).toEqual(["Price $30.00", "Account credit applied -$5.00", "To pay now $25.00"]);
    expect(requests.filter((r) => r.path.endsWith("/confirm"))).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Pay $25.00" }));
    await waitFor(() => expect(onConfirmed).toHaveBeenCalledWith(booked));
  });

  it("asks the expiry as MM/YY before going to the provider", async () => {
    const { api, requests } = fakeNetwork(facility(900));
    panel(api);
    await screen.findByRole("form", { name: "Card details" });
    fillCard("4242424242424242");
    fireEvent.change(screen.getByLabelText("Expiry (MM/YY)"), { target: { value: "13/34" } });
    fireEvent.click(screen.getByRole("button", { name: "Pay $21.00" }));
    expect(screen.getByRole("alert").textContent).toContain("MM/YY");
    expect(screen.getByLabelText("Expiry (MM/YY)").getAttribute("aria-invalid")).toBe("true");
    expect(provider).toEqual([]);
    expect(requests.filter((r) => r.method === "POST")).toEqual([]);
  });

  it("leaves for the bank's page when the card needs authentication", async () => {
    const action = intent({ status: "requires_action", next_action: { type: "redirect_to_url", redirect_url: "/sandbox/authenticate/pi_1" } });
    const { api } = fakeNetwork({
      ...facility(900),
      "POST /api/v1/payment-intents": () => new Reply(201, intent()),
      "POST /api/v1/payment-intents/pit_1/confirm": () => action,
    });
    const onAuthenticate = vi.fn();
    panel(api, { onAuthenticate });
    await screen.findByRole("form", { name: "Card details" });
    fillCard("4000002500003155");
    fireEvent.click(screen.getByRole("button", { name: "Pay $21.00" }));
    await waitFor(() => expect(onAuthenticate).toHaveBeenCalledWith(action));
  });

  it("back from the bank, pays the payment it started with the next card, to its deadline", async () => {
    const started = intent({ status: "failed", decline_code: "authentication_failed" }) as PaymentIntent;
    const { api, requests } = fakeNetwork({
      "POST /api/v1/payment-intents/pit_1/confirm": () => intent({ status: "succeeded", booking_id: "bkg_1" }),
      "GET /api/v1/bookings/bkg_1": () => booked,
    });
    const onConfirmed = vi.fn();
    panel(api, { onConfirmed, intent: started, notice: "Your bank did not authenticate this payment. Try again, or try another card." });
    expect(screen.getByRole("alert").textContent).toBe("Your bank did not authenticate this payment. Try again, or try another card.");
    expect(screen.getByRole("timer").textContent).toMatch(/^1[45]:\d\d$/);
    fillCard("4242424242424242");
    fireEvent.click(screen.getByRole("button", { name: "Pay $21.00" }));
    await waitFor(() => expect(onConfirmed).toHaveBeenCalledWith(booked));
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /api/v1/payment-intents/pit_1/confirm", "GET /api/v1/bookings/bkg_1"]);
  });

  it("pays with credit alone where the credit covers the price, with no card form", async () => {
    const { api, requests } = fakeNetwork({
      ...facility(5000),
      "POST /api/v1/holds/hld_1/confirm": () => new Reply(201, booked),
    });
    const onConfirmed = vi.fn();
    panel(api, { onConfirmed });
    const items = within(await screen.findByRole("list", { name: "Price breakdown" })).getAllByRole("listitem");
    expect(items.map((li) => li.textContent)).toEqual(["Price $30.00", "Account credit applied -$30.00", "To pay now $0.00"]);
    expect(screen.queryByRole("form", { name: "Card details" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Pay with credit" }));
    await waitFor(() => expect(onConfirmed).toHaveBeenCalledWith(booked));
    const confirm = requests.find((r) => r.path === "/api/v1/holds/hld_1/confirm")!;
    expect(confirm.body).toEqual({ payment: { method: "credit" } });
    expect(requests.filter((r) => r.path === "/api/v1/payment-intents")).toEqual([]);
  });

  it("turns to credit when the server says the credit covers the price at Pay", async () => {
    const { api } = fakeNetwork({
      ...facility(900),
      "POST /api/v1/payment-intents": () =>
        new Reply(422, { type: "x", title: "Rule violation", status: 422, detail: "Your account credit covers this booking.", rule: "credit-covers-price" }),
    });
    panel(api);
    await screen.findByRole("form", { name: "Card details" });
    fillCard("4242424242424242");
    fireEvent.click(screen.getByRole("button", { name: "Pay $21.00" }));
    expect(await screen.findByRole("button", { name: "Pay with credit" })).toBeTruthy();
    expect(screen.queryByRole("form", { name: "Card details" })).toBeNull();
  });

  it("offers the desk, as before, where the facility takes no cards yet", async () => {
    const { api, requests } = fakeNetwork(facility(0, false));
    panel(api);
    expect(await screen.findByRole("button", { name: "Confirm booking" })).toBeTruthy();
    expect(screen.getByText("Price:").textContent).toBe("Price: $30.00");
    expect(screen.queryByRole("form", { name: "Card details" })).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    // Payment is due when booking: "pay later" is not offered.
    const options = within(screen.getByLabelText("Payment")).getAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual(["Pay at the desk"]);
    expect(requests.filter((r) => r.method === "POST")).toEqual([]);
  });

  it("offers the desk, saying why, when it cannot tell whether the facility takes cards", async () => {
    const { api } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/payments/account": () => new Reply(503, { type: "x", title: "Unavailable", status: 503, detail: "Try again shortly." }),
      "GET /api/v1/me/credit": () => credit(0),
    });
    panel(api);
    expect(await screen.findByRole("button", { name: "Confirm booking" })).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toBe("Paying by card is not available just now (Try again shortly.). You can pay at the desk.");
  });
});
