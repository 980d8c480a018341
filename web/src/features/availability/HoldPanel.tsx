import { useEffect, useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Booking, Hold } from "../../shared/api/types";
import { countdown, formatDateTime, formatMoney } from "../../shared/time";
import { confirmHold, releaseHold, type PaymentMethod } from "./api";

/// A held slot: what it is, what it costs, how long it stays held, and confirm or let go.
export function HoldPanel({
  api,
  hold,
  courtName,
  timeZone,
  onConfirmed,
  onGone,
  now = () => Date.now(),
}: {
  api: Api;
  hold: Hold;
  courtName: string;
  timeZone: string;
  onConfirmed: (b: Booking) => void;
  onGone: (message: string) => void;
  now?: () => number;
}) {
  const secondsLeft = () => (new Date(hold.expires_at).getTime() - now()) / 1000;
  const [left, setLeft] = useState(secondsLeft());
  const [payment, setPayment] = useState<PaymentMethod>(hold.price.amount === 0 ? "none" : "offline");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const t = setInterval(() => {
      const s = secondsLeft();
      setLeft(s);
      if (s <= 0) {
        clearInterval(t);
        onGone("Your hold expired before it was confirmed. Pick the slot again if it is still free.");
      }
    }, 1000);
    return () => clearInterval(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hold.id]);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const b = await confirmHold(api, hold.id, payment);
      onConfirmed(b);
    } catch (e) {
      setError(messageOf(e));
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

  return (
    <section className="panel" aria-labelledby="hold-title">
      <h2 id="hold-title">Your hold</h2>
      <p>
        {courtName}, {formatDateTime(hold.start, timeZone)} to {formatDateTime(hold.end, timeZone)} ({timeZone})
      </p>
      <p>
        Price: <strong>{formatMoney(hold.price)}</strong>
      </p>
      <p>
        Held for you for{" "}
        <span className="timer" role="timer" aria-live="off" aria-label={`${countdown(left)} left to confirm`}>
          {countdown(left)}
        </span>
      </p>
      {hold.price.amount > 0 && (
        <div>
          <label htmlFor="payment">Payment</label>
          <select id="payment" value={payment} onChange={(e) => setPayment(e.target.value as PaymentMethod)}>
            <option value="offline">Pay at the desk</option>
            <option value="none">Pay later</option>
          </select>
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="row" style={{ marginTop: 12 }}>
        <button type="button" onClick={confirm} disabled={busy}>
          Confirm booking
        </button>
        <button type="button" className="secondary" onClick={release} disabled={busy}>
          Let it go
        </button>
      </div>
    </section>
  );
}
