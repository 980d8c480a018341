import { useCallback, useEffect, useRef, useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Block, Booking, Facility, Hours, MemberEntry, Resource, StaffEntry } from "../../shared/api/types";
import { addDays, formatDay, formatMonth, formatTime, todayIn } from "../../shared/time";
import { useLiveReload } from "../../shared/useLiveReload";
import { getAvailability } from "../availability/api";
import { facilityBookings } from "../bookings/api";
import { getHours, listResources } from "../facilities/api";
import { listStaff } from "../lists/api";
import { allMembers, listBlocks, removeBlock } from "./api";
import { BookingDrawer } from "./BookingDrawer";
import "./calendar.css";
import { DayGrid, type Range } from "./DayGrid";
import { BlockCourt, BookForMember, type Preset } from "./DeskForms";
import { addMonths, dayRows, heldRows, monthWeeks, shownSpan, weekDates, type Row } from "./grid";
import { MonthView, WeekView } from "./Views";
import { statusWords } from "./words";

type View = "day" | "week" | "month";

interface Loaded {
  resources: Resource[];
  hours: Hours;
  bookings: Map<string, Booking[]>;
  blocks: Map<string, Block[]>;
  held: Map<string, boolean[]>;
  rows: Row[];
}

/// The desk's calendar: courts as columns in their colours and time as rows for a day, a week
/// with each day's bookings marked by court, a month with a dot per booking. Bookings, blocks,
/// holds and closed hours are drawn at their times in the facility's zone; a free slot books
/// there, a drag over several books or blocks them, a booking opens its drawer. Live over /ws.
export function DaySheet({ api, facility }: { api: Api; facility: Facility }) {
  const tz = facility.timezone;
  const step = facility.policies.slot_step_minutes || 30;
  const [view, setView] = useState<View>("day");
  const [date, setDate] = useState(todayIn(tz));
  const [data, setData] = useState<Loaded | null>(null);
  const [people, setPeople] = useState<{ members: MemberEntry[]; staff: StaffEntry[] }>({ members: [], staff: [] });
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [open, setOpen] = useState<Booking | null>(null);
  const [chooser, setChooser] = useState<Range | null>(null);
  const [form, setForm] = useState<{ kind: "book" | "block"; preset?: Preset; n: number }>({ kind: "book", n: 0 });
  const latest = useRef(0);

  const dates = view === "day" ? [date] : view === "week" ? weekDates(date) : monthWeeks(date).dates;

  // Reads everything first and shows it only if no newer load started meanwhile, so a slow answer
  // for the day before never overwrites the day now chosen.
  const load = useCallback(async () => {
    const mine = ++latest.current;
    try {
      const shown = view === "day" ? [date] : view === "week" ? weekDates(date) : monthWeeks(date).dates;
      const [resources, hours, dayBookings, dayBlocks, availability] = await Promise.all([
        listResources(api, facility.id),
        getHours(api, facility.id),
        Promise.all(shown.map((d) => facilityBookings(api, facility.id, d))),
        // The month shows bookings only.
        view === "month" ? Promise.resolve([]) : Promise.all(shown.map((d) => listBlocks(api, facility.id, d))),
        // Holds show on the day's grid, as the availability grid has them.
        view === "day"
          ? getAvailability(api, facility.id, date, facility.policies.min_duration_minutes).catch(() => null)
          : Promise.resolve(null),
      ]);
      if (mine !== latest.current) return;
      const courts = resources.filter((r) => r.status === "active");
      const rows = dayRows(date, hours, shownSpan(hours, [date]), step, tz);
      const held = new Map<string, boolean[]>();
      for (const r of availability?.resources ?? []) held.set(r.resource_id, heldRows(rows, r.slots));
      setData({
        resources: courts,
        hours,
        bookings: new Map(shown.map((d, i) => [d, dayBookings[i]])),
        blocks: new Map(shown.map((d, i) => [d, dayBlocks[i] ?? []])),
        held,
        rows,
      });
    } catch (e) {
      if (mine === latest.current) setMessage({ error: true, text: messageOf(e) });
    }
  }, [api, facility.id, facility.policies.min_duration_minutes, date, view, step, tz]);

  useLiveReload(facility.id, load);

  // The people bookings are made for, for names and the member picker; staff may not list staff.
  useEffect(() => {
    let current = true;
    Promise.all([allMembers(api, facility.id), listStaff(api, facility.id).catch(() => [])]).then(
      ([members, staff]) => current && setPeople({ members, staff }),
      (e) => current && setMessage({ error: true, text: messageOf(e) }),
    );
    return () => {
      current = false;
    };
  }, [api, facility.id]);

  const act = async <T,>(fn: () => Promise<T>, text: string | ((result: T) => string)) => {
    setMessage(null);
    try {
      const result = await fn();
      setMessage({ error: false, text: typeof text === "string" ? text : text(result) });
      await load();
      return true;
    } catch (e) {
      setMessage({ error: true, text: messageOf(e) });
      return false;
    }
  };

  const personOf = (userId: string) => {
    const m = people.members.find((x) => x.user_id === userId);
    if (m) return { name: m.name || m.email, email: m.email };
    const s = people.staff.find((x) => x.user_id === userId);
    if (s) return { name: s.name || s.email, email: s.email, role: `club booking by ${s.role}` };
    return null;
  };
  const nameOf = (userId: string) => personOf(userId)?.name ?? "Player";

  // The open booking as last loaded, so the drawer follows its changes.
  const all = data ? [...data.bookings.values()].flat() : [];
  const shownBooking = open ? (all.find((b) => b.id === open.id) ?? open) : null;
  const courtName = (id: string) => data?.resources.find((r) => r.id === id)?.name ?? "Court";

  const rows = data?.rows ?? [];
  const hhmm = (ms: number) => formatTime(new Date(ms).toISOString(), tz);
  const openForm = (kind: "book" | "block", court: string, first: number, last: number) => {
    setChooser(null);
    setForm((f) => ({ kind, preset: { court, time: hhmm(rows[first].start), minutes: Math.round((rows[last - 1].end - rows[first].start) / 60_000) }, n: f.n + 1 }));
  };

  const go = (days: number) =>
    setDate(view === "month" ? addMonths(date, days) : addDays(date, view === "week" ? 7 * days : days));
  const title =
    view === "day"
      ? formatDay(date, true)
      : view === "week"
        ? `Week of ${formatDay(dates[0], true)}`
        : formatMonth(date.slice(0, 7));
  const dayBookings = data?.bookings.get(date) ?? [];
  const cancelled = view === "day" ? dayBookings.filter((b) => b.status === "cancelled") : [];
  const holiday = data?.hours.holidays?.find((h) => h.date === date);

  return (
    <>
      <div className="cal-layout">
      <section className="panel" aria-labelledby="sheet-title">
        <h2 id="sheet-title">Calendar</h2>
        <div className="row cal-bar">
          <div className="cal-views" role="group" aria-label="View">
            {(["day", "week", "month"] as View[]).map((v) => (
              <button key={v} type="button" className="secondary" aria-pressed={view === v} onClick={() => setView(v)}>
                {v[0].toUpperCase() + v.slice(1)}
              </button>
            ))}
          </div>
          <div>
            <label htmlFor="sheet-date">Date</label>
            <input id="sheet-date" type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />
          </div>
          <button type="button" className="secondary" onClick={() => go(-1)}>
            Previous {view}
          </button>
          <button type="button" className="secondary" onClick={() => setDate(todayIn(tz))}>
            Today
          </button>
          <button type="button" className="secondary" onClick={() => go(1)}>
            Next {view}
          </button>
        </div>
        <h3 className="cal-title">
          {title}
          {view === "day" && holiday && <span className="holiday"> · {holiday.name}{holiday.closed !== false ? " (closed)" : " (modified hours)"}</span>}
        </h3>
        <p className="muted">Times in {tz}, 24-hour clock.</p>
        {message && (
          <p role={message.error ? "alert" : "status"} className={message.error ? "error" : "success"}>
            {message.text}
          </p>
        )}
        {!data ? (
          <p role="status">Loading…</p>
        ) : view === "day" ? (
          <DayGrid
            data={{ resources: data.resources, rows: data.rows, bookings: dayBookings, blocks: data.blocks.get(date) ?? [], held: data.held }}
            tz={tz}
            nameOf={nameOf}
            onSlot={(court, row) => openForm("book", court, row, row + Math.max(1, Math.round((facility.policies.min_duration_minutes || step) / step)))}
            onRange={setChooser}
            onBooking={setOpen}
            onRemoveBlock={(b) => act(() => removeBlock(api, b.id), "Block removed.")}
          />
        ) : view === "week" ? (
          <WeekView
            dates={dates}
            tz={tz}
            hours={data.hours}
            resources={data.resources}
            bookings={data.bookings}
            blocks={data.blocks}
            nameOf={nameOf}
            onDay={(d) => {
              setDate(d);
              setView("day");
            }}
            onBooking={setOpen}
          />
        ) : (
          <MonthView
            month={date.slice(0, 7)}
            weeks={monthWeeks(date).weeks}
            tz={tz}
            hours={data.hours}
            resources={data.resources}
            bookings={data.bookings}
            onDay={(d) => {
              setDate(d);
              setView("day");
            }}
          />
        )}
        {cancelled.length > 0 && (
          <>
            <h3>Cancelled this day</h3>
            <ul className="plain" aria-label="Cancelled this day">
              {cancelled.map((b) => (
                <li key={b.id}>
                  <button type="button" className="link" onClick={() => setOpen(b)}>
                    {formatTime(b.start, tz)}–{formatTime(b.end, tz)} {courtName(b.resource_id)} · {nameOf(b.user_id)} · {statusWords(b)}
                    {b.cancel_reason ? ` · ${b.cancel_reason}` : ""}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {shownBooking && (
        <BookingDrawer
          key={shownBooking.id}
          api={api}
          facility={facility}
          booking={shownBooking}
          court={courtName(shownBooking.resource_id)}
          person={personOf(shownBooking.user_id)}
          act={act}
          onClose={() => setOpen(null)}
        />
      )}
      </div>
      {chooser && rows[chooser.first] && (
        <div className="chooser" role="dialog" aria-labelledby="chooser-title">
          <p id="chooser-title">
            {courtName(chooser.court)}, {hhmm(rows[chooser.first].start)} to {hhmm(rows[chooser.last - 1].end)}
          </p>
          <div className="row">
            <button type="button" autoFocus onClick={() => openForm("book", chooser.court, chooser.first, chooser.last)}>
              Book
            </button>
            <button type="button" className="secondary" onClick={() => openForm("block", chooser.court, chooser.first, chooser.last)}>
              Block
            </button>
            <button type="button" className="secondary" onClick={() => setChooser(null)}>
              Never mind
            </button>
          </div>
        </div>
      )}
      <BookForMember
        key={`book${form.kind === "book" ? form.n : 0}`}
        api={api}
        facility={facility}
        date={date}
        resources={data?.resources ?? []}
        members={people.members}
        preset={form.kind === "book" ? form.preset : undefined}
        onDone={(t) => act(async () => {}, t)}
        onError={(t) => setMessage({ error: true, text: t })}
      />
      <BlockCourt
        key={`block${form.kind === "block" ? form.n : 0}`}
        api={api}
        facility={facility}
        date={date}
        resources={data?.resources ?? []}
        preset={form.kind === "block" ? form.preset : undefined}
        onDone={(t) => act(async () => {}, t)}
        onError={(t) => setMessage({ error: true, text: t })}
      />
    </>
  );
}
