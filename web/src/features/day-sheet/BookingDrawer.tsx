import { useEffect, useId, useRef, useState } from "react";
import type { Api } from "../../shared/api/client";
import type { Booking, Facility } from "../../shared/api/types";
import { formatMoney } from "../../shared/money";
import { formatDay, formatTime, instant, todayIn } from "../../shared/time";
import { slotAt } from "../availability/api";
import { checkIn, refundPercent, rescheduleBooking } from "../bookings/api";
import { BookingPayments } from "../payments";
import { approveBooking, cancelAtDesk, markNoShow, rejectBooking } from "./api";
import { RejectBooking } from "./RejectBooking";
import { isTime, TimeField } from "../../shared/TimeField";
import { approvalOf, paymentOf, statusOf, typeOf } from "./words";

/// Who a booking is for and how to reach them; null for a club booking without a player.
export interface Person {
  name: string;
  email?: string;
  phone?: string;
  role?: string;
}

/// What the drawer runs its actions through: the calendar's `act`, which reports and reloads.
export type Act = <T>(fn: () => Promise<T>, text: string | ((result: T) => string)) => Promise<boolean>;

/// One booking in a side drawer: who booked it and how to reach them, its type, price, payment
/// and approval, its note, and what the desk can do with it (check in, no-show, approve, reject
/// with a reason, cancel with the refund shown first, move it, take payments).
export function BookingDrawer({
  api,
  facility,
  booking: b,
  court,
  person,
  act,
  onClose,
}: {
  api: Api;
  facility: Facility;
  booking: Booking;
  court: string;
  person: Person | null;
  act: Act;
  onClose: () => void;
}) {
  const tz = facility.timezone;
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [panel, setPanel] = useState<"none" | "reject" | "cancel" | "move" | "payments">("none");
  const [fullRefund, setFullRefund] = useState(false);
  const start = formatTime(b.start, tz);
  const what = `${start} on ${court}`;
  const localDate = todayIn(tz, new Date(b.start));
  const [moveDate, setMoveDate] = useState(localDate);
  const [moveTime, setMoveTime] = useState(start);
  const [moveError, setMoveError] = useState<string | null>(null);

  useEffect(() => {
    heading.current?.focus();
  }, [b.id]);

  // The moment the drawer opened: what the refund and the no-show depend on.
  const [now] = useState(() => Date.now());
  const live = b.status === "confirmed";
  const pending = b.approval_status === "pending";
  const started = instant(b.start) <= now;
  const hoursBefore = (instant(b.start) - now) / 3_600_000;
  const byPolicy = refundPercent(facility.policies.cancellation?.tiers ?? [], hoursBefore);
  const percent = pending || fullRefund ? 100 : byPolicy;
  const paid = b.payment_status === "paid" ? b.price.amount : 0;
  const money = (amount: number) => formatMoney({ amount, currency: b.price.currency });
  const minutes = (instant(b.end) - instant(b.start)) / 60_000;

  const move = async () => {
    setMoveError(null);
    if (!isTime(moveTime)) return setMoveError("Give the new start as HH:MM on the 24-hour clock, e.g. 18:00.");
    const slot = await slotAt(api, facility.id, b.resource_id, moveDate, moveTime, minutes).catch(() => undefined);
    if (!slot) return setMoveError(`${moveTime} on ${moveDate} is not on ${court}'s grid for a booking of ${minutes} minutes.`);
    if (!(await act(() => rescheduleBooking(api, b.id, { start: slot.start, end: slot.end }), `Moved to ${formatDay(moveDate)} ${moveTime}.`)))
      return;
    setPanel("none");
    // Moved to another day, it is no longer on the calendar shown.
    if (moveDate !== localDate) onClose();
  };

  return (
    <aside className="drawer" aria-labelledby={`${id}-title`}>
      <div className="drawer-head">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
          Booking {what}
        </h2>
        <button type="button" className="secondary" aria-label={`Close the booking ${what}`} onClick={onClose}>
          Close
        </button>
      </div>
      <dl className="facts">
        <dt>When</dt>
        <dd>
          {formatDay(localDate)}, {start}–{formatTime(b.end, tz)} ({tz})
        </dd>
        <dt>Booked by</dt>
        <dd>
          {person ? person.name : b.user_id ? "An account since deleted" : "The club (no player)"}
          {person?.role && <span className="muted"> ({person.role})</span>}
        </dd>
        <dt>Contact</dt>
        <dd>
          {person?.email ? <a href={`mailto:${person.email}`}>{person.email}</a> : <span className="muted">not known here</span>}
          {person?.phone && (
            <>
              {" · "}
              <a href={`tel:${person.phone}`}>{person.phone}</a>
            </>
          )}
        </dd>
        <dt>Type</dt>
        <dd>
          {typeOf(b)}
          {b.series_id && <span className="badge"> weekly series</span>}
        </dd>
        <dt>Price</dt>
        <dd>{money(b.price.amount)}</dd>
        <dt>Status</dt>
        <dd>
          <span className={`badge ${b.status}`}>{statusOf(b)}</span>
        </dd>
        <dt>Approval</dt>
        <dd>{approvalOf(b)}</dd>
        <dt>Payment</dt>
        <dd>
          {paymentOf(b)}
          {b.payment_method && b.payment_method !== "none" && <> · {b.payment_method}</>}
        </dd>
        <dt>Notes</dt>
        <dd>{b.note ? b.note : <span className="muted">none</span>}</dd>
        {b.status === "cancelled" && (
          <>
            <dt>{b.approval_status === "rejected" ? "Rejected" : "Cancelled"}</dt>
            <dd>
              {b.cancel_reason || "no reason given"}
              {b.refund_amount != null && <> · refunded {money(b.refund_amount)}</>}
            </dd>
          </>
        )}
      </dl>

      {live && (
        <div className="row">
          {pending ? (
            <>
              <button aria-label={`Approve ${what}`} type="button" onClick={() => act(() => approveBooking(api, b.id), "Approved.")}>
                Approve
              </button>
              <button aria-label={`Reject ${what}`} type="button" className="secondary" aria-expanded={panel === "reject"} onClick={() => setPanel(panel === "reject" ? "none" : "reject")}>
                Reject
              </button>
            </>
          ) : (
            <button aria-label={`Check in ${what}`} type="button" onClick={() => act(() => checkIn(api, b.id), "Checked in.")}>
              Check in
            </button>
          )}
          {started && (
            <button aria-label={`No-show ${what}`} type="button" className="secondary" onClick={() => act(() => markNoShow(api, b.id), "Marked as a no-show.")}>
              No-show
            </button>
          )}
          <button aria-label={`Reschedule ${what}`} type="button" className="secondary" aria-expanded={panel === "move"} onClick={() => setPanel(panel === "move" ? "none" : "move")}>
            Reschedule
          </button>
          <button aria-label={`Cancel ${what}`} type="button" className="danger" aria-expanded={panel === "cancel"} onClick={() => setPanel(panel === "cancel" ? "none" : "cancel")}>
            Cancel
          </button>
        </div>
      )}
      <div className="row actions">
        <button aria-label={`Payments ${what}`} type="button" className="secondary" aria-expanded={panel === "payments"} onClick={() => setPanel(panel === "payments" ? "none" : "payments")}>
          Payments
        </button>
      </div>

      {panel === "reject" && pending && (
        <RejectBooking
          what={what}
          onClose={() => setPanel("none")}
          onReject={(reason) =>
            act(
              async () => (await rejectBooking(api, b.id, reason)).booking,
              (r) => `Rejected and cancelled; refund ${money(r.refund_amount ?? 0)}.`,
            )
          }
        />
      )}
      {panel === "cancel" && live && (
        <div role="group" aria-label={`Cancel ${what}`} className="notice">
          <p>
            {pending
              ? "It awaits approval, so it is refunded in full"
              : `Cancelling now refunds ${percent}% of what was paid`}
            {paid > 0 ? ` (${money(Math.round((paid * percent) / 100))})` : " (nothing was paid yet)"}.
          </p>
          {!pending && byPolicy < 100 && (
            <label htmlFor={`${id}-full`}>
              <input id={`${id}-full`} type="checkbox" checked={fullRefund} onChange={(e) => setFullRefund(e.target.checked)} /> Refund in
              full whatever the notice
            </label>
          )}
          <div className="row">
            <button
              type="button"
              className="danger"
              onClick={() =>
                act(
                  () => cancelAtDesk(api, b.id, "Cancelled at the desk", fullRefund),
                  (r) => `Cancelled; refund ${money(r.refund.amount ?? 0)}.`,
                )
              }
            >
              Yes, cancel {what}
            </button>
            <button type="button" className="secondary" onClick={() => setPanel("none")}>
              Keep it
            </button>
          </div>
        </div>
      )}
      {panel === "move" && live && (
        <div role="group" aria-label={`Move ${what}`} className="notice">
          <div className="row">
            <div>
              <label htmlFor={`${id}-date`}>New date</label>
              <input id={`${id}-date`} type="date" value={moveDate} onChange={(e) => setMoveDate(e.target.value)} />
            </div>
            <div>
              <label htmlFor={`${id}-time`}>New start (24 h)</label>
              <TimeField id={`${id}-time`} value={moveTime} onChange={setMoveTime} />
            </div>
            <button type="button" onClick={move}>
              Move booking
            </button>
          </div>
          {moveError && (
            <p role="alert" className="error">
              {moveError}
            </p>
          )}
        </div>
      )}
      {panel === "payments" && (
        <BookingPayments api={api} booking={b} facility={facility} what={what} onChanged={(text) => act(async () => {}, text)} />
      )}
    </aside>
  );
}
