import { useCallback, useEffect, useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Booking, Facility, Resource, Series, SeriesScope, WaitlistEntry } from "../../shared/api/types";
import { formatMoney } from "../../shared/money";
import { formatDateTime } from "../../shared/time";
import { confirmHold } from "../availability/api";
import { getFacility, listResources } from "../facilities/api";
import { cancelBooking, cancelSeries, checkIn, getSeries, leaveWaitlist, myBookings, myWaitlist } from "./api";
import { icsFor } from "./calendar";
import { CalendarFeed } from "./CalendarFeed";
import { refundPercent } from "./refund";
import { Reschedule } from "./Reschedule";
import { SeriesChange } from "./SeriesChange";

/// How much of a series the player may cancel from one occurrence, and what they are told after.
const SERIES_CHOICES: [SeriesScope, string, string][] = [
  ["this", "Cancel only this one", "This occurrence was cancelled."],
  ["following", "Cancel this and the following", "This and the following occurrences were cancelled."],
  ["all", "Cancel the whole series", "The whole series was cancelled."],
];

interface Place {
  facility: Facility;
  resources: Map<string, Resource>;
}

/// Upcoming and past bookings with cancel (showing the refund first), reschedule, check-in when
/// its window is open, a calendar file, the waitlist, and the calendar feed to subscribe to.
export function MyBookings({ api, now = () => Date.now() }: { api: Api; now?: () => number }) {
  const [bookings, setBookings] = useState<Booking[]>([]);
  const [waitlist, setWaitlist] = useState<WaitlistEntry[]>([]);
  const [places, setPlaces] = useState<Map<string, Place>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<string | null>(null);
  const [moving, setMoving] = useState<string | null>(null);
  const [changing, setChanging] = useState<{ booking: string; series: Series } | null>(null);

  const load = useCallback(async () => {
    try {
      const mine = await myBookings(api);
      const wl = await myWaitlist(api);
      const found = new Map<string, Place>();
      for (const id of new Set(mine.map((b) => b.facility_id))) {
        const facility = await getFacility(api, id);
        const list = await listResources(api, id);
        found.set(id, { facility, resources: new Map(list.map((r) => [r.id, r])) });
      }
      setPlaces(found);
      setBookings(mine);
      setWaitlist(wl.filter((e) => e.status === "waiting" || e.status === "notified"));
    } catch (e) {
      setError(messageOf(e));
    }
  }, [api]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- load() sets state only once its first request answers
    load();
  }, [load]);

  const act = async (what: () => Promise<unknown>, done: string) => {
    setError(null);
    setMessage(null);
    try {
      await what();
      setMessage(done);
      setCancelling(null);
      setMoving(null);
      setChanging(null);
      await load();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const upcoming = bookings
    .filter((b) => new Date(b.end).getTime() > now() && b.status !== "cancelled")
    .sort((a, b) => new Date(a.start).getTime() - new Date(b.start).getTime());
  const past = bookings.filter((b) => !upcoming.includes(b));

  const item = (b: Booking) => {
    const place = places.get(b.facility_id);
    const tz = place?.facility.timezone ?? "UTC";
    const court = place?.resources.get(b.resource_id)?.name ?? "Court";
    const hoursBefore = (new Date(b.start).getTime() - now()) / 3_600_000;
    const percent =
      b.approval_status === "pending" ? 100 : refundPercent(place?.facility.policies.cancellation?.tiers ?? [], hoursBefore);
    const paid = b.payment_status === "paid" ? b.price.amount : 0;
    // Nothing paid and cancelled late: what the policy would not refund is owed as a fee.
    const lateFee = b.payment_status === "pending" && percent < 100 ? b.price.amount - Math.floor((b.price.amount * percent) / 100) : 0;
    const opens = new Date(b.start).getTime() - (place?.facility.policies.check_in_opens_minutes_before ?? 0) * 60_000;
    const canCheckIn =
      b.status === "confirmed" && b.approval_status !== "pending" && now() >= opens && now() < new Date(b.end).getTime();
    const title = `${court} at ${place?.facility.name ?? "SlotBase"}`;
    // The calendar file is made when asked for, and its URL let go right after.
    const downloadCalendar = () => {
      const url = URL.createObjectURL(new Blob([icsFor(b, title, place?.facility.name ?? "")], { type: "text/calendar" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = `slotbase-${b.id}.ics`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    };
    return (
      <li key={b.id}>
        <div>
          <strong>{court}</strong> · {formatDateTime(b.start, tz)} to {formatDateTime(b.end, tz)}{" "}
          <span className="muted">({tz})</span>
          <div>
            <span className={`badge ${b.status}`}>{b.status.replace("_", " ")}</span>{" "}
            {b.approval_status === "pending" && <span className="badge approval-pending">awaiting approval</span>}{" "}
            {b.approval_status === "rejected" && <span className="badge approval-rejected">rejected</span>}{" "}
            {b.series_id && <span className="badge">weekly series</span>}{" "}
            <span className="muted">
              {formatMoney(b.price)} · payment {b.payment_status}
            </span>
          </div>
          {b.status === "cancelled" && (b.cancel_reason || b.refund_amount != null) && (
            <div className="muted">
              {b.cancel_reason && <>{b.approval_status === "rejected" ? "Rejected by the club" : "Cancelled"}: {b.cancel_reason}</>}
              {b.refund_amount != null && (
                <>
                  {b.cancel_reason ? " · " : ""}refund {formatMoney({ amount: b.refund_amount, currency: b.price.currency })}
                </>
              )}
            </div>
          )}
        </div>
        {b.status === "confirmed" && new Date(b.start).getTime() > now() && (
          <div className="row">
            {canCheckIn && (
              <button type="button" onClick={() => act(() => checkIn(api, b.id), "Checked in. Enjoy your game!")}>
                Check in
              </button>
            )}
            <button type="button" className="secondary" onClick={downloadCalendar}>
              Add to calendar
            </button>
            <button type="button" className="secondary" onClick={() => setMoving(moving === b.id ? null : b.id)}>
              Reschedule
            </button>
            {b.series_id && (
              <button
                type="button"
                className="secondary"
                onClick={async () => {
                  if (changing?.booking === b.id) return setChanging(null);
                  try {
                    setChanging({ booking: b.id, series: await getSeries(api, b.series_id!) });
                  } catch (e) {
                    setError(messageOf(e));
                  }
                }}
              >
                Change series
              </button>
            )}
            <button type="button" className="danger" onClick={() => setCancelling(cancelling === b.id ? null : b.id)}>
              Cancel
            </button>
          </div>
        )}
        {canCheckIn && new Date(b.start).getTime() <= now() && (
          <button type="button" onClick={() => act(() => checkIn(api, b.id), "Checked in. Enjoy your game!")}>
            Check in
          </button>
        )}
        {cancelling === b.id && (
          <div role="group" aria-label="Confirm the cancellation" className="notice">
            <p>
              Cancelling now refunds {percent}% of what you paid
              {paid > 0 ? ` (${formatMoney({ amount: Math.round((paid * percent) / 100), currency: b.price.currency })})` : " (nothing was paid yet)"}.
              {lateFee > 0 && ` As nothing was paid, the facility charges a late cancellation fee of ${formatMoney({ amount: lateFee, currency: b.price.currency })}.`}
            </p>
            {b.series_id ? (
              <div className="row">
                {SERIES_CHOICES.map(([scope, label, done]) => (
                  <button
                    key={scope}
                    type="button"
                    className="danger"
                    onClick={() => act(() => cancelSeries(api, b.series_id!, scope, b.id, "Cancelled by the player"), done)}
                  >
                    {label}
                  </button>
                ))}
              </div>
            ) : (
              <button
                type="button"
                className="danger"
                onClick={() => act(() => cancelBooking(api, b.id, "Cancelled by the player"), "Your booking was cancelled.")}
              >
                Yes, cancel this booking
              </button>
            )}
          </div>
        )}
        {changing?.booking === b.id && (
          <SeriesChange
            api={api}
            series={changing.series}
            occurrence={b}
            courts={[...(place?.resources.values() ?? [])].filter((r) => r.status === "active")}
            timeZone={tz}
            onClose={() => setChanging(null)}
            onChanged={(_, text) => act(async () => {}, text)}
          />
        )}
        {moving === b.id && <Reschedule api={api} booking={b} timeZone={tz} onDone={(m) => act(async () => {}, m)} onError={setError} />}
      </li>
    );
  };

  return (
    <section className="panel" aria-labelledby="mine-title">
      <h2 id="mine-title">My bookings</h2>
      {message && (
        <p role="status" className="success">
          {message}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <h3>Upcoming</h3>
      {upcoming.length === 0 ? <p className="empty">No upcoming bookings.</p> : <ul className="plain">{upcoming.map(item)}</ul>}
      {waitlist.length > 0 && (
        <>
          <h3>Waitlist</h3>
          <ul className="plain">
            {waitlist.map((e) => (
              <li key={e.id}>
                <span>
                  {new Date(e.start).toLocaleString()} ·{" "}
                  {e.status === "notified" && e.claim_deadline
                    ? `the slot is free and held for you until ${new Date(e.claim_deadline).toLocaleString()}`
                    : "waiting for the slot to free up"}
                </span>
                <span className="row">
                  {e.status === "notified" && e.hold_id && (
                    <button
                      type="button"
                      onClick={() =>
                        act(() => confirmHold(api, e.hold_id!, "offline"), "The offered slot is booked for you.")
                      }
                    >
                      Book the offered slot
                    </button>
                  )}
                  <button type="button" className="secondary" onClick={() => act(() => leaveWaitlist(api, e.id), "You left the waitlist.")}>
                    Leave waitlist
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Past and cancelled</h3>
      {past.length === 0 ? <p className="empty">Nothing yet.</p> : <ul className="plain">{past.map(item)}</ul>}
      <CalendarFeed api={api} />
    </section>
  );
}
