import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, messageOf, type Api } from "../../shared/api/client";
import type { Availability, Booking, Facility, Hold, PaymentIntent } from "../../shared/api/types";
import { addDays, formatDateTime, todayIn, zoneLabel } from "../../shared/time";
import { useLiveReload } from "../../shared/useLiveReload";
import { myBookings } from "../bookings/api";
import { findFacilities } from "../facilities/api";
import { authenticateAtBank, PaymentReturn, readPaymentReturn } from "../payments";
import { addToWaitlist, getAvailability, placeHold, releaseHold } from "./api";
import { BookingGrid, type CourtRange, type SlotChoice } from "./BookingGrid";
import { HoldPanel } from "./HoldPanel";
import { localDate, playerRepeat } from "./repeat";

const FACILITY_KEY = "slotbase.facility";

/// What the panel keeps while the player is at the bank's authentication page: the hold, to pay
/// for it again with another card if the bank says no, and the payment started for it (its
/// deadline is the hold's, and the next card pays the same one).
type HeldSlot = { hold: Hold; court: string; intent?: PaymentIntent };

/// True on a phone-sized screen, following rotation and resizing.
function useNarrow(): boolean {
  const query = "(max-width: 640px)";
  const [narrow, setNarrow] = useState(() => typeof matchMedia === "function" && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== "function") return;
    const m = matchMedia(query);
    const on = () => setNarrow(m.matches);
    m.addEventListener("change", on);
    return () => m.removeEventListener("change", on);
  }, []);
  return narrow;
}

/// Book a court: find a facility, pick a date, length and free slot, hold it and confirm.
export function BookView({ api, onBooked }: { api: Api; onBooked: (b: Booking) => void }) {
  const [facilities, setFacilities] = useState<Facility[] | null>(null);
  const [facility, setFacility] = useState<Facility | null>(null);
  const [date, setDate] = useState<string>("");
  const [duration, setDuration] = useState<number>(60);
  const [availability, setAvailability] = useState<Availability | null>(null);
  const [mine, setMine] = useState<CourtRange[]>([]);
  const [hold, setHold] = useState<HeldSlot | null>(null);
  const [picked, setPicked] = useState<SlotChoice | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "info" | "success"; text: string } | null>(null);
  const [confirmed, setConfirmed] = useState<Booking | null>(null);
  const [query, setQuery] = useState("");
  // Back from the bank's authentication page: the payment's outcome is shown first.
  const [returning, setReturning] = useState(() => readPaymentReturn<HeldSlot>());
  const [paymentNotice, setPaymentNotice] = useState<string | undefined>();
  const narrow = useNarrow();

  useEffect(() => {
    findFacilities(api, query)
      .then((items) => {
        setFacilities(items);
        const saved = localStorage.getItem(FACILITY_KEY);
        const chosen = items.find((f) => f.id === saved) ?? (items.length === 1 ? items[0] : null);
        if (chosen && !facility) choose(chosen);
      })
      .catch((e) => setMessage({ kind: "error", text: messageOf(e) }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, query]);

  function choose(f: Facility) {
    setFacility(f);
    localStorage.setItem(FACILITY_KEY, f.id);
    setDate(todayIn(f.timezone));
    setDuration(Math.max(60, f.policies.min_duration_minutes));
    setHold(null);
    setConfirmed(null);
  }

  const latest = useRef(0);
  const load = useCallback(async () => {
    if (!facility || !date) return;
    const ticket = ++latest.current;
    try {
      const [a, bookings] = await Promise.all([getAvailability(api, facility.id, date, duration), myBookings(api)]);
      if (ticket === latest.current) {
        // an older answer never overwrites a newer one
        setAvailability(a);
        setMine(
          bookings
            .filter((b) => b.facility_id === facility.id && b.status !== "cancelled")
            .map((b) => ({ resourceId: b.resource_id, start: b.start, end: b.end })),
        );
      }
    } catch (e) {
      if (ticket === latest.current) setMessage({ kind: "error", text: messageOf(e) });
    }
  }, [api, facility, date, duration]);

  // Someone else's hold or booking shows up without a reload.
  useLiveReload(facility?.id, load);

  async function pick(choice: SlotChoice) {
    setMessage(null);
    setConfirmed(null);
    if (choice.mine === "hold") return;
    if (choice.mine === "booking") {
      setPicked(null);
      setMessage({ kind: "info", text: "This is your booking. Cancel or move it from My bookings." });
      return;
    }
    if (choice.slot.status !== "available") {
      setPicked(choice);
      return;
    }
    if (hold) {
      try {
        await releaseHold(api, hold.hold.id);
      } catch {
        // it may have lapsed already
      }
    }
    try {
      const h = await placeHold(api, {
        resource_id: choice.resourceId,
        start: choice.slot.start,
        end: choice.slot.end,
      });
      setHold({ hold: h, court: choice.resourceName });
      setPaymentNotice(undefined);
      setPicked(null);
      load();
    } catch (e) {
      const taken = e instanceof ApiError && e.status === 409;
      setMessage({
        kind: "error",
        text: taken ? "Sorry, someone just took that slot. The grid is up to date now; pick another time." : messageOf(e),
      });
      load();
    }
  }

  async function joinWaitlist(choice: SlotChoice) {
    try {
      await addToWaitlist(api, { resource_id: choice.resourceId, start: choice.slot.start, end: choice.slot.end });
      setMessage({ kind: "success", text: "You are on the waitlist. If the slot frees up, it is held for you and you are notified." });
      setPicked(null);
    } catch (e) {
      setMessage({ kind: "error", text: messageOf(e) });
    }
  }

  if (facilities === null) return <p role="status">Loading facilities…</p>;
  if (!facility)
    return (
      <section className="panel" aria-labelledby="find-title">
        <h2 id="find-title">Find a facility</h2>
        <label htmlFor="facility-search">Search by name</label>
        <input id="facility-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        <ul className="plain">
          {facilities.map((f) => (
            <li key={f.id}>
              <span>
                {f.name} <span className="muted">({f.timezone})</span>
              </span>
              <button type="button" onClick={() => choose(f)}>
                Book at {f.name}
              </button>
            </li>
          ))}
        </ul>
        {facilities.length === 0 && <p className="muted">No facilities found.</p>}
      </section>
    );

  const durations: number[] = [];
  for (let m = facility.policies.min_duration_minutes; m <= facility.policies.max_duration_minutes; m += facility.policies.slot_step_minutes)
    durations.push(m);

  const panelOpen = Boolean(hold || picked || confirmed || message || returning);
  const closePanel = () => {
    setPicked(null);
    setConfirmed(null);
    setMessage(null);
  };

  return (
    <div className={`book-layout${panelOpen ? " with-panel" : ""}`}>
      <section className="panel" aria-labelledby="book-title">
        <h2 id="book-title">Book a court at {facility.name}</h2>
        <p className="muted">
          All times are in {facility.timezone} ({zoneLabel(facility.timezone)}).{" "}
          {facilities.length > 1 && (
            <button type="button" className="secondary" onClick={() => setFacility(null)}>
              Change facility
            </button>
          )}
        </p>
        <div className="row">
          <div>
            <label htmlFor="date">Date</label>
            <input
              id="date"
              type="date"
              value={date}
              min={todayIn(facility.timezone)}
              max={addDays(todayIn(facility.timezone), facility.policies.booking_window_days)}
              onChange={(e) => setDate(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor="duration">Duration</label>
            <select id="duration" value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
              {durations.map((m) => (
                <option key={m} value={m}>
                  {m} minutes
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="legend" aria-hidden="true">
          <span className="slot available">available</span>
          <span className="slot mine">yours</span>
          <span className="slot held">held</span>
          <span className="slot booked">booked</span>
          <span className="slot blocked">maintenance</span>
          <span className="slot closed">not bookable</span>
        </div>
        {availability && (
          <BookingGrid
            asList={narrow}
            availability={availability}
            selected={hold ? { resourceId: hold.hold.resource_id, start: hold.hold.start, end: hold.hold.end } : undefined}
            myBookings={mine}
            onPick={pick}
          />
        )}
      </section>
      {panelOpen && (
        // The selected slot, in view wherever it is on the grid: a side panel beside the grid on a
        // wide screen, a sheet over the bottom of a phone's.
        <div className="slot-panel">
          {message && (
            <p
              role={message.kind === "error" ? "alert" : "status"}
              className={message.kind === "error" ? "error" : message.kind === "success" ? "success" : "notice"}
            >
              {message.text}
            </p>
          )}
          {returning ? (
            <PaymentReturn
              api={api}
              intentId={returning.intentId}
              onBooked={(b) => {
                setReturning(null);
                setConfirmed(b);
                setDate(localDate(b.start, facility.timezone));
                onBooked(b);
                load();
              }}
              onFailed={(text) => {
                // With the hold kept, the player tries another card on it; the card step says why.
                const kept = returning.context;
                setReturning(null);
                if (kept) {
                  setHold(kept);
                  setPaymentNotice(text);
                  setDate(localDate(kept.hold.start, facility.timezone));
                } else setMessage({ kind: "error", text });
                load();
              }}
            />
          ) : hold ? (
            <HoldPanel
              key={hold.hold.id}
              api={api}
              hold={hold.hold}
              facilityId={facility.id}
              intent={hold.intent}
              courtName={hold.court}
              timeZone={facility.timezone}
              repeat={playerRepeat(facility.policies)}
              payAtBooking={facility.policies.payment_timing === "at_booking"}
              notice={paymentNotice}
              onAuthenticate={(intent) => authenticateAtBank(intent, { hold: hold.hold, court: hold.court, intent } satisfies HeldSlot)}
              onSeriesBooked={(s) => {
                setHold(null);
                const n = s.occurrences?.length ?? 0;
                setMessage({ kind: "success", text: `Weekly series booked: ${n} occurrence${n === 1 ? "" : "s"}. Find them in My bookings.` });
                load();
              }}
              onConfirmed={(b) => {
                setHold(null);
                setConfirmed(b);
                onBooked(b);
                load();
              }}
              onGone={(text) => {
                setHold(null);
                setMessage({ kind: "info", text });
                load();
              }}
            />
          ) : (
            <section className="panel" aria-label={confirmed ? "Booking confirmed" : picked ? "This slot is taken" : "Notice"}>
              {picked && (
                <>
                  <p>
                    {picked.resourceName} at {formatDateTime(picked.slot.start, facility.timezone)} is taken. Join the waitlist and
                    it is held for you if it frees up.
                  </p>
                  <button type="button" onClick={() => joinWaitlist(picked)}>
                    Join the waitlist
                  </button>
                </>
              )}
              {confirmed && (
                <>
                  <h2>Booking confirmed</h2>
                  <p role="status" className="success">
                    You are booked for {formatDateTime(confirmed.start, facility.timezone)} ({facility.timezone}). Payment:{" "}
                    {confirmed.payment_status}.
                    {confirmed.approval_status === "pending" && " The facility will approve it shortly."}
                  </p>
                </>
              )}
              <div className="row" style={{ marginTop: 12 }}>
                <button type="button" className="secondary" onClick={closePanel}>
                  Close
                </button>
              </div>
            </section>
          )}
        </div>
      )}
    </div>
  );
}
