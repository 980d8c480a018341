import { useEffect, useRef, useState } from "react";
import { ApiError, messageOf, type Api } from "../../shared/api/client";
import type { Booking, Money, PaymentIntent } from "../../shared/api/types";
import { formatMoney } from "../../shared/money";
import { confirmPaymentIntent, getBooking, getPaymentIntent } from "./api";
import { CardForm, type CardPaymentMethod } from "./CardForm";
import { declineMessage } from "./declines";
import { outcomeOf, waitForIntent } from "./intents";

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
export function PayForHold({
  api,
  intent: started,
  price,
  notice,
  onBooked,
  onAuthenticate,
}: {
  api: Api;
  intent: PaymentIntent;
  price: Money;
  /// Why the last payment for this hold did not go through, to say first.
  notice?: string;
  onBooked: (b: Booking) => void;
  onAuthenticate: (intent: PaymentIntent) => void;
}) {
  const [intent, setIntent] = useState(started);
  const [saveCard, setSaveCard] = useState(false);
  const [error, setError] = useState<string | null>(() => {
    if (notice) return notice;
    // Back to an intent whose last card was declined (or not authenticated): say so.
    const o = outcomeOf(started);
    return "failed" in o ? o.failed : null;
  });
  const [busy, setBusy] = useState(false);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  async function settle(next: PaymentIntent) {
    if (next.status === "requires_action" && next.next_action) return onAuthenticate(next);
    let outcome = outcomeOf(next);
    if ("waiting" in outcome) {
      next = await waitForIntent(api, next.id);
      outcome = outcomeOf(next);
    }
    if (!alive.current) return;
    setIntent(next);
    if ("booked" in outcome) onBooked(await getBooking(api, outcome.booked));
    else if ("failed" in outcome) setError(outcome.failed);
    else setError("Your payment is still being processed. Find the booking in My bookings once it is paid.");
  }

  async function pay(method: CardPaymentMethod) {
    setBusy(true);
    setError(null);
    try {
      await settle(await confirmPaymentIntent(api, intent.id, method.id, saveCard));
    } catch (e) {
      if (e instanceof ApiError && e.code === "card-declined") {
        setError(declineMessage(e.declineCode));
        // The intent now says why; a refresh keeps what the screen shows true.
        getPaymentIntent(api, intent.id).then(setIntent, () => undefined);
      } else setError(messageOf(e));
    } finally {
      if (alive.current) setBusy(false);
    }
  }

  return (
    <div>
      <h3>Pay by card</h3>
      <PriceBreakdown price={price} credit={intent.credit_amount} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <CardForm submitLabel={`Pay ${formatMoney({ amount: intent.amount, currency: intent.currency })}`} busy={busy} onAttempt={() => setError(null)} onPaymentMethod={pay}>
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
