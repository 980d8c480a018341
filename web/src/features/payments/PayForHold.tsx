import { useEffect, useRef, useState } from "react";
import { ApiError, messageOf, type Api } from "../../shared/api/client";
import type { Booking, Money, PaymentIntent } from "../../shared/api/types";
import { formatMoney } from "../../shared/money";
import { confirmPaymentIntent, getBooking, getPaymentIntent, startHoldPayment } from "./api";
import { CardForm, type CardPaymentMethod, type CardProvider } from "./CardForm";
import { declineMessage } from "./declines";
import { outcomeOf, waitForIntent } from "./intents";

/// The account credit that pays for a price: all of a positive balance, up to the price.
export function creditApplied(price: Money, balance: Money): number {
  return Math.min(Math.max(balance.amount, 0), price.amount);
}

/// The price, the account credit that pays part of it, and what is left to pay now.
export function PriceBreakdown({ price, credit }: { price: Money; credit: number }) {
  const money = (amount: number) => formatMoney({ amount, currency: price.currency });
  return (
    <ul className="plain breakdown" aria-label="Price breakdown">
      <li>
        <span>Price</span> <span>{money(price.amount)}</span>
      </li>
      <li>
        <span>Account credit applied</span> <span>{credit > 0 ? money(-credit) : money(0)}</span>
      </li>
      <li>
        <strong>To pay now</strong> <strong>{money(price.amount - credit)}</strong>
      </li>
    </ul>
  );
}

/// Paying for a hold by card: the breakdown, the provider's card form with "save this card",
/// and the outcome: booked, a decline with what to do (the hold stays; another card may be
/// tried), or the bank's authentication page (`onAuthenticate` leaves for it).
///
/// The payment intent is started only when the player presses "Pay" (starting one keeps the hold
/// for the payment's 15 minutes, which only a player who pays should get), and once: after a
/// decline the next card pays the same intent. `intent` is one started before (back from the
/// bank's page); `onStarted` tells the hold panel, whose timer then runs to the payment's deadline.
export function PayForHold({
  api,
  holdId,
  price,
  credit,
  intent: started,
  notice,
  provider,
  onStarted,
  onBooked,
  onAuthenticate,
  onCreditCovers,
  onNoCards,
  onGone,
}: {
  api: Api;
  holdId: string;
  price: Money;
  /// The account credit applied, in minor units: less than the price.
  credit: number;
  intent?: PaymentIntent;
  /// Why the last payment for this hold did not go through, to say first.
  notice?: string;
  /// Whose card form takes the card (the sandbox's by default).
  provider?: CardProvider;
  onStarted: (intent: PaymentIntent) => void;
  onBooked: (b: Booking) => void;
  onAuthenticate: (intent: PaymentIntent) => void;
  /// The server found the player's credit covers the price after all.
  onCreditCovers: () => void;
  /// The facility takes no cards (any more): the desk takes the payment.
  onNoCards: (message: string) => void;
  /// The hold (or the payment's time) ran out.
  onGone: (message: string) => void;
}) {
  const [intent, setIntent] = useState<PaymentIntent | undefined>(started);
  // The intent as the last request left it, read by a "Pay" that follows before a re-render.
  const current = useRef(started);
  const [applied, setApplied] = useState(started ? started.credit_amount : credit);
  const [saveCard, setSaveCard] = useState(false);
  const [error, setError] = useState<string | null>(() => {
    if (notice) return notice;
    // Back to an intent whose last card was declined (or not authenticated): say so.
    const o = started ? outcomeOf(started) : null;
    return o && "failed" in o ? o.failed : null;
  });
  const [busy, setBusy] = useState(false);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const keep = (next: PaymentIntent) => {
    current.current = next;
    if (!alive.current) return;
    setIntent(next);
    onStarted(next);
  };

  async function settle(next: PaymentIntent) {
    if (next.status === "requires_action" && next.next_action) return onAuthenticate(next);
    let outcome = outcomeOf(next);
    if ("waiting" in outcome) {
      next = await waitForIntent(api, next.id);
      outcome = outcomeOf(next);
    }
    if (!alive.current) return;
    keep(next);
    if ("booked" in outcome) onBooked(await getBooking(api, outcome.booked));
    else if ("failed" in outcome) setError(outcome.failed);
    else setError("Your payment is still being processed. Find the booking in My bookings once it is paid.");
  }

  /// The intent to pay: the one already started, else a new one. Null when there is nothing to
  /// pay by card now (the callbacks said why) or the amount is not the one the player saw.
  async function intentToPay(): Promise<PaymentIntent | null> {
    if (current.current) return current.current;
    let next: PaymentIntent;
    try {
      next = await startHoldPayment(api, holdId);
    } catch (e) {
      if (e instanceof ApiError && e.rule === "credit-covers-price") onCreditCovers();
      else if (e instanceof ApiError && e.rule === "payments-not-connected") onNoCards(messageOf(e));
      else if (e instanceof ApiError && e.status === 410) onGone(messageOf(e));
      else setError(messageOf(e));
      return null;
    }
    keep(next);
    if (next.credit_amount !== applied) {
      // The credit changed since the panel opened: never charge an amount the player did not see.
      setApplied(next.credit_amount);
      setError(
        `Your account credit changed: ${formatMoney({ amount: next.amount, currency: next.currency })} is left to pay. Check the amount and press Pay again.`,
      );
      return null;
    }
    return next;
  }

  async function pay(method: CardPaymentMethod) {
    setBusy(true);
    setError(null);
    try {
      const payable = await intentToPay();
      if (!payable) return;
      try {
        await settle(await confirmPaymentIntent(api, payable.id, method.id, saveCard));
      } catch (e) {
        if (e instanceof ApiError && e.code === "card-declined") {
          setError(declineMessage(e.declineCode));
          // The intent now says why; a refresh keeps what the screen shows true.
          getPaymentIntent(api, payable.id).then(keep, () => undefined);
        } else if (e instanceof ApiError && e.status === 410) onGone(messageOf(e));
        else setError(messageOf(e));
      }
    } finally {
      if (alive.current) setBusy(false);
    }
  }

  const toPay = intent ? intent.amount : price.amount - applied;
  return (
    <div>
      <h3>Pay by card</h3>
      <PriceBreakdown price={price} credit={applied} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <CardForm
        provider={provider}
        submitLabel={`Pay ${formatMoney({ amount: toPay, currency: price.currency })}`} busy={busy} onAttempt={() => setError(null)} onPaymentMethod={pay}>
        <label className="check">
          <input type="checkbox" checked={saveCard} onChange={(e) => setSaveCard(e.target.checked)} /> Save this card for later payments
        </label>
      </CardForm>
      {busy && (
        <p role="status" className="muted">
          Paying…
        </p>
      )}
    </div>
  );
}
