import { useCallback, useEffect, useRef, useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Block, Facility, Hold, Hours, MemberEntry, Resource, StaffBooking, StaffEntry } from "../../shared/api/types";
import { addDays, formatDay, formatMonth, formatTime, todayIn } from "../../shared/time";
import { useLiveReload } from "../../shared/useLiveReload";
import { facilityBookingsBetween } from "../bookings/api";
import { getHours, listResources } from "../facilities/api";
import { listStaff } from "../lists/api";
import { allMembers, blocksBetween, holdsBetween, removeBlock } from "./api";
import { BookingDrawer, type Person } from "./BookingDrawer";
import "./calendar.css";
import { DayGrid, type Range } from "./DayGrid";
import { BlockCourt, BookForMember, type Preset } from "./DeskForms";
import { addMonths, byDate, dayRows, monthWeeks, shownSpan, weekDates, type Row } from "./grid";
import { MonthView, WeekView } from "./Views";
import { statusWords } from "./words";

type View = "day" | "week" | "month";

interface Loaded {
  resources: Resource[];
  hours: Hours;
  bookings: Map<string, StaffBooking[]>;
  blocks: Map<string, Block[]>;
  holds: Hold[];
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
  const [open, setOpen] = useState<StaffBooking | null>(null);
  const [chooser, setChooser] = useState<Range | null>(null);
  const [form, setForm] = useState<{ kind: "book" | "block"; preset?: Preset; n: number }>({ kind: "book", n: 0 });
  const latest = useRef(0);

  const dates = view === "day" ? [date] : view === "week" ? weekDates(date) : monthWeeks(date).dates;

  // Reads everything first and shows it only if no newer load started meanwhile, so a slow answer
  // for the day before never overwrites the day now chosen. One request per kind for the whole
  // view (a week or a month is one range, not a request a day).
  const load = useCallback(async () => {
    const mine = ++latest.current;
    try {
      const shown = view === "day" ? [date] : view === "week" ? weekDates(date) : monthWeeks(date).dates;
      const [first, last] = [shown[0], shown[shown.length - 1]];
      const [resources, hours, bookings, blocks, holds] = await Promise.all([
        listResources(api, facility.id),
        getHours(api, facility.id),
        facilityBookingsBetween(api, facility.id, first, last),
        // The month shows bookings only.
        view === "month" ? Promise.resolve([]) : blocksBetween(api, facility.id, first, last),
        // Holds show on the day's grid at their own times.
        view === "day" ? holdsBetween(api, facility.id, date, date) : Promise.resolve([]),
      ]);
      if (mine !== latest.current) return;
      const courts = resources.filter((r) => r.status === "active");
      const rows = dayRows(date, hours, shownSpan(hours, [date]), step, tz);
      setData({ resources: courts, hours, bookings: byDate(bookings, shown, tz), blocks: byDate(blocks, shown, tz), holds, rows });
    } catch (e) {
      if (mine === latest.current) setMessage({ error: true, text: messageOf(e) });
    }
  }, [api, facility.id, date, view, step, tz]);

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

  // The server names every booking's player for staff, members or not; the staff list only adds
  // the role of a colleague who booked for the club.
  const personOf = (b: StaffBooking): Person | null => {
    const s = people.staff.find((x) => x.user_id === b.user_id);
    const role = s ? `club booking by ${s.role}` : undefined;
    if (b.player) return { name: b.player.name || b.player.email, email: b.player.email, phone: b.player.phone, role };
    return s ? { name: s.name || s.email, email: s.email, role } : null;
  };

  // The open booking as last loaded, so the drawer follows its changes.
  const all = data ? [...data.bookings.values()].flat() : [];
  const nameOf = (userId: string) => {
    const b = all.find((x) => x.user_id === userId && x.player);
    return b?.player?.name || b?.player?.email || (userId ? "Player" : "The club");
  };
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
          <div className="cal-views segmented" role="group" aria-label="View">
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
            data={{ resources: data.resources, rows: data.rows, bookings: dayBookings, blocks: data.blocks.get(date) ?? [], holds: data.holds }}
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
          person={personOf(shownBooking)}
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
