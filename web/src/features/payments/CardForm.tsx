// The payment provider's card form: the one module that sees a card's number. It turns the card
// into a payment method at the provider and hands back only the method's id, which is all that
// SlotBase's API ever receives. In the sandbox the provider is SlotBase's own
// `/sandbox/v1/payment_methods` (Stripe's shapes); with Stripe it is Stripe.js's card element and
// `stripe.createPaymentMethod` (StripeCardForm.tsx), behind the same props.

import { useId, useState, type FormEvent, type ReactNode } from "react";
import type { ProviderError, ProviderPaymentMethod } from "../../shared/api/types";
import { cardError, type CardField } from "./declines";
import { StripeCardForm } from "./StripeCardForm";

export interface CardPaymentMethod {
  id: string;
  brand: string;
  last4: string;
}

/// "04/29", "4/29", "0429" or "04/2029" as month and four-digit year; null when it is none of these.
export function parseExpiry(text: string): { month: number; year: number } | null {
  const m = /^(\d{1,2})\s*\/?\s*(\d{2}|\d{4})$/.exec(text.trim());
  if (!m) return null;
  const month = Number(m[1]);
  const year = m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  return month >= 1 && month <= 12 ? { month, year } : null;
}

type Outcome = { method: CardPaymentMethod } | { field?: CardField; message: string };

/// Asks the provider for a payment method for the card.
async function createPaymentMethod(card: { number: string; exp_month: number; exp_year: number; cvc: string }): Promise<Outcome> {
  let res: Response;
  try {
    res = await fetch("/sandbox/v1/payment_methods", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ type: "card", card }),
    });
  } catch {
    return { message: "The payment provider cannot be reached. Check your connection and try again." };
  }
  const body = await res.json().catch(() => undefined);
  if (res.ok) {
    const pm = body as ProviderPaymentMethod;
    return { method: { id: pm.id, brand: pm.card.brand, last4: pm.card.last4 } };
  }
  const error = (body as ProviderError | undefined)?.error;
  if (error) return cardError(error.code) ?? { message: error.message };
  const detail = (body as { detail?: string } | undefined)?.detail;
  return { message: detail ?? "The card could not be checked. Try again." };
}

/// Whose card form takes the card: the sandbox's own, or Stripe's (Stripe.js) with its key.
export type CardProvider = { name: "sandbox" } | { name: "stripe"; publishableKey: string };

/// The card form of the facility's payment account (`provider`, `publishable_key`).
export function cardProviderOf(account: { provider: string; publishable_key?: string | null }): CardProvider {
  return account.provider === "stripe" && account.publishable_key ? { name: "stripe", publishableKey: account.publishable_key } : { name: "sandbox" };
}

type CardFormProps = {
  submitLabel: string;
  busy: boolean;
  onAttempt?: () => void;
  onPaymentMethod: (method: CardPaymentMethod) => Promise<void> | void;
  children?: ReactNode;
};

/// The provider's card form: on submit (`onAttempt` first, so the caller can clear what it said
/// of the last card), the provider's payment method for the card goes to `onPaymentMethod`.
/// `children` come between the card's fields and the button (the app's own choices, like saving
/// the card).
export function CardForm({ provider = { name: "sandbox" }, ...props }: CardFormProps & { provider?: CardProvider }) {
  return provider.name === "stripe" ? <StripeCardForm publishableKey={provider.publishableKey} {...props} /> : <SandboxCardForm {...props} />;
}

/// Card number, expiry and security code, each labelled and pointing at its own error.
function SandboxCardForm({ submitLabel, busy, onAttempt, onPaymentMethod, children }: CardFormProps) {
  const id = useId();
  const [number, setNumber] = useState("");
  const [expiry, setExpiry] = useState("");
  const [cvc, setCvc] = useState("");
  const [problem, setProblem] = useState<{ field?: CardField; message: string } | null>(null);
  const [checking, setChecking] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    onAttempt?.();
    const digits = number.replace(/[\s-]/g, "");
    if (!digits) return setProblem({ field: "number", message: "Enter your card number." });
    const exp = parseExpiry(expiry);
    if (!exp) return setProblem({ field: "expiry", message: "Enter the expiry date as MM/YY, for example 04/29." });
    if (!cvc.trim()) return setProblem({ field: "cvc", message: "Enter the security code: the 3 or 4 digits on the card." });
    setChecking(true);
    try {
      const outcome = await createPaymentMethod({ number: digits, exp_month: exp.month, exp_year: exp.year, cvc: cvc.trim() });
      if ("method" in outcome) await onPaymentMethod(outcome.method);
      else setProblem(outcome);
    } finally {
      setChecking(false);
    }
  }

  const field = (name: CardField, label: string, value: string, set: (v: string) => void, attrs: { autoComplete: string; placeholder?: string; maxLength: number }) => {
    const wrong = problem?.field === name;
    return (
      <div>
        <label htmlFor={`${id}-${name}`}>{label}</label>
        <input
          id={`${id}-${name}`}
          inputMode="numeric"
          value={value}
          aria-invalid={wrong || undefined}
          aria-describedby={wrong ? `${id}-problem` : undefined}
          onChange={(e) => set(e.target.value)}
          {...attrs}
        />
      </div>
    );
  };

  return (
    <form onSubmit={submit} aria-label="Card details" noValidate>
      {field("number", "Card number", number, setNumber, { autoComplete: "cc-number", maxLength: 23 })}
      <div className="row">
        {field("expiry", "Expiry (MM/YY)", expiry, setExpiry, { autoComplete: "cc-exp", placeholder: "MM/YY", maxLength: 7 })}
        {field("cvc", "Security code (CVC)", cvc, setCvc, { autoComplete: "cc-csc", maxLength: 4 })}
      </div>
      {problem && (
        <p id={`${id}-problem`} role="alert" className="error">
          {problem.message}
        </p>
      )}
      {children}
      <div className="row actions">
        <button type="submit" disabled={busy || checking}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
