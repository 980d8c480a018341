import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CardForm } from "./CardForm";

/// Stripe.js as its documentation describes it, standing in for the script from js.stripe.com
/// (which a test must not load): a card element mounted into our page, and createPaymentMethod
/// answering for it.
function fakeStripe(answer: () => unknown) {
  const handlers: Record<string, (e: unknown) => void> = {};
  const element = {
    mount: vi.fn(),
    on: vi.fn((event: string, handler: (e: unknown) => void) => {
      handlers[event] = handler;
      return element;
    }),
    destroy: vi.fn(),
  };
  const stripe = {
    elements: vi.fn(() => ({ create: vi.fn(() => element) })),
    createPaymentMethod: vi.fn(async () => answer()),
  };
  return { stripe, element, handlers };
}

const loader = vi.hoisted(() => ({ load: vi.fn() }));
vi.mock("@stripe/stripe-js/pure", () => ({ loadStripe: loader.load }));

const stripeForm = (paid: (m: unknown) => void) => (
  <CardForm provider={{ name: "stripe", publishableKey: "pk_test_1" }} submitLabel="Pay 20.00 USD" busy={false} onPaymentMethod={paid} />
);

describe("Stripe's card form", () => {
  afterEach(() => {
    cleanup();
    loader.load.mockReset();
  });

  it("hands back only the payment method Stripe made for the card", async () => {
    const fake = fakeStripe(() => ({ paymentMethod: { id: "pm_1Visa", card: { brand: "visa", last4: "4242" } } }));
    loader.load.mockResolvedValue(fake.stripe);
    const paid = vi.fn();
    render(stripeForm(paid));
    await waitFor(() => expect(fake.element.mount).toHaveBeenCalled());
    expect(loader.load).toHaveBeenCalledWith("pk_test_1");
    // No field of ours holds a card number: Stripe's frame does.
    expect(screen.queryByLabelText("Card number")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Pay 20.00 USD" }));
    await waitFor(() => expect(paid).toHaveBeenCalledWith({ id: "pm_1Visa", brand: "visa", last4: "4242" }));
    expect(fake.stripe.createPaymentMethod).toHaveBeenCalledWith({ type: "card", card: fake.element });
  });

  it("says what is wrong with the card in our words, as Stripe finds it", async () => {
    const fake = fakeStripe(() => ({ error: { type: "card_error", code: "incorrect_cvc", message: "Your card's security code is incorrect." } }));
    loader.load.mockResolvedValue(fake.stripe);
    const paid = vi.fn();
    render(stripeForm(paid));
    await waitFor(() => expect(fake.element.mount).toHaveBeenCalled());
    fake.handlers.change({ error: { code: "invalid_expiry_year", message: "Your card's expiration year is in the past." } });
    expect((await screen.findByRole("alert")).textContent).toBe("Your card's expiry date is in the past or invalid.");
    fake.handlers.change({ complete: true });
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    fireEvent.click(screen.getByRole("button", { name: "Pay 20.00 USD" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Your card's security code is incorrect. Check it and try again.");
    expect(paid).not.toHaveBeenCalled();
  });

  it("says so when Stripe.js cannot be loaded, and offers no button that does nothing", async () => {
    loader.load.mockResolvedValue(null);
    render(stripeForm(vi.fn()));
    expect((await screen.findByRole("alert")).textContent).toMatch(/cannot be reached/);
    expect((screen.getByRole("button", { name: "Pay 20.00 USD" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("keeps the sandbox's own form where the facility is paid through the sandbox", () => {
    render(<CardForm submitLabel="Pay 20.00 USD" busy={false} onPaymentMethod={vi.fn()} />);
    expect(screen.getByLabelText("Card number")).toBeTruthy();
    expect(loader.load).not.toHaveBeenCalled();
  });
});
