import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiError, messageOf, type Api } from "../../shared/api/client";
import type { Availability, Booking, Facility, Hold, Hours, PaymentIntent, Pricing, Slot } from "../../shared/api/types";
import { formatMoney } from "../../shared/money";
import { explainPrice, priceSetting, type PriceReason } from "../../shared/prices";
import { addDays, formatDateTime, formatDay, formatTime, instant, todayIn, zoneLabel } from "../../shared/time";
import { accentStyle } from "../../shared/accent";
import { useLiveReload } from "../../shared/useLiveReload";
import { myBookings } from "../bookings/api";
import { FacilityPage } from "../facilities";
import { MembersOnly } from "../players";
import { findFacilities, getHours, listResources, pricesOf } from "../facilities/api";
import { authenticateAtBank, PaymentReturn, readPaymentReturn } from "../payments";
import { addToWaitlist, getAvailability, placeHold, releaseHold } from "./api";
import { BookingGrid, type CourtRange, type SlotChoice } from "./BookingGrid";
import { firstBookableDay, nextAvailable, upcoming } from "./days";
import { HoldPanel } from "./HoldPanel";
import { localDate, playerRepeat } from "./repeat";

const FACILITY_KEY = "slotbase.facility";

/// What the panel keeps while the player is at the bank's authentication page: the hold, to pay
/// for it again with another card if the bank says no, and the payment started for it (its
/// deadline is the hold's, and the next card pays the same one).
type HeldSlot = { hold: Hold; court: string; intent?: PaymentIntent };

/// What explains a facility's prices: its holidays and each court's price list.
type PriceBook = { facilityId: string; hours: Hours; prices: Map<string, Pricing | null> };

/// A member's price, said once for a day on which every slot has it.
const MEMBER_NOTE = "Member prices: you pay the members' rate at this club.";

/// Two reasons say the same where they are of one kind (and, for peak times, one rule).
function sameReason(a: PriceReason, b: PriceReason): boolean {
  return a.kind === b.kind && (a.kind === "member" || a.kind === "weekend" || a.kind === "holiday" || a.text === b.text);
}

/// How many free slots the phone's "Next available" list offers.
const NEXT_COUNT = 5;

/// The time now, moving on every half minute (and whenever `tick` is called): slots that start
/// before it leave the grid.
function useNow(): [number, () => void] {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  return [now, useCallback(() => setNow(Date.now()), [])];
}

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

/// Book a court: find a facility, pick a date, length and free slot, hold it and confirm. The grid
/// opens on the first day with a free slot and hides the times that have passed; on a phone it is
/// a list per court, with a court filter and the next few free slots first. A club's page (where
/// it is, its hours, courts, prices and rules) opens from the list of clubs and from the grid.
export function BookView({ api, onBooked }: { api: Api; onBooked: (b: Booking) => void }) {
  const [facilities, setFacilities] = useState<Facility[] | null>(null);
  const [facility, setFacility] = useState<Facility | null>(null);
  const [date, setDate] = useState<string>("");
  const [duration, setDuration] = useState<number>(60);
  // The grid's answer and what it answers (facility, date, length): one for another day or length
  // is not shown, so a slot of the day before can never be picked after the date changed.
  const [answer, setAnswer] = useState<{ key: string; availability: Availability } | null>(null);
  const [mine, setMine] = useState<CourtRange[]>([]);
  const [hold, setHold] = useState<HeldSlot | null>(null);
  const [picked, setPicked] = useState<SlotChoice | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "info" | "success"; text: string } | null>(null);
  const [confirmed, setConfirmed] = useState<Booking | null>(null);
  const [query, setQuery] = useState("");
  // Back from the bank's authentication page: the payment's outcome is shown first.
  const [returning, setReturning] = useState(() => readPaymentReturn<HeldSlot>());
  const [paymentNotice, setPaymentNotice] = useState<string | undefined>();
  // The club whose page is open, over the list or the grid.
  const [about, setAbout] = useState<Facility | null>(null);
  const [court, setCourt] = useState("");
  // The club refused a hold: only its members book (403 not-a-member).
  const [refused, setRefused] = useState(false);
  const [book, setBook] = useState<PriceBook | null>(null);
  const narrow = useNarrow();
  const [now, tick] = useNow();
  const choosing = useRef(0);

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

  /// Opens the facility's grid on its first day with a free slot (today, unless today is over,
  /// closed or full). The date field appears once that day is known.
  async function choose(f: Facility) {
    const ticket = ++choosing.current;
    const minutes = Math.max(60, f.policies.min_duration_minutes);
    setFacility(f);
    setAbout(null);
    localStorage.setItem(FACILITY_KEY, f.id);
    setDate("");
    setAnswer(null);
    setCourt("");
    setDuration(minutes);
    setHold(null);
    setConfirmed(null);
    setRefused(false);
    let day = todayIn(f.timezone);
    try {
      day = await firstBookableDay(api, f, minutes, Date.now());
    } catch {
      // the grid's own load says what is wrong
    }
    if (ticket === choosing.current) setDate((picked) => picked || day);
  }

  // The courts' price lists and the holidays, which say why a slot costs what it does. Without
  // them (they could not be read) prices go unexplained, and nothing else changes.
  useEffect(() => {
    if (!facility) return;
    let live = true;
    Promise.all([getHours(api, facility.id), listResources(api, facility.id).then((courts) => pricesOf(api, courts))]).then(
      ([hours, prices]) => live && setBook({ facilityId: facility.id, hours, prices }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, facility]);

  const latest = useRef(0);
  const load = useCallback(async () => {
    if (!facility || !date) return;
    const ticket = ++latest.current;
    const key = `${facility.id}|${date}|${duration}`;
    try {
      const [a, bookings] = await Promise.all([getAvailability(api, facility.id, date, duration), myBookings(api)]);
      if (ticket === latest.current) {
        // an older answer never overwrites a newer one
        tick();
        setAnswer({ key, availability: a });
        setMine(
          bookings
            .filter((b) => b.facility_id === facility.id && b.status !== "cancelled")
            .map((b) => ({ resourceId: b.resource_id, start: b.start, end: b.end })),
        );
      }
    } catch (e) {
      if (ticket === latest.current) setMessage({ kind: "error", text: messageOf(e) });
    }
  }, [api, facility, date, duration, tick]);

  const availability = facility && answer?.key === `${facility.id}|${date}|${duration}` ? answer.availability : null;

  // On a phone, one court or all of them.
  const shownCourt = availability?.resources.some((r) => r.resource_id === court) ? court : "";
  const shown = useMemo(
    () =>
      availability && shownCourt
        ? { ...availability, resources: availability.resources.filter((r) => r.resource_id === shownCourt) }
        : availability,
    [availability, shownCourt],
  );

  // Why each free slot shown costs what it does, worked out once per answer. What holds for every
  // one of them (a member's prices, a weekend's rate) is said once above the grid instead.
  const pricesWhy = useMemo(() => {
    const bySlot = new Map<string, PriceReason[]>();
    let common: PriceReason[] | undefined;
    if (!facility || !shown || !book || book.facilityId !== facility.id) return { bySlot, common: [] };
    const setting = priceSetting(facility.timezone, facility.policies, book.hours.holidays);
    for (const r of upcoming(shown, now).resources)
      for (const slot of r.slots) {
        if (slot.status !== "available") continue;
        const why = explainPrice(book.prices.get(r.resource_id), setting, slot) ?? [];
        common = common === undefined ? why : common.filter((c) => why.some((w) => sameReason(c, w)));
        bySlot.set(`${r.resource_id}|${instant(slot.start)}`, why);
      }
    const all = common ?? [];
    for (const [key, why] of bySlot) bySlot.set(key, why.filter((w) => !all.some((c) => sameReason(c, w))));
    return { bySlot, common: all };
  }, [facility, shown, book, now]);
  const reasonsOf = (resourceId: string, slot: Pick<Slot, "start">) => pricesWhy.bySlot.get(`${resourceId}|${instant(slot.start)}`);
  // A hold's price explained the same way (its slot may be on another day than the grid's).
  const holdReasons = (h: Hold): PriceReason[] | undefined => {
    if (!facility || !book || book.facilityId !== facility.id) return undefined;
    return explainPrice(book.prices.get(h.resource_id), priceSetting(facility.timezone, facility.policies, book.hours.holidays), h);
  };

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
      if (e instanceof ApiError && e.rule === "not-a-member") setRefused(true);
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
  if (about)
    return (
      <div className="club-accent" style={accentStyle(about.settings?.accent_color)}>
        <FacilityPage
          key={about.id}
          api={api}
          facilityId={about.id}
          onBook={() => (facility?.id === about.id ? setAbout(null) : choose(about))}
          onBack={() => setAbout(null)}
          backLabel={facility ? "Back to booking" : "Back to the clubs"}
        />
      </div>
    );
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
              <span className="row">
                <button type="button" className="secondary" onClick={() => setAbout(f)}>
                  About {f.name}
                </button>
                <button type="button" onClick={() => choose(f)}>
                  Book at {f.name}
                </button>
              </span>
            </li>
          ))}
        </ul>
        {facilities.length === 0 && <p className="empty">No facilities found.</p>}
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
    <div className={`book-layout${panelOpen ? " with-panel" : ""}`} style={accentStyle(facility.settings?.accent_color)}>
      <section className="panel" aria-labelledby="book-title">
        <div className="club-title">
          {facility.logo_url && <img className="logo" src={facility.logo_url} alt={`Logo of ${facility.name}`} />}
          <h2 id="book-title">Book a court at {facility.name}</h2>
        </div>
        <p className="muted">
          All times are in {facility.timezone} ({zoneLabel(facility.timezone)}).{" "}
          <button type="button" className="secondary" onClick={() => setAbout(facility)}>
            About this club
          </button>{" "}
          {facilities.length > 1 && (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                choosing.current += 1; // a first day still being looked for is not wanted any more
                setFacility(null);
              }}
            >
              Change facility
            </button>
          )}
        </p>
        <MembersOnly key={facility.id} api={api} facility={facility} refused={refused} />
        {!date ? (
          <p role="status">Finding the first day with a free court…</p>
        ) : (
          <>
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
              {narrow && availability && availability.resources.length > 1 && (
                <div>
                  <label htmlFor="court-filter">Court</label>
                  <select id="court-filter" value={shownCourt} onChange={(e) => setCourt(e.target.value)}>
                    <option value="">All courts</option>
                    {availability.resources.map((r) => (
                      <option key={r.resource_id} value={r.resource_id}>
                        {r.name}
                      </option>
                    ))}
                  </select>
                </div>
              )}
            </div>
            <div className="legend" aria-hidden="true">
              <span className="slot available">available</span>
              <span className="slot mine">yours</span>
              <span className="slot held">held</span>
              <span className="slot booked">booked</span>
              <span className="slot blocked">maintenance</span>
              <span className="slot closed">not bookable</span>
            </div>
            {pricesWhy.common.length > 0 && (
              <p className="notice price-note">{pricesWhy.common.map((r) => (r.kind === "member" ? MEMBER_NOTE : r.text)).join(" ")}</p>
            )}
            {narrow && shown && (
              <NextAvailable
                availability={shown}
                now={now}
                day={date === todayIn(facility.timezone) ? "today" : formatDay(date)}
                reasonsOf={reasonsOf}
                onPick={pick}
              />
            )}
            {shown ? (
              <BookingGrid
                asList={narrow}
                availability={shown}
                now={now}
                priceReasons={reasonsOf}
                selected={hold ? { resourceId: hold.hold.resource_id, start: hold.hold.start, end: hold.hold.end } : undefined}
                myBookings={mine}
                onPick={pick}
              />
            ) : (
              <p className="muted">Loading the courts…</p>
            )}
          </>
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
              priceReasons={holdReasons(hold.hold)}
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
              <div className="row actions">
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

/// On a phone, the next few free slots across the courts shown, soonest first: one tap holds one.
function NextAvailable({
  availability,
  now,
  day,
  reasonsOf,
  onPick,
}: {
  availability: Availability;
  now: number;
  /// "today", or the day's date.
  day: string;
  reasonsOf: (resourceId: string, slot: Slot) => PriceReason[] | undefined;
  onPick: (choice: SlotChoice) => void;
}) {
  const tz = availability.timezone;
  const next = nextAvailable(availability, now, NEXT_COUNT);
  return (
    <section className="next-available" aria-labelledby="next-title">
      <h3 id="next-title">Next available {day === "today" ? "today" : `on ${day}`}</h3>
      {next.length === 0 ? (
        <p className="muted">No free courts left on this day.</p>
      ) : (
        <ul className="plain">
          {next.map(({ resourceId, resourceName, slot }) => {
            const why = (reasonsOf(resourceId, slot) ?? []).map((r) => r.short).join(", ");
            return (
              <li key={`${resourceId}|${slot.start}`}>
                <button type="button" className="slot available" onClick={() => onPick({ resourceId, resourceName, slot })}>
                  {formatTime(slot.start, tz)}–{formatTime(slot.end, tz)}, {resourceName}, {formatMoney(slot.price)}
                  {why && (
                    <span className="why">
                      <span className="sr-only">, </span>
                      {why}
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
