import { useEffect, useRef, useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Booking, Hold, PaymentIntent, Series } from "../../shared/api/types";
import { formatMoney } from "../../shared/money";
import type { PriceReason } from "../../shared/prices";
import { addDays, countdown, formatDateTime } from "../../shared/time";
import { createSeries, weeklyOn } from "../bookings/api";
import { authenticateAtBank, cardProviderOf, creditApplied, PayForHold, PriceBreakdown, type CardProvider } from "../payments";
import { myCredit, paymentAccount } from "../payments/api";
import { confirmHold, releaseHold, type PaymentMethod } from "./api";
import { localDate, weekdayOf } from "./repeat";
import { SeriesBooked } from "./SeriesBooked";

/// How a hold with a price is paid where the facility takes payment when players book: by card
/// (the price less the player's credit), with credit alone when it covers the price, or at the
/// desk where the facility takes no cards (yet). `intent` is a card payment already started.
type Online =
  | { kind: "asking" }
  | { kind: "card"; credit: number; intent?: PaymentIntent; provider?: CardProvider }
  | { kind: "credit" }
  | { kind: "desk" };

/// A held slot: what it is, what it costs, how long it stays held, and confirm or let go. Where the
/// facility lets players book series (`repeat`), the slot can instead repeat weekly until a date:
/// the hold is let go (the series' first occurrence is that very slot, which a hold would block)
/// and the series booked, and the panel shows what was booked and what could not be before it closes.
/// Where the facility takes payment when players book (`payAtBooking`), the panel asks whether the
/// facility takes cards and what credit the player has there, shows the price less the credit,
/// and pays the rest by card (or with the credit, where it covers the price). Opening the panel
/// starts no payment: that waits for "Pay", so the hold keeps the facility's hold time until then.
export function HoldPanel({
  api,
  hold,
  facilityId,
  courtName,
  timeZone,
  repeat,
  payAtBooking = false,
  intent,
  notice,
  priceReasons = [],
  onConfirmed,
  onSeriesBooked,
  onGone,
  onAuthenticate = (started) => authenticateAtBank(started, null),
  now = () => Date.now(),
}: {
  api: Api;
  hold: Hold;
  facilityId: string;
  courtName: string;
  timeZone: string;
  repeat?: { horizonDays: number };
  payAtBooking?: boolean;
  /// A card payment started for this hold before (back from the bank's page).
  intent?: PaymentIntent;
  /// Said first: why the last payment for this hold did not go through.
  notice?: string;
  /// Why the price is not the court's base price (peak time, weekend or holiday rate, member price).
  priceReasons?: PriceReason[];
  onConfirmed: (b: Booking) => void;
  onSeriesBooked?: (s: Series) => void;
  onGone: (message: string) => void;
  /// Leaves for the bank's authentication page of a card payment (by default without keeping the
  /// hold for the way back).
  onAuthenticate?: (intent: PaymentIntent) => void;
  now?: () => number;
}) {
  const payOnline = payAtBooking && hold.price.amount > 0;
  const [online, setOnline] = useState<Online>(
    !payOnline
      ? { kind: "desk" }
      : intent
        ? // The sandbox's card form needs nothing more; Stripe's needs the account's key (asked below).
          { kind: "card", credit: intent.credit_amount, intent, provider: intent.provider === "sandbox" ? { name: "sandbox" } : undefined }
        : { kind: "asking" },
  );
  // A payment in progress keeps the hold until the payment's own deadline.
  const expiresAt = Math.max(
    new Date(hold.expires_at).getTime(),
    online.kind === "card" && online.intent ? new Date(online.intent.expires_at).getTime() : 0,
  );
  const secondsLeft = () => (expiresAt - now()) / 1000;
  const [left, setLeft] = useState(secondsLeft);
  const [payment, setPayment] = useState<PaymentMethod>(hold.price.amount === 0 ? "none" : "offline");
  const [error, setError] = useState<string | null>(payOnline ? null : (notice ?? null));
  const [busy, setBusy] = useState(false);
  const [weekly, setWeekly] = useState(false);
  const [until, setUntil] = useState("");
  const [series, setSeries] = useState<Series | null>(null);
  // Once the hold is let go for a series, its expiry no longer concerns the player.
  const letGo = useRef(false);
  const firstDate = localDate(hold.start, timeZone);

  useEffect(() => {
    const t = setInterval(() => {
      if (letGo.current) return clearInterval(t);
      const s = secondsLeft();
      setLeft(s);
      if (s <= 0) {
        clearInterval(t);
        onGone("Your hold expired before it was confirmed. Pick the slot again if it is still free.");
      }
    }, 1000);
    return () => clearInterval(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hold.id, expiresAt]);

  // Whether the facility takes cards, and the player's credit there: what the breakdown shows.
  // Nothing is started at the provider yet.
  useEffect(() => {
    if (online.kind !== "asking") return;
    let live = true;
    Promise.all([paymentAccount(api, facilityId), myCredit(api, facilityId)]).then(
      ([account, balance]) => {
        if (!live) return;
        const credit = creditApplied(hold.price, balance);
        if (credit >= hold.price.amount) setOnline({ kind: "credit" });
        else if (account.charges_enabled) setOnline({ kind: "card", credit, provider: cardProviderOf(account) });
        // No cards at this facility (yet): the desk takes the payment, as before.
        else setOnline({ kind: "desk" });
      },
      (e) => {
        if (!live) return;
        setOnline({ kind: "desk" });
        setError(`Paying by card is not available just now (${messageOf(e)}). You can pay at the desk.`);
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hold.id]);

  // Back from the bank with a Stripe payment: its card form needs the account's publishable key.
  const needsProvider = online.kind === "card" && !online.provider;
  useEffect(() => {
    if (!needsProvider) return;
    let live = true;
    paymentAccount(api, facilityId).then(
      (account) => live && setOnline((o) => (o.kind === "card" ? { ...o, provider: cardProviderOf(account) } : o)),
      (e) => live && setError(`The card form cannot be shown just now (${messageOf(e)}).`),
    );
    return () => {
      live = false;
    };
  }, [needsProvider, api, facilityId]);

  async function confirm(method: PaymentMethod = payment) {
    if (weekly) return bookSeries();
    setBusy(true);
    setError(null);
    try {
      const b = await confirmHold(api, hold.id, method);
      onConfirmed(b);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function bookSeries() {
    if (!until || until <= firstDate) {
      setError(`Choose the last date of the series, a ${weekdayOf(firstDate)} after the first.`);
      return;
    }
    setBusy(true);
    setError(null);
    letGo.current = true;
    try {
      await releaseHold(api, hold.id);
    } catch {
      // lapsed already: the series books the slot if it is still free
    }
    try {
      setSeries(
        await createSeries(api, { resource_id: hold.resource_id, start: hold.start, end: hold.end, rrule: weeklyOn(firstDate), until }),
      );
    } catch (e) {
      onGone(`The series could not be booked: ${messageOf(e)} The slot was let go; pick it again to book it once.`);
    } finally {
      setBusy(false);
    }
  }

  async function release() {
    setBusy(true);
    try {
      await releaseHold(api, hold.id);
    } catch {
      // already gone: nothing to let go
    }
    onGone("The slot was let go.");
  }

  if (series) return <SeriesBooked series={series} timeZone={timeZone} onDone={() => onSeriesBooked?.(series)} />;

  return (
    <section className="panel" aria-labelledby="hold-title">
      <h2 id="hold-title">Your hold</h2>
      <p>
        {courtName}, {formatDateTime(hold.start, timeZone)} to {formatDateTime(hold.end, timeZone)} ({timeZone})
      </p>
      {online.kind === "desk" && (
        <p>
          Price: <strong>{formatMoney(hold.price)}</strong>
        </p>
      )}
      {priceReasons.length > 0 && (
        // In a word or two, with the whole reason a tap away: on a phone the sheet keeps its
        // countdown and its button in view.
        <details className="price-why">
          <summary>Why this price: {priceReasons.map((r) => r.short).join(", ")}</summary>
          <ul aria-label="Why this price">
            {priceReasons.map((r) => (
              <li key={r.text}>{r.text}</li>
            ))}
          </ul>
        </details>
      )}
      <p>
        Held for you for{" "}
        <span className="timer" role="timer" aria-live="off" aria-label={`${countdown(left)} left to confirm`}>
          {countdown(left)}
        </span>
      </p>
      {online.kind === "asking" && (
        <p role="status" className="muted">
          Checking how you can pay…
        </p>
      )}
      {online.kind === "card" && online.provider && (
        <PayForHold
          provider={online.provider}
          api={api}
          holdId={hold.id}
          price={hold.price}
          credit={online.credit}
          intent={online.intent}
          notice={notice}
          onStarted={(started) => {
            setOnline((o) => ({ kind: "card", credit: started.credit_amount, intent: started, provider: o.kind === "card" ? o.provider : undefined }));
            // The payment keeps the hold to its own deadline: shown now, not a second later.
            setLeft((Math.max(new Date(hold.expires_at).getTime(), new Date(started.expires_at).getTime()) - now()) / 1000);
          }}
          onBooked={onConfirmed}
          onAuthenticate={onAuthenticate}
          onCreditCovers={() => setOnline({ kind: "credit" })}
          onNoCards={() => {
            setOnline({ kind: "desk" });
            setError("This facility does not take card payments just now. You can pay at the desk.");
          }}
          onGone={onGone}
        />
      )}
      {online.kind === "credit" && (
        <>
          <h3>Pay with your account credit</h3>
          <PriceBreakdown price={hold.price} credit={hold.price.amount} />
          <p className="muted">Your account credit at this facility covers the whole price.</p>
        </>
      )}
      {online.kind === "desk" && hold.price.amount > 0 && !weekly && (
        <div>
          <label htmlFor="payment">Payment</label>
          <select id="payment" value={payment} onChange={(e) => setPayment(e.target.value as PaymentMethod)}>
            <option value="offline">Pay at the desk</option>
            {/* Where payment is due when booking, the server refuses "later". */}
            {!payAtBooking && <option value="none">Pay later</option>}
          </select>
        </div>
      )}
      {repeat && (
        <div>
          <label className="check">
            <input type="checkbox" checked={weekly} onChange={(e) => setWeekly(e.target.checked)} /> Repeat weekly on{" "}
            {weekdayOf(firstDate)}s
          </label>
          {weekly && (
            <div>
              <label htmlFor="repeat-until">Repeat weekly until</label>
              <input
                id="repeat-until"
                type="date"
                value={until}
                min={addDays(firstDate, 7)}
                max={addDays(firstDate, repeat.horizonDays)}
                step={7}
                onChange={(e) => setUntil(e.target.value)}
              />
            </div>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="row actions">
        {online.kind === "desk" && (
          <button type="button" onClick={() => confirm()} disabled={busy}>
            {weekly ? "Book the weekly series" : "Confirm booking"}
          </button>
        )}
        {online.kind === "credit" && (
          <button type="button" onClick={() => confirm("credit")} disabled={busy}>
            Pay with credit
          </button>
        )}
        <button type="button" className="secondary" onClick={release} disabled={busy}>
          Let it go
        </button>
      </div>
    </section>
  );
}
