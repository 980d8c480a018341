// Stripe's card field (Stripe.js Elements) for facilities paid through Stripe: the card number is
// typed into Stripe's own frame, turned into a payment method at Stripe, and only the method's id
// reaches SlotBase, as with the sandbox's form. Stripe.js is loaded from js.stripe.com when the
// form first shows (Stripe requires it be loaded from there); `load` is Stripe's loader.

import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { Stripe, StripeCardElement } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";
import type { CardPaymentMethod } from "./CardForm";
import { cardError } from "./declines";

const UNREACHABLE = "The payment provider cannot be reached. Check your connection and try again.";

export function StripeCardForm({
  publishableKey,
  submitLabel,
  busy,
  onAttempt,
  onPaymentMethod,
  children,
  load = loadStripe,
}: {
  publishableKey: string;
  submitLabel: string;
  busy: boolean;
  onAttempt?: () => void;
  onPaymentMethod: (method: CardPaymentMethod) => Promise<void> | void;
  children?: ReactNode;
  load?: (key: string) => Promise<Stripe | null>;
}) {
  const id = useId();
  const mount = useRef<HTMLDivElement>(null);
  const [stripe, setStripe] = useState<Stripe | null>(null);
  const card = useRef<StripeCardElement | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    let live = true;
    let element: StripeCardElement | undefined;
    load(publishableKey).then(
      (s) => {
        if (!live) return;
        if (!s || !mount.current) return setProblem(UNREACHABLE);
        element = s.elements().create("card", { hidePostalCode: true });
        element.mount(mount.current);
        // Stripe checks the card as it is typed: its words for what is wrong, at once.
        element.on("change", (e) => setProblem(e.error ? (cardError(e.error.code)?.message ?? e.error.message) : null));
        card.current = element;
        setStripe(s);
      },
      () => live && setProblem(UNREACHABLE),
    );
    return () => {
      live = false;
      element?.destroy();
      card.current = null;
    };
  }, [publishableKey, load]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!stripe || !card.current) return;
    setProblem(null);
    onAttempt?.();
    setChecking(true);
    try {
      const { paymentMethod, error } = await stripe.createPaymentMethod({ type: "card", card: card.current });
      if (error) setProblem(cardError(error.code ?? "")?.message ?? error.message ?? "The card could not be checked. Try again.");
      else await onPaymentMethod({ id: paymentMethod.id, brand: paymentMethod.card?.brand ?? "card", last4: paymentMethod.card?.last4 ?? "" });
    } finally {
      setChecking(false);
    }
  }

  return (
    <form onSubmit={submit} aria-label="Card details" noValidate>
      <p id={`${id}-label`}>Card</p>
      <div ref={mount} className="stripe-card" role="group" aria-labelledby={`${id}-label`} aria-describedby={problem ? `${id}-problem` : undefined} />
      {!stripe && !problem && (
        <p role="status" className="muted">
          Loading Stripe's card form…
        </p>
      )}
      {problem && (
        <p id={`${id}-problem`} role="alert" className="error">
          {problem}
        </p>
      )}
      {children}
      <div className="row actions">
        <button type="submit" disabled={busy || checking || !stripe}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
