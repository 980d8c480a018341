import { useEffect, useRef, useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Booking, Hold, Series } from "../../shared/api/types";
import { addDays, countdown, formatDateTime, formatMoney } from "../../shared/time";
import { createSeries, weeklyOn } from "../bookings/api";
import { confirmHold, releaseHold, type PaymentMethod } from "./api";
import { localDate, weekdayOf } from "./repeat";
import { SeriesBooked } from "./SeriesBooked";

/// A held slot: what it is, what it costs, how long it stays held, and confirm or let go. Where the
/// facility lets players book series (`repeat`), the slot can instead repeat weekly until a date:
/// the hold is let go (the series' first occurrence is that very slot, which a hold would block)
/// and the series booked, and the panel shows what was booked and what could not be before it closes.
export function HoldPanel({
  api,
  hold,
  courtName,
  timeZone,
  repeat,
  onConfirmed,
  onSeriesBooked,
  onGone,
  now = () => Date.now(),
}: {
  api: Api;
  hold: Hold;
  courtName: string;
  timeZone: string;
  repeat?: { horizonDays: number };
  onConfirmed: (b: Booking) => void;
  onSeriesBooked?: (s: Series) => void;
  onGone: (message: string) => void;
  now?: () => number;
}) {
  const secondsLeft = () => (new Date(hold.expires_at).getTime() - now()) / 1000;
  const [left, setLeft] = useState(secondsLeft());
  const [payment, setPayment] = useState<PaymentMethod>(hold.price.amount === 0 ? "none" : "offline");
  const [error, setError] = useState<string | null>(null);
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
  }, [hold.id]);

  async function confirm() {
    if (weekly) return bookSeries();
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
      <p>
        Price: <strong>{formatMoney(hold.price)}</strong>
      </p>
      <p>
        Held for you for{" "}
        <span className="timer" role="timer" aria-live="off" aria-label={`${countdown(left)} left to confirm`}>
          {countdown(left)}
        </span>
      </p>
      {hold.price.amount > 0 && !weekly && (
        <div>
          <label htmlFor="payment">Payment</label>
          <select id="payment" value={payment} onChange={(e) => setPayment(e.target.value as PaymentMethod)}>
            <option value="offline">Pay at the desk</option>
            <option value="none">Pay later</option>
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
      <div className="row" style={{ marginTop: 12 }}>
        <button type="button" onClick={confirm} disabled={busy}>
          {weekly ? "Book the weekly series" : "Confirm booking"}
        </button>
        <button type="button" className="secondary" onClick={release} disabled={busy}>
          Let it go
        </button>
      </div>
    </section>
  );
}
